"""Reading the explorer's state graph: endings and their paths, score extremes, soft-locks.

The graph merges states that behave the same from then on; what it leaves out (the meters,
flags and history facts only endings read, the other meters, the score so far) is folded in
here, in topological order:

- **endings**: each state keeps the values of the flags and facts only endings read that reach
  it (`carried`, exact: there are few), and per those, the classes of values the ending-read
  meters can have there (values no ending can tell apart from there on, with those flags and
  facts, share a class: `simulasi.tools.explore_endings`), with the fewest and most decisions,
  the least and most time and the fewest timeouts of the ways to each; a finished state picks
  the ending per class, exactly as the engine would. An ending never reached gets its reason
  (`EndingReason`).
- **score extremes**: each state keeps the best (and, separately, the worst) carried scores:
  all meters and the score sums so far. The rest of the run treats them alike and the total
  only grows with every one of them (meters are clamped sums, the impact credit rises with
  each meter, the critical cap only lowers), so a carried score that another one beats on
  every count can never end higher, and is dropped (a Pareto front); so is one that cannot
  come within `TOLERANCE` of the best total found so far, even if every way on gave the most
  it can (`_bounds`; the carried scores that reach a state are checked at their best and
  their worst corner first, which often settles them all at once).
- **soft-locks**: a pending decision that no sequence of moves from some state can answer.

Every path reported is then replayed from a fresh run, and scored by `scoring`: the numbers a
facilitator reads come from the engine, not from this bookkeeping.
"""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from scoring import impact_of
from scoring import total_of as total_of_scores
from scoring.score import KEY_CAP, KEY_FLOOR, bounded, impact_credit
from scoring.scoreboard import paused_gc
from simulasi.scenario import Scenario, expr
from simulasi.tools.conditions import (
    EndContext,
    FactOp,
    apply_facts,
    choose_ending,
    condition_reads,
)
from simulasi.tools.explore import Edge, Graph, Op
from simulasi.tools.explore_endings import Cuts, EndingClasses, StateCuts
from simulasi.tools.moves import Move, Path, path_of

#: Carried score: (meters..., sum w*S', sum w*A, critical).
Carried = tuple[float, ...]
Witness = tuple[int, Carried] | None  # (edge index, the carried value before the edge)
#: (edge index, the class of the ending-meter values before the edge)
ClassWitness = tuple[int, Hashable] | None

TOLERANCE = 1e-9  # summation order differs from the scorer's in the last bits only
#: What every way on from a state adds at most (or at least) to each meter and to the score
#: sums, the least (positive) and the most weight of a finished run, whether a red-line
#: choice is still ahead.
_Bound = tuple[tuple[float, ...], float, float, float, float, bool]


@dataclass(slots=True)
class _Reached:
    """A class of ending-meter values at a state: one of its values (they all behave alike
    from there on), the fewest and most decisions, the least and most time and the fewest
    timeouts of the ways to it, and the last step of each of those ways."""

    values: Carried
    fewest: float
    most: float
    quickest: float
    slowest: float
    calmest: float  # the fewest decisions timed out
    via_fewest: ClassWitness = None
    via_most: ClassWitness = None
    via_quickest: ClassWitness = None
    via_slowest: ClassWitness = None
    via_calmest: ClassWitness = None

    def metrics(self) -> tuple[float, float, float, float, float]:
        """The metrics, in `_finish`'s order: the least wins at even places, the most at odd."""
        return (self.fewest, self.most, self.quickest, self.slowest, self.calmest)

    def witness(self, k: int) -> ClassWitness:
        return (
            self.via_fewest,
            self.via_most,
            self.via_quickest,
            self.via_slowest,
            self.via_calmest,
        )[k]


@dataclass
class EndingPaths:
    """The ways to one ending."""

    ending: str
    shortest: Path  # fewest decisions
    longest: Path  # most decisions
    quickest: Path  # least scenario time
    slowest: Path  # most scenario time
    calmest: Path  # fewest decisions timed out

    @property
    def example(self) -> Path:
        """The way to this ending where the trainee did the most: the fewest timeouts of
        any way to it, then (among the paths above) the fewest decisions, then least time."""
        return min(
            (self.calmest, self.shortest, self.quickest, self.longest, self.slowest),
            key=lambda p: (len(p.timed_out), p.decisions, p.end_time or 0.0),
        )


@dataclass
class SoftLock:
    """A decision that can no longer be answered once `path` has been played."""

    event: str
    path: Path


@dataclass
class Problem:
    """An engine error (or a disagreement between this analysis and the engine)."""

    message: str
    path: Path | None


@dataclass
class EndingReason:
    """Why no run reaches an ending:

    - "never_holds": its condition holds at the end of no run (`ranges`: the lowest and
      highest value, at the end of a run, of each meter it compares);
    - "shadowed": it holds at the end of some runs, but an ending before it in the file (or
      an `end:`) is chosen there: `by`;
    - "end_not_taken": it has no condition, and no run takes a move whose `end:` names it;
    - "fallback": it has no condition and no `end:` names it: the first ending without a
      condition, `by`, is chosen before it.
    """

    ending: str
    kind: str
    by: list[str] = field(default_factory=list)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "ending": self.ending,
            "reason": self.kind,
            "by": self.by,
            "meters": {m: {"lowest": lo, "highest": hi} for m, (lo, hi) in self.ranges.items()},
        }


