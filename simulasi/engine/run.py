"""The run state machine (SCENARIO_FORMAT "How a run unfolds").

Pure: every method takes `now` in scenario seconds; nothing here reads a clock, a file or a
screen. Each call returns what happened, as past-tense dataclasses, and appends records to the
decision log, from which `Run.replay` rebuilds the identical state.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

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
from simulasi.engine.records import Record
from simulasi.engine.timing import speed_credit, timeliness
from simulasi.scenario import Event, Scenario
from simulasi.scenario.models import Outcome

DRIFT_PERIOD = 30.0  # seconds between two drift ticks (SCENARIO_FORMAT rule 6)

Outcome_ = Literal["answered", "timed_out", "expired"]


class EngineError(Exception):
    """A call the run cannot accept: `code` names the reason, the message says it plainly."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ReplayError(EngineError):
    """A log that does not replay against its scenario (edited, truncated or foreign)."""


@dataclass(frozen=True, slots=True)
class Pending:
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
    deltas: dict[str, float] = field(default_factory=dict)


class _Slot:
    """Mutable bookkeeping of a pending decision."""

    __slots__ = ("arrived", "deadline", "event", "next_tick", "order", "tick_base", "ticks")

    def __init__(
        self, event: Event, order: int, arrived: float, deadline: float, tick_base: float
    ) -> None:
        self.event = event
        self.order = order
        self.arrived = arrived
        self.deadline = deadline
        # Tick j is at (arrival + golden) + 30 * j, computed afresh each time rather than
        # summed, so that it is the formula of rule 6 to the bit.
        self.tick_base = tick_base
        self.ticks = 1
        self.next_tick = tick_base + DRIFT_PERIOD


