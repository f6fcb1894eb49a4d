"""Presence rows in the store (both stores): the games of a workshop that have no run yet,
written, refreshed with a heartbeat, read per workshop and dropped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulasi.store import DB_NAME, Store
from simulasi.store.opener import open_store
from simulasi.store.room import Presence
from simulasi.store.schema import MIGRATIONS, SCHEMA_VERSION


def _presence(game: str, state: str = "lobby", workshop: str = "bimtek-1") -> Presence:
    return Presence(
        workshop=workshop,
        game=game,
        trainee="Sari 'Dewi'",
        team="Tim 1",
        agency="Diskominfo",
        scenario_id="hoaks-vaksin",
        scenario_title="Hoaks vaksin ✓",
        state=state,  # type: ignore[arg-type]
        updated_at=0.0,
    )


def test_presence_is_written_refreshed_read_and_dropped(data: str) -> None:
    now = [1000.0]
    with open_store(data, clock=lambda: now[0]) as store:
        assert store.presence("bimtek-1") == []
        store.set_presence(_presence("g1"))
        now[0] = 1005.0
        store.set_presence(_presence("g2", "briefing"))
        store.set_presence(_presence("g3", workshop="bimtek-2"))
    with open_store(data, clock=lambda: now[0]) as again:  # another process reads them
        rows = again.presence("bimtek-1")
        assert [(p.game, p.state, p.updated_at) for p in rows] == [
            ("g1", "lobby", 1000.0),
            ("g2", "briefing", 1005.0),
        ]
        assert (rows[0].trainee, rows[0].scenario_title) == ("Sari 'Dewi'", "Hoaks vaksin ✓")
        now[0] = 1010.0
        again.set_presence(_presence("g1", "briefing"))  # the heartbeat, and a new state
        rows = again.presence("bimtek-1")
        assert [(p.game, p.state, p.updated_at) for p in rows] == [
            ("g2", "briefing", 1005.0),
            ("g1", "briefing", 1010.0),
        ]
        again.drop_presence("g2")
        again.drop_presence("nobody")  # no row: nothing happens
        assert [p.game for p in again.presence("bimtek-1")] == ["g1"]
        assert [p.game for p in again.presence("bimtek-2")] == ["g3"]


def test_an_unknown_presence_state_is_refused(data: str) -> None:
    with open_store(data) as store:
        with pytest.raises(ValueError):
            store.set_presence(_presence("g1", "dancing"))
        assert store.presence("bimtek-1") == []


def test_a_damaged_presence_row_is_left_out(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.set_presence(_presence("g1"))
        store._db.execute(
            "INSERT INTO presence VALUES ('g2', 'bimtek-1', '', '', '', '', '', 'weird', 1.0)"
        )
        assert [p.game for p in store.presence("bimtek-1")] == ["g1"]


def test_a_version_5_store_gains_presence_and_keeps_its_room(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    for step in MIGRATIONS[:5]:
        db.executescript(step)
    db.execute("PRAGMA user_version = 5")
    db.execute(
        "INSERT INTO room_commands (workshop, seq, kind, issued_at) VALUES ('w', 1, 'start', 1.0)"
    )
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 6
        assert store.last_room_command("w") == 1
        store.set_presence(_presence("g1", workshop="w"))
        assert [p.game for p in store.presence("w")] == ["g1"]
