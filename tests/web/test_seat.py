"""The seat: stored with a run, migrated onto older stores, and what Home offers by it; and
the game under textual-serve's web driver (no terminal)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events

from simulasi.commands import play
from simulasi.engine import Run
from simulasi.scenario import load_scenario
from simulasi.store import Store
from simulasi.store.schema import MIGRATIONS, SCHEMA_VERSION
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens.resume_modal import ResumeModal
from simulasi.ui.session import Session, Trainee, load_entries

SCENARIO = Path(__file__).parent / "room.yaml"
SEAT_A, SEAT_B = "a" * 32, "b" * 32


def _start(store: Store, trainee: str, seat: str = "") -> str:
    """A run started from `seat` by a game that has since let go of it (its tab closed):
    offered for resume (a run whose lease is still held is offered to nobody)."""
    loaded = load_scenario(SCENARIO.read_text(encoding="utf-8"))
    assert loaded.scenario is not None
    run = Run(loaded.scenario)
    run.start(0.0)
    run_id = store.start_run(run.scenario, trainee=trainee, records=run.log, seat=seat)
    store.release_lease(run_id)
    return run_id


def test_unfinished_runs_of_a_seat_are_its_own_active_runs(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        mine = _start(store, "Ani", SEAT_A)
        done = _start(store, "Ani", SEAT_A)
        store.abandon_run(done)
        _start(store, "Budi", SEAT_B)
        _start(store, "Cici")  # played in a terminal: no seat
        assert [r.id for r in store.unfinished_runs_of_seat(SEAT_A)] == [mine]
        assert [r.trainee for r in store.unfinished_runs_of_seat(SEAT_B)] == ["Budi"]
        assert store.unfinished_runs_of_seat("") == []  # no seat is nobody's seat
        assert len(store.unfinished_runs()) == 3


def test_a_store_of_the_first_schema_gets_the_seat_column(tmp_path: Path) -> None:
    path = tmp_path / "simulasi.db"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
    with Store.open(tmp_path) as store:
        assert store.unfinished_runs_of_seat(SEAT_A) == []
        _start(store, "Ani", SEAT_A)
        assert len(store.unfinished_runs_of_seat(SEAT_A)) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


async def test_home_of_a_seat_offers_only_that_seats_runs_at_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        _start(store, "Budi", SEAT_B)
        _start(store, "Ani", SEAT_A)
        session = Session(
            load_entries([SCENARIO]), Trainee(workshop="Bimtek"), store=store, seat=SEAT_A
        )
        app = SimulasiApp(session)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ResumeModal)
            assert [u.info.trainee for u in modal.runs] == ["Ani"]
            await pilot.press("escape")
            await pilot.pause()
            # The workshop is the facilitator's: not a field the trainee can change.
            assert app.screen.query_one("#home--workshop").disabled


async def test_home_without_a_seat_offers_every_unfinished_run(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        _start(store, "Budi", SEAT_B)
        _start(store, "Ani")
        app = SimulasiApp(Session(load_entries([SCENARIO]), Trainee(), store=store))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeModal)
            assert sorted(u.info.trainee for u in app.screen.runs) == ["Ani", "Budi"]


async def test_a_game_started_blurred_types_into_the_name_after_one_tab() -> None:
    """Textual's web driver blurs the app before Home is composed: when the keyboard comes
    back, the list gets focus, so one Tab reaches the name field; letters that arrive in the
    same burst as the Tab land there too."""
    app = SimulasiApp(Session(load_entries([SCENARIO]), Trainee()))
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.screen.focused is None
        for key, char in (("tab", "\t"), ("T", "T"), ("a", "a")):
            app.post_message(events.Key(key, char))  # no pause between them
        await pilot.pause()
        name = app.screen.query_one("#home--name")
        assert app.screen.focused is name
        assert app.session.trainee.name == "Ta"


def test_the_game_runs_under_the_web_driver_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", play.WEB_DRIVER)
    assert play.interactive()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert not play.interactive()  # pytest's stdin is not a terminal


def test_in_a_pipe_simulasi_still_lists_the_scenarios(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "simulasi", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "", "SIMULASI_DATA": str(tmp_path)},
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "Hoaks Vaksin MR" in result.stdout
