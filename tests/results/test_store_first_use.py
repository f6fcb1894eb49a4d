"""Safe first use: any number of processes opening a new store at once create it exactly once
(one transaction that takes the write lock first, idempotent DDL, a busy timeout), and every
one of them stores its run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from results_helpers import SCENARIO_FILE

from simulasi.store import Store
from simulasi.store.opener import is_postgres, open_store
from simulasi.store.schema import SCHEMA_VERSION

PROCESSES = 20
ANSWERS = """\
answers:
  - {at: 30, event: vn_viral, choice: verifikasi}
"""


def test_twenty_concurrent_first_runs_all_store(tmp_path: Path, data: str) -> None:
    """20 `simulasi run --data NEW` started together on a store that does not exist yet (a
    folder, an empty database): all exit 0, and the new store holds 20 runs."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    if not data.startswith("postgresql:"):
        data = str(tmp_path / "new" / "data")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "simulasi",
                "run",
                str(SCENARIO_FILE),
                "--answers",
                str(answers),
                "--data",
                data,
                "--name",
                f"Peserta {i}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(PROCESSES)
    ]
    errors = []
    for proc in procs:
        try:
            _out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate(timeout=60)
        if proc.returncode != 0:
            errors.append(err.strip())
    assert errors == []
    with open_store(data) as store:
        names = sorted(r.trainee for r in store.runs())
        assert names == sorted(f"Peserta {i}" for i in range(PROCESSES))
        version = (
            "SELECT schema_version FROM simulasi_meta"
            if is_postgres(data)
            else "PRAGMA user_version"
        )
        assert store._db.execute(version).fetchall() == [(SCHEMA_VERSION,)]  # type: ignore[attr-defined]


def test_an_old_store_is_migrated_once_and_keeps_its_runs(tmp_path: Path) -> None:
    """A store of schema 1 (before leases and the application id) is recognised as ours and
    brought up to date; opening it again changes nothing."""
    import sqlite3

    from simulasi.store.schema import MIGRATIONS

    path = tmp_path / "simulasi.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.close()
    with Store.open(tmp_path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.unfinished() == []
    with Store.open(tmp_path) as again:
        assert again.runs() == []
