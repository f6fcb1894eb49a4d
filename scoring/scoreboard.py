"""The workshop scoreboard: ranking and aggregates over ScoreCards (docs/scoring.md).

Pure: it works on ScoreCards and the run facts handed in (`RunFacts`), never on a store or a
screen. Who reads the store and recomputes the cards is the caller's business.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from scoring.card import ScoreCard


@dataclass(frozen=True, slots=True)
class RunFacts:
    """What is known about a run besides its score: who played it, where and when."""

    run_id: str
    trainee: str = ""
    team: str = ""
    agency: str = ""
    workshop: str = ""
    scenario_id: str = ""
    scenario_title: str = ""
    practice: bool = False
    time_scale: float = 1.0
    started_at: str | None = None  # ISO 8601 wall time
    ended_at: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One run for the scoreboard: its facts and its card, or why it could not be scored."""

    facts: RunFacts
    card: ScoreCard | None = None
    problem: str | None = None  # e.g. "the log does not replay: ..."


@dataclass(frozen=True, slots=True)
class Ranked:
    """A scored run at its place in the ranking (1 = best)."""

    rank: int
    facts: RunFacts
    card: ScoreCard


@dataclass(frozen=True, slots=True)
class GroupStats:
    """Aggregates of the ranked runs of one team or one agency ("" = not given)."""

    name: str
    count: int
    mean: float
    best: float
    passed: int


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """The ranking, the per-team and per-agency aggregates, and what was left out."""

    ranking: tuple[Ranked, ...]
    teams: tuple[GroupStats, ...]
    agencies: tuple[GroupStats, ...]
    unscored: tuple[Entry, ...]  # runs whose log does not replay (reported, not scored)
    practice_left_out: int
    include_practice: bool

    @property
    def count(self) -> int:
        return len(self.ranking)

    @property
    def mean(self) -> float | None:
        return _mean([r.card.total for r in self.ranking]) if self.ranking else None

    @property
    def best(self) -> float | None:
        return max((r.card.total for r in self.ranking), default=None)

    @property
    def passed(self) -> int:
        return sum(r.card.passed for r in self.ranking)

    @property
    def pass_rate(self) -> float | None:
        """Share of ranked runs that passed, 0..1 (None when nothing is ranked)."""
        return self.passed / self.count if self.ranking else None

    @property
    def workshops(self) -> tuple[str, ...]:
        return _distinct(r.facts.workshop for r in self.ranking)

    @property
    def scenarios(self) -> tuple[str, ...]:
        return _distinct(r.facts.scenario_title or r.facts.scenario_id for r in self.ranking)

    def criterion_means(self) -> dict[str, float]:
        """Mean of each criterion over the ranked runs that have it."""
        sums: dict[str, list[float]] = {}
        for r in self.ranking:
            for key, value in r.card.criteria.items():
                sums.setdefault(key, []).append(value)
        return {key: _mean(values) for key, values in sums.items()}

    def stakeholder_means(self) -> dict[str, float]:
        """Mean final trust meter of each stakeholder over the ranked runs."""
        sums: dict[str, list[float]] = {}
        for r in self.ranking:
            for key, value in r.card.meters.items():
                sums.setdefault(key, []).append(value)
        return {key: _mean(values) for key, values in sums.items()}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of acyclic objects are made.

    Scoring a workshop builds hundreds of thousands of small objects with no reference cycles;
    meanwhile every full collection walks all of them again, so the time would grow faster than
    the number of runs. (The scenario loader pauses it for the same reason.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rank_key(entry: tuple[RunFacts, ScoreCard]) -> tuple[bool, float, float, float, str, str]:
    """docs/scoring.md: no critical choice first; total, accuracy, speed descending; earlier end.

    A practice run (only ranked with `include_practice`) has no speed: it counts as lowest.
    A run without an end time sorts after those with one; the run id makes the order total.
    """
    facts, card = entry
    speed = card.speed if card.speed is not None else -math.inf
    return (
        card.critical,
        -card.total,
        -card.accuracy,
        -speed,
        facts.ended_at or "\uffff",
        facts.run_id,
    )


def build_scoreboard(entries: Iterable[Entry], *, include_practice: bool = False) -> Scoreboard:
    """Rank the scored runs and aggregate them per team and per agency."""
    with paused_gc():
        return _build(entries, include_practice)


def _build(entries: Iterable[Entry], include_practice: bool) -> Scoreboard:
    scored: list[tuple[RunFacts, ScoreCard]] = []
    unscored: list[Entry] = []
    practice_left_out = 0
    for entry in entries:
        if entry.card is None:
            unscored.append(entry)
        elif entry.card.practice and not include_practice:
            practice_left_out += 1
        else:
            scored.append((entry.facts, entry.card))
    scored.sort(key=rank_key)
    ranking = tuple(Ranked(i, facts, card) for i, (facts, card) in enumerate(scored, start=1))
    return Scoreboard(
        ranking=ranking,
        teams=_groups(ranking, "team"),
        agencies=_groups(ranking, "agency"),
        unscored=tuple(unscored),
        practice_left_out=practice_left_out,
        include_practice=include_practice,
    )


def _groups(ranking: Sequence[Ranked], attr: str) -> tuple[GroupStats, ...]:
    """Per-group mean, best and count; groups by mean (then best, then name)."""
    totals: dict[str, list[ScoreCard]] = {}
    for r in ranking:
        totals.setdefault(getattr(r.facts, attr), []).append(r.card)
    stats = [
        GroupStats(
            name=name,
            count=len(cards),
            mean=_mean([c.total for c in cards]),
            best=max(c.total for c in cards),
            passed=sum(c.passed for c in cards),
        )
        for name, cards in totals.items()
    ]
    stats.sort(key=lambda g: (-g.mean, -g.best, g.name))
    return tuple(stats)


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