class Run:
    """One playthrough of a scenario by one trainee (or one test, or one simulation)."""

    def __init__(self, scenario: Scenario, *, practice: bool = False) -> None:
        self.scenario = scenario
        self.practice = practice
        doc = scenario.doc
        self._floor = doc.scoring.speed_floor
        self._order = scenario.event_order
        self._meters: dict[str, float] = {s.id: float(s.initial) for s in doc.stakeholders}
        self._flags: dict[str, bool | int] = {
            f.id: f.initial if f.initial is not None else False for f in doc.flags
        }
        self._bounds = {f.id: (f.min, f.max) for f in doc.flags}
        self.visited: set[str] = set()
        self.chosen: set[tuple[str, str]] = set()
        self.timed_out: set[str] = set()
        self._queue: list[tuple[float, int, int]] = []  # (time, file order, sequence)
        self._seq = 0
        self._live: dict[str, int] = {}  # scheduled entries per event not yet arrived
        self._live_total = 0
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
        slots = sorted(
            self._slots.values(),
            key=(lambda s: (s.arrived, s.order))
            if self.practice
            else (lambda s: (s.deadline, s.order)),
        )
        return [
            Pending(s.event.id, s.arrived, None if self.practice else s.deadline) for s in slots
        ]

    @property
    def decisions(self) -> list[DecisionFact]:
        """Every decision that arrived, in order of arrival, with what became of it."""
        return list(self._facts.values())

    @property
    def meter_history(self) -> list[tuple[float, dict[str, float]]]:
        """(time, meters) after the start and after every change: for sparklines."""
        return list(self._history)

    def is_pending(self, event_id: str) -> bool:
        return event_id in self._slots

    def available_choices(self, event_id: str) -> list[str]:
        """The ids of the choices of a pending decision whose `when` holds now."""
        slot = self._slots.get(event_id)
        if slot is None:
            return []
        whens = self.scenario.choice_when
        return [
            c.id
            for c in slot.event.choices or ()
            if (event_id, c.id) not in whens or whens[(event_id, c.id)](self)
        ]

    # ------------------------------------------------------------------ calls

    def start(self, now: float = 0.0) -> list[Happening]:
        """Start the clock of the run at `now`: meters and flags initial, `at` events scheduled."""
        if self.started:
            raise EngineError("already_started", "the run has already started")
        now = float(now)
        self.started = True
        self.now = now
        self._out = [RunStarted(now, self.practice)]
        self._log.append(Record("start", now, practice=self.practice))
        self._history.append((now, dict(self._meters)))
        for event in self.scenario.doc.events:
            if event.at is not None:
                self._schedule(event.id, now + event.at)
        self._check_natural_end(now)
        self._process(now)
        return self._take()

    def advance(self, now: float, *, record: bool = False) -> list[Happening]:
        """Let scenario time run to `now`: arrivals, drift ticks and timeouts, in time order.

        With `record=True` a `clock` record keeps the time reached in the log (so a resumed
        run continues at the same scenario second).
        """
        now = float(now)
        self._require_running(now)
        self._out = []
        self._process(now)
        self.now = max(self.now, now)
        if record and not self.ended:
            self._log.append(Record("clock", now))
        return self._take()

    def choose(self, event_id: str, choice_id: str, now: float) -> list[Happening]:
        """Answer a pending decision with one of its available choices at `now`."""
        now = float(now)
        self._require_running(now)
        self._out = []
        self._process(now)
        self.now = max(self.now, now)
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
        choice = self.scenario.choices.get((event_id, choice_id))
        if choice is None:
            raise EngineError(
                "unknown_choice",
                f"decision {event_id!r} has no choice {choice_id!r}",
                event=event_id,
                choice=choice_id,
            )
        when = self.scenario.choice_when.get((event_id, choice_id))
        if when is not None and not when(self):
            raise EngineError(
                "choice_unavailable",
                f"choice {choice_id!r} of {event_id!r} is not available now",
                event=event_id,
                choice=choice_id,
            )
        self._log.append(Record("answer", now, event_id, choice_id))
        del self._slots[event_id]
        fact = self._facts[event_id]
        speed: float | None = None
        if not self.practice:
            event = slot.event
            assert event.golden is not None and event.deadline is not None
            assert event.half_life is not None
            speed = speed_credit(
                now - slot.arrived, event.golden, event.deadline, event.half_life, self._floor
            )
        fact.resolved, fact.outcome, fact.choice, fact.speed = now, "answered", choice_id, speed
        self.chosen.add((event_id, choice_id))
        deltas = self._apply(choice, now, timeliness(speed), fact)
        self._out.append(DecisionAnswered(now, event_id, choice_id, speed, deltas))
        self._follow(choice, now)
        self._check_natural_end(now)
        return self._take()

    def finish(self, now: float) -> list[Happening]:
        """The trainee is done (or the headless answers ran out): play the run to its end.

        Timed runs advance until everything has arrived and timed out. Practice runs let the
        remaining scheduled arrivals happen, then expire what is still pending at the later
        of `now` and the last arrival.
        """
        now = float(now)
        self._require_running(now)
        self._out = []
        self._process(now)
        self.now = max(self.now, now)
        if not self.ended:
            self._log.append(Record("finish", now))
            self._process(math.inf)
            if not self.ended:
                self._end(max(now, self._last_arrival), None)
        return self._take()

    # ------------------------------------------------------------------ replay

    @classmethod
    def replay(cls, scenario: Scenario, log: Iterable[Record]) -> Run:
        """Rebuild a run from its log, checking that every output record comes out again."""
        records = list(log)
        if not records or records[0].kind != "start":
            raise ReplayError("no_start", "the log does not begin with a start record")
        run = cls(scenario, practice=bool(records[0].practice))
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
            self.start(rec.at)
        elif rec.kind == "answer":
            self.choose(rec.event or "", rec.choice or "", rec.at)
        elif rec.kind == "clock":
            self.advance(rec.at, record=True)
        elif rec.kind == "finish":
            self.finish(rec.at)
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

    def _schedule(self, event_id: str, at: float) -> None:
        if event_id in self.visited:
            return  # each event arrives at most once: a later naming does nothing
        self._seq += 1
        heapq.heappush(self._queue, (at, self._order[event_id], self._seq))
        self._live[event_id] = self._live.get(event_id, 0) + 1
        self._live_total += 1

    def _process(self, now: float) -> None:
        """Everything due up to `now`: arrivals and drift at t <= now, timeouts at t < now."""
        events = self.scenario.doc.events
        queue = self._queue
        while not self.ended:
            t = queue[0][0] if queue else math.inf
            for slot in self._slots.values():
                if slot.next_tick < t:
                    t = slot.next_tick
                if slot.deadline < t and slot.deadline < now:
                    t = slot.deadline
            if t > now or t == math.inf:
                return
            # One instant, in the order of rule 10: arrivals, drift ticks, timeouts.
            while queue and queue[0][0] <= t and not self.ended:
                _, order, _ = heapq.heappop(queue)
                event = events[order]
                if event.id in self.visited:
                    continue
                self._live[event.id] -= 1
                self._live_total -= 1
                self._arrive(event, t)
                self._check_natural_end(t)
            if self.ended:
                return
            for slot in sorted(self._slots.values(), key=_by_order):
                if slot.next_tick == t:
                    self._tick(slot, t)
            if t < now:
                for slot in sorted(self._slots.values(), key=_by_order):
                    if slot.deadline == t and slot.event.id in self._slots and not self.ended:
                        self._timeout(slot, t)
                        self._check_natural_end(t)

    def _arrive(self, event: Event, t: float) -> None:
        when = self.scenario.event_when.get(event.id)
        if when is not None and not when(self):
            self._log.append(Record("skip", t, event.id))
            self._out.append(EventSkipped(t, event.id))
            return
        self.visited.add(event.id)
        self._live_total -= self._live.pop(event.id, 0)
        self._last_arrival = t
        self._log.append(Record("arrive", t, event.id))
        if event.choices is None:
            deltas = self._apply(event, t, 1.0, None)
            self._out.append(UpdateArrived(t, event.id, deltas))
            self._follow(event, t)
            return
        order = self._order[event.id]
        if self.practice:
            deadline = tick_base = math.inf
        else:
            assert event.deadline is not None and event.golden is not None
            deadline = t + event.deadline
            tick_base = t + event.golden if event.drift else math.inf
        self._slots[event.id] = _Slot(event, order, t, deadline, tick_base)
        self._facts[event.id] = DecisionFact(event.id, t)
        self._out.append(DecisionArrived(t, event.id, None if self.practice else deadline))

    def _tick(self, slot: _Slot, t: float) -> None:
        fact = self._facts[slot.event.id]
        deltas: dict[str, float] = {}
        for stakeholder, delta in slot.event.drift.items():
            self._change(stakeholder, delta, deltas)
        _merge(fact.deltas, deltas)
        self._history.append((t, dict(self._meters)))
        slot.ticks += 1
        slot.next_tick = slot.tick_base + DRIFT_PERIOD * slot.ticks
        self._log.append(Record("drift", t, slot.event.id))
        self._out.append(MetersDrifted(t, slot.event.id, deltas))

    def _timeout(self, slot: _Slot, t: float) -> None:
        event = slot.event
        del self._slots[event.id]
        assert event.on_timeout is not None
        self.timed_out.add(event.id)
        fact = self._facts[event.id]
        fact.resolved, fact.outcome = t, "timed_out"
        self._log.append(Record("timeout", t, event.id))
        deltas = self._apply(event.on_timeout, t, 1.0, fact)
        self._out.append(DecisionTimedOut(t, event.id, deltas))
        self._follow(event.on_timeout, t)

    def _apply(
        self, outcome: Outcome, t: float, scale: float, fact: DecisionFact | None
    ) -> dict[str, float]:
        """set, then add, then effects (positive effects scaled by timeliness)."""
        flags = self._flags
        for flag, value in outcome.set.items():
            flags[flag] = value
        for flag, amount in outcome.add.items():
            low, high = self._bounds[flag]
            value = int(flags[flag]) + amount
            if low is not None and value < low:
                value = low
            if high is not None and value > high:
                value = high
            flags[flag] = value
        deltas: dict[str, float] = {}
        if outcome.effects:
            for stakeholder, delta in outcome.effects.items():
                self._change(stakeholder, delta * scale if delta > 0 else delta, deltas)
            self._history.append((t, dict(self._meters)))
            if fact is not None:
                _merge(fact.deltas, deltas)
        return deltas

    def _change(self, stakeholder: str, delta: float, deltas: dict[str, float]) -> None:
        before = self._meters[stakeholder]
        after = before + delta
        if after < 0.0:
            after = 0.0
        elif after > 100.0:
            after = 100.0
        self._meters[stakeholder] = after
        deltas[stakeholder] = deltas.get(stakeholder, 0.0) + (after - before)

    def _follow(self, outcome: Outcome, t: float) -> None:
        """After an answer, timeout or update: `end` at once, or name the `next` events."""
        if outcome.end is not None:
            self._end(t, outcome.end)
            return
        events = self.scenario.events
        for target in outcome.next:
            if self.ended:
                return
            event = events[target]
            if event.delay == 0:
                # Named with no delay: arrives right now, depth first.
                if target not in self.visited:
                    self._arrive(event, t)
            else:
                self._schedule(target, t + event.delay)

    def _check_natural_end(self, t: float) -> None:
        if not self.ended and not self._slots and self._live_total == 0:
            self._end(t, None)

    def _end(self, t: float, ending: str | None) -> None:
        # Drift due up to and including the end applies first (rule 6).
        for slot in sorted(self._slots.values(), key=_by_order):
            while slot.next_tick <= t:
                self._tick(slot, slot.next_tick)
        for slot in sorted(self._slots.values(), key=_by_order):
            event = slot.event
            assert event.on_timeout is not None
            fact = self._facts[event.id]
            fact.resolved, fact.outcome = t, "expired"
            self._log.append(Record("expire", t, event.id))
            # Expiry applies set, add and effects only: never `next` or `end` (rule 8).
            deltas = self._apply(event.on_timeout, t, 1.0, fact)
            self._out.append(DecisionExpired(t, event.id, deltas))
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
        self._log.append(Record("end", t, ending=ending))
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


def _by_order(slot: _Slot) -> int:
    return slot.order


def _merge(into: dict[str, float], deltas: Mapping[str, float]) -> None:
    for key, value in deltas.items():
        into[key] = into.get(key, 0.0) + value


def _mismatch(expected: Sequence[Record], got: Sequence[Record]) -> str:
    for i, (a, b) in enumerate(zip(expected, got, strict=False)):
        if a != b:
            return f"record {i + 1}: the log has {a.to_json()}, the replay gives {b.to_json()}"
    if len(expected) > len(got):
        return f"record {len(got) + 1}: the log has {expected[len(got)].to_json()}, the replay ends"
    return f"record {len(expected) + 1}: the replay gives {got[len(expected)].to_json()} more"