@dataclass
class ExploreReport:
    scenario: Scenario
    complete: bool
    bound: str | None
    states: int
    transitions: int
    seconds: float
    unreached_events: list[str] = field(default_factory=list)
    unreached_choices: list[tuple[str, str]] = field(default_factory=list)
    unreached_timeouts: list[str] = field(default_factory=list)
    unreached_endings: list[str] = field(default_factory=list)
    ending_reasons: list[EndingReason] = field(default_factory=list)
    endings: list[EndingPaths] = field(default_factory=list)
    highest: Path | None = None
    lowest: Path | None = None
    max_pending: int = 0
    max_pending_path: Path | None = None
    max_pending_events: list[str] = field(default_factory=list)
    soft_locks: list[SoftLock] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        """Something is unreachable, stuck or failing (exit 1)."""
        return bool(
            self.unreached_events
            or self.unreached_choices
            or self.unreached_timeouts
            or self.unreached_endings
            or self.soft_locks
            or self.problems
        )


def topological_order(graph: Graph) -> list[int]:
    """The states, each after every state with a move into it (the graph has no cycle:
    every move answers a decision, times one out, or consumes an arrival)."""
    nodes, edges = graph.nodes, graph.edges
    indegree = [0] * len(nodes)
    for edge in edges:
        indegree[edge.dst] += 1
    ready = [i for i, d in enumerate(indegree) if d == 0]
    order: list[int] = []
    while ready:
        node = ready.pop()
        order.append(node)
        for index in nodes[node].out:
            dst = edges[index].dst
            indegree[dst] -= 1
            if not indegree[dst]:
                ready.append(dst)
    if len(order) != len(graph.nodes):
        raise RuntimeError("the state graph has a cycle")
    return order


#: Meter changes as the engine applies them: (meter position, change), in engine order, a
#: positive delta already scaled by timeliness.
Changes = tuple[tuple[int, float], ...]


def _changes(ops: Sequence[Op], positions: dict[int, int]) -> Changes:
    """The changes `ops` make to the meters at `positions` (stakeholder index: position)."""
    return tuple(
        (positions[stakeholder], delta * scale if delta > 0 else delta)
        for stakeholder, delta, scale in ops
        if stakeholder in positions
    )


def _apply(values: Carried, changes: Changes) -> list[float]:
    """`values` after `changes`, with the engine's own arithmetic: clamped after every change."""
    out = list(values)
    for at, change in changes:
        after = out[at] + change
        out[at] = 0.0 if after < 0.0 else 100.0 if after > 100.0 else after
    return out


@dataclass(frozen=True, slots=True)
class _EdgeChanges:
    """What one list of meter changes (`Edge.ops`) does, worked out once for all the edges
    that share it."""

    every: Changes  # to every meter
    rises: Changes  # the positive ones of `every`
    falls: Changes  # the others
    ending: Changes  # to the ending meters (positions among them)
    by_ending: tuple[tuple[float, ...], ...]  # per ending meter, its changes


def total_of(scenario: Scenario, meters: Sequence[float], weight: float, carried: Carried) -> float:
    """The total of a finished run from its final meters and score sums, through the same
    `scoring` functions as `scoring.score_run` (every path reported is checked against it)."""
    speed_sum, accuracy_sum, critical = carried[-3], carried[-2], carried[-1]
    speed = bounded(speed_sum / weight if weight else 0.0)
    accuracy = bounded(accuracy_sum / weight if weight else 0.0)
    ids = [s.id for s in scenario.doc.stakeholders]
    impact, _, _ = impact_of(scenario, dict(zip(ids, meters, strict=True)))
    return total_of_scores(scenario, speed, accuracy, impact, bool(critical))[0]


