"""The run state machine (docs/run-rules.md).

Pure: every method takes `now` in scenario seconds; nothing here reads a clock, a file or a
screen. Each call returns what happened, as past-tense dataclasses, and appends records to the
decision log, from which `Run.replay` rebuilds the identical state.
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, NamedTuple

from simulasi.engine.happenings import (
    DecisionAnswered,
    DecisionArrived,
    DecisionExpired,
    DecisionTimedOut,
    EventSkipped,
    Happening,
    MetersDrifted,
    RunEnded,
    RunStarted,
    UpdateArrived,
)
from simulasi.engine.order import in_shown_order, shown_order
from simulasi.engine.records import Record
from simulasi.engine.timing import speed_credit, timeliness
from simulasi.scenario import Event, Scenario
from simulasi.scenario.expr import Compiled
from simulasi.scenario.models import Outcome

DRIFT_PERIOD = 30.0  # seconds between two drift ticks (docs/run-rules.md, rule 6)
_FEED_KINDS = frozenset({"arrive", "answer", "timeout", "expire", "end", "message"})

Outcome_ = Literal["answered", "timed_out", "expired"]


class EngineError(Exception):
    """A call the run cannot accept: `code` names the reason, the message says it plainly."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ReplayError(EngineError):
    """A log that does not replay against its scenario (edited, truncated or foreign)."""


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


class _Plan:
    """An outcome (an update's own, a choice's or a timeout's) as the engine applies it:
    plain tuples, read once per scenario from its models."""

    __slots__ = ("add", "effects", "end", "next", "set")

    def __init__(
        self,
        outcome: Outcome,
        bounds: Mapping[str, tuple[int | None, int | None]],
        entries: Mapping[str, _Entry],
    ) -> None:
        self.set: tuple[tuple[str, bool | int], ...] = tuple(outcome.set.items())
        # (flag, amount, min, max)
        self.add: tuple[tuple[str, int, int | None, int | None], ...] = tuple(
            (flag, amount, *bounds[flag]) for flag, amount in outcome.add.items()
        )
        self.effects: tuple[tuple[str, float], ...] = tuple(outcome.effects.items())
        self.next: tuple[_Entry, ...] = tuple(entries[target] for target in outcome.next)
        self.end = outcome.end


class _Entry:
    """One event of the scenario, with what an arrival, a tick, an answer or a timeout reads of
    it resolved once per scenario (`_tables`), not on every call."""

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
        # Filled in by `_tables` once every entry exists (plans name their `next` entries).
        self.plan: _Plan | None = None  # an update's own outcome
        self.timeout: _Plan | None = None  # a decision's `on_timeout`
        # A decision's choices, in file order: id -> (outcome, `when` or None).
        self.choices: dict[str, tuple[_Plan, Compiled | None]] | None = None
        self.guarded = False  # whether any choice has a `when`


class _Tables:
    """A scenario as the engine reads it on every call: its events as `_Entry`s, in file
    order, and what `start` schedules."""

    __slots__ = ("entries", "live", "scheduled")

    def __init__(self, scenario: Scenario) -> None:
        events = scenario.doc.events
        bounds = scenario.flag_bounds
        self.entries = tuple(
            _Entry(event, order, scenario.event_when.get(event.id))
            for order, event in enumerate(events)
        )
        by_id = {entry.id: entry for entry in self.entries}
        choice_when = scenario.choice_when
        for event, entry in zip(events, self.entries, strict=True):
            if event.choices is None:
                entry.plan = _Plan(event, bounds, by_id)
                continue
            entry.choices = {
                c.id: (_Plan(c, bounds, by_id), choice_when.get((event.id, c.id)))
                for c in event.choices
            }
            entry.guarded = any(when is not None for _, when in entry.choices.values())
            if event.on_timeout is not None:
                entry.timeout = _Plan(event.on_timeout, bounds, by_id)
        # (file order, `at`) of the events scheduled at the start, in file order, and how many
        # queue entries that makes per event (`Run._live` after the start).
        self.scheduled = tuple(
            (order, event.at) for order, event in enumerate(events) if event.at is not None
        )
        self.live = {events[order].id: 1 for order, _ in self.scheduled}


# The tables of every scenario that has runs, by identity (a scenario is immutable, and not
# hashable): built by its first run, shared by the next thousands (a simulation, the explorer,
# the benchmark), dropped when the scenario itself is.
_TABLES: dict[int, _Tables] = {}


