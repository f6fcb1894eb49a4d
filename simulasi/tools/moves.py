"""The moves a trainee can make, as the explorer sees them, and paths made of them.

A move is either an answer to a pending decision at one of its representative times (at
arrival, at golden, at the deadline; or right now, when the run would end before any of them)
or waiting until the world next changes (the next
arrival, or the first deadline passing, which times that decision out). A move names times by
what they mean, not by number, so a path found from a merged state replays exactly from the
start of a fresh run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from simulasi.engine import Run
from simulasi.scenario import Scenario
from simulasi.tools.forking import next_arrival

Timing = Literal["arrival", "golden", "deadline", "now"]
#: The representative times; "now" (the state's own time) is offered only as a last chance,
#: when the run ends before any of them comes.
TIMINGS: tuple[Timing, ...] = ("arrival", "golden", "deadline")


@dataclass(frozen=True, slots=True)
class Move:
    """Answer `event` with `choice` at `timing`, or (event None) wait for the next change."""

    event: str | None = None
    choice: str | None = None
    timing: Timing | None = None

    @property
    def is_wait(self) -> bool:
        return self.event is None


WAIT = Move()


def golden_time(arrived: float, golden: float) -> float:
    """`arrived + golden`, nudged down when rounding would put it a hair past golden (the
    engine compares the latency `now - arrived` with golden: an answer "at golden" must earn
    full speed)."""
    at = arrived + golden
    while at - arrived > golden:
        at = math.nextafter(at, -math.inf)
    return at


def answer_time(run: Run, event_id: str, timing: Timing) -> float | None:
    """The scenario time of answering pending `event_id` at `timing` (None if not pending)."""
    for pending in run.pending:
        if pending.event == event_id:
            if timing == "now":
                return run.now
            if timing == "arrival":
                return pending.arrived
            if timing == "deadline":
                return pending.deadline
            golden = run.scenario.events[event_id].golden
            assert golden is not None
            return golden_time(pending.arrived, golden)
    return None


def wait_target(run: Run) -> tuple[float, bool] | None:
    """Where waiting takes the run: (time, True) to the next arrival, or (time, False) just
    past the first deadline (so that decision times out); None if nothing is left to come."""
    arrival = next_arrival(run)
    deadlines = [p.deadline for p in run.pending if p.deadline is not None]
    first_deadline = min(deadlines) if deadlines else None
    if arrival is None and first_deadline is None:
        return None
    if first_deadline is None or (arrival is not None and arrival <= first_deadline):
        assert arrival is not None
        return arrival, True
    return math.nextafter(first_deadline, math.inf), False


def apply_move(run: Run, move: Move) -> None:
    """Play one move on `run` (raises EngineError for a move the run cannot take)."""
    if move.is_wait:
        target = wait_target(run)
        if target is None:
            run.finish(run.now)
        else:
            run.advance(target[0])
        return
    assert move.event is not None and move.choice is not None and move.timing is not None
    at = answer_time(run, move.event, move.timing)
    if at is None:
        at = run.now  # not pending: let the engine say so
    if at > run.now:
        run.advance(at)
    run.choose(move.event, move.choice, at)


@dataclass(frozen=True)
class Path:
    """A complete playthrough: the answers (a `simulasi run` answers file), what timed out,
    and where it ended."""

    answers: tuple[tuple[float, str, str], ...]
    timed_out: tuple[str, ...]
    ending: str | None
    end_time: float | None
    decisions: int
    total: float | None = None
    passed: bool | None = None
    moves: tuple[Move, ...] = field(default=(), repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": [{"at": at, "event": e, "choice": c} for at, e, c in self.answers],
            "timed_out": list(self.timed_out),
            "ending": self.ending,
            "end_time": self.end_time,
            "decisions": self.decisions,
            "total": self.total,
            "passed": self.passed,
        }


def play_moves(scenario: Scenario, moves: Iterable[Move], *, finish: bool = True) -> Run:
    """A fresh run with `moves` applied in order (and, with `finish`, played to its end)."""
    run = Run(scenario)
    run.start(0.0)
    for move in moves:
        apply_move(run, move)
    if finish and not run.ended:
        run.finish(run.now)
    return run


def path_of(scenario: Scenario, moves: Sequence[Move], *, finish: bool = True) -> Path:
    """Replay `moves` from the start and describe the path (scored when it ended)."""
    from scoring import score_run

    run = play_moves(scenario, moves, finish=finish)
    answers = tuple(
        (rec.at, rec.event or "", rec.choice or "") for rec in run.log if rec.kind == "answer"
    )
    total = passed = None
    if run.ended:
        card = score_run(run)
        total, passed = card.total, card.passed
    timed_out = tuple(f.event for f in run.decisions if f.outcome == "timed_out")
    return Path(
        answers=answers,
        timed_out=timed_out,
        ending=run.ending,
        end_time=run.end_time if run.ended else run.now,
        decisions=len(run.decisions),
        total=total,
        passed=passed,
        moves=tuple(moves),
    )
