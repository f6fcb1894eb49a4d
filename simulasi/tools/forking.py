"""What the tools need from a run to branch on every move and to stop time at an arrival.

- `fork(run)`: an independent copy of a run (`Run.copy`), to branch on every move. Replaying
  the decision log also rebuilds a run, but costs the whole path again for every branch; a
  copy costs only the run's own containers. If the run carries an attribute its copy lacks
  (set on it from outside, or state `Run.copy` does not know), `fork` replays the log instead
  (always right, only slower) rather than lose it.
- `next_arrival(run)`: when the next scheduled arrival is due (`Run.next_arrival`), so that a
  tool can stop time exactly there and let a persona (or the explorer) react to what arrives.

`scheduled`, `log_since`, `log_length` and `pending_slots` still read `Run` internals, in this
one module.
"""

from __future__ import annotations

from typing import Any

from simulasi.engine import Run


def can_copy(run: Run) -> bool:
    """Whether `run.copy()` carries every attribute of `run` (else `fork` replays)."""
    return vars(run).keys() == vars(run.copy()).keys()


def fork(run: Run) -> Run:
    """An independent run in exactly the same state: what one does to it leaves `run` as is."""
    copy = run.copy()
    if vars(copy).keys() != vars(run).keys():
        # A run keeps meter history from its start on when made with `history=True`.
        return Run.replay(run.scenario, run.log, history=bool(run.meter_history))
    return copy


def next_arrival(run: Run) -> float | None:
    """The time of the next scheduled arrival of an event that has not arrived, if any.

    It may still be skipped when its time comes (its `when` is false then).
    """
    return run.next_arrival()


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
