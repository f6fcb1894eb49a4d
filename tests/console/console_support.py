"""Helpers of the room's tests (a module name of its own: pytest imports test helpers by
basename)."""

from __future__ import annotations

from collections.abc import Callable

from textual._context import active_app
from textual.pilot import Pilot

from simulasi.bundled import bundled_dir
from simulasi.engine import FakeClock, Run
from simulasi.scenario import Scenario, load_scenario_or_raise
from simulasi.store import Recorder, Store
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


GEMPA = bundled_dir() / "gempa-hoaks-tsunami.yaml"


def fill_room(store: Store, workshop: str = WORKSHOP) -> dict[str, str]:
    """Headless runs of `workshop` in every state a roster shows; their ids by trainee."""
    vaksin, gempa = load_scenario_or_raise(VAKSIN), load_scenario_or_raise(GEMPA)
    ids: dict[str, str] = {}

    def begin(scenario: Scenario, name: str, team: str) -> Recorder:
        run = Run(scenario)
        run.start(0.0)
        recorder = Recorder.start(
            store, run, trainee=name, team=team, agency="Diskominfo", workshop=workshop
        )
        ids[name] = recorder.run_id
        return recorder

    red = begin(vaksin, "Ani", "Tim Merah")  # finished, a red line taken
    red.run.choose("vn_viral", "teruskan_tanya", 10.0)
    red.run.finish(20.0)
    red.commit()
    clean = begin(vaksin, "Budi", "Tim Biru")  # finished, no red line
    clean.run.choose("vn_viral", "verifikasi", 15.0)
    clean.run.finish(20.0)
    clean.commit()
    other = begin(gempa, "Citra", "Tim Hijau")  # finished, another scenario
    other.run.finish(5.0)
    other.commit()
    gone = begin(vaksin, "Dedi", "Tim Biru")  # abandoned
    gone.run.advance(5.0, record=True)
    gone.commit()
    store.abandon_run(gone.run_id)
    playing = begin(vaksin, "Eka", "Tim Merah")  # playing: its lease is held
    playing.run.advance(40.0, record=True)
    playing.commit()
    paused = begin(gempa, "Fajar", "Tim Hijau")  # paused
    paused.run.pause(12.0)
    paused.commit()
    left = begin(vaksin, "Gita", "Tim Kuning")  # disconnected: nobody drives it
    left.run.advance(50.0, record=True)
    left.commit()
    left.release()
    return ids


def fill_crowd(store: Store, count: int = 60, workshop: str = WORKSHOP) -> None:
    """`count` finished runs of `workshop` by trainees with long names (a long roster)."""
    vaksin = load_scenario_or_raise(VAKSIN)
    for n in range(count):
        run = Run(vaksin)
        run.start(0.0)
        recorder = Recorder.start(
            store,
            run,
            trainee=f"Peserta Dengan Nama Yang Cukup Panjang {n:02d}",
            team=f"Tim {n % 6}",
            agency="Dinas Komunikasi dan Informatika Kabupaten",
            workshop=workshop,
        )
        run.finish(float(n))
        recorder.commit()