def _tables(scenario: Scenario) -> _Tables:
    key = id(scenario)
    tables = _TABLES.get(key)
    if tables is None:
        tables = _TABLES[key] = _Tables(scenario)
        weakref.finalize(scenario, _TABLES.pop, key, None)
    return tables


class _Slot:
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
        entry: _Entry,
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
            self.view: Pending = _new_tuple(Pending, (entry.id, arrived, None))
        else:
            self.rank = (deadline, entry.order)
            self.view = _new_tuple(Pending, (entry.id, arrived, deadline))


class Run:
    """One playthrough of a scenario by one trainee (or one test, or one simulation)."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        practice: bool = False,
        history: bool = False,
        seed: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.practice = practice
        # The seed of the order choices are shown in (logged in the start record; None: file
        # order, as in runs logged before seeds existed). See `simulasi.engine.order`.
        self.seed = seed
        # Meters after every change, for the debrief's sparklines; off by default (the
        # headless run, scoring and simulations do not need it).
        self._track = history
        self._floor = scenario.doc.scoring.speed_floor
        # The scenario as the engine reads it on every call (shared by all its runs).
        self._tables = _tables(scenario)
        self._entries = self._tables.entries
        self._meters: dict[str, float] = dict(scenario.initial_meters)
        self._flags: dict[str, bool | int] = dict(scenario.initial_flags)
        self.visited: set[str] = set()
        self.chosen: set[tuple[str, str]] = set()
        self.timed_out: set[str] = set()
        self._queue: list[tuple[float, int, int]] = []  # (time, file order, sequence)
        self._seq = 0
        self._live: dict[str, int] = {}  # scheduled entries per event not yet arrived
        self._live_total = 0
        # A time no arrival, drift tick or deadline comes before (a lower bound, lowered
        # whenever something is scheduled or arrives): `_process` up to an earlier `now`
        # has nothing to do.
        self._wake = -math.inf
        self._fresh = math.inf  # the earliest tick or deadline of slots new in this instant
        self._slots: dict[str, _Slot] = {}
        self._facts: dict[str, DecisionFact] = {}
        self._log: list[Record] = []
        self._out: list[Happening] = []
        self._history: list[tuple[float, dict[str, float]]] = []
        self.started = False
        self.ended = False
        self.ending: str | None = None
        self.end_time: float | None = None
        self.now = -math.inf
        self._last_arrival = -math.inf

    def copy(self) -> Run:
        """An independent run in exactly the same state: what one does to the copy leaves
        this run as it is, and the other way round. Cheaper than `Run.replay` of the log
        (which plays the whole path again): it costs only the run's own containers."""
        new = object.__new__(type(self))
        state = vars(new)
        for name in _SHARED_STATE:  # immutable values, or the scenario's read-only tables
            state[name] = getattr(self, name)
        # Containers the run changes, copied one level down (their items are immutable).
        new._meters = dict(self._meters)
        new._flags = dict(self._flags)
        new.visited = set(self.visited)
        new.chosen = set(self.chosen)
        new.timed_out = set(self.timed_out)
        new._queue = list(self._queue)  # a heap stays a heap when copied as a list
        new._live = dict(self._live)
        new._log = list(self._log)
        new._out = []
        new._history = list(self._history)
        # Only the facts of pending decisions still change (drift, then the answer, timeout
        # or expiry): each is copied with its slot; a resolved fact is never touched again,
        # so the copy shares it. The mappings in a fact's `parts` never change once there.
        facts = dict(self._facts)
        slots: dict[str, _Slot] = {}
        for event_id, slot in self._slots.items():
            twin = object.__new__(_Slot)
            for name in _Slot.__slots__:
                setattr(twin, name, getattr(slot, name))
            twin.fact = facts[event_id] = replace(slot.fact, parts=list(slot.fact.parts))
            slots[event_id] = twin
        new._slots = slots
        new._facts = facts
        return new

    # ------------------------------------------------------------------ views

    @property
    def meters(self) -> Mapping[str, float]:
        return MappingProxyType(self._meters)

    @property
    def flags(self) -> Mapping[str, bool | int]:
        return MappingProxyType(self._flags)

    @property
    def log(self) -> Sequence[Record]:
        return tuple(self._log)

    @property
    def pending(self) -> list[Pending]:
        """The inbox, soonest deadline first (file order breaks ties; arrival in practice)."""
        slots = self._slots
        if len(slots) > 1:
            return [s.view for s in sorted(slots.values(), key=_by_rank)]
        return [s.view for s in slots.values()]

    @property
    def feed(self) -> list[Record]:
        """What a trainee has seen happen, oldest first: arrivals, answers, timeouts,
        expiries and the end (the log without its bookkeeping records)."""
        return [r for r in self._log if r.kind in _FEED_KINDS]

    @property
    def decisions(self) -> list[DecisionFact]:
        """Every decision that arrived, in order of arrival, with what became of it."""
        return list(self._facts.values())

    @property
    def meter_history(self) -> list[tuple[float, dict[str, float]]]:
        """(time, meters) after the start and after every change, when the run was made
        with `history=True` (else empty)."""
        return list(self._history)

    def is_pending(self, event_id: str) -> bool:
        return event_id in self._slots

    def available_choices(self, event_id: str) -> list[str]:
        """The ids of the choices of a pending decision whose `when` holds now."""
        slot = self._slots.get(event_id)
        if slot is None:
            return []
        choices = slot.entry.choices
        assert choices is not None  # a pending event is a decision
        if not slot.entry.guarded:
            return list(choices)
        return [cid for cid, (_, when) in choices.items() if when is None or when(self)]

    def shown_choices(self, event_id: str) -> list[str]:
        """The available choices of a pending decision in the order the run shows them (keys
        1-9 follow it): `available_choices` in the seed's order (see `shown_order`)."""
        available = self.available_choices(event_id)
        if self.seed is None or len(available) < 2:
            return available
        return in_shown_order(self.seed, self.scenario.events[event_id], available)

    def shown_order(self, event_id: str) -> tuple[str, ...]:
        """Every choice of decision `event_id`, available or not, in the run's shown order."""
        return shown_order(self.seed, self.scenario.events[event_id])

    def next_arrival(self) -> float | None:
        """When the next scheduled arrival of an event that has not arrived is due, if any
        (None once the run has ended). It may still be skipped when its time comes (its
        `when` is false then)."""
        if self.ended:
            return None
        entries = self._entries
        visited = self.visited
        best = math.inf
        for at, order, _ in self._queue:
            if at < best and entries[order].id not in visited:
                best = at
        return None if best == math.inf else best

    # ------------------------------------------------------------------ calls

    def start(self, now: float = 0.0, *, room: int | None = None) -> list[Happening]:
        """Start the clock of the run at `now`: meters and flags initial, `at` events scheduled.

        `room`: the last room command issued before the run began (logged, not applied).
        """
        if self.started:
            raise EngineError("already_started", "the run has already started")
        now = float(now)
        self.started = True
        self.now = now
        self._out = [RunStarted(now, self.practice)]
        self._log.append(
            _new_tuple(
                Record, ("start", now, None, None, None, self.practice, self.seed, None, room)
            )
        )
        if self._track:
            self._history.append((now, dict(self._meters)))
        # The `at` events, as `_schedule` would queue them one by one (nothing has arrived).
        scheduled = self._tables.scheduled
        self._queue = [(now + at, order, seq) for seq, (order, at) in enumerate(scheduled, 1)]
        heapq.heapify(self._queue)
        self._seq = len(scheduled)
        self._live = dict(self._tables.live)
        self._live_total = len(scheduled)
        self._check_natural_end(now)
        self._process(now)
        return self._take()

    def advance(self, now: float, *, record: bool = False) -> list[Happening]:
        """Let scenario time run to `now`: arrivals, drift ticks and timeouts, in time order.

        With `record=True` a `clock` record keeps the time reached in the log (so a resumed
        run continues at the same scenario second).
        """
        now = float(now)
        if not self.started or self.ended or now != now or now < self.now:
            self._require_running(now)  # raises
        out: list[Happening] = []
        if now >= self._wake:  # else nothing can happen yet (the common case at 4-10 Hz)
            self._out = out
            self._process(now)
            self._out = []
        if now > self.now:
            self.now = now
        if record and not self.ended:
            self._log.append(Record("clock", now))
        return out

    def pause(self, now: float, *, room: int | None = None) -> list[Happening]:
        """The trainee paused at `now`: time runs to `now`, and a `pause` record is logged.

        Pausing changes nothing in the run itself (the clock simply stops); the record lets
        the facilitator see when and how long a trainee paused. `room`: the room command that
        paused everyone, when it was the room.
        """
        out = self.advance(now)
        if not self.ended:
            self._log.append(Record("pause", float(now), room=room))
        return out

    def resume(self, now: float, *, room: int | None = None) -> list[Happening]:
        """The trainee (or the room's command `room`) resumed at `now` (the scenario time
        the clock stopped at)."""
        out = self.advance(now)
        if not self.ended:
            self._log.append(Record("resume", float(now), room=room))
        return out

    def message(self, now: float, text: str, *, room: int | None = None) -> list[Happening]:
        """The room's command `room` said `text` to everyone at `now`: logged and in the feed,
        nothing else changes."""
        out = self.advance(now)
        if not self.ended:
            self._log.append(Record("message", float(now), text=str(text), room=room))
        return out

    def choose(self, event_id: str, choice_id: str, now: float) -> list[Happening]:
        """Answer a pending decision with one of its available choices at `now`."""
        now = float(now)
        if not self.started or self.ended or now != now or now < self.now:
            self._require_running(now)  # raises
        self._out = []
        if now >= self._wake:
            self._process(now)
        if now > self.now:
            self.now = now
        if self.ended:
            raise EngineError("ended", "the run has already ended", event=event_id)
        slot = self._slots.get(event_id)
        if slot is None:
            if event_id not in self.scenario.events:
                raise EngineError(
                    "unknown_event", f"there is no event {event_id!r}", event=event_id
                )
            raise EngineError(
                "not_pending", f"decision {event_id!r} is not pending at {now:g}", event=event_id
            )
        entry = slot.entry
        assert entry.choices is not None  # a pending event is a decision
        option = entry.choices.get(choice_id)
        if option is None:
            raise EngineError(
                "unknown_choice",
                f"decision {event_id!r} has no choice {choice_id!r}",
                event=event_id,
                choice=choice_id,
            )
        plan, when = option
        if when is not None and not when(self):
            raise EngineError(
                "choice_unavailable",
                f"choice {choice_id!r} of {event_id!r} is not available now",
                event=event_id,
                choice=choice_id,
            )
        self._log.append(
            _new_tuple(Record, ("answer", now, event_id, choice_id, None, None, None, None, None))
        )
        del self._slots[event_id]
        speed: float | None = None
        if not self.practice:
            assert entry.golden is not None and entry.half_life is not None
            speed = speed_credit(now - slot.arrived, entry.golden, entry.half_life, self._floor)
        fact = slot.fact
        fact.resolved, fact.outcome, fact.choice, fact.speed = now, "answered", choice_id, speed
        if entry.guarded:
            fact.closed = self._closed(entry)
        self.chosen.add((event_id, choice_id))
        out = self._out
        out.append(
            DecisionAnswered(
                now, event_id, choice_id, speed, self._apply(plan, now, timeliness(speed), fact)
            )
        )
        self._follow(plan, now)
        if not self.ended and not self._slots and self._live_total == 0:
            self._end(now, None)  # _check_natural_end, inlined
        self._out = []
        return out

    def finish(self, now: float, *, room: int | None = None) -> list[Happening]:
        """The trainee is done (or the headless answers ran out): play the run to its end.

        Timed runs advance until everything has arrived and timed out. Practice runs let the
        remaining scheduled arrivals happen, then expire what is still pending at the later
        of `now` and the last arrival. `room`: the room command that ended the exercise for
        everyone, when it was the room.
        """
        now = float(now)
        self._require_running(now)
        self._out = []
        self._process(now)
        self.now = max(self.now, now)
        if not self.ended:
            self._log.append(Record("finish", now, room=room))
            self._process(math.inf)
            if not self.ended:
                self._end(max(now, self._last_arrival), None)
        return self._take()

    # ------------------------------------------------------------------ replay

    @classmethod
    def replay(cls, scenario: Scenario, log: Iterable[Record], *, history: bool = False) -> Run:
        """Rebuild a run from its log, checking that every output record comes out again."""
        records = list(log)
        if not records or records[0].kind != "start":
            raise ReplayError("no_start", "the log does not begin with a start record")
        first = records[0]
        run = cls(scenario, practice=bool(first.practice), history=history, seed=first.seed)
        checked = 0
        try:
            for index, rec in enumerate(records):
                if index >= len(run._log):
                    run._drive(rec)
                upto = min(len(run._log), len(records))
                while checked < upto:
                    if run._log[checked] != records[checked]:
                        raise ReplayError("mismatch", _mismatch(records, run._log))
                    checked += 1
        except ReplayError:
            raise
        except EngineError as exc:
            raise ReplayError("mismatch", f"the log does not replay: {exc}") from exc
        if len(run._log) != len(records):
            raise ReplayError("mismatch", _mismatch(records, run._log))
        return run

    def _drive(self, rec: Record) -> None:
        """Apply one logged input again, or let time reach a logged output."""
        if rec.kind == "start":
            self.start(rec.at, room=rec.room)
        elif rec.kind == "answer":
            self.choose(rec.event or "", rec.choice or "", rec.at)
        elif rec.kind == "clock":
            self.advance(rec.at, record=True)
        elif rec.kind == "pause":
            self.pause(rec.at, room=rec.room)
        elif rec.kind == "resume":
            self.resume(rec.at, room=rec.room)
        elif rec.kind == "message":
            self.message(rec.at, rec.text or "", room=rec.room)
        elif rec.kind == "finish":
            self.finish(rec.at, room=rec.room)
        elif rec.kind == "timeout":
            # A timeout is dated at the deadline but happens once time is past it.
            self.advance(math.nextafter(rec.at, math.inf))
        else:
            self.advance(rec.at)

    # ------------------------------------------------------------------ internals

    def _take(self) -> list[Happening]:
        out, self._out = self._out, []
        return out

    def _require_running(self, now: float) -> None:
        """Raise unless the run accepts a call at `now` (callers pass `float(now)`)."""
        if not self.started:
            raise EngineError("not_started", "the run has not started")
        if self.ended:
            raise EngineError("ended", "the run has already ended")
        if math.isnan(now):
            raise EngineError("bad_time", "time is not a number")
        if now < self.now:
            raise EngineError(
                "time_backwards", f"time went backwards: {now:g} is before {self.now:g}"
            )

    def _schedule(self, entry: _Entry, at: float) -> None:
        event_id = entry.id
        if event_id in self.visited:
            return  # each event arrives at most once: a later naming does nothing
        self._seq += 1
        heapq.heappush(self._queue, (at, entry.order, self._seq))
        live = self._live
        live[event_id] = live.get(event_id, 0) + 1
        self._live_total += 1
        if at < self._wake:
            self._wake = at

    def _process(self, now: float) -> None:
        """Everything due up to `now`: arrivals and drift at t <= now, timeouts at t < now."""
        if now < self._wake:
            return  # nothing arrives, ticks or times out before `_wake`
        entries = self._entries
        queue = self._queue
        slots = self._slots
        visited = self.visited
        live = self._live
        heappop = heapq.heappop
        inf = math.inf
        while not self.ended:
            # t = the earliest of: the next arrival, drift tick, or deadline before `now`.
            first = queue[0][0] if queue else inf
            tick = deadline = inf
            ticker: _Slot | None = None  # the slot whose tick is `tick`, if it is the only one
            for slot in slots.values():
                if slot.next_tick < tick:
                    tick = slot.next_tick
                    ticker = slot
                elif slot.next_tick == tick:
                    ticker = None
                if slot.deadline < deadline:
                    deadline = slot.deadline
            due = deadline if deadline < now else inf  # the earliest deadline before `now`
            t = first
            if tick < t:
                t = tick
            if due < t:
                t = due
            if t > now or t == inf:
                wake = first
                if tick < wake:
                    wake = tick
                if deadline < wake:
                    wake = deadline
                self._wake = wake
                return
            # One instant, in the order of rule 10: arrivals, drift ticks, timeouts.
            self._fresh = inf
            while queue and queue[0][0] <= t:
                entry = entries[heappop(queue)[1]]
                event_id = entry.id
                if event_id in visited:
                    continue
                live[event_id] -= 1
                self._live_total -= 1
                self._arrive(entry, t)
                if self.ended:
                    return
                if not slots and self._live_total == 0:
                    self._end(t, None)  # _check_natural_end, inlined
                    return
            # A tick changes only its own slot's next tick, and a slot's deadline never
            # changes: picking the due slots first is the same as testing each in turn. Slots
            # that tick or time out at t exist only if the scan above found one, or if a slot
            # that arrived at t has one at t (`_fresh`).
            fresh = self._fresh
            if tick == t and ticker is not None and fresh > t:
                self._tick(ticker, t)  # the common case: one slot ticks
            elif tick == t or fresh <= t:
                ticking = [slot for slot in slots.values() if slot.next_tick == t]
                if ticking:
                    ticking.sort(key=_by_order)
                    for slot in ticking:
                        self._tick(slot, t)
            if t < now and (due == t or fresh <= t):
                timing_out = [slot for slot in slots.values() if slot.deadline == t]
                if timing_out:
                    timing_out.sort(key=_by_order)
                    for slot in timing_out:
                        if slot.entry.id in slots and not self.ended:
                            self._timeout(slot, t)
                            self._check_natural_end(t)

    def _arrive(self, entry: _Entry, t: float) -> None:
        event_id = entry.id
        when = entry.when
        if when is not None and not when(self):
            self._log.append(
                _new_tuple(Record, ("skip", t, event_id, None, None, None, None, None, None))
            )
            self._out.append(EventSkipped(t, event_id))
            return
        self.visited.add(event_id)
        self._live_total -= self._live.pop(event_id, 0)
        self._last_arrival = t
        self._log.append(
            _new_tuple(Record, ("arrive", t, event_id, None, None, None, None, None, None))
        )
        plan = entry.plan
        if plan is not None:  # an update
            self._out.append(UpdateArrived(t, event_id, self._apply(plan, t, 1.0, None)))
            if plan.next or plan.end is not None:
                self._follow(plan, t)
            return
        fact = self._facts[event_id] = DecisionFact(event_id, t, None, None, None, None, [])
        if self.practice:
            slot = _Slot(entry, fact, t, math.inf, math.inf, True)
            self._out.append(DecisionArrived(t, event_id, None))
        else:
            assert entry.deadline is not None and entry.golden is not None
            deadline = t + entry.deadline
            tick_base = t + entry.golden if entry.drift else math.inf
            slot = _Slot(entry, fact, t, deadline, tick_base, False)
            self._out.append(DecisionArrived(t, event_id, deadline))
        self._slots[event_id] = slot
        soon = slot.next_tick if slot.next_tick < slot.deadline else slot.deadline
        if soon < self._wake:
            self._wake = soon
        if soon < self._fresh:
            self._fresh = soon

    def _closed(self, entry: _Entry) -> tuple[str, ...]:
        """The choices of a decision whose `when` does not hold now."""
        assert entry.choices is not None  # a decision
        return tuple(cid for cid, (_, when) in entry.choices.items() if when and not when(self))

    def _tick(self, slot: _Slot, t: float) -> None:
        """One drift tick of a pending decision: its drift, unscaled, clamped per change."""
        meters = self._meters
        deltas: dict[str, float] = {}
        for stakeholder, delta in slot.entry.drift:
            before = meters[stakeholder]
            after = before + delta
            if after < 0.0:
                after = 0.0
            elif after > 100.0:
                after = 100.0
            meters[stakeholder] = after
            deltas[stakeholder] = 0.0 + (after - before)  # 0.0 + turns -0.0 into 0.0
        slot.fact.parts.append(deltas)
        if self._track:
            self._history.append((t, dict(meters)))
        slot.ticks += 1
        slot.next_tick = slot.tick_base + DRIFT_PERIOD * slot.ticks
        event_id = slot.entry.id
        self._log.append(
            _new_tuple(Record, ("drift", t, event_id, None, None, None, None, None, None))
        )
        self._out.append(MetersDrifted(t, event_id, deltas))

    def _timeout(self, slot: _Slot, t: float) -> None:
        entry = slot.entry
        event_id = entry.id
        del self._slots[event_id]
        plan = entry.timeout
        assert plan is not None
        fact = slot.fact
        if entry.guarded:
            fact.closed = self._closed(entry)
        self.timed_out.add(event_id)
        fact.resolved, fact.outcome = t, "timed_out"
        self._log.append(
            _new_tuple(Record, ("timeout", t, event_id, None, None, None, None, None, None))
        )
        self._out.append(DecisionTimedOut(t, event_id, self._apply(plan, t, 1.0, fact)))
        self._follow(plan, t)

    def _apply(
        self, plan: _Plan, t: float, scale: float, fact: DecisionFact | None
    ) -> dict[str, float]:
        """set, then add, then effects: meters move in mapping order, clamped to 0..100 after
        every single change (rule 7), positive changes multiplied by `scale` (an answer's
        timeliness, else 1). Returns the changes as applied (keys of a mapping are unique)."""
        if plan.set or plan.add:
            flags = self._flags
            for flag, value in plan.set:
                flags[flag] = value
            for flag, amount, low, high in plan.add:
                total = int(flags[flag]) + amount
                if low is not None and total < low:
                    total = low
                if high is not None and total > high:
                    total = high
                flags[flag] = total
        deltas: dict[str, float] = {}
        if not plan.effects:
            return deltas
        meters = self._meters
        for stakeholder, delta in plan.effects:
            before = meters[stakeholder]
            after = before + (delta * scale if delta > 0 else delta)
            if after < 0.0:
                after = 0.0
            elif after > 100.0:
                after = 100.0
            meters[stakeholder] = after
            deltas[stakeholder] = 0.0 + (after - before)  # 0.0 + turns -0.0 into 0.0
        if fact is not None:
            fact.parts.append(deltas)
        if self._track:
            self._history.append((t, dict(meters)))
        return deltas

    def _follow(self, plan: _Plan, t: float) -> None:
        """After an answer, timeout or update: `end` at once, or name the `next` events."""
        if plan.end is not None:
            self._end(t, plan.end)
            return
        for target in plan.next:
            if self.ended:
                return
            if target.delay == 0:
                # Named with no delay: arrives right now, depth first.
                if target.id not in self.visited:
                    self._arrive(target, t)
            else:
                self._schedule(target, t + target.delay)

    def _check_natural_end(self, t: float) -> None:
        if not self.ended and not self._slots and self._live_total == 0:
            self._end(t, None)

    def _end(self, t: float, ending: str | None) -> None:
        # Drift due up to and including the end applies first (rule 6).
        for slot in sorted(self._slots.values(), key=_by_order):
            while slot.next_tick <= t:
                self._tick(slot, slot.next_tick)
        for slot in sorted(self._slots.values(), key=_by_order):
            entry = slot.entry
            assert entry.timeout is not None
            fact = slot.fact
            fact.resolved, fact.outcome = t, "expired"
            if entry.guarded:
                fact.closed = self._closed(entry)
            self._log.append(
                _new_tuple(Record, ("expire", t, entry.id, None, None, None, None, None, None))
            )
            # Expiry applies set, add and effects only: never `next` or `end` (rule 8).
            deltas = self._apply(entry.timeout, t, 1.0, fact)
            self._out.append(DecisionExpired(t, entry.id, deltas))
        self._slots.clear()
        self._queue.clear()
        self._live.clear()
        self._live_total = 0
        if ending is None:
            ending = self._choose_ending()
        self.ended = True
        self.ending = ending
        self.end_time = t
        self.now = max(self.now, t)
        self._log.append(_new_tuple(Record, ("end", t, None, None, ending, None, None, None, None)))
        self._out.append(RunEnded(t, ending))

    def _choose_ending(self) -> str:
        whens = self.scenario.ending_when
        fallback: str | None = None
        for ending in self.scenario.doc.endings:
            if ending.when is None:
                if fallback is None:
                    fallback = ending.id
            elif whens[ending.id](self):
                return ending.id
        assert fallback is not None  # the loader guarantees a fallback (SIM203)
        return fallback


