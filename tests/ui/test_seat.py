"""Pilot tests of the trainee's seat: irreversible keys ask first, the clock stops while the
game is not in view (help, a question, a window too small), and each stop is logged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from simulasi.engine import FakeClock
from simulasi.store import Store
from simulasi.ui.screens.quit_modal import QuitModal
from simulasi.ui.screens.resume_modal import ResumeModal

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _toggles(play: Any) -> list[tuple[str, float]]:
    return [(r.kind, r.at) for r in play.run.log if r.kind in ("pause", "resume")]


async def test_f_in_practice_asks_first_and_n_keeps_playing(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """f opens a question (the clock stops meanwhile); n goes back to the run, unended."""
    app = make_app(practice=True)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 5)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal) and clock.paused
        assert "Akhiri latihan" in str(app.screen.query_one(".modal--title", Static).visual)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is play and not play.run.ended and not clock.paused
        assert _toggles(play) == [("pause", 5.0), ("resume", 5.0)]


async def test_the_clock_stops_under_the_quit_question(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """q: while the question is open the clock stands still and the message is hidden."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 7)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await step(pilot, 300)
        assert clock.now() == 7.0 and play.run.is_pending("vn_viral")
        assert not play.query_one("#play--inject").display
        await pilot.press("n")
        await pilot.pause()
        assert not clock.paused and play.query_one("#play--inject").display
        assert _toggles(play) == [("pause", 7.0), ("resume", 7.0)]


async def test_a_pause_of_the_trainee_survives_the_help(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """Paused with p, then the help opened and closed: still paused, no extra records."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 3)
        await pilot.press("p", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert play.is_paused and clock.paused
        assert _toggles(play) == [("pause", 3.0)]


async def test_abandon_asks_first(make_app: Any, open_play: Any, step: Any, store: Store) -> None:
    """`a` on the unfinished list asks; n leaves the run on the list, unabandoned."""
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
        assert isinstance(again.screen, QuitModal)
        assert "Ani" in str(again.screen.query_one("#quit--text", Static).visual)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, ResumeModal)
    assert len(store.unfinished_runs()) == 1


@pytest.mark.parametrize("small", [(70, 20), (50, 14)])
async def test_a_window_too_small_pauses_and_says_how_large(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock, small: tuple[int, int]
) -> None:
    """Below 80x24 the game pauses itself (logged), hides the message and says the size it
    needs; back at 80x24 (or 160x48) it resumes by itself (logged)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 4)
        await pilot.resize_terminal(*small)
        await pilot.pause()
        assert play.is_paused and clock.paused
        note = str(play.query_one("#play--paused", Static).visual)
        assert "80×24" in note and f"{small[0]}×{small[1]}" in note
        assert not play.query_one("#play--inject").display
        await pilot.press("p")  # the trainee cannot resume into a window too small
        await pilot.pause()
        assert play.is_paused
        await step(pilot, 100)
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not play.is_paused and not clock.paused
        assert play.query_one("#play--inject").display
        assert _toggles(play) == [("pause", 4.0), ("resume", 4.0)]
