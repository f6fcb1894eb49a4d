"""The compiled, immutable scenario the engine plays: the document plus its indexes."""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from simulasi.scenario.expr import Compiled
from simulasi.scenario.models import Choice, Ending, Event, Flag, ScenarioDoc, Stakeholder


@dataclass(frozen=True, slots=True)
class Weights:
    """The three sub-score weights, normalised to sum 1 (practice mode renormalises)."""

    speed: float
    accuracy: float
    impact: float


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: valid, with every expression compiled and every id resolved."""

    doc: ScenarioDoc
    text: str
    file: str
    event_when: Mapping[str, Compiled] = field(repr=False)
    choice_when: Mapping[tuple[str, str], Compiled] = field(repr=False)
    ending_when: Mapping[str, Compiled] = field(repr=False)
    events: Mapping[str, Event] = field(init=False, repr=False)
    event_order: Mapping[str, int] = field(init=False, repr=False)
    choices: Mapping[tuple[str, str], Choice] = field(init=False, repr=False)
    stakeholders: Mapping[str, Stakeholder] = field(init=False, repr=False)
    flags: Mapping[str, Flag] = field(init=False, repr=False)
    endings: Mapping[str, Ending] = field(init=False, repr=False)
    weights: Weights = field(init=False)
    sha256: str = field(init=False)
    initial_meters: Mapping[str, float] = field(init=False, repr=False)
    initial_flags: Mapping[str, bool | int] = field(init=False, repr=False)
    flag_bounds: Mapping[str, tuple[int | None, int | None]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        doc = self.doc
        put = object.__setattr__
        put(self, "events", MappingProxyType({e.id: e for e in doc.events}))
        put(self, "event_order", MappingProxyType({e.id: i for i, e in enumerate(doc.events)}))
        put(
            self,
            "choices",
            MappingProxyType({(e.id, c.id): c for e in doc.events for c in (e.choices or ())}),
        )
        put(self, "stakeholders", MappingProxyType({s.id: s for s in doc.stakeholders}))
        put(self, "flags", MappingProxyType({f.id: f for f in doc.flags}))
        put(self, "endings", MappingProxyType({e.id: e for e in doc.endings}))
        w = doc.scoring.weights
        total = w.speed + w.accuracy + w.impact
        put(self, "weights", Weights(w.speed / total, w.accuracy / total, w.impact / total))
        put(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        # What every run starts from, computed once (a simulation starts thousands of runs).
        put(
            self,
            "initial_meters",
            MappingProxyType({s.id: float(s.initial) for s in doc.stakeholders}),
        )
        put(
            self,
            "initial_flags",
            MappingProxyType(
                {f.id: f.initial if f.initial is not None else False for f in doc.flags}
            ),
        )
        put(self, "flag_bounds", MappingProxyType({f.id: (f.min, f.max) for f in doc.flags}))

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def decisions(self) -> tuple[Event, ...]:
        return tuple(e for e in self.doc.events if e.choices is not None)

    def accuracy_of(self, choice: Choice) -> float:
        """A_e of a choice before the critical cap: rubric, rating or accuracy."""
        if choice.rubric is not None:
            criteria = {c.id: c.weight for c in self.doc.criteria}
            weights = sum(criteria[k] for k in choice.rubric)
            value = 100 * sum(criteria[k] * v for k, v in choice.rubric.items()) / weights
            # Literal order of the formula; `100 * x / x` may round just past 100.
            return min(value, 100.0)
        if choice.rating is not None:
            return self.doc.scoring.ratings[choice.rating]
        assert choice.accuracy is not None
        return choice.accuracy

    def best_choice(self, event: Event, exclude: Collection[str] = ()) -> Choice | None:
        """The model answer: the non-critical choice with the highest accuracy (file order),
        leaving out the choices named in `exclude` (say, those not on offer at the time)."""
        best: Choice | None = None
        for choice in event.choices or ():
            if choice.critical or choice.id in exclude:
                continue
            if best is None or self.accuracy_of(choice) > self.accuracy_of(best):
                best = choice
        return best

    def estimated_seconds(self) -> float:
        """About how long a run takes, in scenario seconds, for a trainee who answers every
        decision at its golden time: the latest (earliest possible arrival + golden) over the
        events, arrivals found by a shortest-path pass over `at` and `next` + `delay`."""
        arrival: dict[str, float] = {e.id: e.at for e in self.doc.events if e.at is not None}
        queue = [(t, eid) for eid, t in arrival.items()]
        heapq.heapify(queue)
        while queue:
            t, eid = heapq.heappop(queue)
            if t > arrival.get(eid, math.inf):
                continue
            event = self.events[eid]
            resolved = t + (event.golden or 0.0)
            outcomes = [*(event.choices or ()), *([event.on_timeout] if event.on_timeout else [])]
            for outcome in outcomes or [event]:
                for target in outcome.next:
                    at = resolved + self.events[target].delay
                    if at < arrival.get(target, math.inf):
                        arrival[target] = at
                        heapq.heappush(queue, (at, target))
        return max(
            (t + (self.events[eid].golden or 0.0) for eid, t in arrival.items()), default=0.0
        )