# A Record (or Pending) from all its fields at once: `tuple.__new__` skips the keyword
# defaults of the named tuple's own constructor, which is most of its cost on the hot path.
_new_tuple = tuple.__new__

# What `Run.copy` shares with the original: immutable values, or the scenario's read-only
# tables. Everything else in a run is a container it changes, and `copy` copies it.
_SHARED_STATE = (
    "scenario",
    "practice",
    "seed",
    "_track",
    "_floor",
    "_tables",
    "_entries",
    "_seq",
    "_live_total",
    "_wake",
    "_fresh",
    "started",
    "ended",
    "ending",
    "end_time",
    "now",
    "_last_arrival",
)


def _by_order(slot: _Slot) -> int:
    return slot.entry.order


def _by_rank(slot: _Slot) -> tuple[float, int]:
    return slot.rank


def _mismatch(expected: Sequence[Record], got: Sequence[Record]) -> str:
    for i, (a, b) in enumerate(zip(expected, got, strict=False)):
        if a != b:
            return f"record {i + 1}: the log has {a.to_json()}, the replay gives {b.to_json()}"
    if len(expected) > len(got):
        return f"record {len(got) + 1}: the log has {expected[len(got)].to_json()}, the replay ends"
    return f"record {len(expected) + 1}: the replay gives {got[len(expected)].to_json()} more"