class _Totals:
    """`total_of` for many final meters: the same `scoring` functions, the same arithmetic in
    the same order as `scoring.impact_of`, without a mapping per call."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.stakeholders = [
            (s.initial, s.effective_weight, s.is_key) for s in scenario.doc.stakeholders
        ]
        self.sum_v = 0.0
        for _, v, _ in self.stakeholders:
            self.sum_v += v

    def total(self, meters: Sequence[float], weight: float, carried: Carried) -> float:
        sum_vg = 0.0
        capped = False
        for (initial, v, key), final in zip(self.stakeholders, meters, strict=True):
            sum_vg += v * impact_credit(initial, final)
            if key and final < KEY_FLOOR:
                capped = True
        impact = bounded(sum_vg / self.sum_v)
        if capped:
            impact = min(impact, KEY_CAP)
        speed_sum, accuracy_sum, critical = carried[-3], carried[-2], carried[-1]
        speed = bounded(speed_sum / weight if weight else 0.0)
        accuracy = bounded(accuracy_sum / weight if weight else 0.0)
        return total_of_scores(self.scenario, speed, accuracy, impact, bool(critical))[0]


def _corners(items: list[tuple[Carried, Witness]], sign: float) -> tuple[Carried, Carried]:
    """The best and the worst corner of the carried scores of `items` for a total as high
    (`sign` 1) or as low (-1) as can be: per count, the best and the worst value among them
    (the critical flag, last, counts against a high total)."""
    scores = [carried for carried, _ in items]
    most, least = tuple(map(max, *scores)), tuple(map(min, *scores))
    if sign > 0:
        return (*most[:-1], least[-1]), (*least[:-1], most[-1])
    return (*least[:-1], most[-1]), (*most[:-1], least[-1])


def _pareto(items: list[tuple[Carried, Witness]], sign: float) -> list[tuple[Carried, Witness]]:
    """The items no other item beats (or equals) on every count; `sign` 1 keeps the highest,
    -1 the lowest. The critical flag (last) counts against a high total."""
    if len(items) <= 1:
        return items
    first = items[0][0]
    # Only the counts that differ between the items can tell them apart.
    varying = [k for k in range(len(first)) if any(c[k] != first[k] for c, _ in items)]
    if not varying:
        return items[:1]
    last = len(first) - 1
    factors = [-sign if k == last else sign for k in varying]
    scored = sorted(
        (
            (tuple(f * carried[k] for f, k in zip(factors, varying, strict=True)), carried, w)
            for carried, w in items
        ),
        key=lambda t: t[0],
        reverse=True,
    )
    kept: list[tuple[float, ...]] = []
    out: list[tuple[Carried, Witness]] = []
    ge = operator.ge
    for vec, carried, witness in scored:
        # Sorted in decreasing order, an item can only be beaten by one kept before it.
        if any(all(map(ge, other, vec)) for other in kept):
            continue
        kept.append(vec)
        out.append((carried, witness))
    return out


class _Analysis:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.scenario = graph.scenario
        self.order = topological_order(graph)
        doc = self.scenario.doc
        self.names = [s.id for s in doc.stakeholders]
        self.initial = tuple(float(s.initial) for s in doc.stakeholders)
        reads = condition_reads(self.scenario)
        self.ending_names = [s for s in self.names if s in reads.ending_meters]
        self.ending_positions = {self.names.index(s): i for i, s in enumerate(self.ending_names)}
        self.all_positions = {i: i for i in range(len(self.names))}
        # The flags and facts only endings read, carried after the ending meters.
        self.facts = graph.facts
        self.ended = [node.end is not None for node in graph.nodes]
        # Edges share their `ops` tuples (a few hundred distinct ones for 10^5 edges), and
        # the graph keeps them alive: their ids are a cheap key.
        shared: dict[int, _EdgeChanges] = {}
        self._endings: dict[Changes, Changes] = {}  # equal `ending` changes: one tuple
        self.changes: list[_EdgeChanges] = []
        for edge in graph.edges:
            known = shared.get(id(edge.ops))
            if known is None:
                known = shared[id(edge.ops)] = self._changes_of(edge.ops)
            self.changes.append(known)
        self._shortest: tuple[list[float], list[int | None]] | None = None
        self._carried: list[set[Carried]] | None = None
        self._fact_steps: dict[tuple[int, Carried], Carried] = {}
        self._classes: EndingClasses | None = None

    def _changes_of(self, ops: Sequence[Op]) -> _EdgeChanges:
        """What `ops` do to the meters, in the forms the passes below read."""
        every = _changes(ops, self.all_positions)
        ending = _changes(ops, self.ending_positions)
        ending = self._endings.setdefault(ending, ending)
        return _EdgeChanges(
            every=every,
            rises=tuple(c for c in every if c[1] > 0),
            falls=tuple(c for c in every if not c[1] > 0),
            ending=ending,
            by_ending=tuple(
                tuple(change for at, change in ending if at == position)
                for position in range(len(self.ending_names))
            ),
        )

    def _start(self) -> tuple[Edge, _EdgeChanges]:
        """What happened when the run started, and what it did to the meters."""
        first = self.graph.start
        assert first is not None
        return first, self._changes_of(first.ops)

    # ---------------------------------------------------------- shortest prefix

    def shortest(self) -> tuple[list[float], list[int | None]]:
        """For each state, the fewest decisions before it, and the edge into it on such a
        path."""
        if self._shortest is not None:
            return self._shortest
        edges = self.graph.edges
        best: list[float] = [float("inf")] * len(self.graph.nodes)
        via: list[int | None] = [None] * len(self.graph.nodes)
        best[0] = 0
        for node in self.order:
            here = best[node]
            for index in self.graph.nodes[node].out:
                edge = edges[index]
                cost = here + edge.decisions
                if cost < best[edge.dst]:
                    best[edge.dst], via[edge.dst] = cost, index
        self._shortest = best, via
        return self._shortest

    def prefixes(self) -> list[int | None]:
        """For each state, the edge into it on a path with the fewest decisions."""
        return self.shortest()[1]

    def moves_via(self, via: list[int | None], node: int) -> tuple[Move, ...]:
        moves: list[Move] = []
        index = via[node]
        while index is not None:
            edge = self.graph.edges[index]
            moves.append(edge.move)
            index = via[edge.src]
        return tuple(reversed(moves))

    # ---------------------------------------------------------- endings

    def carried(self) -> list[set[Carried]]:
        """Per state, the values of the flags and facts only endings read (`EndingFacts`)
        that some way to it brings there (an empty tuple when there are none)."""
        if self._carried is not None:
            return self._carried
        graph = self.graph
        first = graph.start
        assert first is not None
        out: list[set[Carried]] = [set() for _ in graph.nodes]
        out[0].add(self._after_facts(first.facts, tuple(self.facts.initial(self.scenario))))
        for node in self.order:
            here = out[node]
            if not here or self.ended[node]:
                continue
            for index in graph.nodes[node].out:
                edge = graph.edges[index]
                if edge.facts:
                    out[edge.dst].update(self._after_facts(edge.facts, c) for c in here)
                else:
                    out[edge.dst] |= here
        self._carried = out
        return out

    def _after_facts(self, facts: tuple[FactOp, ...], values: Carried) -> Carried:
        """The carried `values` after the changes `facts` (kept: few distinct ones)."""
        if not facts:
            return values
        key = (id(facts), values)
        known = self._fact_steps.get(key)
        if known is None:
            changed = list(values)
            apply_facts(changed, facts)
            known = self._fact_steps[key] = tuple(changed)
        return known

    def cuts(self, classes: EndingClasses) -> list[dict[Carried, StateCuts]]:
        """Per state and carried values reaching it, the cuts of its ending meters
        (`simulasi.tools.explore_endings`): those of its ending with those values if it is
        finished, else the preimages of those of every next state (with the values the move
        leaves). The carried values are known exactly, so they cut only what can still
        change the ending with them."""
        graph = self.graph
        none: StateCuts = tuple(() for _ in self.ending_names)
        carried = self.carried()
        if classes.exact:
            return [dict.fromkeys(values, none) for values in carried]
        out: list[dict[Carried, StateCuts]] = [{} for _ in graph.nodes]
        interned: dict[StateCuts, StateCuts] = {none: none}
        before: dict[tuple[tuple[float, ...], Cuts], set[float]] = {}
        changes = self.changes
        for node in reversed(self.order):
            state = graph.nodes[node]
            mine = out[node]
            for values in carried[node]:
                if state.end is not None:
                    cuts = classes.at_end(self.facts.context(state.end, values))
                    mine[values] = interned.setdefault(cuts, cuts)
                    continue
                merged: list[set[float]] | None = None  # None: no next state has a cut
                for index in state.out:
                    edge = graph.edges[index]
                    after = out[edge.dst][self._after_facts(edge.facts, values)]
                    if after is none:
                        continue
                    if merged is None:
                        merged = [set() for _ in self.ending_names]
                    by_meter = changes[index].by_ending
                    for at, meter_cuts in enumerate(after):
                        if not meter_cuts:
                            continue
                        ops = by_meter[at]
                        if not ops:
                            merged[at].update(meter_cuts)
                            continue
                        known = before.get((ops, meter_cuts))
                        if known is None:
                            known = before[(ops, meter_cuts)] = classes.before(ops, meter_cuts)
                        merged[at] |= known
                cuts = none if merged is None else tuple(tuple(sorted(m)) for m in merged)
                mine[values] = interned.setdefault(cuts, cuts)
        return out

    def endings(self) -> dict[str, list[tuple[float, tuple[Move, ...]]]]:
        """For each reachable ending: (metric, moves) for fewest and most decisions, least
        and most time, and fewest timeouts."""
        tables = self.ending_tables()
        found: dict[str, list[tuple[float, int, Hashable]]] = {}
        for node, table in enumerate(tables):
            context = self.graph.nodes[node].end
            if context is not None and table:
                self._finish(node, context, table, found)
        out: dict[str, list[tuple[float, tuple[Move, ...]]]] = {}
        for ending, picks in found.items():
            out[ending] = [
                (metric, self._moves_back(tables, node, key, k))
                for k, (metric, node, key) in enumerate(picks)
            ]
        return out

    def ending_tables(self, classes: EndingClasses | None = None) -> list[dict[Hashable, _Reached]]:
        """Per state: the classes of values that reach it (the ending meters' class with the
        carried flags and facts), each with the fewest and most decisions, the least and most
        time and the fewest timeouts of the ways to it (`_Reached`)."""
        graph = self.graph
        if classes is None:
            if self._classes is None:
                self._classes = EndingClasses.of(self.scenario, self.ending_names)
            classes = self._classes
        none: StateCuts = tuple(() for _ in self.ending_names)
        cut_maps = self.cuts(classes)
        first, first_changes = self._start()
        size = len(self.ending_names)
        initial = (*self.ending_initial(), *self.facts.initial(self.scenario))
        begin = _apply(initial, first_changes.ending)
        apply_facts(begin, first.facts, size)
        start = tuple(begin)
        tables: list[dict[Hashable, _Reached]] = [{} for _ in graph.nodes]
        d = float(first.decisions)
        # A state's cuts: one set when nothing is carried; else one per carried values, and a
        # class is the class of the ending meters with the carried values, exactly.
        cuts: Sequence[Any]
        key_of: Callable[[Carried, Any], Hashable]
        if len(self.facts):
            cuts = cut_maps

            def key_of(values: Carried, by_carried: dict[Carried, StateCuts]) -> Hashable:
                rest = values[size:]
                return (classes.key(values[:size], by_carried[rest]), rest)

        else:
            cuts = [by_carried.get((), none) for by_carried in cut_maps]
            key_of = cast(Callable[[Carried, Any], Hashable], classes.key)
        tables[0][key_of(start, cuts[0])] = _Reached(start, d, d, 0.0, 0.0, first.timeouts)
        exact = classes.exact
        changes = self.changes
        ended = self.ended
        # The same changes recur on many edges: per meter change list and carried change list
        # (by id: equal ones are one object, which `changes` and the edges keep), the values
        # after them, kept per values before.
        transforms: dict[tuple[int, int], dict[Carried, Carried]] = {}
        for node in self.order:
            table = tables[node]
            if not table or ended[node]:
                continue
            node_cuts = cuts[node]
            for index in graph.nodes[node].out:
                edge = graph.edges[index]
                child = tables[edge.dst]
                child_cuts = cuts[edge.dst]
                ops = changes[index].ending
                facts = edge.facts
                # Nothing carried changes and the cuts stay: every class keeps its key.
                same = not ops and not facts and (exact or child_cuts is node_cuts)
                known = transforms.get((id(ops), id(facts)))
                if known is None:
                    known = transforms[(id(ops), id(facts))] = {}
                dec, sec, out = edge.decisions, edge.seconds, edge.timeouts
                for key, m in table.items():
                    values = m.values
                    if not ops and not facts:
                        after = values
                    else:
                        cached = known.get(values)
                        if cached is None:
                            changed = _apply(values, ops)
                            apply_facts(changed, facts, size)
                            cached = known[values] = tuple(changed)
                        after = cached
                    after_key = key if same else key_of(after, child_cuts)
                    a, b, c, e = m.fewest + dec, m.most + dec, m.quickest + sec, m.slowest + sec
                    t = m.calmest + out
                    current = child.get(after_key)
                    w = (index, key)
                    if current is None:
                        child[after_key] = _Reached(after, a, b, c, e, t, w, w, w, w, w)
                        continue
                    if a < current.fewest:
                        current.fewest, current.via_fewest = a, w
                    if b > current.most:
                        current.most, current.via_most = b, w
                    if c < current.quickest:
                        current.quickest, current.via_quickest = c, w
                    if e > current.slowest:
                        current.slowest, current.via_slowest = e, w
                    if t < current.calmest:
                        current.calmest, current.via_calmest = t, w
        return tables

    def ending_initial(self) -> Carried:
        """The ending meters' initial values."""
        return tuple(self.initial[i] for i in self.ending_positions)

    def _finish(
        self,
        node: int,
        context: EndContext,
        table: dict[Hashable, _Reached],
        found: dict[str, list[tuple[float, int, Hashable]]],
    ) -> None:
        size = len(self.ending_names)
        for key, reached in table.items():
            values = reached.values
            ending = choose_ending(
                self.scenario,
                self.facts.context(context, values[size:]),
                dict(zip(self.ending_names, values[:size], strict=True)),
            )
            metrics = reached.metrics()
            picks = found.get(ending)
            if picks is None:
                found[ending] = [(metric, node, key) for metric in metrics]
                continue
            for k, metric in enumerate(metrics):
                better = metric < picks[k][0] if k % 2 == 0 else metric > picks[k][0]
                if better:
                    picks[k] = (metric, node, key)

    def _moves_back(
        self,
        tables: list[dict[Hashable, _Reached]],
        node: int,
        key: Hashable,
        k: int,
    ) -> tuple[Move, ...]:
        moves: list[Move] = []
        witness = tables[node][key].witness(k)
        while witness is not None:
            index, before = witness
            edge = self.graph.edges[index]
            moves.append(edge.move)
            witness = tables[edge.src][before].witness(k)
        return tuple(reversed(moves))

    # ---------------------------------------------------------- why an ending is missed

    def meter_ranges(self) -> dict[str, tuple[float, float]]:
        """Each ending meter's lowest and highest value at the end of a run. A move changes a
        meter monotonically, so the lowest value after it is the change of the lowest before."""
        graph = self.graph
        start = tuple(_apply(self.ending_initial(), self._start()[1].ending))
        low: list[Carried | None] = [None] * len(graph.nodes)
        high: list[Carried | None] = [None] * len(graph.nodes)
        low[0] = high[0] = start
        out: dict[str, tuple[float, float]] = {}
        for node in self.order:
            lo, hi = low[node], high[node]
            if lo is None or hi is None:
                continue
            if graph.nodes[node].end is not None:
                for at, name in enumerate(self.ending_names):
                    was = out.get(name, (lo[at], hi[at]))
                    out[name] = (min(was[0], lo[at]), max(was[1], hi[at]))
                continue
            for index in graph.nodes[node].out:
                edge = graph.edges[index]
                ops = self.changes[index].ending
                new_lo = tuple(_apply(lo, ops))
                new_hi = tuple(_apply(hi, ops))
                old_lo, old_hi = low[edge.dst], high[edge.dst]
                if old_lo is not None and old_hi is not None:
                    new_lo = tuple(map(min, old_lo, new_lo))
                    new_hi = tuple(map(max, old_hi, new_hi))
                low[edge.dst], high[edge.dst] = new_lo, new_hi
        return out

    def reasons(self, missing: Sequence[str]) -> list[EndingReason]:
        """Why each ending in `missing` is never reached (in `missing`'s order)."""
        scenario = self.scenario
        doc = scenario.doc
        named = {c.end for c in scenario.choices.values()}
        named |= {e.end for e in doc.events if e.choices is None}
        named |= {e.on_timeout.end for e in doc.events if e.on_timeout is not None}
        fallback = next(e.id for e in doc.endings if e.when is None)
        conditional = [e for e in missing if scenario.endings[e].when is not None]
        # Where each missing ending's condition holds, which ending is chosen instead.
        chosen_instead: dict[str, set[str]] = {e: set() for e in conditional}
        ranges: dict[str, tuple[float, float]] = {}
        if conditional:
            classes = EndingClasses.of(scenario, self.ending_names, every_ending=True)
            tables = self.ending_tables(classes)
            size = len(self.ending_names)
            for node, table in enumerate(tables):
                end = self.graph.nodes[node].end
                if end is None:
                    continue
                for reached in table.values():
                    meters = dict(zip(self.ending_names, reached.values[:size], strict=True))
                    context = self.facts.context(end, reached.values[size:])
                    state = context.state(meters)
                    chosen = choose_ending(scenario, context, meters)
                    for ending in conditional:
                        if scenario.ending_when[ending](state):
                            chosen_instead[ending].add(chosen)
            ranges = self.meter_ranges()
        order = {e.id: i for i, e in enumerate(doc.endings)}
        out: list[EndingReason] = []
        for ending in missing:
            when = scenario.endings[ending].when
            if when is not None:
                by = sorted(chosen_instead[ending], key=order.__getitem__)
                if by:
                    out.append(EndingReason(ending, "shadowed", by=by))
                    continue
                read = {n.id for n in expr.walk(expr.parse(when)) if isinstance(n, expr.Name)}
                out.append(
                    EndingReason(
                        ending,
                        "never_holds",
                        ranges={
                            m: ranges[m] for m in self.ending_names if m in read and m in ranges
                        },
                    )
                )
            elif ending in named:
                out.append(EndingReason(ending, "end_not_taken"))
            else:
                out.append(EndingReason(ending, "fallback", by=[fallback]))
        return out

    # ---------------------------------------------------------- score extremes

    def extremes(self) -> tuple[tuple[float, tuple[Move, ...]], tuple[float, tuple[Move, ...]]]:
        """(highest total, moves) and (lowest total, moves) over every complete path."""
        most, least = self._bounds()
        high = self._extreme(1.0, most)
        low = self._extreme(-1.0, least)
        return high, low

    def _extreme(self, sign: float, bounds: list[_Bound | None]) -> tuple[float, tuple[Move, ...]]:
        graph = self.graph
        first, first_changes = self._start()
        start: Carried = (
            *_apply(self.initial, first_changes.every),
            first.speed,
            first.accuracy,
            1.0 if first.critical else 0.0,
        )
        n = len(self.names)
        if graph.nodes[0].end is not None:  # the run ended as it started
            return total_of(self.scenario, start[:n], first.weight, start), ()
        totals = _Totals(self.scenario).total

        def estimate(carried: Carried, bound: _Bound) -> float:
            """A bound on the total of every run that goes on from `carried` (the highest
            total for `sign` 1, the lowest for -1): the scorer is monotone in each count."""
            slack, more_speed, more_accuracy, least, most, critical = bound
            meters = [
                0.0 if x + d < 0.0 else 100.0 if x + d > 100.0 else x + d
                for x, d in zip(carried[:n], slack, strict=True)
            ]
            sums = (carried[n] + more_speed, carried[n + 1] + more_accuracy)
            if sign < 0:
                # A finished run with no weight scores speed and accuracy 0: `most` is 0 then.
                lowest = (*sums, 1.0 if critical or carried[-1] else 0.0)
                return totals(meters, most, lowest)
            return totals(meters, least, (*sums, carried[-1])) + TOLERANCE

        changes = self.changes
        ended = self.ended
        # Per state, the carried scores kept there (its front), and those on the way into it
        # (dicts: the bounds leave most states unreached).
        fronts: dict[int, list[tuple[Carried, Witness]]] = {}
        incoming: dict[int, list[tuple[Carried, Witness]]] = {0: [(start, None)]}
        best_total = -sign * float("inf")
        best: tuple[int, Carried] | None = None
        for node in self.order:
            items = incoming.pop(node, None)
            if not items:
                continue
            bound = bounds[node]
            if bound is not None and best is not None:
                # What cannot come within TOLERANCE of the best total found so far is dropped.
                floor = sign * best_total - TOLERANCE
                if len(items) > 1:
                    # The estimate is monotone in each count, give or take rounding (far below
                    # TOLERANCE): when even the best corner of the items falls short by more
                    # than TOLERANCE, every item does; when even the worst clears by as much,
                    # every item does.
                    hopeful, hopeless = _corners(items, sign)
                    if sign * estimate(hopeful, bound) < floor - TOLERANCE:
                        continue
                    if sign * estimate(hopeless, bound) < floor + TOLERANCE:
                        items = [item for item in items if sign * estimate(item[0], bound) >= floor]
                elif sign * estimate(items[0][0], bound) < floor:
                    continue
            front = _pareto(items, sign)
            if not front:
                continue
            fronts[node] = front
            for index in graph.nodes[node].out:
                edge = graph.edges[index]
                finished = ended[edge.dst]
                into = incoming.get(edge.dst)
                if into is None and not finished:
                    into = incoming[edge.dst] = []
                every = changes[index].every
                speed, accuracy, critical = edge.speed, edge.accuracy, edge.critical
                for carried, _ in front:
                    meters = list(carried[:n])
                    for at, change in every:  # the engine's arithmetic: clamped after each
                        value = meters[at] + change
                        meters[at] = 0.0 if value < 0.0 else 100.0 if value > 100.0 else value
                    after: Carried = (
                        *meters,
                        carried[n] + speed,
                        carried[n + 1] + accuracy,
                        1.0 if (carried[n + 2] or critical) else 0.0,
                    )
                    if into is not None:
                        into.append((after, (index, carried)))
                        continue
                    total = totals(meters, edge.weight, after)
                    if sign * total > sign * best_total:
                        best_total, best = total, (index, carried)
        if best is None:
            return float("nan"), ()
        moves: list[Move] = []
        index, carried = best
        while True:
            edge = graph.edges[index]
            moves.append(edge.move)
            witness = next(w for c, w in fronts[edge.src] if c == carried)
            if witness is None:
                break
            index, carried = witness
        return best_total, tuple(reversed(moves))

    def _bounds(self) -> tuple[list[_Bound | None], list[_Bound | None]]:
        """Per state, what every way on from it can add at most (the first list) and at least
        (the second): to each meter (the sum of its rises, or of its falls: a clamped sum moves
        no further), to the score sums; the least positive and the most weight of a finished
        run (the most 0 when a run may finish with no weight); whether a red-line choice is
        still ahead. None: a state the search did not expand (no bound)."""
        graph = self.graph
        edges = graph.edges
        changes = self.changes
        ended = self.ended
        inf = math.inf
        none: tuple[float, ...] = (0.0,) * len(self.names)
        # The meter sums repeat (a few hundred distinct ones for 10^5 states): each is kept
        # once, so the sums before an edge can be kept by the ids of the edge's changes and of
        # the sums after it (the ids stay valid: `changes` and `interned` keep the objects).
        interned: dict[tuple[float, ...], tuple[float, ...]] = {none: none}
        moved: dict[tuple[int, int], tuple[float, ...]] = {}

        def shift(sums: tuple[float, ...], by: Changes) -> tuple[float, ...]:
            """`sums` with `by` added (kept in `moved`)."""
            out = list(sums)
            for at, delta in by:
                out[at] += delta
            known = tuple(out)
            known = moved[(id(by), id(sums))] = interned.setdefault(known, known)
            return known

        high: list[_Bound | None] = [None] * len(graph.nodes)
        low: list[_Bound | None] = [None] * len(graph.nodes)
        for node in reversed(self.order):
            state = graph.nodes[node]
            if state.end is not None:
                high[node] = low[node] = (none, 0.0, 0.0, inf, 0.0, False)
                continue
            if not state.expanded or not state.out:
                continue
            # Per meter, the most (and least) of the outgoing edges, and 0 (staying put).
            ups = [none]
            downs = [none]
            up_speed = up_accuracy = -inf
            down_speed = down_accuracy = inf
            least, most = inf, 0.0
            weightless = False
            critical = False
            for index in state.out:
                edge = edges[index]
                dst = edge.dst
                above, below = high[dst], low[dst]
                if above is None or below is None:
                    break
                change = changes[index]
                rises, falls = change.rises, change.falls
                if rises:
                    ups.append(moved.get((id(rises), id(above[0]))) or shift(above[0], rises))
                else:
                    ups.append(above[0])
                if falls:
                    downs.append(moved.get((id(falls), id(below[0]))) or shift(below[0], falls))
                else:
                    downs.append(below[0])
                speed, accuracy = edge.speed, edge.accuracy
                if speed + above[1] > up_speed:
                    up_speed = speed + above[1]
                if accuracy + above[2] > up_accuracy:
                    up_accuracy = accuracy + above[2]
                if speed + below[1] < down_speed:
                    down_speed = speed + below[1]
                if accuracy + below[2] < down_accuracy:
                    down_accuracy = accuracy + below[2]
                # The weights and the red line do not depend on the direction.
                if ended[dst]:
                    weight = edge.weight
                    if weight > 0:
                        if weight < least:
                            least = weight
                        if weight > most:
                            most = weight
                    else:
                        weightless = True
                else:
                    if above[3] < least:
                        least = above[3]
                    if above[4] > most:
                        most = above[4]
                    elif above[4] == 0.0:
                        weightless = True
                if edge.critical or above[5]:
                    critical = True
            else:
                most = 0.0 if weightless else most
                up = tuple(map(max, *ups))
                down = tuple(map(min, *downs))
                up, down = interned.setdefault(up, up), interned.setdefault(down, down)
                high[node] = (up, up_speed, up_accuracy, least, most, critical)
                low[node] = (down, down_speed, down_accuracy, least, most, critical)
        for bounds in (high, low):
            for node, bound in enumerate(bounds):  # no finished run has weight: speed counts 0
                if bound is not None and bound[3] == inf:
                    bounds[node] = (bound[0], bound[1], bound[2], 0.0, 0.0, bound[5])
        return high, low

    # ---------------------------------------------------------- soft-locks

    def stuck(self) -> dict[str, int]:
        """For each decision some state can no longer answer: such a state (the one with the
        fewest decisions before it)."""
        graph = self.graph
        edges = graph.edges
        # Sets of decisions as bits of an int, one bit per decision.
        bits: dict[str, int] = {}
        masks: dict[tuple[str, ...], int] = {}

        def mask(events: tuple[str, ...]) -> int:
            known = masks.get(events)
            if known is None:
                known = 0
                for event in events:
                    known |= bits.setdefault(event, 1 << len(bits))
                masks[events] = known
            return known

        moves = [0 if e.move.event is None else mask((e.move.event,)) for e in edges]
        answerable: list[int] = [0] * len(graph.nodes)
        unanswerable: list[int] = [0] * len(graph.nodes)
        for node in reversed(self.order):
            state = graph.nodes[node]
            pending = mask(state.pending)
            if not state.expanded:  # the search stopped here: assume the best
                answerable[node] = pending
                continue
            can = 0
            for index in state.out:
                can |= moves[index] | answerable[edges[index].dst]
            answerable[node] = pending & can
            unanswerable[node] = pending & ~can
        depth = self.shortest()[0]
        out: dict[str, int] = {}
        for node in self.order:
            if not unanswerable[node]:
                continue
            for event in graph.nodes[node].pending:
                if not bits[event] & unanswerable[node]:
                    continue
                if event not in out or depth[node] < depth[out[event]]:
                    out[event] = node
        return out


