"""What the app is given: the scenarios to offer, the trainee, the options of the session.

Nothing heavy is imported here: the scenario models (pydantic) and the engine are imported
when scenarios are loaded or a clock is made, so the game's first frame does not wait for them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulasi.engine import Clock
    from simulasi.scenario import LoadResult, Scenario
    from simulasi.store import Store


@dataclass
class Trainee:
    """Who plays (typed on Home or given on the command line)."""

    name: str = ""
    team: str = ""
    agency: str = ""
    workshop: str = ""


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario on the Home screen: loaded, or broken with its diagnostics."""

    path: Path
    result: LoadResult

    @property
    def scenario(self) -> Scenario | None:
        return self.result.scenario

    @property
    def minutes(self) -> int:
        """Estimated length in whole minutes at the normal pace (at least one)."""
        if self.scenario is None:
            return 0
        return max(1, math.ceil(self.scenario.estimated_seconds() / 60))


def load_entries(paths: Iterable[Path]) -> list[ScenarioEntry]:
    """Load every path once (a path given twice is listed once), keeping broken ones."""
    from simulasi.scenario import load_scenario

    entries: list[ScenarioEntry] = []
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            data = path.read_bytes()
        except OSError:
            continue
        entries.append(ScenarioEntry(path, load_scenario(data, file=str(path))))
    return entries


#: `(time_scale, start_at)` -> a clock; `start_at` is the scenario second a resumed run reached.
ClockFactory = Callable[[float, float], "Clock"]


def monotonic_clock(time_scale: float, start_at: float = 0.0) -> Clock:
    from simulasi.engine import MonotonicClock

    return MonotonicClock(time_scale, start_at=start_at)


@dataclass
class Session:
    """The options of one sitting: language, mode, pace, bell, and how clocks are made.

    The app owns the clock; tests pass a factory that returns a `FakeClock` they drive.
    `store` records every run played (the command always opens one; without it nothing is
    stored, which only tests of the screens use); `resume_latest` is `play --resume`.

    `to_load`: scenario files not loaded yet. `simulasi play` gives its files here (and no
    `entries`): Home paints first, loads them in a worker and fills its list, then sets
    `entries` and clears `to_load`.
    """

    entries: list[ScenarioEntry] = field(default_factory=list)
    trainee: Trainee = field(default_factory=Trainee)
    lang: str = "id"
    practice: bool = False
    time_scale: float = 1.0
    bell: bool = True
    clock_factory: ClockFactory = monotonic_clock
    store: Store | None = None
    resume_latest: bool = False
    to_load: list[Path] | None = None
