"""Snapshot tests of each screen and modal at 80x24, the smallest window the game is played
in (plain `def`; Textual is pinned exactly in pyproject.toml because snapshots depend on its
rendering): in Bahasa Indonesia and in English, in the dark and the light theme. Time is a
fake clock; the wall clock a stored run started at is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from simulasi.bundled import bundled_dir, bundled_scenarios
from simulasi.engine import FakeClock, Run
from simulasi.scenario import Scenario
from simulasi.store import Recorder, Store
from simulasi.store import sql as sql_store
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.screens.scoreboard_screen import ScoreboardScreen
from simulasi.ui.session import load_entries

SIZE = (80, 24)
VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"
#: When every stored run of these snapshots started (the resume list shows it, in WIB).
STARTED = "2026-03-10T02:15:00+00:00"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(sql_store, "now_iso", lambda: STARTED)
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _scenario() -> Scenario:
    scenario = load_entries([VAKSIN])[0].scenario
    assert scenario is not None
    return scenario


def _stored(store: Store, trainee: str, team: str, *, answer: bool, until: float) -> None:
    """A run in the store, played headless up to second `until` (or its end): every
    decision answered with its first choice 20 s after it shows, or none answered."""
    run = Run(_scenario(), history=True)
    run.start(0.0)
    recorder = Recorder.start(
        store, run, trainee=trainee, team=team, agency="Diskominfo Sukamaju", workshop="Bimtek"
    )
    now = 0.0
    while not run.ended and now < until:
        now += 20.0
        run.advance(now, record=True)
        for pending in list(run.pending) if answer else []:
            if not run.ended and run.shown_choices(pending.event):
                run.choose(pending.event, run.shown_choices(pending.event)[0], now)
    recorder.commit()
    recorder.release()


async def _to_the_debrief(pilot: Pilot[None], clock: FakeClock, *keys: str) -> None:
    """Press `keys` (Home -> Briefing -> Play), then answer every decision with its first
    choice 20 s after it shows, until the debrief."""
    await pilot.press(*keys)
    await pilot.pause()
    for _ in range(200):
        screen = pilot.app.screen
        if not isinstance(screen, PlayScreen):
            break
        clock.advance(20)
        screen.tick()
        await pilot.pause()
        if isinstance(pilot.app.screen, PlayScreen) and screen.offered:
            await pilot.press("1")
            await pilot.pause()
    await _quiet(pilot)


async def _at_second_45(pilot: Pilot[None], clock: FakeClock, *keys: str) -> None:
    """Press `keys` (Home -> Briefing -> Play), then move the run to second 45."""
    await pilot.press(*keys)
    await pilot.pause()
    clock.advance(45)
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    screen.tick()
    await _quiet(pilot)


async def _quiet(pilot: Pilot[None]) -> None:
    """Drop the arrival notices and the status line (gone after a few real seconds): the
    pinned screen must not depend on how fast the machine is."""
    pilot.app.clear_notifications()
    if isinstance(pilot.app.screen, PlayScreen):
        pilot.app.screen.query_one("#play--notice").display = False
    await pilot.pause()


def test_home_snapshot(snap_compare: Any, make_app: Any) -> None:
    """Home: the five bundled scenarios, the selected one's summary and learning objectives,
    and the trainee form."""
    assert snap_compare(make_app(paths=bundled_scenarios()), terminal_size=SIZE)


def test_briefing_snapshot(snap_compare: Any, make_app: Any) -> None:
    """Briefing: role, situation, and the keys to begin or go back."""
    assert snap_compare(make_app(), terminal_size=SIZE, press=["enter"])


def test_play_with_two_pending_decisions_snapshot(
    snap_compare: Any, make_app: Any, clock: FakeClock
) -> None:
    """Play at second 45: two decisions in the inbox with their countdowns, the phone call
    selected, meters and feed."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "enter")
        await pilot.pause()
        clock.advance(45)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        screen.tick()
        await pilot.press("tab")
        await _quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_debrief_snapshot(snap_compare: Any, make_app: Any, clock: FakeClock) -> None:
    """Debrief after answering every decision with its first choice 20 s after it shows."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _to_the_debrief(pilot, clock, "enter", "enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_home_light_snapshot(snap_compare: Any, make_app: Any) -> None:
    """Home in the light theme (F3), as a projector shows it."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(
        make_app(paths=bundled_scenarios()), terminal_size=SIZE, run_before=run_before
    )


def test_play_light_snapshot(snap_compare: Any, make_app: Any, clock: FakeClock) -> None:
    """Play at second 45 in the light theme: key names, choice numbers, countdowns."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _at_second_45(pilot, clock, "f3", "enter", "enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_modal_snapshot(snap_compare: Any, make_app: Any) -> None:
    """The keys of the game (?) over Home."""
    assert snap_compare(make_app(), terminal_size=SIZE, press=["question_mark"])


def test_quit_modal_snapshot(snap_compare: Any, make_app: Any, clock: FakeClock) -> None:
    """q at second 45 of a run: the question, No focused (the default)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _at_second_45(pilot, clock, "enter", "enter")
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_resume_modal_snapshot(snap_compare: Any, make_app: Any, store: Store) -> None:
    """The unfinished runs offered on start: who, which scenario, when (WIB), how far."""
    _stored(store, "Budi Santoso", "Tim 2", answer=True, until=60.0)
    assert snap_compare(make_app(store=store), terminal_size=SIZE)


def test_scoreboard_snapshot(snap_compare: Any, make_app: Any, store: Store) -> None:
    """The workshop's ranking, teams and agencies, once the worker has scored the logs."""
    _stored(store, "Budi Santoso", "Tim 2", answer=True, until=100_000.0)
    _stored(store, "Citra Lestari", "Tim 3", answer=False, until=100_000.0)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.app.push_screen(ScoreboardScreen(store, "Bimtek"))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(store=store), terminal_size=SIZE, run_before=run_before)


def test_home_english_snapshot(snap_compare: Any, make_app: Any) -> None:
    """Home with `--lang en`."""
    assert snap_compare(make_app(paths=bundled_scenarios(), lang="en"), terminal_size=SIZE)


def test_play_english_snapshot(snap_compare: Any, make_app: Any, clock: FakeClock) -> None:
    """Play at second 45 with `--lang en`: headings, countdowns, keys."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _at_second_45(pilot, clock, "enter", "enter")

    assert snap_compare(make_app(lang="en"), terminal_size=SIZE, run_before=run_before)


def test_debrief_light_snapshot(snap_compare: Any, make_app: Any, clock: FakeClock) -> None:
    """The debrief in the light theme (F3) and in English: the result, passed or failed."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _to_the_debrief(pilot, clock, "f3", "enter", "enter")

    assert snap_compare(make_app(lang="en"), terminal_size=SIZE, run_before=run_before)
