"""Helpers shared by the tool tests: the purpose-built scenarios, a brute-force explorer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scoring import score_run
from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario
from simulasi.tools.explore import answer_times
from simulasi.tools.forking import fork
from simulasi.tools.moves import WAIT, Move, apply_move, wait_target

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"
ROOT = HERE.parent.parent
SHIPPED = ROOT / "scenarios" / "hoaks-vaksin-mr.yaml"


def load(path: Path) -> Scenario:
    loaded = load_scenario(path)
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    return loaded.scenario


def purpose_built(name: str) -> Scenario:
    return load(SCENARIOS / f"{name}.yaml")


def moves_from(run: Run) -> list[Move]:
    """The explorer's moves from `run`, found afresh (no merging, no grouping)."""
    target = wait_target(run)
    horizon = target[0] if target is not None else float("inf")
    waited = fork(run)
    apply_move(waited, WAIT)
    out: list[Move] = []
    for at, items in sorted(answer_times(run, horizon, waited.ended).items()):
        probe = fork(run)
        if at > probe.now:
            probe.advance(at)
        for event_id, timing in items:
            if probe.is_pending(event_id):
                out += [Move(event_id, c, timing) for c in probe.available_choices(event_id)]
    out.append(WAIT)
    return out


def every_path(scenario: Scenario, limit: int = 20_000) -> Iterator[tuple[Run, tuple[Move, ...]]]:
    """Every complete path of the explorer's move tree, without merging anything (the
    "naive tree"); stops with AssertionError past `limit` paths."""
    start = Run(scenario)
    start.start(0.0)
    stack: list[tuple[Run, tuple[Move, ...]]] = [(start, ())]
    count = 0
    while stack:
        run, moves = stack.pop()
        if run.ended:
            count += 1
            assert count <= limit, "tree too large for brute force"
            yield run, moves
            continue
        for move in moves_from(run):
            child = fork(run)
            apply_move(child, move)
            stack.append((child, (*moves, move)))


def brute_force(scenario: Scenario, limit: int = 20_000) -> dict[str, object]:
    """Endings, score extremes and coverage by walking every path of the naive tree."""
    endings: set[str] = set()
    totals: list[float] = []
    events: set[str] = set()
    choices: set[tuple[str, str]] = set()
    timeouts: set[str] = set()
    # Per ending: (fewest decisions, most decisions, least time, most time).
    ranges: dict[str, tuple[int, int, float, float]] = {}
    # Per ending: the fewest decisions timed out on a way to it.
    calmest: dict[str, int] = {}
    for run, _ in every_path(scenario, limit):
        endings.add(run.ending or "")
        n, at = len(run.decisions), run.end_time or 0.0
        low_n, high_n, low_t, high_t = ranges.get(run.ending or "", (n, n, at, at))
        ranges[run.ending or ""] = (min(low_n, n), max(high_n, n), min(low_t, at), max(high_t, at))
        timed_out = sum(1 for f in run.decisions if f.outcome == "timed_out")
        calmest[run.ending or ""] = min(calmest.get(run.ending or "", timed_out), timed_out)
        totals.append(score_run(run).total)
        events |= run.visited
        choices |= run.chosen
        timeouts |= run.timed_out
    return {
        "endings": endings,
        "ranges": ranges,
        "calmest": calmest,
        "highest": max(totals),
        "lowest": min(totals),
        "events": events,
        "choices": choices,
        "timeouts": timeouts,
        "paths": len(totals),
    }
