"""Everything of a run that changes, in one slotted object (`RunState`) with its own `copy()`.

`Run` holds its scenario, its settings and the scenario's compiled tables (all immutable, shared
by every copy) and one `RunState`: copying a run is copying its state. A condition of the
scenario reads the state directly (`RunState` has the meters, flags and history sets the
expressions name). Internal to `simulasi.engine`: tools read a run through `Run`'s public
methods, never through this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from simulasi.engine.happenings import Happening
from simulasi.engine.records import Record
from simulasi.engine.tables import Entry

# A Record (or Pending) from all its fields at once: `tuple.__new__` skips the keyword
# defaults of the named tuple's own constructor, which is most of its cost on the hot path.
new_tuple = tuple.__new__

DRIFT_PERIOD = 30.0  # seconds between two drift ticks (docs/run-rules.md, rule 6)

Outcome_ = Literal["answered", "timed_out", "expired"]


class Pending(NamedTuple):
    """A decision in the inbox. `deadline` is None in practice mode."""

    event: str
    arrived: float
    deadline: float | None

    def remaining(self, now: float) -> float | None:
        return None if self.deadline is None else self.deadline - now


@dataclass(slots=True)
class DecisionFact:
    """What became of one decision that arrived: the raw material of scoring."""

    event: str
    arrived: float
    resolved: float | None = None
    outcome: Outcome_ | None = None
    choice: str | None = None
    speed: float | None = None  # S_e before the gate; None in practice mode
    # The meter changes this decision caused, one mapping per change (drift tick, answer,
    # timeout, expiry), summed when asked for: cheaper than merging on every tick.
    parts: list[dict[str, float]] = field(default_factory=list, repr=False)
    # The choices that were not on offer when it was resolved (their `when` did not hold then).
    closed: tuple[str, ...] = ()

    @property
    def deltas(self) -> dict[str, float]:
        """The sum of this decision's meter changes, per stakeholder, in the order they came."""
        total: dict[str, float] = {}
        for part in self.parts:
            for key, value in part.items():
                total[key] = total.get(key, 0.0) + value
        return total


class Slot:
    """Mutable bookkeeping of a pending decision."""

    __slots__ = (
        "arrived",
        "deadline",
        "entry",
        "fact",
        "next_tick",
        "rank",
        "tick_base",
        "ticks",
        "view",
    )

    def __init__(
        self,
        entry: Entry,
        fact: DecisionFact,
        arrived: float,
        deadline: float,
        tick_base: float,
        practice: bool,
    ) -> None:
        self.entry = entry
        self.fact = fact
        self.arrived = arrived
        self.deadline = deadline
        # Tick j is at (arrival + golden) + 30 * j, computed afresh each time rather than
        # summed, so that it is the formula of rule 6 to the bit.
        self.tick_base = tick_base
        self.ticks = 1
        self.next_tick = tick_base + DRIFT_PERIOD
        # Its place in the inbox (soonest deadline first; arrival in practice), and its view.
        if practice:
            self.rank = (arrived, entry.order)
            self.view: Pending = new_tuple(Pending, (entry.id, arrived, None))
        else:
            self.rank = (deadline, entry.order)
            self.view = new_tuple(Pending, (entry.id, arrived, deadline))

    def copy(self) -> Slot:
        """The same slot with a copy of its fact (the only part of it that changes in place):
        the mappings in a fact's `parts` never change once there, so they are shared."""
        twin = object.__new__(Slot)
        twin.entry = self.entry
        fact = self.fact  # every field, positionally (`dataclasses.replace` costs 10x more)
        twin.fact = DecisionFact(
            fact.event,
            fact.arrived,
            fact.resolved,
            fact.outcome,
            fact.choice,
            fact.speed,
            fact.parts.copy(),
            fact.closed,
        )
        twin.arrived = self.arrived
        twin.deadline = self.deadline
        twin.tick_base = self.tick_base
        twin.ticks = self.ticks
        twin.next_tick = self.next_tick
        twin.rank = self.rank
        twin.view = self.view
        return twin


class RunState:
    """The mutable state of one run: every value the machine changes as time runs and answers
    come in. Satisfies the expressions' `State` (meters, flags, visited, chosen, timed_out)."""

    __slots__ = (
        "chosen",
        "end_time",
        "ended",
        "ending",
        "facts",
        "flags",
        "fresh",
        "history",
        "last_arrival",
        "live",
        "live_total",
        "log",
        "meters",
        "now",
        "out",
        "queue",
        "seq",
        "slots",
        "started",
        "timed_out",
        "visited",
        "wake",
    )

    def __init__(self, meters: dict[str, float], flags: dict[str, bool | int]) -> None:
        self.meters = meters
        self.flags = flags
        self.visited: set[str] = set()
        self.chosen: set[tuple[str, str]] = set()
        self.timed_out: set[str] = set()
        self.queue: list[tuple[float, int, int]] = []  # (time, file order, sequence): a heap
        self.seq = 0
        self.live: dict[str, int] = {}  # scheduled entries per event not yet arrived
        self.live_total = 0
        # A time no arrival, drift tick or deadline comes before (a lower bound, lowered
        # whenever something is scheduled or arrives): processing up to an earlier `now`
        # has nothing to do.
        self.wake = -math.inf
        self.fresh = math.inf  # the earliest tick or deadline of slots new in this instant
        self.slots: dict[str, Slot] = {}  # the pending decisions, in order of arrival
        self.facts: dict[str, DecisionFact] = {}  # every decision that arrived, in order
        self.log: list[Record] = []
        self.out: list[Happening] = []  # what the call in progress returns
        self.history: list[tuple[float, dict[str, float]]] = []  # (time, meters), if tracked
        self.started = False
        self.ended = False
        self.ending: str | None = None
        self.end_time: float | None = None
        self.now = -math.inf
        self.last_arrival = -math.inf

    def copy(self) -> RunState:
        """An independent state equal to this one: containers are copied one level down (their
        items are immutable), except that the facts of pending decisions, which still change,
        are copied with their slots; a resolved fact never changes again and is shared."""
        new = object.__new__(RunState)
        new.meters = self.meters.copy()
        new.flags = self.flags.copy()
        new.visited = self.visited.copy()
        new.chosen = self.chosen.copy()
        new.timed_out = self.timed_out.copy()
        new.queue = self.queue.copy()  # a heap stays a heap when copied as a list
        new.seq = self.seq
        new.live = self.live.copy()
        new.live_total = self.live_total
        new.wake = self.wake
        new.fresh = self.fresh
        facts = self.facts.copy()
        slots: dict[str, Slot] = {}
        for event_id, slot in self.slots.items():
            twin = slots[event_id] = slot.copy()
            facts[event_id] = twin.fact
        new.slots = slots
        new.facts = facts
        new.log = self.log.copy()
        new.out = []
        new.history = self.history.copy()
        new.started = self.started
        new.ended = self.ended
        new.ending = self.ending
        new.end_time = self.end_time
        new.now = self.now
        new.last_arrival = self.last_arrival
        return new
