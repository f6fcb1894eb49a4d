"""Exhaustive, state-aware exploration of a scenario over the real engine.

From the start, every state branches on every available choice of every pending decision at
its representative times (at arrival, at golden, at the deadline) and on waiting for the next
change (an arrival, or a deadline passing: a timeout). States that behave the same from here on
are merged, so the search grows with the number of distinct situations, not with the number of
paths.

Two states behave the same when they agree on everything the rest of the run can read: the
inbox and the scheduled arrivals (times relative to now), the meters, flags and
`chosen(...)`/`timed_out(...)` facts an event's or a choice's condition reads, the decisions
that arrived (each weighs in the score), and which other events arrived among those such a
condition reads or a pending or scheduled event may still bring (an event arrives once:
`named_later`). What only the ending conditions read (meters, flags, facts) and the score so
far do not steer the run; they are carried along each edge as a transformation and folded in
afterwards (`simulasi.tools.analysis`), to find the endings and the score extremes exactly
without keeping one state per path.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from scoring import gate
from scoring.score import CRITICAL_ACCURACY_CAP
from simulasi.engine import Run, timeliness
from simulasi.scenario import Scenario
from simulasi.tools.conditions import (
    EndContext,
    EndingFacts,
    FactOp,
    condition_reads,
    fact_ops,
    forced_ending,
    named_later,
)
from simulasi.tools.forking import (
    fork,
    log_length,
    log_since,
    pending_slots,
    scheduled,
)
from simulasi.tools.moves import (
    TIMINGS,
    WAIT,
    Move,
    Timing,
    apply_move,
    golden_time,
    wait_target,
)

_H = TypeVar("_H", bound=Hashable)

DEFAULT_MAX_STATES = 200_000
DEFAULT_MAX_SECONDS = 60.0

#: One meter change as the engine applies it: (stakeholder index, delta, timeliness scale).
Op = tuple[int, float, float]


@dataclass(slots=True)
class Edge:
    """One move from state `src` to state `dst`, with what it does to the score."""

    src: int
    dst: int
    move: Move
    decisions: int  # decisions that arrived during the move
    timeouts: int  # decisions that timed out during the move
    seconds: float  # scenario time the move took
    ops: tuple[Op, ...]  # meter changes in engine order
    speed: float  # sum of w_e * S'_e of the decisions resolved in the move
    accuracy: float  # sum of w_e * A_e of the decisions resolved in the move
    critical: bool  # the move took a red-line choice
    weight: float  # for an edge into an ending: the sum of w_e over every decision that arrived
    facts: tuple[FactOp, ...] = ()  # changes to the flags and facts only endings read


@dataclass(slots=True)
class Node:
    """A merged state. `run` is its representative until it has been expanded; a finished
    state keeps what its ending conditions read instead."""

    key: Hashable
    pending: tuple[str, ...]
    end: EndContext | None
    first_edge: int | None  # the edge that first reached this state (None for the start)
    run: Run | None
    expanded: bool = False
    out: list[int] = field(default_factory=list)


@dataclass
class Failure:
    """An engine error: the moves that reproduce it from the start and what went wrong."""

    moves: tuple[Move, ...]
    message: str


@dataclass
class Graph:
    """Everything the search found; `simulasi.tools.analysis` reads it."""

    scenario: Scenario
    start: Edge | None  # what happened when the run started (src -1), into state 0
    nodes: list[Node]
    edges: list[Edge]
    events_seen: set[str]
    choices_seen: set[tuple[str, str]]
    timeouts_seen: set[str]
    failures: list[Failure]
    complete: bool
    bound: str | None  # "max_states" or "max_seconds" when a bound stopped the search
    seconds: float
    facts: EndingFacts = field(default_factory=EndingFacts)  # what the edges' `facts` change

    def moves_to(self, node: int) -> tuple[Move, ...]:
        """The moves of the first path that reached `node`."""
        return moves_to(self.nodes, self.edges, node)


def moves_to(nodes: list[Node], edges: list[Edge], node: int) -> tuple[Move, ...]:
    """The moves of the first path that reached `node`, from the start."""
    moves: list[Move] = []
    edge = nodes[node].first_edge
    while edge is not None:
        moves.append(edges[edge].move)
        edge = nodes[edges[edge].src].first_edge
    return tuple(reversed(moves))


class Explorer:
    """Builds the state graph of a scenario, depth first, within the bounds."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        max_states: int = DEFAULT_MAX_STATES,
        max_seconds: float = DEFAULT_MAX_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.scenario = scenario
        self.max_states = max_states
        self.max_seconds = max_seconds
        self.clock = clock
        doc = scenario.doc
        self.reads = reads = condition_reads(scenario)
        self.later = named_later(scenario)
        self.relevant: dict[tuple[str, ...], frozenset[str]] = {}
        self.stakeholders = [s.id for s in doc.stakeholders]
        self.index = {sid: i for i, sid in enumerate(self.stakeholders)}
        self.steering = [s for s in self.stakeholders if s in reads.steering]
        self.decisions = {e.id for e in doc.events if e.choices is not None}
        # Per answer: (w_e, g(A_e), w_e * A_e, critical), A_e after the critical cap; the
        # speed term is w_e * (S_e * g(A_e)), multiplied in the scorer's order.
        self.answer_score: dict[tuple[str, str], tuple[float, float, float, bool]] = {}
        for (event_id, choice_id), choice in scenario.choices.items():
            accuracy = scenario.accuracy_of(choice)
            if choice.critical:
                accuracy = min(accuracy, CRITICAL_ACCURACY_CAP)
            w = scenario.events[event_id].weight
            self.answer_score[(event_id, choice_id)] = (
                w,
                gate(accuracy),
                w * accuracy,
                choice.critical,
            )
        # What each logged record does to the meters (`_segment`), resolved once: the
        # changes of an update's arrival, of a drift tick, of a timeout or expiry (all
        # unscaled), and of each answer (scaled by the answer's timeliness).
        index = self.index
        self.fixed_ops: dict[tuple[str, str], tuple[Op, ...]] = {}
        self.timeout_accuracy: dict[str, float] = {}
        for event in doc.events:
            if event.choices is None:
                self.fixed_ops[("arrive", event.id)] = _unscaled(index, event.effects)
                continue
            self.fixed_ops[("drift", event.id)] = _unscaled(index, event.drift)
            if event.on_timeout is not None:
                ops = _unscaled(index, event.on_timeout.effects)
                self.fixed_ops[("timeout", event.id)] = self.fixed_ops[("expire", event.id)] = ops
                self.timeout_accuracy[event.id] = event.weight * event.on_timeout.accuracy
        self.fact_ops = fact_ops(scenario, reads.ending_facts)
        self.flags = [f for f in scenario.initial_flags if f in reads.flags]
        self.scaled_ops: dict[tuple[tuple[str, str], float], tuple[Op, ...]] = {}
        self.answer_ops = {
            key: tuple((index[s], d) for s, d in choice.effects.items())
            for key, choice in scenario.choices.items()
        }
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.keys: dict[Hashable, int] = {}
        self.events_seen: set[str] = set()
        self.choices_seen: set[tuple[str, str]] = set()
        self.timeouts_seen: set[str] = set()
        self.failures: list[Failure] = []
        self.start: Edge | None = None
        # Equal parts of states and moves recur across thousands of them: one object each
        # (keys, inbox tuples, sets of events, meter changes, moves) keeps the graph small.
        self.shared: dict[Hashable, Hashable] = {}

    def share(self, value: _H) -> _H:
        """`value`, or the equal object met before."""
        return self.shared.setdefault(value, value)  # type: ignore[return-value]

    # -------------------------------------------------------------- state keys

    def key(self, run: Run) -> tuple[Hashable, ...]:
        """What the rest of the run can read (see the module docstring)."""
        reads = self.reads
        flags = run.flags
        history = (
            tuple([flags[f] for f in self.flags]),
            reads.chosen.intersection(run.chosen) if reads.chosen else None,
            reads.timed_out.intersection(run.timed_out) if reads.timed_out else None,
        )
        if run.ended:
            # The ending itself may still depend on the meters, flags and facts only endings
            # read: it is chosen per carried value afterwards, unless an `end` named it.
            forced = forced_ending(run)
            return ("end", forced, reads.visited.intersection(run.visited), *history)
        now = run.now
        pending = pending_slots(run)
        due = scheduled(run)
        ids = tuple([p[0] for p in pending] + [d[1] for d in due])
        relevant = self.relevant.get(ids)
        if relevant is None:
            relevant = self.relevant[ids] = self._relevant(ids)
        steering = self.steering
        return (
            tuple([(e, a - now, d - now, t - now) for e, a, d, t in pending]),
            tuple([(at - now, e) for at, e in due]),
            tuple([run.meters[s] for s in steering]) if steering else (),
            relevant.intersection(run.visited),
            *history,
        )

    def _relevant(self, ids: tuple[str, ...]) -> frozenset[str]:
        """The events whose arrival can still matter while `ids` are pending or scheduled:
        the decisions (each one that arrived weighs in the score), the events a condition
        reads, and those these events may still bring (`named_later`)."""
        later = self.later
        found = set(self.reads.visited | self.decisions)
        for event_id in ids:
            found |= later[event_id]
        return frozenset(found)

    # -------------------------------------------------------------- search

    def explore(self) -> Graph:
        start = self.clock()
        run = Run(self.scenario)
        bound: str | None = None
        try:
            run.start(0.0)
        except Exception as exc:  # an engine bug: report it, never crash the tool
            self.failures.append(Failure((), _describe(exc)))
            return self._graph(False, None, self.clock() - start)
        self.start = self._segment(run, 0, -1, 0, WAIT, 0.0)
        root = self._add_node(run, None)
        stack = [] if self.nodes[root].expanded else [root]
        while stack:
            if len(self.nodes) >= self.max_states:
                bound = "max_states"
                break
            if self.clock() - start > self.max_seconds:
                bound = "max_seconds"
                break
            self._expand(stack.pop(), stack)
        complete = bound is None
        return self._graph(complete, bound, self.clock() - start)

    def _graph(self, complete: bool, bound: str | None, seconds: float) -> Graph:
        return Graph(
            scenario=self.scenario,
            start=self.start,
            nodes=self.nodes,
            edges=self.edges,
            events_seen=self.events_seen,
            choices_seen=self.choices_seen,
            timeouts_seen=self.timeouts_seen,
            failures=self.failures,
            complete=complete,
            bound=bound,
            seconds=seconds,
            facts=self.reads.ending_facts,
        )

    def _add_node(
        self, run: Run, first_edge: int | None, key: tuple[Hashable, ...] | None = None
    ) -> int:
        index = len(self.nodes)
        # A state's key is kept: its parts, equal across many states, are shared.
        key = tuple(map(self.share, self.key(run) if key is None else key))
        pending = self.share(tuple(e for e, _, _, _ in pending_slots(run))) if not run.ended else ()
        self.nodes.append(
            Node(
                key=key,
                pending=pending,
                end=self._end_context(run) if run.ended else None,
                first_edge=first_edge,
                run=None if run.ended else run,
                expanded=run.ended,
            )
        )
        self.keys[self.nodes[index].key] = index
        return index

    def _end_context(self, run: Run) -> EndContext:
        share = self.share
        return EndContext(
            forced=forced_ending(run),
            flags=dict(run.flags),
            visited=share(frozenset(run.visited)),
            chosen=share(frozenset(run.chosen)),
            timed_out=share(frozenset(run.timed_out)),
        )

    def _expand(self, index: int, stack: list[int]) -> None:
        node = self.nodes[index]
        run = node.run
        assert run is not None
        node.run = None
        node.expanded = True
        children: list[int] = []
        target = wait_target(run)
        horizon = target[0] if target is not None else math.inf
        # Waiting first: whether the run ends before the next change decides below whether a
        # decision with no representative time left must be offered an answer right now.
        waiting = fork(run)
        waited: Run | None = waiting
        try:
            apply_move(waiting, WAIT)
        except Exception as exc:
            self._fail(index, WAIT, exc)
            waited = None
        at_time = answer_times(run, horizon, waited is not None and waited.ended)
        for at in sorted(at_time):
            # Answers right now branch from the state's own run (only copies of it change);
            # later ones from a copy advanced to their time, which the last answer may take.
            base = run
            if at > run.now:
                base = fork(run)
                try:
                    base.advance(at)
                except Exception as exc:
                    event_id, timing = at_time[at][0]
                    self._fail(index, Move(event_id, "", timing), exc)
                    continue
            answers = [
                Move(event_id, choice_id, timing)
                for event_id, timing in at_time[at]
                if not base.ended and base.is_pending(event_id)
                for choice_id in base.available_choices(event_id)
            ]
            for number, answer in enumerate(answers, start=1):
                assert answer.event is not None and answer.choice is not None
                child = base if base is not run and number == len(answers) else fork(base)
                try:
                    child.choose(answer.event, answer.choice, at)
                except Exception as exc:
                    self._fail(index, answer, exc)
                    continue
                children.append(self._connect(index, run, answer, child))
        if waited is not None:
            waited_key = self.key(waited)
            if waited_key == node.key:
                self._fail(index, WAIT, RuntimeError("waiting changed nothing: the run is stuck"))
            else:
                children.append(self._connect(index, run, WAIT, waited, waited_key))
        # Depth first, the first move (earliest, in file order) explored first.
        for child_index in reversed(children):
            if child_index >= 0 and not self.nodes[child_index].expanded:
                stack.append(child_index)

    def _fail(self, index: int, move: Move, exc: BaseException) -> None:
        moves = (*moves_to(self.nodes, self.edges, index), move)
        self.failures.append(Failure(moves, _describe(exc)))

    def _segment(self, run: Run, start: int, src: int, dst: int, move: Move, before: float) -> Edge:
        """The edge for what `run` logged after its first `start` records: coverage, meter
        changes, score sums, decisions that arrived, time taken since `before`."""
        fixed = self.fixed_ops
        carried = self.fact_ops
        ops: list[Op] = []
        facts: list[FactOp] = []
        speed = accuracy = 0.0
        critical = False
        decisions = timeouts = 0
        for rec in log_since(run, start):
            kind = rec.kind
            if carried:
                changes = carried.get((kind, rec.event or "", rec.choice or ""))
                if changes is not None:
                    facts += changes
            if kind == "answer":
                key = (rec.event or "", rec.choice or "")
                self.choices_seen.add(key)
                w, gated, weighted, is_critical = self.answer_score[key]
                fact = run.decision(key[0])
                fact_speed = fact.speed if fact is not None else None
                scale = timeliness(fact_speed)
                scaled = self.scaled_ops.get((key, scale))
                if scaled is None:
                    scaled = self.scaled_ops[(key, scale)] = tuple(
                        (at, delta, scale) for at, delta in self.answer_ops[key]
                    )
                ops += scaled
                speed += w * ((fact_speed or 0.0) * gated)
                accuracy += weighted
                critical = critical or is_critical
                continue
            event_id = rec.event or ""
            if kind == "arrive":
                self.events_seen.add(event_id)
                if event_id in self.decisions:
                    decisions += 1
                    continue
            elif kind == "timeout":
                self.timeouts_seen.add(event_id)
                timeouts += 1
                accuracy += self.timeout_accuracy[event_id]
            elif kind == "expire":
                accuracy += self.timeout_accuracy[event_id]
            elif kind != "drift":
                continue
            ops += fixed[(kind, event_id)]
        ended = run.ended
        end_time = run.end_time
        seconds = end_time if ended and end_time is not None else run.now
        weight = 0.0
        if ended:
            events = self.scenario.events
            weight = sum(events[f.event].weight for f in run.decisions)
        return Edge(
            src=src,
            dst=dst,
            move=self.share(move),
            decisions=decisions,
            timeouts=timeouts,
            seconds=seconds - before,
            ops=self.share(tuple(ops)),
            speed=speed,
            accuracy=accuracy,
            critical=critical,
            weight=weight,
            facts=self.share(tuple(facts)),
        )

    def _connect(
        self,
        src: int,
        parent: Run,
        move: Move,
        child: Run,
        key: tuple[Hashable, ...] | None = None,
    ) -> int:
        """Record the edge from `src` to the state of `child` (whose key may be known);
        returns the child's index, or -1 when it merged into a state already expanded or
        queued."""
        edge = self._segment(child, log_length(parent), src, -1, move, parent.now)
        if key is None:
            key = self.key(child)
        dst = self.keys.get(key)
        fresh = dst is None
        edge_index = len(self.edges)
        if dst is None:
            dst = self._add_node(child, edge_index, key)
        edge.dst = dst
        self.edges.append(edge)
        self.nodes[src].out.append(edge_index)
        return dst if fresh else -1


