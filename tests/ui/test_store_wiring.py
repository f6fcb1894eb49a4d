"""The game stores every run it plays: each engine call is on disk before the screen shows
its consequence; a run left in the middle is offered again and continues where it stopped."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from scoring import ScoreCard, score
from simulasi.engine import Happening
from simulasi.store import Store, StoreError
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.play_screen import MARK_SECONDS, PlayScreen
from simulasi.ui.screens.resume_modal import ResumeModal

SIZE = (80, 24)
#: The answer keys of the scripted run (then "1" for whatever else arrives).
KEYS = ["2", "1", "3", "1", "2"]


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "data") as opened:
        yield opened


async def _play(pilot: Any, step: Any, moves: Any, *, steps: int = 200) -> None:
    """Every 20 scenario seconds, answer whatever is selected with the next key."""
    for _ in range(steps):
        screen = await step(pilot, 20)
        if not isinstance(screen, PlayScreen):
            return
        if screen.offered:
            await pilot.press(next(moves, "1"))
            await pilot.pause()


async def _uninterrupted_card(make_app: Any, open_play: Any, step: Any, store: Store) -> ScoreCard:
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await _play(pilot, step, iter(KEYS))
        assert isinstance(app.screen, DebriefScreen)
        return app.screen.card


async def test_every_answer_is_stored_before_the_screen_shows_it(
    make_app: Any, open_play: Any, step: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whenever the screen handles what the engine returned, every record of the run's log
    is already in the store; after each answer the stored log holds that answer."""
    seen: list[int] = []
    handle = PlayScreen._handle

    def checked(screen: PlayScreen, happenings: list[Happening]) -> None:
        if screen.recorder is not None:
            stored = store.records(screen.recorder.run_id)
            assert list(stored) == list(screen.run.log)
            seen.append(len(stored))
        handle(screen, happenings)

    monkeypatch.setattr(PlayScreen, "_handle", checked)
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        assert play.recorder is not None
        run_id = play.recorder.run_id
        await step(pilot, 20)
        await pilot.press("2")
        await pilot.pause()
        answers = [r for r in store.records(run_id) if r.kind == "answer"]
        assert [(r.event, r.choice, r.at) for r in answers] == [("vn_viral", "verifikasi", 20.0)]
    info = store.find_run(run_id)
    assert (info.trainee, info.team, info.workshop) == ("Ani", "Tim 1", "Bimtek 2026")
    assert seen


async def test_quitting_mid_run_leaves_a_run_that_home_offers(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """`q` then `y` mid-run stores the second reached; the next start of the game opens a
    list of unfinished runs on Home naming the trainee and the scenario."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 20)
        await pilot.press("1")
        await step(pilot, 17)
        await pilot.press("q", "y")
        await pilot.pause()
    [info] = store.unfinished_runs()
    assert store.records(info.id)[-1].kind == "clock" and store.records(info.id)[-1].at == 37.0

    again = make_app(store=store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = again.screen
        assert isinstance(modal, ResumeModal)
        text = " ".join(str(s.visual) for s in modal.query(Static))
        assert "Ani" in text and info.scenario_title in text and "1 dijawab" in text


async def test_a_resumed_run_continues_and_scores_as_the_uninterrupted_one(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """Quit after two steps, start again, resume from the list: the same pending decisions
    and deadlines at the same second; played on, it ends with the same ScoreCard."""
    expected = await _uninterrupted_card(make_app, open_play, step, store)
    moves = iter(KEYS)
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await _play(pilot, step, moves, steps=3)
        play = app.screen
        assert isinstance(play, PlayScreen)
        before = [(p.event, p.arrived, p.deadline) for p in play.run.pending]
        now = play.run.now
        await pilot.press("q", "y")
        await pilot.pause()

    again = make_app(store=store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen) and play.clock.now() == now
        assert [(p.event, p.arrived, p.deadline) for p in play.run.pending] == before
        await _play(pilot, step, moves)
        debrief = again.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.card == expected
        assert debrief.card == score(debrief.run.scenario, debrief.run.log)
    assert store.unfinished_runs() == []


async def test_the_clock_is_recorded_every_few_seconds(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """Without any answer the stored log still learns the second reached (a `clock` record
    every MARK_SECONDS), so a killed game resumes close to where it was."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        for _ in range(4):
            await step(pilot, MARK_SECONDS)
        assert play.recorder is not None
        clocks = [r.at for r in store.records(play.recorder.run_id) if r.kind == "clock"]
        assert clocks == [5.0, 10.0, 15.0, 20.0]


async def test_resume_option_opens_the_latest_unfinished_run(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """`play --resume` goes straight to Play on the most recent unfinished run."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 30)
        pending = [(p.event, p.deadline) for p in play.run.pending]
        await pilot.press("q", "y")
        await pilot.pause()
    again = make_app(store=store, resume=True, name="")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen)
        assert play.run.now == 30.0 and play.trainee_name == "Ani"
        assert [(p.event, p.deadline) for p in play.run.pending] == pending
        assert len(pending) == 2


async def test_an_unfinished_run_can_be_abandoned(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """`a` on the list, once confirmed (y), stops offering the run; it stays in the store as
    abandoned."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 10)
        await pilot.press("q", "y")
        await pilot.pause()
    again = make_app(store=store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeModal)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    assert store.unfinished_runs() == []
    assert [r.status for r in store.runs()] == ["abandoned"]


async def test_the_scenario_text_of_a_resumed_run_comes_from_the_store(
    make_app: Any, open_play: Any, step: Any, store: Store, tmp_path: Path
) -> None:
    """Editing the scenario file after the run started changes nothing in the resumed run:
    it plays the text stored with it."""
    source = Path(__file__).resolve().parents[2] / "scenarios" / "hoaks-vaksin-mr.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(store=store, paths=[copy])
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        title = play.scenario.title
        await step(pilot, 10)
        await pilot.press("q", "y")
        await pilot.pause()
    copy.write_text(copy.read_text(encoding="utf-8").replace(title, "DIUBAH"), encoding="utf-8")
    again = make_app(store=store, paths=[copy], resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen) and play.scenario.title == title


async def test_a_run_left_while_paused_comes_back_running(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """Paused, then quit: the resumed run runs again and its log pairs the pause with a
    resume at the same second."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 12)
        await pilot.press("p")
        await pilot.press("q", "y")
        await pilot.pause()
    again = make_app(store=store, resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen) and not play.is_paused
        assert play.recorder is not None
        kinds = [(r.kind, r.at) for r in store.records(play.recorder.run_id)][-3:]
        assert kinds == [("pause", 12.0), ("clock", 12.0), ("resume", 12.0)]


@pytest.mark.parametrize(
    "error",
    [
        StoreError("results.err.store_corrupt", path="x.db", reason="disk full"),
        sqlite3.OperationalError("disk I/O error"),
    ],
)
async def test_a_store_that_fails_mid_run_stops_the_game_with_a_message(
    make_app: Any,
    open_play: Any,
    step: Any,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    """When the disk refuses a record, the game does not play on unrecorded: it exits with
    code 2 and a sentence saying why."""

    def refuse(run_id: str, records: Any) -> None:
        raise error

    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        monkeypatch.setattr(store, "append", refuse)
        await step(pilot, 20)
        await pilot.press("1")
        await pilot.pause()
    assert app.return_code == 2
