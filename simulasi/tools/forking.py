"""What the tools need from a run to branch on every move and to stop time at an arrival.

- `fork(run)`: an independent copy of a run (`Run.copy`), to branch on every move. Replaying
  the decision log also rebuilds a run, but costs the whole path again for every branch; a
  copy costs only the run's state. A `Run` has no room for state its copy would not carry
  (everything that changes is one slotted `RunState`, copied whole); only a subclass can keep
  attributes of its own, and then `fork` replays the log instead (always right, only slower)
  rather than lose them.
- `next_arrival(run)`: when the next scheduled arrival is due (`Run.next_arrival`), so that a
  tool can stop time exactly there and let a persona (or the explorer) react to what arrives.
- `scheduled`, `log_since`, `log_length` and `pending_slots`: the explorer's reads of a run,
  through `Run`'s public read-only methods.
"""

from __future__ import annotations

from simulasi.engine import Record, Run


def can_copy(run: Run) -> bool:
    """Whether `run.copy()` carries all of `run` (else `fork` replays): always for a `Run`,
    not for a subclass instance that keeps attributes of its own."""
    return not getattr(run, "__dict__", None)


def fork(run: Run) -> Run:
    """An independent run in exactly the same state: what one does to it leaves `run` as is."""
    if not can_copy(run):
        # A run keeps meter history from its start on when made with `history=True`.
        return Run.replay(run.scenario, run.log, history=bool(run.meter_history))
    return run.copy()


def next_arrival(run: Run) -> float | None:
    """The time of the next scheduled arrival of an event that has not arrived, if any.

    It may still be skipped when its time comes (its `when` is false then).
    """
    return run.next_arrival()


def scheduled(run: Run) -> list[tuple[float, str]]:
    """The scheduled arrivals still to come, as (time, event id), soonest first."""
    return run.scheduled()


def log_since(run: Run, start: int) -> list[Record]:
    """The records the run logged after its first `start` ones (no copy of the rest)."""
    return run.log_since(start)


def log_length(run: Run) -> int:
    return run.log_length()


def pending_slots(run: Run) -> list[tuple[str, float, float, float]]:
    """Each pending decision as (event, arrived, deadline, next drift tick), by event id."""
    return run.pending_times()
