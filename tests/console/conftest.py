"""Fixtures of the room's tests: games on fake clocks the test moves by hand (no sleeps),
all writing to one store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_support import VAKSIN, WORKSHOP, MakeGame

from simulasi.engine import FakeClock
from simulasi.store import Store
from simulasi.ui.app import SimulasiApp
from simulasi.ui.session import Session, Trainee, load_entries


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMULASI_DATA", str(tmp_path / "default-data"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def make_game() -> MakeGame:
    """A game of the vaksin scenario for `name` on `store`, with a fake clock of its own."""

    def make(
        store: Store,
        name: str,
        *,
        team: str = "Tim 1",
        resume: bool = False,
        lobby: bool = False,
    ) -> tuple[SimulasiApp, FakeClock]:
        clock = FakeClock()

        def clock_at(_scale: float, start_at: float) -> FakeClock:
            clock.set(start_at)
            return clock

        session = Session(
            load_entries([VAKSIN]),
            Trainee(name, team, "Diskominfo Sukamaju", WORKSHOP),
            clock_factory=clock_at,
            store=store,
            resume_latest=resume,
            lobby=lobby,
            seed_source=lambda: None,
        )
        return SimulasiApp(session), clock

    return make