@dataclass
class Unreached:
    """What no explored path reaches: events, choices and timeouts of decisions that do
    arrive, endings."""

    events: list[str]
    choices: list[tuple[str, str]]
    timeouts: list[str]
    endings: list[str]


def unreached(graph: Graph, endings_found: Sequence[str] | None = None) -> Unreached:
    """What no path in `graph` reaches (`endings_found`: the endings already worked out)."""
    scenario = graph.scenario
    if endings_found is None:
        endings_found = list(_Analysis(graph).endings())
    decisions = [e for e in scenario.doc.events if e.choices is not None]
    arrived = graph.events_seen
    return Unreached(
        events=[e.id for e in scenario.doc.events if e.id not in arrived],
        choices=[
            (e.id, c.id)
            for e in decisions
            if e.id in arrived
            for c in e.choices or ()
            if (e.id, c.id) not in graph.choices_seen
        ],
        timeouts=[e.id for e in decisions if e.id in arrived and e.id not in graph.timeouts_seen],
        endings=[e.id for e in scenario.doc.endings if e.id not in endings_found],
    )


def analyse(graph: Graph) -> ExploreReport:
    """Everything a facilitator asks of a scenario, from its explored state graph."""
    began = time.monotonic()
    scenario = graph.scenario
    report = ExploreReport(
        scenario=scenario,
        complete=graph.complete,
        bound=graph.bound,
        states=len(graph.nodes),
        transitions=len(graph.edges),
        seconds=0.0,
        problems=[Problem(f.message, _safe_path(scenario, f.moves[:-1])) for f in graph.failures],
    )
    # The analysis makes a few objects per state and edge that live until it ends: the cycle
    # collector would walk the whole state graph again and again for nothing to free.
    with paused_gc():
        analysis = _Analysis(graph) if graph.nodes else None  # None: the run never started
        if analysis is not None:
            _read(graph, analysis, report)
        missing = unreached(graph, [e.ending for e in report.endings])
        report.unreached_events = missing.events
        report.unreached_choices = missing.choices
        report.unreached_timeouts = missing.timeouts
        report.unreached_endings = missing.endings
        if missing.endings and analysis is not None:
            report.ending_reasons = analysis.reasons(missing.endings)
    report.seconds = graph.seconds + time.monotonic() - began
    return report


