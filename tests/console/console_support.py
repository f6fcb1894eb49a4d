"""Helpers of the room's tests (a module name of its own: pytest imports test helpers by
basename)."""

from __future__ import annotations

from collections.abc import Callable

from textual._context import active_app
from textual.pilot import Pilot

from simulasi.bundled import bundled_dir
from simulasi.engine import FakeClock
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens.play_screen import TICK_HZ, PlayScreen

SIZE = (80, 24)
VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"
WORKSHOP = "Bimtek Ruang"
MakeGame = Callable[..., tuple[SimulasiApp, FakeClock]]


async def open_play(pilot: Pilot[None]) -> PlayScreen:
    """Home -> Briefing -> Play with the keyboard; the run starts at scenario second 0."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    return screen


async def one_second(pilot: Pilot[None], clock: FakeClock) -> None:
    """One second of the game: its clock moves on and the screen ticks as its timer would.

    The tick runs with this game as the active app, as it does under its own timer (two
    Pilot apps share the test's task, where the last one started would be the active one).
    """
    for _ in range(TICK_HZ):
        clock.advance(1 / TICK_HZ)
        screen = pilot.app.screen
        if isinstance(screen, PlayScreen):
            token = active_app.set(pilot.app)
            try:
                screen.tick()
            finally:
                active_app.reset(token)
        await pilot.pause()
