"""The debrief reads the ScoreCard: its numbers are those of `scoring.score` on the run's log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from scoring import score
from simulasi.engine import Run
from simulasi.ui.format import number
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.play_screen import PlayScreen

SIZE = (80, 24)


async def _play_to_the_end(pilot: Any, step: Any, keys: list[str]) -> None:
    """Answer whatever is selected with the next key every 20 s until the run ends."""
    moves = iter(keys)
    for _ in range(200):
        screen = await step(pilot, 20)
        if not isinstance(screen, PlayScreen):
            return
        if screen.offered:
            await pilot.press(next(moves, "1"))
            await pilot.pause()


async def test_debrief_numbers_equal_scoring_on_the_same_log(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """Total, band, pass/fail, the three sub-scores and every decision's latency and
    accuracy shown are those `scoring.score(scenario, log)` gives for the played log."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await _play_to_the_end(pilot, step, ["2", "1", "3", "1", "2"])
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        card = score(debrief.run.scenario, debrief.run.log)
        assert debrief.card == card
        total = str(debrief.query_one("#debrief--total", Static).visual)
        assert number(card.total, "id") in total and card.band in total
        assert ("LULUS" in total) and (("BELUM" in total) != card.passed)
        subscores = str(debrief.query_one("#debrief--subscores", Static).visual)
        for value in (card.speed, card.accuracy, card.impact):
            assert number(value, "id") in subscores
        rows = [str(s.visual) for s in debrief.query(".debrief--numbers").results(Static)]
        assert len(rows) == len(card.events)
        for row, event in zip(rows, card.events, strict=True):
            assert number(event.latency, "id") in row
            assert number(event.accuracy, "id") in row


async def test_a_red_line_is_called_out(make_app: Any, open_play: Any, step: Any) -> None:
    """Forwarding the hoax (a critical choice) is called out in the summary and its row."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await _play_to_the_end(pilot, step, ["4"])  # vn_viral 4: forward the voice note
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.card.critical and not debrief.card.passed
        assert not app._notifications  # the last arrivals' notices do not cover the debrief
        assert debrief.query_one("#debrief--critical")
        assert debrief.query(".debrief--red-line")


async def test_enter_on_the_debrief_goes_back_home(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """Home -> Briefing -> Play -> Debrief -> Home, with the keyboard alone."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await _play_to_the_end(pilot, step, [])
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


RSUD = Path(__file__).resolve().parents[2] / "scenarios" / "pasien-ditolak-rsud.yaml"


async def _advice(app: Any, run: Run) -> list[str]:
    """The answer lines (label and text) of `kabar_pasien`'s row on the debrief of `run`."""
    await app.push_screen(DebriefScreen(run, workshop=""))
    title = run.scenario.events["kabar_pasien"].title or ""
    for row in app.screen.query(".debrief--event"):
        if title in str(row.query_one(".debrief--event-title", Static).visual):
            return [str(s.visual) for s in row.query(".debrief--choice").results(Static)]
    raise AssertionError("no row for kabar_pasien")


@pytest.mark.parametrize(
    ("answer", "meet", "expected"),
    [
        # The best of what was on offer: only the closed best is added, marked as such.
        ("hormati_privasi", False, ["Jawaban Anda:", "Jawaban terbaik (belum terbuka"]),
        # A weaker answer: the best on offer first, then the closed best, marked.
        (
            "bantah_hoaks",
            False,
            ["Jawaban Anda:", "Terbaik dari pilihan yang ada saat itu:", "Jawaban terbaik (belum"],
        ),
        # The family met, the best answer was on offer: said plainly, as for any decision.
        ("hormati_privasi", True, ["Jawaban Anda:", "Jawaban terbaik: "]),
    ],
)
async def test_a_best_answer_that_was_not_on_offer_is_marked_so(
    make_app: Any, rsud_run: Any, answer: str, meet: bool, expected: list[str]
) -> None:
    """The debrief never holds up as the best answer a choice the trainee did not have
    without saying so (the family's permission was needed first, which its feedback
    explains); the best of what was on offer is named unless it was the trainee's own."""
    run = rsud_run(answer, meet_the_family=meet)
    app = make_app(paths=[RSUD])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = await _advice(app, run)
        await pilot.pause()
        assert [
            line[: len(prefix)] for line, prefix in zip(lines, expected, strict=True)
        ] == expected
        assert "Atas izin keluarga" in lines[-1]