def _read(graph: Graph, analysis: _Analysis, report: ExploreReport) -> None:
    """Fill in the endings, extremes, largest inbox and soft-locks, every path replayed."""
    scenario = graph.scenario
    problems = report.problems
    found = analysis.endings()
    for ending in scenario.doc.endings:
        picks = found.get(ending.id)
        if picks is None:
            continue
        paths = [path_of(scenario, moves) for _, moves in picks]
        for path in paths:
            if path.ending != ending.id:
                problems.append(
                    Problem(
                        f"explorer: a path to ending {ending.id!r} ends in {path.ending!r}",
                        path,
                    )
                )
        report.endings.append(EndingPaths(ending.id, *paths))

    if found:
        (high, high_moves), (low, low_moves) = analysis.extremes()
        report.highest = path_of(scenario, high_moves)
        report.lowest = path_of(scenario, low_moves)
        for expected, path in ((high, report.highest), (low, report.lowest)):
            if path.total is None or abs(path.total - expected) > TOLERANCE:
                problems.append(
                    Problem(f"explorer: expected total {expected!r}, replay {path.total!r}", path)
                )

    via = analysis.prefixes()
    max_node = 0
    for node in analysis.order:
        if len(graph.nodes[node].pending) > report.max_pending:
            report.max_pending, max_node = len(graph.nodes[node].pending), node
    if report.max_pending:
        moves = analysis.moves_via(via, max_node)
        report.max_pending_path = path_of(scenario, moves, finish=False)
        report.max_pending_events = list(graph.nodes[max_node].pending)

    stuck = sorted(analysis.stuck().items(), key=lambda item: scenario.event_order[item[0]])
    report.soft_locks = [
        SoftLock(event, path_of(scenario, analysis.moves_via(via, node), finish=False))
        for event, node in stuck
    ]


def _safe_path(scenario: Scenario, moves: Sequence[Move]) -> Path | None:
    try:
        return path_of(scenario, moves, finish=False)
    except Exception:
        return None
