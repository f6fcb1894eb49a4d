"""The workshop scoreboard: ranking and aggregates over ScoreCards (docs/scoring.md).

Pure: it works on ScoreCards and the run facts handed in (`RunFacts`), never on a store or a
screen. Who reads the store and recomputes the cards is the caller's business.

Scenarios have different pass marks, so runs are ranked within their scenario: the ranking is
one list, ordered by scenario (its title) and then by place, and `rank` starts at 1 again for
each scenario. `Scoreboard.sections` gives the ranking of each scenario.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from scoring.card import ScoreCard

if TYPE_CHECKING:
    from simulasi.scenario import Scenario

_EMPTY: Mapping[str, str] = MappingProxyType({})
_EMPTY_CHOICES: Mapping[tuple[str, str], str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Labels:
    """The names a person reads for a scenario's ids: its title, endings, events, choices,
    criteria and stakeholders (an id without a name reads as itself)."""

    title: str = ""
    endings: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    events: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    choices: Mapping[tuple[str, str], str] = field(default_factory=lambda: _EMPTY_CHOICES)
    criteria: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    stakeholders: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    @classmethod
    def of(cls, scenario: Scenario) -> Labels:
        doc = scenario.doc
        return cls(
            title=scenario.title or scenario.id,
            endings=MappingProxyType({e.id: e.title or e.id for e in doc.endings}),
            events=MappingProxyType({e.id: e.title or e.id for e in doc.events}),
            choices=MappingProxyType(
                {key: c.text or key[1] for key, c in scenario.choices.items()}
            ),
            criteria=MappingProxyType({c.id: c.name or c.id for c in doc.criteria}),
            stakeholders=MappingProxyType({s.id: s.name or s.id for s in doc.stakeholders}),
        )

    def ending(self, key: str) -> str:
        return self.endings.get(key) or key

    def event(self, key: str) -> str:
        return self.events.get(key) or key

    def choice(self, event: str, choice: str | None) -> str:
        if choice is None:
            return ""
        return self.choices.get((event, choice)) or choice

    def criterion(self, key: str) -> str:
        return self.criteria.get(key) or key

    def stakeholder(self, key: str) -> str:
        return self.stakeholders.get(key) or key


NO_LABELS = Labels()


def passed(card: ScoreCard) -> bool:
    """Passed as shown to people: a practice run is never marked passed."""
    return card.passed and not card.practice


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
    labels: Labels = NO_LABELS  # the names of its scenario's ids


@dataclass(frozen=True, slots=True)
class Ranked:
    """A scored run at its place in its scenario's ranking (1 = best)."""

    rank: int
    facts: RunFacts
    card: ScoreCard
    labels: Labels = NO_LABELS

    @property
    def scenario_key(self) -> str:
        return self.facts.scenario_id or self.card.scenario

    @property
    def scenario_title(self) -> str:
        return self.facts.scenario_title or self.labels.title or self.scenario_key

    @property
    def ending_title(self) -> str:
        return self.labels.ending(self.card.ending)

    @property
    def passed(self) -> bool:
        return passed(self.card)


@dataclass(frozen=True, slots=True)
class Section:
    """The ranking of one scenario (its own pass mark), and its aggregates."""

    key: str  # the scenario id
    title: str
    pass_mark: float
    ranking: tuple[Ranked, ...]

    @property
    def count(self) -> int:
        return len(self.ranking)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.ranking)

    @property
    def mean(self) -> float | None:
        return _mean([r.card.total for r in self.ranking]) if self.ranking else None

    @property
    def best(self) -> float | None:
        return max((r.card.total for r in self.ranking), default=None)

    def criterion_means(self) -> dict[str, float]:
        """Mean of each criterion (by its name) over the runs that have it."""
        sums: dict[str, list[float]] = {}
        for r in self.ranking:
            for key, value in r.card.criteria.items():
                sums.setdefault(r.labels.criterion(key), []).append(value)
        return {key: _mean(values) for key, values in sums.items()}

    def stakeholder_means(self) -> dict[str, float]:
        """Mean final trust meter of each stakeholder (by its name), in scenario order."""
        sums: dict[str, list[float]] = {}
        for r in self.ranking:
            for key, value in r.card.meters.items():
                sums.setdefault(r.labels.stakeholder(key), []).append(value)
        return {key: _mean(values) for key, values in sums.items()}


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
        return sum(r.passed for r in self.ranking)

    @property
    def sections(self) -> tuple[Section, ...]:
        """One ranking per scenario, in the order of the ranking (scenario title, then id)."""
        groups: dict[str, list[Ranked]] = {}
        for r in self.ranking:
            groups.setdefault(r.scenario_key, []).append(r)
        return tuple(
            Section(key, runs[0].scenario_title, runs[0].card.pass_mark, tuple(runs))
            for key, runs in groups.items()
        )

    @property
    def pass_rate(self) -> float | None:
        """Share of ranked runs that passed, 0..1 (None when nothing is ranked)."""
        return self.passed / self.count if self.ranking else None

    @property
    def workshops(self) -> tuple[str, ...]:
        return _distinct(r.facts.workshop for r in self.ranking)

    @property
    def scenarios(self) -> tuple[str, ...]:
        return _distinct(r.scenario_title for r in self.ranking)


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
    scored: dict[str, list[tuple[RunFacts, ScoreCard, Labels]]] = {}
    unscored: list[Entry] = []
    practice_left_out = 0
    for entry in entries:
        if entry.card is None:
            unscored.append(entry)
        elif entry.card.practice and not include_practice:
            practice_left_out += 1
        else:
            key = entry.facts.scenario_id or entry.card.scenario
            scored.setdefault(key, []).append((entry.facts, entry.card, entry.labels))
    ranked: list[Ranked] = []
    for key in sorted(scored, key=lambda k: (_title(scored[k]).casefold(), k)):
        runs = scored[key]
        runs.sort(key=lambda run: rank_key((run[0], run[1])))
        ranked.extend(Ranked(i, f, c, lab) for i, (f, c, lab) in enumerate(runs, start=1))
    ranking = tuple(ranked)
    return Scoreboard(
        ranking=ranking,
        teams=_groups(ranking, "team"),
        agencies=_groups(ranking, "agency"),
        unscored=tuple(unscored),
        practice_left_out=practice_left_out,
        include_practice=include_practice,
    )


def _title(runs: Sequence[tuple[RunFacts, ScoreCard, Labels]]) -> str:
    facts, card, labels = runs[0]
    return facts.scenario_title or labels.title or facts.scenario_id or card.scenario


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
            passed=sum(passed(c) for c in cards),
        )
        for name, cards in totals.items()
    ]
    stats.sort(key=lambda g: (-g.mean, -g.best, g.name))
    return tuple(stats)


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
