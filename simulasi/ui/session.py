"""What the app is given: the scenarios to offer, the trainee, the options of the session.

Nothing heavy is imported here: the scenario models (pydantic) and the engine are imported
when scenarios are loaded or a clock is made, so the game's first frame does not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulasi.guard import SCENARIO_MAX_BYTES, TooLarge, read_bounded
from simulasi.ui.catalog import Facts, digest, facts_of, read_cache, write_cache

if TYPE_CHECKING:
    from simulasi.engine import Clock
    from simulasi.scenario import LoadResult, Scenario
    from simulasi.store.interface import ResultsStore as Store


@dataclass
class Trainee:
    """Who plays (typed on Home or given on the command line)."""

    name: str = ""
    team: str = ""
    agency: str = ""
    workshop: str = ""


@dataclass
class ScenarioEntry:
    """One scenario on the Home screen: loaded (or broken, with its diagnostics), or known
    only by its remembered `facts` until the trainee opens it (see `simulasi.ui.catalog`)."""

    path: Path
    result: LoadResult | None = None
    known: Facts | None = None  # from the cache, while `result` is not loaded yet
    sha256: str = ""  # of the bytes loaded (or remembered)

    def load(self) -> LoadResult:
        """The loaded file, loaded now if Home knew it only from the cache (OSError when it
        can no longer be read)."""
        if self.result is None:
            from simulasi.scenario import load_scenario
            from simulasi.scenario.loader import too_large

            try:
                data = read_bounded(self.path, SCENARIO_MAX_BYTES)
            except TooLarge as exc:
                self.result = too_large(str(self.path), exc.size, exc.limit)
                return self.result
            self.sha256 = digest(data)
            self.result = load_scenario(data, file=str(self.path))
        return self.result

    @property
    def scenario(self) -> Scenario | None:
        return self.load().scenario

    @property
    def facts(self) -> Facts | None:
        """What Home shows of it; None for a broken scenario."""
        if self.result is None and self.known is not None:
            return self.known
        scenario = self.scenario
        return None if scenario is None else facts_of(scenario)

    @property
    def minutes(self) -> int:
        """Estimated length in whole minutes at the normal pace (at least one)."""
        facts = self.facts
        return 0 if facts is None else facts.minutes


def load_entries(paths: Iterable[Path]) -> list[ScenarioEntry]:
    """Load every path once (a path given twice is listed once), keeping broken ones."""
    from simulasi.scenario import load_scenario
    from simulasi.scenario.loader import too_large

    entries: list[ScenarioEntry] = []
    for path, data in _read(paths):
        if isinstance(data, TooLarge):  # listed as broken, read no further than the limit
            entries.append(ScenarioEntry(path, too_large(str(path), data.size, data.limit)))
            continue
        entries.append(ScenarioEntry(path, load_scenario(data, file=str(path)), None, digest(data)))
    return entries


def remembered_entries(paths: Iterable[Path], cache: Path) -> list[ScenarioEntry] | None:
    """Entries known from the cache without loading them, if every file is there unchanged
    (else None: load them all with `load_entries`)."""
    known = read_cache(cache)
    if not known:
        return None
    entries = []
    for path, data in _read(paths):
        if not isinstance(data, bytes):
            return None
        sha256 = digest(data)
        facts = known.get(sha256)
        if facts is None:
            return None
        entries.append(ScenarioEntry(path, known=facts, sha256=sha256))
    return entries


def remember(entries: Iterable[ScenarioEntry], cache: Path) -> None:
    """Write the facts of the loaded, valid entries to the cache."""
    facts = {}
    for entry in entries:
        result = entry.result
        if result is not None and result.scenario is not None and entry.sha256:
            facts[entry.sha256] = facts_of(result.scenario)
    write_cache(cache, facts)


def _read(paths: Iterable[Path]) -> Iterator[tuple[Path, bytes | TooLarge]]:
    """Each readable path once (a path given twice is listed once) with its bytes (or
    TooLarge, read no further than the scenario size limit)."""
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            data: bytes | TooLarge = read_bounded(path, SCENARIO_MAX_BYTES)
        except TooLarge as exc:
            data = exc
        except OSError:
            continue
        yield path, data


#: `(time_scale, start_at)` -> a clock; `start_at` is the scenario second a resumed run reached.
ClockFactory = Callable[[float, float], "Clock"]


def monotonic_clock(time_scale: float, start_at: float = 0.0) -> Clock:
    from simulasi.engine import MonotonicClock

    return MonotonicClock(time_scale, start_at=start_at)


#: -> the seed of a new run's shown order (None: file order). The randomness of the game.
SeedSource = Callable[[], "int | None"]


def random_seed() -> int:
    """A fresh seed for a new run: the order its choices are shown in is drawn from it."""
    import secrets

    return secrets.randbelow(1 << 31)


def _game_id() -> str:
    """A new game's name: random, one per process (a browser of `serve` is a process)."""
    import secrets

    return secrets.token_hex(8)


@dataclass
class Session:
    """The options of one sitting: language, mode, pace, bell, and how clocks are made.

    The app owns the clock; tests pass a factory that returns a `FakeClock` they drive.
    `seed_source` gives each new run its seed (the order its choices are shown in, logged in
    the run's start record); tests fix it.
    `store` records every run played (the command always opens one; without it nothing is
    stored, which only tests of the screens use); `resume_latest` is `play --resume`.

    `to_load`: scenario files not loaded yet. `simulasi play` gives its files here (and no
    `entries`): Home paints first, loads them in a worker and fills its list, then sets
    `entries` and clears `to_load`. With `cache` (`simulasi.ui.catalog`), a start whose files
    are unchanged since the last one lists them at once and loads a scenario when it is
    opened.
    """

    entries: list[ScenarioEntry] = field(default_factory=list)
    trainee: Trainee = field(default_factory=Trainee)
    lang: str = "id"
    practice: bool = False
    time_scale: float = 1.0
    bell: bool = True
    clock_factory: ClockFactory = monotonic_clock
    seed_source: SeedSource = random_seed
    store: Store | None = None
    resume_latest: bool = False
    zone: str = "WIB"  # the workshop's wall clock: WIB, WITA, WIT or UTC
    to_load: list[Path] | None = None
    cache: Path | None = None
    #: Under `simulasi serve`: the browser's session token. Runs are stored with it, Home
    #: offers only this seat's unfinished runs, and the workshop is the facilitator's.
    seat: str = ""
    #: `--lobby`: the briefing waits for the room's `start` command (`simulasi console`).
    lobby: bool = False
    #: This game's name in the store's presence rows (`simulasi.store.room.Presence`): while
    #: the trainee reads a briefing of a workshop, the console shows them before a run exists.
    game: str = field(default_factory=_game_id)
