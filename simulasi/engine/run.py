"""The run state machine (docs/run-rules.md).

Pure: every method takes `now` in scenario seconds; nothing here reads a clock, a file or a
screen. Each call returns what happened, as past-tense dataclasses, and appends records to the
decision log, from which `Run.replay` rebuilds the identical state.

A `Run` is its scenario and settings, the scenario's compiled tables (`tables.py`, shared) and
one `RunState` (`state.py`): everything the machine changes. The tools read a run through its
public read-only methods (`scheduled`, `pending_times`, `log_since`, `log_length`, ...).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

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
from simulasi.engine.state import (
    DRIFT_PERIOD,
    DecisionFact,
    Outcome_,
    Pending,
    RunState,
    Slot,
    new_tuple,
)
from simulasi.engine.tables import Entry, Plan, tables_for
from simulasi.engine.timing import speed_credit, timeliness
from simulasi.scenario import Scenario

__all__ = [
    "DRIFT_PERIOD",
    "DecisionFact",
    "EngineError",
    "Outcome_",
    "Pending",
    "ReplayError",
    "Run",
]

_FEED_KINDS = frozenset({"arrive", "answer", "timeout", "expire", "end", "message"})


class EngineError(Exception):
    """A call the run cannot accept: `code` names the reason, the message says it plainly."""

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ReplayError(EngineError):
    """A log that does not replay against its scenario (edited, truncated or foreign)."""


class Run:
    """One playthrough of a scenario by one trainee (or one test, or one simulation).

    A run is its scenario and settings (immutable), the scenario's compiled tables (shared by
    all its runs) and one `RunState`, everything that changes: `copy` copies that state.
    """

    __slots__ = (
        "_entries",
        "_floor",
        "_state",
        "_tables",
        "_track",
        "practice",
        "scenario",
        "seed",
    )

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
        self._tables = tables_for(scenario)
        self._entries = self._tables.entries
        self._state = RunState(dict(scenario.initial_meters), dict(scenario.initial_flags))

    def copy(self) -> Run:
        """An independent run in exactly the same state: what one does to the copy leaves
        this run as it is, and the other way round. Cheaper than `Run.replay` of the log
        (which plays the whole path again): it costs only the run's state (`RunState.copy`);
        the scenario, the settings and the tables are immutable and shared."""
        new = object.__new__(type(self))
        new.scenario = self.scenario
        new.practice = self.practice
        new.seed = self.seed
        new._track = self._track
        new._floor = self._floor
        new._tables = self._tables
        new._entries = self._entries
        new._state = self._state.copy()
        return new

    # ------------------------------------------------------------------ views

    @property
    def meters(self) -> Mapping[str, float]:
        return MappingProxyType(self._state.meters)

    @property
    def flags(self) -> Mapping[str, bool | int]:
        return MappingProxyType(self._state.flags)

    @property
    def visited(self) -> set[str]:
        """The events that have arrived (a skipped event has not)."""
        return self._state.visited

    @property
    def chosen(self) -> set[tuple[str, str]]:
        """(decision, choice) of every answer given."""
        return self._state.chosen

    @property
    def timed_out(self) -> set[str]:
        """The decisions that timed out (not those that expired at the end)."""
        return self._state.timed_out

    @property
    def started(self) -> bool:
        return self._state.started

    @property
    def ended(self) -> bool:
        return self._state.ended

    @property
    def ending(self) -> str | None:
        """The id of the ending, once the run has ended."""
        return self._state.ending

    @property
    def end_time(self) -> float | None:
        return self._state.end_time

    @property
    def now(self) -> float:
        """The scenario time the run stands at (-inf before the start)."""
        return self._state.now

    @property
    def log(self) -> Sequence[Record]:
        return tuple(self._state.log)

    def log_length(self) -> int:
        """How many records the run has logged (`len(run.log)` without copying the log)."""
        return len(self._state.log)

    def log_since(self, start: int) -> list[Record]:
        """The records logged after the first `start` ones (copying only those)."""
        return self._state.log[start:]

    @property
    def pending(self) -> list[Pending]:
        """The inbox, soonest deadline first (file order breaks ties; arrival in practice)."""
        slots = self._state.slots
        if len(slots) > 1:
            return [s.view for s in sorted(slots.values(), key=_by_rank)]
        return [s.view for s in slots.values()]

    def pending_times(self) -> list[tuple[str, float, float, float]]:
        """Each pending decision as (event id, arrived, deadline, next drift tick), by event
        id. The deadline is inf in practice mode, the next tick inf when it never drifts."""
        return sorted(
            (event_id, slot.arrived, slot.deadline, slot.next_tick)
            for event_id, slot in self._state.slots.items()
        )

    def scheduled(self) -> list[tuple[float, str]]:
        """The scheduled arrivals of events that have not arrived, as (time, event id), soonest
        first (file order breaks ties). Each may still be skipped when its time comes."""
        entries = self._entries
        visited = self._state.visited
        due = sorted(
            (at, order) for at, order, _ in self._state.queue if entries[order].id not in visited
        )
        return [(at, entries[order].id) for at, order in due]

    @property
    def feed(self) -> list[Record]:
        """What a trainee has seen happen, oldest first: arrivals, answers, timeouts,
        expiries and the end (the log without its bookkeeping records)."""
        return [r for r in self._state.log if r.kind in _FEED_KINDS]

    @property
    def decisions(self) -> list[DecisionFact]:
        """Every decision that arrived, in order of arrival, with what became of it."""
        return list(self._state.facts.values())

    def decision(self, event_id: str) -> DecisionFact | None:
        """What became of decision `event_id`, if it has arrived (None if not)."""
        return self._state.facts.get(event_id)

    @property
    def meter_history(self) -> list[tuple[float, dict[str, float]]]:
        """(time, meters) after the start and after every change, when the run was made
        with `history=True` (else empty)."""
        return list(self._state.history)

    def is_pending(self, event_id: str) -> bool:
        return event_id in self._state.slots

    def available_choices(self, event_id: str) -> list[str]:
        """The ids of the choices of a pending decision whose `when` holds now."""
        state = self._state
        slot = state.slots.get(event_id)
        if slot is None:
            return []
        choices = slot.entry.choices
        assert choices is not None  # a pending event is a decision
        if not slot.entry.guarded:
            return list(choices)
        return [cid for cid, (_, when) in choices.items() if when is None or when(state)]

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
        state = self._state
        if state.ended:
            return None
        entries = self._entries
        visited = state.visited
        best = math.inf
        for at, order, _ in state.queue:
            if at < best and entries[order].id not in visited:
                best = at
        return None if best == math.inf else best

    # ------------------------------------------------------------------ calls

    def start(self, now: float = 0.0, *, room: int | None = None) -> list[Happening]:
        """Start the clock of the run at `now`: meters and flags initial, `at` events scheduled.

        `room`: the last room command issued before the run began (logged, not applied).
        """
        state = self._state
        if state.started:
            raise EngineError("already_started", "the run has already started")
        now = float(now)
        state.started = True
        state.now = now
        state.out = [RunStarted(now, self.practice)]
        state.log.append(
            new_tuple(
                Record, ("start", now, None, None, None, self.practice, self.seed, None, room)
            )
        )
        if self._track:
            state.history.append((now, dict(state.meters)))
        # The `at` events, as `_schedule` would queue them one by one (nothing has arrived).
        scheduled = self._tables.scheduled
        state.queue = [(now + at, order, seq) for seq, (order, at) in enumerate(scheduled, 1)]
        heapq.heapify(state.queue)
        state.seq = len(scheduled)
        state.live = dict(self._tables.live)
        state.live_total = len(scheduled)
        self._check_natural_end(now)
        self._process(now)
        return self._take()

    def advance(self, now: float, *, record: bool = False) -> list[Happening]:
        """Let scenario time run to `now`: arrivals, drift ticks and timeouts, in time order.

        With `record=True` a `clock` record keeps the time reached in the log (so a resumed
        run continues at the same scenario second).
        """
        now = float(now)
        state = self._state
        if not state.started or state.ended or now != now or now < state.now:
            self._require_running(now)  # raises
        out: list[Happening] = []
        if now >= state.wake:  # else nothing can happen yet (the common case at 4-10 Hz)
            state.out = out
            self._process(now)
            state.out = []
        if now > state.now:
            state.now = now
        if record and not state.ended:
            state.log.append(Record("clock", now))
        return out

    def pause(self, now: float, *, room: int | None = None) -> list[Happening]:
        """The trainee paused at `now`: time runs to `now`, and a `pause` record is logged.

        Pausing changes nothing in the run itself (the clock simply stops); the record lets
        the facilitator see when and how long a trainee paused. `room`: the room command that
        paused everyone, when it was the room.
        """
        out = self.advance(now)
        if not self._state.ended:
            self._state.log.append(Record("pause", float(now), room=room))
        return out

    def resume(self, now: float, *, room: int | None = None) -> list[Happening]:
        """The trainee (or the room's command `room`) resumed at `now` (the scenario time
        the clock stopped at)."""
        out = self.advance(now)
        if not self._state.ended:
            self._state.log.append(Record("resume", float(now), room=room))
        return out

    def message(self, now: float, text: str, *, room: int | None = None) -> list[Happening]:
        """The room's command `room` said `text` to everyone at `now`: logged and in the feed,
        nothing else changes."""
        out = self.advance(now)
        if not self._state.ended:
            self._state.log.append(Record("message", float(now), text=str(text), room=room))
        return out

    def choose(self, event_id: str, choice_id: str, now: float) -> list[Happening]:
        """Answer a pending decision with one of its available choices at `now`."""
        now = float(now)
        state = self._state
        if not state.started or state.ended or now != now or now < state.now:
            self._require_running(now)  # raises
        state.out = []
        if now >= state.wake:
            self._process(now)
        if now > state.now:
            state.now = now
        if state.ended:
            raise EngineError("ended", "the run has already ended", event=event_id)
        slots = state.slots
        slot = slots.get(event_id)
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
        if when is not None and not when(state):
            raise EngineError(
                "choice_unavailable",
                f"choice {choice_id!r} of {event_id!r} is not available now",
                event=event_id,
                choice=choice_id,
            )
        state.log.append(
            new_tuple(Record, ("answer", now, event_id, choice_id, None, None, None, None, None))
        )
        del slots[event_id]
        speed: float | None = None
        if not self.practice:
            assert entry.golden is not None and entry.half_life is not None
            speed = speed_credit(now - slot.arrived, entry.golden, entry.half_life, self._floor)
        fact = slot.fact
        fact.resolved, fact.outcome, fact.choice, fact.speed = now, "answered", choice_id, speed
        if entry.guarded:
            fact.closed = self._closed(entry)
        state.chosen.add((event_id, choice_id))
        out = state.out
        out.append(
            DecisionAnswered(
                now, event_id, choice_id, speed, self._apply(plan, now, timeliness(speed), fact)
            )
        )
        self._follow(plan, now)
        if not state.ended and not slots and state.live_total == 0:
            self._end(now, None)  # _check_natural_end, inlined
        state.out = []
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
        state = self._state
        state.out = []
        self._process(now)
        state.now = max(state.now, now)
        if not state.ended:
            state.log.append(Record("finish", now, room=room))
            self._process(math.inf)
            if not state.ended:
                self._end(max(now, state.last_arrival), None)
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
        logged = run._state.log
        checked = 0
        try:
            for index, rec in enumerate(records):
                if index >= len(logged):
                    run._drive(rec)
                upto = min(len(logged), len(records))
                while checked < upto:
                    if logged[checked] != records[checked]:
                        raise ReplayError("mismatch", _mismatch(records, logged))
                    checked += 1
        except ReplayError:
            raise
        except EngineError as exc:
            raise ReplayError("mismatch", f"the log does not replay: {exc}") from exc
        if len(logged) != len(records):
            raise ReplayError("mismatch", _mismatch(records, logged))
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
        state = self._state
        out, state.out = state.out, []
        return out

    def _require_running(self, now: float) -> None:
        """Raise unless the run accepts a call at `now` (callers pass `float(now)`)."""
        state = self._state
        if not state.started:
            raise EngineError("not_started", "the run has not started")
        if state.ended:
            raise EngineError("ended", "the run has already ended")
        if math.isnan(now):
            raise EngineError("bad_time", "time is not a number")
        if now < state.now:
            raise EngineError(
                "time_backwards", f"time went backwards: {now:g} is before {state.now:g}"
            )

    def _schedule(self, entry: Entry, at: float) -> None:
        state = self._state
        event_id = entry.id
        if event_id in state.visited:
            return  # each event arrives at most once: a later naming does nothing
        state.seq += 1
        heapq.heappush(state.queue, (at, entry.order, state.seq))
        live = state.live
        live[event_id] = live.get(event_id, 0) + 1
        state.live_total += 1
        if at < state.wake:
            state.wake = at

    def _process(self, now: float) -> None:
        """Everything due up to `now`: arrivals and drift at t <= now, timeouts at t < now."""
        state = self._state
        if now < state.wake:
            return  # nothing arrives, ticks or times out before `wake`
        entries = self._entries
        queue = state.queue
        slots = state.slots
        visited = state.visited
        live = state.live
        heappop = heapq.heappop
        inf = math.inf
        while not state.ended:
            # t = the earliest of: the next arrival, drift tick, or deadline before `now`.
            first = queue[0][0] if queue else inf
            tick = deadline = inf
            ticker: Slot | None = None  # the slot whose tick is `tick`, if it is the only one
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
                state.wake = wake
                return
            # One instant, in the order of rule 10: arrivals, drift ticks, timeouts.
            state.fresh = inf
            while queue and queue[0][0] <= t:
                entry = entries[heappop(queue)[1]]
                event_id = entry.id
                if event_id in visited:
                    continue
                live[event_id] -= 1
                state.live_total -= 1
                self._arrive(entry, t)
                if state.ended:
                    return
                if not slots and state.live_total == 0:
                    self._end(t, None)  # _check_natural_end, inlined
                    return
            # A tick changes only its own slot's next tick, and a slot's deadline never
            # changes: picking the due slots first is the same as testing each in turn. Slots
            # that tick or time out at t exist only if the scan above found one, or if a slot
            # that arrived at t has one at t (`fresh`).
            fresh = state.fresh
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
                        if slot.entry.id in slots and not state.ended:
                            self._timeout(slot, t)
                            self._check_natural_end(t)

    def _arrive(self, entry: Entry, t: float) -> None:
        state = self._state
        event_id = entry.id
        when = entry.when
        if when is not None and not when(state):
            state.log.append(
                new_tuple(Record, ("skip", t, event_id, None, None, None, None, None, None))
            )
            state.out.append(EventSkipped(t, event_id))
            return
        state.visited.add(event_id)
        state.live_total -= state.live.pop(event_id, 0)
        state.last_arrival = t
        state.log.append(
            new_tuple(Record, ("arrive", t, event_id, None, None, None, None, None, None))
        )
        plan = entry.plan
        if plan is not None:  # an update
            state.out.append(UpdateArrived(t, event_id, self._apply(plan, t, 1.0, None)))
            if plan.next or plan.end is not None:
                self._follow(plan, t)
            return
        fact = state.facts[event_id] = DecisionFact(event_id, t, None, None, None, None, [])
        if self.practice:
            slot = Slot(entry, fact, t, math.inf, math.inf, True)
            state.out.append(DecisionArrived(t, event_id, None))
        else:
            assert entry.deadline is not None and entry.golden is not None
            deadline = t + entry.deadline
            tick_base = t + entry.golden if entry.drift else math.inf
            slot = Slot(entry, fact, t, deadline, tick_base, False)
            state.out.append(DecisionArrived(t, event_id, deadline))
        state.slots[event_id] = slot
        soon = slot.next_tick if slot.next_tick < slot.deadline else slot.deadline
        if soon < state.wake:
            state.wake = soon
        if soon < state.fresh:
            state.fresh = soon

    def _closed(self, entry: Entry) -> tuple[str, ...]:
        """The choices of a decision whose `when` does not hold now."""
        assert entry.choices is not None  # a decision
        state = self._state
        return tuple(cid for cid, (_, when) in entry.choices.items() if when and not when(state))

    def _tick(self, slot: Slot, t: float) -> None:
        """One drift tick of a pending decision: its drift, unscaled, clamped per change."""
        state = self._state
        meters = state.meters
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
            state.history.append((t, dict(meters)))
        slot.ticks += 1
        slot.next_tick = slot.tick_base + DRIFT_PERIOD * slot.ticks
        event_id = slot.entry.id
        state.log.append(
            new_tuple(Record, ("drift", t, event_id, None, None, None, None, None, None))
        )
        state.out.append(MetersDrifted(t, event_id, deltas))

    def _timeout(self, slot: Slot, t: float) -> None:
        state = self._state
        entry = slot.entry
        event_id = entry.id
        del state.slots[event_id]
        plan = entry.timeout
        assert plan is not None
        fact = slot.fact
        if entry.guarded:
            fact.closed = self._closed(entry)
        state.timed_out.add(event_id)
        fact.resolved, fact.outcome = t, "timed_out"
        state.log.append(
            new_tuple(Record, ("timeout", t, event_id, None, None, None, None, None, None))
        )
        state.out.append(DecisionTimedOut(t, event_id, self._apply(plan, t, 1.0, fact)))
        self._follow(plan, t)

    def _apply(
        self, plan: Plan, t: float, scale: float, fact: DecisionFact | None
    ) -> dict[str, float]:
        """set, then add, then effects: meters move in mapping order, clamped to 0..100 after
        every single change (rule 7), positive changes multiplied by `scale` (an answer's
        timeliness, else 1). Returns the changes as applied (keys of a mapping are unique)."""
        state = self._state
        if plan.set or plan.add:
            flags = state.flags
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
        meters = state.meters
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
            state.history.append((t, dict(meters)))
        return deltas

    def _follow(self, plan: Plan, t: float) -> None:
        """After an answer, timeout or update: `end` at once, or name the `next` events."""
        if plan.end is not None:
            self._end(t, plan.end)
            return
        state = self._state
        for target in plan.next:
            if state.ended:
                return
            if target.delay == 0:
                # Named with no delay: arrives right now, depth first.
                if target.id not in state.visited:
                    self._arrive(target, t)
            else:
                self._schedule(target, t + target.delay)

    def _check_natural_end(self, t: float) -> None:
        state = self._state
        if not state.ended and not state.slots and state.live_total == 0:
            self._end(t, None)

    def _end(self, t: float, ending: str | None) -> None:
        state = self._state
        # Drift due up to and including the end applies first (rule 6).
        for slot in sorted(state.slots.values(), key=_by_order):
            while slot.next_tick <= t:
                self._tick(slot, slot.next_tick)
        for slot in sorted(state.slots.values(), key=_by_order):
            entry = slot.entry
            assert entry.timeout is not None
            fact = slot.fact
            fact.resolved, fact.outcome = t, "expired"
            if entry.guarded:
                fact.closed = self._closed(entry)
            state.log.append(
                new_tuple(Record, ("expire", t, entry.id, None, None, None, None, None, None))
            )
            # Expiry applies set, add and effects only: never `next` or `end` (rule 8).
            deltas = self._apply(entry.timeout, t, 1.0, fact)
            state.out.append(DecisionExpired(t, entry.id, deltas))
        state.slots.clear()
        state.queue.clear()
        state.live.clear()
        state.live_total = 0
        if ending is None:
            ending = self._choose_ending()
        state.ended = True
        state.ending = ending
        state.end_time = t
        state.now = max(state.now, t)
        state.log.append(new_tuple(Record, ("end", t, None, None, ending, None, None, None, None)))
        state.out.append(RunEnded(t, ending))

    def _choose_ending(self) -> str:
        whens = self.scenario.ending_when
        state = self._state
        fallback: str | None = None
        for ending in self.scenario.doc.endings:
            if ending.when is None:
                if fallback is None:
                    fallback = ending.id
            elif whens[ending.id](state):
                return ending.id
        assert fallback is not None  # the loader guarantees a fallback (SIM203)
        return fallback


def _by_order(slot: Slot) -> int:
    return slot.entry.order


def _by_rank(slot: Slot) -> tuple[float, int]:
    return slot.rank


def _mismatch(expected: Sequence[Record], got: Sequence[Record]) -> str:
    for i, (a, b) in enumerate(zip(expected, got, strict=False)):
        if a != b:
            return f"record {i + 1}: the log has {a.to_json()}, the replay gives {b.to_json()}"
    if len(expected) > len(got):
        return f"record {len(got) + 1}: the log has {expected[len(got)].to_json()}, the replay ends"
    return f"record {len(expected) + 1}: the replay gives {got[len(expected)].to_json()} more"
