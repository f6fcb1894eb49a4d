"""What a scenario's conditions read, and how a finished run picks its ending.

The explorer merges states that agree on what the rest of the run can read: these are the
names its conditions use. Meters that only endings read are left out of a state and the ending
is picked afterwards, per carried value, by `choose_ending` (docs/run-rules.md, rule 9).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulasi.engine import Run
from simulasi.scenario import Scenario, expr


@dataclass(frozen=True)
class Reads:
    """What the conditions of a scenario read: steering meters (read by an event's or a
    choice's `when`: they change what happens next), the meters ending conditions read (they
    only pick the ending, so unless they also steer, the explorer carries them along like the
    score), and the history facts."""

    steering: frozenset[str]
    ending_meters: frozenset[str]
    visited: frozenset[str]
    chosen: frozenset[tuple[str, str]]
    timed_out: frozenset[str]


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
    """Which meters and history facts the conditions of `scenario` read."""
    doc = scenario.doc
    run_sources = [e.when for e in doc.events]
    run_sources += [c.when for e in doc.events for c in e.choices or ()]
    ending_sources = [e.when for e in doc.endings]
    steering: set[str] = set()
    ending_meters: set[str] = set()
    visited: set[str] = set()
    chosen: set[tuple[str, str]] = set()
    timed_out: set[str] = set()
    for sources, meters in ((run_sources, steering), (ending_sources, ending_meters)):
        for source in sources:
            if source is None:
                continue
            for node in expr.walk(expr.parse(source)):
                if isinstance(node, expr.Name) and node.id in scenario.stakeholders:
                    meters.add(node.id)
                elif isinstance(node, expr.Call) and node.func == "visited":
                    visited.add(node.event)
                elif isinstance(node, expr.Call) and node.func == "chosen":
                    chosen.add((node.event, node.choice or ""))
                elif isinstance(node, expr.Call) and node.func == "timed_out":
                    timed_out.add(node.event)
    return Reads(
        frozenset(steering),
        frozenset(ending_meters),
        frozenset(visited),
        frozenset(chosen),
        frozenset(timed_out),
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
