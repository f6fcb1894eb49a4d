"""Snapshot tests of each screen at 80x24 (plain `def`; Textual is pinned exactly in
pyproject.toml because snapshots depend on its rendering). Time is a fake clock."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from simulasi.bundled import bundled_scenarios
from simulasi.engine import FakeClock
from simulasi.ui.screens.play_screen import PlayScreen

SIZE = (80, 24)


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
        await pilot.press("enter", "enter")
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
        await pilot.press("f3", "enter", "enter")
        await pilot.pause()
        clock.advance(45)
        screen = pilot.app.screen
        assert isinstance(screen, PlayScreen)
        screen.tick()
        await _quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
