"""What a test can observe of a run, to compare two runs (a copy, a fork, a replay) whole."""

from __future__ import annotations

from typing import Any

from simulasi.engine import Run


def observed(run: Run, *, replay: bool = False) -> tuple[Any, ...]:
    """Everything observable about a run: log, meters, flags, inbox and the choices on offer,
    what became of each decision (its closed choices too), the history sets and the ending;
    then the time it stands at, its meter history and next arrival, unless it is compared
    with a replay of its log (`replay`), which knows only the times of its records and keeps
    no meter history."""
    return (
        tuple(run.log),
        dict(run.meters),
        dict(run.flags),
        run.pending,
        {p.event: run.available_choices(p.event) for p in run.pending},
        [
            (f.event, f.arrived, f.resolved, f.outcome, f.choice, f.speed, f.deltas, f.closed)
            for f in run.decisions
        ],
        set(run.visited),
        set(run.chosen),
        set(run.timed_out),
        run.ended,
        run.ending,
        run.end_time,
        None if replay else (run.now, run.meter_history, run.next_arrival()),
    )
