"""A read-only medium and a full disk are reported as what they are, never as a damaged
store; results on a read-only medium stay readable by `scoreboard`, `bundle` and `debrief`;
a first open that fails on a full disk leaves no stray `-wal`/`-shm`.

Real media where the system allows it: a read-only bind mount and a 64 KiB tmpfs, each in a
private mount namespace (`unshare -m`, as root); without that, a folder this user may not write
(chmod, which binds everyone but root). The classification itself is also checked with the
SQLite errors injected.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from results_helpers import SCENARIO_FILE, fill, scenario

from simulasi.store import DB_NAME, Store, StoreError

HELPER = Path(__file__).with_name("results_media.py")
ANSWERS = "answers:\n  - {at: 30, event: vn_viral, choice: verifikasi}\n"


def _namespace(mount: str, folder: Path) -> list[str] | None:
    """A command prefix that runs the rest in a private mount namespace after `mount` ($0 is
    `folder`), or None where this system does not allow it."""
    try:
        probe = subprocess.run(
            ["unshare", "-m", "sh", "-c", mount, str(folder)],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if probe.returncode != 0:
        return None
    return ["unshare", "-m", "sh", "-c", mount + ' && exec "$@"', str(folder)]


def _child(prefix: list[str], setup: str, folder: Path, argvs: list[list[str]]) -> Any:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run(
        [*prefix, sys.executable, str(HELPER), setup, str(folder), json.dumps(argvs)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _read_only(folder: Path) -> list[str] | None:
    """How to make `folder` really read-only for a child: a read-only bind mount (root), or
    permission bits (anyone else); None if neither is possible here."""
    prefix = _namespace('mount --bind -o ro "$0" "$0"', folder)
    if prefix is not None:
        return prefix
    if os.geteuid() != 0:
        for path in [folder, *folder.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return []
    return None


@pytest.mark.parametrize("live", [False, True], ids=["closed", "live-wal"])
def test_results_on_a_read_only_medium_are_read_and_a_game_is_refused_plainly(
    tmp_path: Path, live: bool
) -> None:
    """scoreboard, bundle and debrief read a store on a read-only medium (closed cleanly, or
    with its -wal and -shm still there); storing a run there says "read-only", not
    "damaged"."""
    data = tmp_path / "data"
    store = Store.open(data)
    ids = fill(store, scenario(), 3, workshop="W")
    if not live:
        store.close()
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    try:
        prefix = _read_only(data)
        assert prefix is not None or os.geteuid() == 0
        if prefix is None:  # root without mount namespaces: the injected checks below only
            return
        out = _child(
            prefix,
            "none",
            data,
            [
                ["scoreboard", "--data", str(data)],
                ["bundle", "--data", str(data), "-o", str(tmp_path / "b.json")],
                ["debrief", ids[0], "--data", str(data), "--export", str(tmp_path / "d.md")],
                ["run", str(SCENARIO_FILE), "--answers", str(answers), "--data", str(data)],
                ["scoreboard", "--data", str(data), "--lang", "en"],
            ],
        )
    finally:
        if live:
            store.close()
    (sb, sb_err), (bundle, _), (debrief, _), (run, run_err), (en, en_err) = (
        (r[0], r[2]) for r in out["results"]
    )
    assert (sb, bundle, debrief, run, en) == (0, 0, 0, 2, 0), out["results"]
    assert "Peserta 0" in out["results"][0][1]
    assert len(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["runs"]) == 3
    assert (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "hanya-baca" in run_err and "rusak" not in run_err
    assert "rusak" not in sb_err + en_err
    if not live:
        assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_full_disk_at_first_open_is_named_and_leaves_no_stray_files(tmp_path: Path) -> None:
    """A 64 KiB disk with two pages free: the first `run --data` there says the disk is full
    (exit 2) and leaves no simulasi.db, -wal or -shm behind."""
    disk = tmp_path / "disk"
    disk.mkdir()
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    prefix = _namespace('mount -t tmpfs -o size=64k none "$0"', disk)
    if prefix is None:  # no mount namespaces here: the injected check below covers it
        return
    argv = ["run", str(SCENARIO_FILE), "--answers", str(answers), "--data", str(disk / "data")]
    out = _child(prefix, "fill", disk, [argv, [*argv, "--lang", "en"]])
    (code, _, err), (code_en, _, err_en) = out["results"]
    assert (code, code_en) == (2, 2), out
    assert "penuh" in err and "rusak" not in err, err
    assert "full" in err_en, err_en
    assert out["files"] == ["data", "filler"], out["files"]


def _sqlite_error(code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("injected")
    exc.sqlite_errorcode = code
    return exc


def test_the_failures_are_classified_by_what_sqlite_and_the_system_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Injected: a full disk (SQLITE_FULL) and a file that cannot be opened in a read-only
    folder are named as such; a full disk at first open removes the empty file it made."""
    import simulasi.store.sqlite as sq

    def full(db: object, path: Path) -> None:
        raise _sqlite_error(sqlite3.SQLITE_FULL)

    monkeypatch.setattr(sq, "_identify", full)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "a")
    assert err.value.key == "results.err.store_full"
    assert list((tmp_path / "a").iterdir()) == []
    monkeypatch.undo()

    def cannot_open(*args: object, **kwargs: object) -> None:
        raise _sqlite_error(sqlite3.SQLITE_CANTOPEN)

    monkeypatch.setattr(sqlite3, "connect", cannot_open)
    monkeypatch.setattr(sq, "_read_only_folder", lambda folder: True)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "b")
    assert err.value.key == "results.err.store_readonly"
    assert "scoreboard" in err.value.message("id")
    monkeypatch.undo()
    # A store opened only to read never writes: not even a lease on close.
    Store.open(tmp_path / "c").close()
    with Store.open(tmp_path / "c", read_only=True) as reader:
        with pytest.raises(StoreError) as err:
            reader.abandon_run("ab")
        assert err.value.key == "results.err.store_readonly"
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == [DB_NAME]
