"""Two things the tools need from a run that the engine does not offer publicly (yet).

- `fork(run)`: an independent copy of a run, to branch on every move. Replaying the decision
  log also rebuilds a run, but costs the whole path again for every branch; a copy costs only
  the run's own containers. The copy knows the engine's private attributes, so it checks them
  first: if the engine gains one this module does not know, `fork` replays the log instead
  (always right, only slower) rather than share a mutable container by mistake.
- `next_arrival(run)`: when the next scheduled arrival is due, so that a tool can stop time
  exactly there and let a persona (or the explorer) react to what arrives.

Both read `Run` internals on purpose, in this one module; a public `Run.copy()` and
`Run.next_arrival()` in the engine would make it unnecessary.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from simulasi.engine import Run

#: Attributes shared with the original: immutable values, or the scenario's own read-only
#: indexes.
_SHARED = frozenset(
    {
        "scenario",
        "practice",
        "_track",
        "_floor",
        "_order",
        "_events",
        "_events_by_id",
        "_event_when",
        "_choice_when",
        "_bounds",
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
    }
)
#: Attributes holding containers the run mutates, copied one level down (their items are
#: immutable, except the slots and facts, which are copied themselves).
_COPIED = frozenset(
    {
        "_meters",
        "_flags",
        "visited",
        "chosen",
        "timed_out",
        "_queue",
        "_live",
        "_slots",
        "_facts",
        "_log",
        "_out",
        "_history",
    }
)
KNOWN_ATTRIBUTES = _SHARED | _COPIED


def can_copy(run: Run) -> bool:
    """Whether `fork` knows every attribute of this run (else it replays)."""
    return set(vars(run)) == KNOWN_ATTRIBUTES


def fork(run: Run) -> Run:
    """An independent run in exactly the same state: what one does to it leaves `run` as is."""
    if not can_copy(run):
        return Run.replay(run.scenario, run.log, history=run._track)
    state: dict[str, Any] = dict(vars(run))
    state["_meters"] = dict(run._meters)
    state["_flags"] = dict(run._flags)
    state["visited"] = set(run.visited)
    state["chosen"] = set(run.chosen)
    state["timed_out"] = set(run.timed_out)
    state["_queue"] = list(run._queue)  # a heap stays a heap when copied as a list
    state["_live"] = dict(run._live)
    slots = run._slots
    state["_slots"] = {key: _copy_slot(slot) for key, slot in slots.items()}
    # Only the facts of pending decisions still change (drift, then the answer, timeout or
    # expiry); a resolved fact is never touched again, so the copy shares it. A fact's
    # `parts` list grows; the mappings inside it are never changed once appended.
    state["_facts"] = {
        key: replace(f, parts=list(f.parts)) if key in slots else f for key, f in run._facts.items()
    }
    state["_log"] = list(run._log)
    state["_out"] = []
    state["_history"] = list(run._history)
    copy = Run.__new__(Run)
    vars(copy).update(state)
    return copy


def _copy_slot(slot: Any) -> Any:
    new = object.__new__(type(slot))
    for name in type(slot).__slots__:
        setattr(new, name, getattr(slot, name))
    return new


def next_arrival(run: Run) -> float | None:
    """The time of the next scheduled arrival of an event that has not arrived, if any.

    It may still be skipped when its time comes (its `when` is false then).
    """
    if run.ended:
        return None
    events = run.scenario.doc.events
    visited = run.visited
    best = math.inf
    for at, order, _ in run._queue:
        if at < best and events[order].id not in visited:
            best = at
    return None if best == math.inf else best


def scheduled(run: Run) -> list[tuple[float, str]]:
    """The scheduled arrivals still to come, as (time, event id), soonest first."""
    events = run.scenario.doc.events
    visited = run.visited
    out = sorted((at, order) for at, order, _ in run._queue if events[order].id not in visited)
    return [(at, events[order].id) for at, order in out]


def log_since(run: Run, start: int) -> list[Any]:
    """The records the run logged after its first `start` ones (no copy of the rest)."""
    return run._log[start:]


def log_length(run: Run) -> int:
    return len(run._log)


def pending_slots(run: Run) -> list[tuple[str, float, float, float]]:
    """Each pending decision as (event, arrived, deadline, next drift tick), by event id."""
    return sorted(
        (event_id, slot.arrived, slot.deadline, slot.next_tick)
        for event_id, slot in run._slots.items()
    )
