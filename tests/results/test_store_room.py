"""Room commands in the store (both stores): numbered per workshop in the order issued, read
after a number, and the log records that apply them (text, room) kept exactly."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from results_helpers import scenario

from simulasi.engine import Record, Run
from simulasi.store import DB_NAME, Recorder, Store, StoreError
from simulasi.store.opener import open_store
from simulasi.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_commands_are_numbered_per_workshop_and_read_after_a_number(data: str) -> None:
    with open_store(data) as store:
        assert store.last_room_command("bimtek-1") == 0
        assert store.room_commands("bimtek-1") == []
        first = store.issue_command("bimtek-1", "pause", issued_by="fasilitator")
        store.issue_command("bimtek-2", "pause")
        second = store.issue_command("bimtek-1", "message", "Istirahat 5 menit; 'kutip' \"ok\"")
        third = store.issue_command("bimtek-1", "end")
        assert [first.seq, second.seq, third.seq] == [1, 2, 3]
        assert store.last_room_command("bimtek-1") == 3
        assert store.last_room_command("bimtek-2") == 1
    with open_store(data) as again:  # another process reads them as they were issued
        later = again.room_commands("bimtek-1", after=1)
        assert [(c.seq, c.kind, c.payload) for c in later] == [
            (2, "message", "Istirahat 5 menit; 'kutip' \"ok\""),
            (3, "end", ""),
        ]
        assert again.room_commands("bimtek-1")[0] == first
        assert first.issued_by == "fasilitator"
        assert again.room_commands("bimtek-1", after=3) == []


def test_an_unknown_kind_is_refused(data: str) -> None:
    with open_store(data) as store, pytest.raises(StoreError) as err:
        store.issue_command("w", "explode")
    assert err.value.key == "results.err.room_kind"
    with open_store(data) as store:
        assert store.room_commands("w") == []


def test_two_consoles_issuing_at_once_never_share_a_number(data: str) -> None:
    """Forty commands from four connections at once: numbers 1..40, each once."""
    open_store(data).close()
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            with open_store(data) as store:
                for _ in range(10):
                    store.issue_command("ruang", "message", "x")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with open_store(data) as store:
        assert [c.seq for c in store.room_commands("ruang")] == list(range(1, 41))


def test_records_that_apply_room_commands_are_kept_exactly(data: str) -> None:
    """The room fields of the start, pause, resume, message and finish records survive the
    store, and the stored log replays."""
    sc = scenario()
    run = Run(sc)
    run.start(0.0, room=4)
    with open_store(data) as store:
        recorder = Recorder.start(store, run, trainee="Sari", workshop="w")
        run.pause(10.0, room=5)
        run.resume(10.0, room=6)
        run.message(12.0, "Tetap tenang ✓", room=7)
        run.finish(20.0, room=8)
        recorder.commit()
        stored = store.records(recorder.run_id)
        assert stored == tuple(run.log)
        assert [r.room for r in stored if r.room is not None] == [4, 5, 6, 7, 8]
        assert Record("message", 12.0, text="Tetap tenang ✓", room=7) in stored
        assert Run.replay(sc, stored).log == run.log
        assert store.load_run(recorder.run_id).records == stored


def test_a_version_4_store_gains_the_room_and_keeps_its_runs(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    for step in MIGRATIONS[:4]:
        db.executescript(step)
    db.execute("PRAGMA user_version = 4")
    db.execute("INSERT INTO workshops VALUES (1, 'w', '2026-01-01')")
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.workshops() == ["w"]
        assert store.issue_command("w", "start").seq == 1
