"""Fixtures of the game's tests: an app on a fake clock the test moves by hand (no sleeps)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulasi.bundled import bundled_dir
from simulasi.engine import FakeClock
from simulasi.store import Store
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.session import Session, Trainee, load_entries

SIZE = (80, 24)
#: The scenario the game's tests play (their keys and numbers are worked out on it); Home's
#: own tests list all the bundled ones.
VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"
MakeApp = Callable[..., SimulasiApp]
OpenPlay = Callable[[Pilot[None]], Awaitable[PlayScreen]]
Step = Callable[[Pilot[None], float], Awaitable[PlayScreen]]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`simulasi play` opens a store: never the tester's own user data directory."""
    monkeypatch.setenv("SIMULASI_DATA", str(tmp_path / "default-data"))


@pytest.fixture
def clock() -> FakeClock:
    """The scenario clock of the game under test."""
    return FakeClock()


@pytest.fixture
def make_app(clock: FakeClock) -> MakeApp:
    """Build a SimulasiApp offering the vaksin scenario (or `paths`), driven by `clock`."""

    def make(
        *,
        paths: list[Path] | None = None,
        name: str = "Ani",
        lang: str = "id",
        practice: bool = False,
        bell: bool = False,
        store: Store | None = None,
        resume: bool = False,
        workshop: str = "Bimtek 2026",
        seed: int | None = None,
    ) -> SimulasiApp:
        """`seed`: the seed every new run gets (None: file order, as in the runs logged
        before seeds existed; the tests worked out on the file's order use that)."""

        def clock_at(_scale: float, start_at: float) -> FakeClock:
            # Every run starts its clock at its own second (0, or where a resumed run stopped),
            # even when an earlier run in the same test moved the shared clock on.
            clock.set(start_at)
            return clock

        session = Session(
            load_entries(paths if paths is not None else [VAKSIN]),
            Trainee(name, "Tim 1", "Diskominfo Sukamaju", workshop),
            lang=lang,
            practice=practice,
            bell=bell,
            clock_factory=clock_at,
            store=store,
            resume_latest=resume,
            seed_source=lambda: seed,
        )
        return SimulasiApp(session)

    return make


async def _open_play(pilot: Pilot[None]) -> PlayScreen:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    return screen


@pytest.fixture
def open_play() -> OpenPlay:
    """Home -> Briefing -> Play with the keyboard; the run starts at scenario second 0."""
    return _open_play


@pytest.fixture
def step(clock: FakeClock) -> Step:
    """Move the fake clock by `seconds`, then let the screen tick once (as the interval would)."""

    async def move(pilot: Pilot[None], seconds: float) -> PlayScreen:
        clock.advance(seconds)
        screen = pilot.app.screen
        if isinstance(screen, PlayScreen):
            screen.tick()
        await pilot.pause()
        return pilot.app.screen  # type: ignore[return-value]

    return move
