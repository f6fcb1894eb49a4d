"""A scenario as the engine reads it on every call: compiled once per scenario, shared by all its
runs, never changed. Internal to `simulasi.engine` (nothing outside it imports this module).

`tables_for(scenario)` builds the tables of a scenario on its first run and keeps them while the
scenario lives (a simulation, the explorer or a benchmark runs the same scenario thousands of
times).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from simulasi.scenario import Event, Scenario
from simulasi.scenario.expr import Compiled
from simulasi.scenario.models import Outcome


class Plan:
    """An outcome (an update's own, a choice's or a timeout's) as the engine applies it:
    plain tuples, read once per scenario from its models."""

    __slots__ = ("add", "effects", "end", "next", "set")

    def __init__(
        self,
        outcome: Outcome,
        bounds: Mapping[str, tuple[int | None, int | None]],
        entries: Mapping[str, Entry],
    ) -> None:
        self.set: tuple[tuple[str, bool | int], ...] = tuple(outcome.set.items())
        # (flag, amount, min, max)
        self.add: tuple[tuple[str, int, int | None, int | None], ...] = tuple(
            (flag, amount, *bounds[flag]) for flag, amount in outcome.add.items()
        )
        self.effects: tuple[tuple[str, float], ...] = tuple(outcome.effects.items())
        self.next: tuple[Entry, ...] = tuple(entries[target] for target in outcome.next)
        self.end = outcome.end


class Entry:
    """One event of the scenario, with what an arrival, a tick, an answer or a timeout reads of
    it resolved once per scenario (`Tables`), not on every call."""

    __slots__ = (
        "choices",
        "deadline",
        "delay",
        "drift",
        "golden",
        "guarded",
        "half_life",
        "id",
        "order",
        "plan",
        "timeout",
        "when",
    )

    def __init__(self, event: Event, order: int, when: Compiled | None) -> None:
        self.id = event.id
        self.order = order
        self.when = when
        self.delay = event.delay
        self.deadline = event.deadline
        self.golden = event.golden
        self.half_life = event.half_life
        self.drift: tuple[tuple[str, float], ...] = tuple(event.drift.items())
        # Filled in by `Tables` once every entry exists (plans name their `next` entries).
        self.plan: Plan | None = None  # an update's own outcome
        self.timeout: Plan | None = None  # a decision's `on_timeout`
        # A decision's choices, in file order: id -> (outcome, `when` or None).
        self.choices: dict[str, tuple[Plan, Compiled | None]] | None = None
        self.guarded = False  # whether any choice has a `when`


class Tables:
    """A scenario as the engine reads it on every call: its events as `Entry`s, in file
    order, and what `start` schedules."""

    __slots__ = ("entries", "live", "scheduled")

    def __init__(self, scenario: Scenario) -> None:
        events = scenario.doc.events
        bounds = scenario.flag_bounds
        self.entries = tuple(
            Entry(event, order, scenario.event_when.get(event.id))
            for order, event in enumerate(events)
        )
        by_id = {entry.id: entry for entry in self.entries}
        choice_when = scenario.choice_when
        for event, entry in zip(events, self.entries, strict=True):
            if event.choices is None:
                entry.plan = Plan(event, bounds, by_id)
                continue
            entry.choices = {
                c.id: (Plan(c, bounds, by_id), choice_when.get((event.id, c.id)))
                for c in event.choices
            }
            entry.guarded = any(when is not None for _, when in entry.choices.values())
            if event.on_timeout is not None:
                entry.timeout = Plan(event.on_timeout, bounds, by_id)
        # (file order, `at`) of the events scheduled at the start, in file order, and how many
        # queue entries that makes per event (`RunState.live` after the start).
        self.scheduled = tuple(
            (order, event.at) for order, event in enumerate(events) if event.at is not None
        )
        self.live = {events[order].id: 1 for order, _ in self.scheduled}


# The tables of every scenario that has runs, by identity (a scenario is immutable, and not
# hashable): built by its first run, shared by the next thousands (a simulation, the explorer,
# the benchmark), dropped when the scenario itself is.
_TABLES: dict[int, Tables] = {}


def tables_for(scenario: Scenario) -> Tables:
    """The tables of `scenario`, built on first use and kept while the scenario lives."""
    key = id(scenario)
    tables = _TABLES.get(key)
    if tables is None:
        tables = _TABLES[key] = Tables(scenario)
        weakref.finalize(scenario, _TABLES.pop, key, None)
    return tables