def answer_times(
    run: Run, horizon: float, ends_before: bool
) -> dict[float, list[tuple[str, Timing]]]:
    """When the explorer answers each pending decision, grouped by time: at arrival (if that
    is now), at golden and at the deadline, those from now until just before `horizon` (the
    next change of the world: later ones are offered from the state after it). When the run
    ends at that change (`ends_before`), a decision with none of them left is answered now,
    its last chance."""
    out: dict[float, list[tuple[str, Timing]]] = {}
    events = run.scenario.events
    for pending in run.pending:
        event = events[pending.event]
        assert event.golden is not None and pending.deadline is not None
        times = {
            "arrival": pending.arrived,
            "golden": golden_time(pending.arrived, event.golden),
            "deadline": pending.deadline,
        }
        seen: set[float] = set()
        for timing in TIMINGS:
            at = times[timing]
            if at < run.now or at >= horizon or at in seen:
                continue
            if timing == "arrival" and at != run.now:
                continue
            seen.add(at)
            out.setdefault(at, []).append((pending.event, timing))
        if not seen and ends_before:
            out.setdefault(run.now, []).append((pending.event, "now"))
    return out


def _unscaled(index: dict[str, int], changes: Mapping[str, float]) -> tuple[Op, ...]:
    return tuple((index[s], d, 1.0) for s, d in changes.items())


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def explore(
    scenario: Scenario,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    max_seconds: float = DEFAULT_MAX_SECONDS,
) -> Graph:
    """Build the state graph of `scenario` (see `Explorer`)."""
    return Explorer(scenario, max_states=max_states, max_seconds=max_seconds).explore()
