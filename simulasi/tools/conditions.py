"""What a scenario's conditions read, and how a finished run picks its ending.

The explorer merges states that agree on what the rest of the run can read: these are the
names its conditions use. The meters, flags and history facts that only endings read are left
out of a state (`EndingFacts`, `fact_ops`: what each logged record does to the flags and facts)
and the ending is picked afterwards, per carried value, by `choose_ending` (docs/run-rules.md,
rule 9).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from simulasi.engine import Run
from simulasi.scenario import Scenario, expr
from simulasi.scenario.models import Outcome


@dataclass(frozen=True)
class Reads:
    """What the conditions of a scenario read.

    What an event's or a choice's `when` reads steers the run: the meters (`steering`), the
    flags (`flags`) and the history facts (`visited`, `chosen`, `timed_out`) the explorer keeps
    in its states. What only ending conditions read is carried along each path instead, like
    the score: the meters (`ending_meters`, unless they also steer) and the flags and facts of
    `ending_facts`.
    """

    steering: frozenset[str]
    ending_meters: frozenset[str]
    flags: frozenset[str]
    visited: frozenset[str]
    chosen: frozenset[tuple[str, str]]
    timed_out: frozenset[str]
    ending_facts: EndingFacts


#: A change to a carried value: (position, SET / ADD / ON, value, min, max).
FactOp = tuple[int, int, bool | int, int | None, int | None]
SET, ADD, ON = 0, 1, 2


@dataclass(frozen=True)
class EndingFacts:
    """The flags and history facts only ending conditions read (none steers the run): the
    analysis carries their values along every path, in this order (flags, then whether each
    event arrived, each answer was given, each decision timed out), so that states that differ
    only in them are one state."""

    flags: tuple[str, ...] = ()
    visited: tuple[str, ...] = ()
    chosen: tuple[tuple[str, str], ...] = ()
    timed_out: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.flags) + len(self.visited) + len(self.chosen) + len(self.timed_out)

    def initial(self, scenario: Scenario) -> tuple[bool | int, ...]:
        """Their values when a run starts."""
        return (
            *(scenario.initial_flags[f] for f in self.flags),
            *(False,) * (len(self) - len(self.flags)),
        )

    def context(self, context: EndContext, values: Sequence[Any]) -> EndContext:
        """`context` (a finished state's) with the carried `values` of one path in it."""
        if not len(self):
            return context
        n = len(self.flags)
        flags = dict(context.flags)
        flags.update(zip(self.flags, values[:n], strict=True))
        at = n
        facts: list[frozenset[Any]] = []
        for names, had in (
            (self.visited, context.visited),
            (self.chosen, context.chosen),
            (self.timed_out, context.timed_out),
        ):
            part = values[at : at + len(names)]
            at += len(names)
            true = {name for name, value in zip(names, part, strict=True) if value}
            facts.append(frozenset((had - set(names)) | true))
        return EndContext(context.forced, flags, facts[0], facts[1], facts[2])


def apply_facts(values: list[Any], ops: Iterable[FactOp], offset: int = 0) -> None:
    """`values` after the changes `ops` (their positions counted from `offset`), with the
    engine's arithmetic (an `add` is clamped to the flag's min and max)."""
    for at, code, value, low, high in ops:
        at += offset
        if code == ADD:
            total = int(values[at]) + int(value)
            if low is not None and total < low:
                total = low
            if high is not None and total > high:
                total = high
            values[at] = total
        else:
            values[at] = value


def fact_ops(
    scenario: Scenario, facts: EndingFacts
) -> dict[tuple[str, str, str], tuple[FactOp, ...]]:
    """What each logged record does to the carried values, by (kind, event, choice): an
    arrival (`arrive`), an answer (`answer`), a timeout (`timeout`) and an expiry (`expire`),
    each in the engine's order (set, then add; the history fact as it happens). Records that
    change none are left out."""
    flag_at = {f: i for i, f in enumerate(facts.flags)}
    n = len(facts.flags)
    visited_at = {e: n + i for i, e in enumerate(facts.visited)}
    n += len(facts.visited)
    chosen_at = {c: n + i for i, c in enumerate(facts.chosen)}
    n += len(facts.chosen)
    timed_out_at = {e: n + i for i, e in enumerate(facts.timed_out)}
    bounds = scenario.flag_bounds

    def plan(outcome: Outcome) -> list[FactOp]:
        ops: list[FactOp] = [
            (flag_at[f], SET, v, None, None) for f, v in outcome.set.items() if f in flag_at
        ]
        ops += [(flag_at[f], ADD, a, *bounds[f]) for f, a in outcome.add.items() if f in flag_at]
        return ops

    out: dict[tuple[str, str, str], tuple[FactOp, ...]] = {}
    for event in scenario.doc.events:
        arrive: list[FactOp] = []
        if event.id in visited_at:
            arrive.append((visited_at[event.id], ON, True, None, None))
        if event.choices is None:
            arrive += plan(event)
        out[("arrive", event.id, "")] = tuple(arrive)
        for choice in event.choices or ():
            answer: list[FactOp] = []
            if (event.id, choice.id) in chosen_at:
                answer.append((chosen_at[(event.id, choice.id)], ON, True, None, None))
            out[("answer", event.id, choice.id)] = (*answer, *plan(choice))
        if event.on_timeout is not None:
            expire = plan(event.on_timeout)
            out[("expire", event.id, "")] = tuple(expire)
            timeout: list[FactOp] = []
            if event.id in timed_out_at:
                timeout.append((timed_out_at[event.id], ON, True, None, None))
            out[("timeout", event.id, "")] = (*timeout, *expire)
    return {key: ops for key, ops in out.items() if ops}


def named_later(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each event, the events its outcomes may still bring (`next`, transitively): once
    an event has arrived, only a pending or scheduled event's outcomes can name it again (and
    be refused, since an event arrives once). Whether an event nothing can name any more has
    arrived changes nothing ahead, unless a condition reads it (`Reads.visited`)."""
    direct: dict[str, set[str]] = {}
    for event in scenario.doc.events:
        outcomes = [*(event.choices or ()), *([event.on_timeout] if event.on_timeout else [])]
        direct[event.id] = {t for o in outcomes or [event] for t in o.next}
    out: dict[str, frozenset[str]] = {}
    for event_id, targets in direct.items():
        seen: set[str] = set()
        todo = list(targets)
        while todo:
            target = todo.pop()
            if target not in seen:
                seen.add(target)
                todo.extend(direct[target])
        out[event_id] = frozenset(seen)
    return out


def condition_reads(scenario: Scenario) -> Reads:
    """Which meters, flags and history facts the conditions of `scenario` read (`Reads`)."""
    doc = scenario.doc
    run_sources = [e.when for e in doc.events]
    run_sources += [c.when for e in doc.events for c in e.choices or ()]
    ending_sources = [e.when for e in doc.endings]
    read: list[tuple[set[str], set[str], set[str], set[tuple[str, str]], set[str]]] = []
    for sources in (run_sources, ending_sources):
        meters: set[str] = set()
        flags: set[str] = set()
        visited: set[str] = set()
        chosen: set[tuple[str, str]] = set()
        timed_out: set[str] = set()
        for source in sources:
            if source is None:
                continue
            for node in expr.walk(expr.parse(source)):
                if isinstance(node, expr.Name):
                    if node.id in scenario.stakeholders:
                        meters.add(node.id)
                    else:
                        flags.add(node.id)
                elif isinstance(node, expr.Call) and node.func == "visited":
                    visited.add(node.event)
                elif isinstance(node, expr.Call) and node.func == "chosen":
                    chosen.add((node.event, node.choice or ""))
                elif isinstance(node, expr.Call) and node.func == "timed_out":
                    timed_out.add(node.event)
        read.append((meters, flags, visited, chosen, timed_out))
    (
        (steering, flags, visited, chosen, timed_out),
        (ending_meters, e_flags, e_visited, e_chosen, e_timed_out),
    ) = read
    events = [e.id for e in doc.events]
    facts = EndingFacts(
        flags=tuple(f for f in scenario.initial_flags if f in e_flags and f not in flags),
        visited=tuple(e for e in events if e in e_visited and e not in visited),
        chosen=tuple(
            (e.id, c.id)
            for e in doc.events
            for c in e.choices or ()
            if (e.id, c.id) in e_chosen and (e.id, c.id) not in chosen
        ),
        timed_out=tuple(e for e in events if e in e_timed_out and e not in timed_out),
    )
    return Reads(
        frozenset(steering),
        frozenset(ending_meters),
        frozenset(flags),
        frozenset(visited),
        frozenset(chosen),
        frozenset(timed_out),
        facts,
    )


@dataclass(frozen=True, slots=True)
class EndContext:
    """What the ending conditions of a finished run may read besides the meters."""

    forced: str | None  # the ending an `end` named, if the run ended that way
    flags: dict[str, bool | int]
    visited: frozenset[str]
    chosen: frozenset[tuple[str, str]]
    timed_out: frozenset[str]

    def state(self, meters: dict[str, float]) -> _EndState:
        return _EndState(meters, self.flags, self.visited, self.chosen, self.timed_out)


@dataclass(frozen=True, slots=True)
class _EndState:
    """A finished run as the compiled conditions read it (`simulasi.scenario.expr.State`)."""

    meters: dict[str, float]
    flags: dict[str, bool | int]
    visited: frozenset[str]
    chosen: frozenset[tuple[str, str]]
    timed_out: frozenset[str]


def choose_ending(scenario: Scenario, context: EndContext, meters: dict[str, float]) -> str:
    """The ending of a finished run with these final meters (docs/run-rules.md, rule 9): the one
    an `end` named; else the first, in file order, whose `when` holds; else the first
    fallback."""
    if context.forced is not None:
        return context.forced
    state = context.state(meters)
    fallback: str | None = None
    for ending in scenario.doc.endings:
        if ending.when is None:
            fallback = fallback or ending.id
        elif scenario.ending_when[ending.id](state):
            return ending.id
    assert fallback is not None  # the loader guarantees one (SIM203)
    return fallback


def forced_ending(run: Run) -> str | None:
    """The ending an `end` named, if the finished `run` ended at one (None: a natural end,
    whose ending the conditions chose)."""
    scenario = run.scenario
    for rec in reversed(run.log):
        kind = rec.kind
        if kind in ("end", "expire", "drift", "finish"):
            continue
        if kind == "answer":
            return scenario.choices[(rec.event or "", rec.choice or "")].end
        if kind == "timeout":
            on_timeout = scenario.events[rec.event or ""].on_timeout
            return on_timeout.end if on_timeout is not None else None
        if kind == "arrive":
            event = scenario.events[rec.event or ""]
            return event.end if event.choices is None else None
        return None
    return None
