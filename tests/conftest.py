"""Fixtures shared by the engine, results and game tests, and the one Hypothesis profile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from simulasi.engine import Run
from simulasi.scenario import load_scenario

RSUD = Path(__file__).resolve().parents[1] / "scenarios" / "pasien-ditolak-rsud.yaml"

RsudRun = Callable[..., Run]

#: Every property test's settings, registered here once (a test module sets only how many
#: examples it wants). The machine running the suite is often shared, so no example is failed
#: for its time (`deadline`) and no strategy for being slow to draw (`too_slow`): a property
#: fails for what it says, never for the load of the machine. Loaded before any test module is
#: imported, so a module's own `settings(...)` inherits it.
PROFILE = "simulasi"
settings.register_profile(
    PROFILE, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(PROFILE)


@pytest.fixture
def rsud_run() -> RsudRun:
    """A finished run of pasien-ditolak-rsud with `kabar_pasien` answered with `answer` and,
    if asked, the family met first (`meet_the_family`), which opens that decision's best
    answer, the news the family agreed to; every other decision is left to time out."""

    def play(answer: str, *, meet_the_family: bool) -> Run:
        loaded = load_scenario(RSUD.read_text(encoding="utf-8"))
        assert loaded.scenario is not None
        run = Run(loaded.scenario, history=True)
        run.start(0.0)
        now = 0.0
        while not run.ended:
            now += 5.0
            run.advance(now)
            if meet_the_family and run.is_pending("keluarga_minta_bertemu"):
                run.choose("keluarga_minta_bertemu", "temui_keluarga", now)
            if run.is_pending("kabar_pasien"):
                offered = "kabar_izin" in run.available_choices("kabar_pasien")
                assert offered == meet_the_family
                run.choose("kabar_pasien", answer, now)
        return run

    return play
