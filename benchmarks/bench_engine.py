"""Engine benchmark: random playthroughs through `simulasi.engine.Run` against a minimal loop.

Prints, one figure a line:
- complete random playthroughs of scenarios/hoaks-vaksin-mr.yaml per second through the real
  engine (`Run`: start, advance, choose, finish; the decision log is built as it goes);
- the same for a baseline in this file: a minimal loop over plain dicts, extracted from the
  scenario once, doing the same arrivals, timeouts, choices and effects (set, add, clamped
  effects scaled by timeliness, `next`, `end`) with no checks: no conditions, no drift, no
  validation, no log, no happenings;
- the ratio engine time / baseline time (target <= 4);
- ScoreCards per second over 10,000 stored logs with `scoring.score(scenario, log)` (which
  replays each log to verify it), and with `scoring.score_run(run)` on the already-built runs.

Both loops draw from `random.Random` with the same seed, step for step the same way. Times are
the best of N repeats (`time.perf_counter`), engine and baseline timed in turn. Finished runs
are dropped in the timed loops (both sides). The script reports; it never fails on a target.

Run from the repository root: `python benchmarks/bench_engine.py`.
"""

from __future__ import annotations

import gc
import heapq
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import score, score_run
from simulasi.engine import Record, Run
from simulasi.scenario import Scenario, load_scenario_or_raise

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "hoaks-vaksin-mr.yaml"
SEED = 1729
PLAYTHROUGHS = 2_000  # per timed repeat
REPEATS = 7
LOGS = 10_000
P_CHOOSE = 0.6  # chance, at each step, of answering a random pending decision
MAX_STEP = 60.0  # each step advances scenario time by uniform(0, MAX_STEP) seconds


# ---------------------------------------------------------------- the real engine


def play_engine(scenario: Scenario, rng: random.Random) -> Run:
    """One complete random playthrough through the engine."""
    run = Run(scenario)
    run.start(0.0)
    now = 0.0
    for _ in range(rng.randint(5, 60)):
        now += rng.uniform(0.0, MAX_STEP)
        run.advance(now)
        if run.ended:
            return run
        if rng.random() < P_CHOOSE:
            pending = run.pending
            if pending:
                event = rng.choice(pending).event
                available = run.available_choices(event)
                if available:
                    run.choose(event, rng.choice(available), now)
                    if run.ended:
                        return run
    run.finish(now)
    return run


# ---------------------------------------------------------------- the baseline

# An outcome as plain data: (set items, add items, effects items, next ids, end id or None).
Plain = tuple[
    tuple[tuple[str, Any], ...],
    tuple[tuple[str, int], ...],
    tuple[tuple[str, float], ...],
    tuple[str, ...],
    str | None,
]


def _plain(outcome: Any) -> Plain:
    return (
        tuple(outcome.set.items()),
        tuple(outcome.add.items()),
        tuple(outcome.effects.items()),
        tuple(outcome.next),
        outcome.end,
    )


@dataclass(frozen=True, slots=True)
class PlainScenario:
    """The scenario as plain dicts and tuples, extracted once."""

    order: dict[str, int]
    at: dict[str, float]  # scheduled events only
    delay: dict[str, float]
    update: dict[str, Plain]  # updates: their own outcome
    deadline: dict[str, float]  # decisions
    golden: dict[str, float]
    half_life: dict[str, float]
    choices: dict[str, dict[str, Plain]]  # decision -> choice id -> outcome
    timeout: dict[str, Plain]
    meters: dict[str, float]
    flags: dict[str, Any]
    bounds: dict[str, tuple[int | None, int | None]]
    floor: float
    fallback: str


def extract(scenario: Scenario) -> PlainScenario:
    doc = scenario.doc
    events = doc.events
    return PlainScenario(
        order={e.id: i for i, e in enumerate(events)},
        at={e.id: e.at for e in events if e.at is not None},
        delay={e.id: e.delay for e in events},
        update={e.id: _plain(e) for e in events if e.choices is None},
        deadline={e.id: e.deadline for e in events if e.deadline is not None},
        golden={e.id: e.golden for e in events if e.golden is not None},
        half_life={e.id: e.half_life for e in events if e.half_life is not None},
        choices={
            e.id: {c.id: _plain(c) for c in e.choices} for e in events if e.choices is not None
        },
        timeout={e.id: _plain(e.on_timeout) for e in events if e.on_timeout is not None},
        meters={s.id: float(s.initial) for s in doc.stakeholders},
        flags={f.id: f.initial for f in doc.flags},
        bounds={f.id: (f.min, f.max) for f in doc.flags},
        floor=doc.scoring.speed_floor,
        fallback=next(e.id for e in doc.endings if e.when is None),
    )


class Baseline:
    """The least a run must do: a time-ordered queue, an inbox, meters and flags."""

    __slots__ = (
        "ending",
        "flags",
        "live",
        "live_total",
        "meters",
        "names",
        "pending",
        "queue",
        "s",
        "seq",
        "visited",
    )

    def __init__(self, s: PlainScenario) -> None:
        self.s = s
        self.meters = dict(s.meters)
        self.flags = dict(s.flags)
        self.visited: set[str] = set()
        self.pending: dict[str, tuple[float, float]] = {}  # event -> (arrived, deadline)
        self.queue: list[tuple[float, int, int, str]] = []
        self.seq = 0
        self.live: dict[str, int] = {}  # queue entries per event that has not arrived yet
        self.live_total = 0
        self.ending: str | None = None
        self.names = list(s.order)

    def start(self, now: float) -> None:
        for eid, at in self.s.at.items():
            self.schedule(eid, now + at)

    def schedule(self, eid: str, at: float) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (at, self.s.order[eid], self.seq, eid))
        self.live[eid] = self.live.get(eid, 0) + 1
        self.live_total += 1

    def apply(self, outcome: Plain, scale: float) -> None:
        flags, meters = self.flags, self.meters
        for flag, value in outcome[0]:
            flags[flag] = value
        for flag, amount in outcome[1]:
            low, high = self.s.bounds[flag]
            value = flags[flag] + amount
            if low is not None and value < low:
                value = low
            if high is not None and value > high:
                value = high
            flags[flag] = value
        for name, delta in outcome[2]:
            after = meters[name] + (delta * scale if delta > 0 else delta)
            meters[name] = 0.0 if after < 0.0 else 100.0 if after > 100.0 else after

    def follow(self, outcome: Plain, t: float) -> None:
        if outcome[4] is not None:
            self.end(outcome[4])
            return
        for target in outcome[3]:
            if self.ending is not None:
                return
            delay = self.s.delay[target]
            if delay == 0:
                if target not in self.visited:
                    self.arrive(target, t)
            elif target not in self.visited:
                self.schedule(target, t + delay)

    def arrive(self, eid: str, t: float) -> None:
        self.visited.add(eid)
        self.live_total -= self.live.pop(eid, 0)
        update = self.s.update.get(eid)
        if update is not None:
            self.apply(update, 1.0)
            self.follow(update, t)
        else:
            self.pending[eid] = (t, t + self.s.deadline[eid])

    def process(self, now: float) -> None:
        queue, pending = self.queue, self.pending
        while self.ending is None:
            t = queue[0][0] if queue else math.inf
            due = None
            for eid, (_, deadline) in pending.items():
                if deadline < t and deadline < now:
                    t, due = deadline, eid
            if t > now:
                return
            if due is None:
                eid = heapq.heappop(queue)[3]
                if eid not in self.visited:
                    self.arrive(eid, t)
            else:
                del pending[due]
                outcome = self.s.timeout[due]
                self.apply(outcome, 1.0)
                self.follow(outcome, t)
            self.natural_end()

    def choose(self, eid: str, cid: str, now: float) -> None:
        arrived, _deadline = self.pending.pop(eid)
        latency = now - arrived
        golden = self.s.golden[eid]
        if latency <= golden:
            speed = 100.0
        else:
            speed = 100.0 * max(self.s.floor, 2.0 ** (-(latency - golden) / self.s.half_life[eid]))
        outcome = self.s.choices[eid][cid]
        self.apply(outcome, 0.5 + 0.5 * speed / 100.0)
        self.follow(outcome, now)
        self.natural_end()

    def natural_end(self) -> None:
        if self.ending is None and not self.pending and self.live_total == 0:
            self.end(None)

    def end(self, ending: str | None) -> None:
        for eid in list(self.pending):
            self.apply(self.s.timeout[eid], 1.0)
        self.pending.clear()
        self.queue.clear()
        self.ending = ending or self.s.fallback

    def finish(self, now: float) -> None:
        self.process(now)
        if self.ending is None:
            self.process(math.inf)
        if self.ending is None:
            self.end(None)


class CountingBaseline(Baseline):
    """The baseline with a count of answers, for the untimed work summary only."""

    __slots__ = ("answers",)

    def __init__(self, s: PlainScenario) -> None:
        super().__init__(s)
        self.answers = 0

    def choose(self, eid: str, cid: str, now: float) -> None:
        self.answers += 1
        super().choose(eid, cid, now)


def play_baseline(
    s: PlainScenario, rng: random.Random, kind: type[Baseline] = Baseline
) -> Baseline:
    """The same random playthrough, step for step, on the baseline."""
    run = kind(s)
    run.start(0.0)
    now = 0.0
    for _ in range(rng.randint(5, 60)):
        now += rng.uniform(0.0, MAX_STEP)
        run.process(now)
        if run.ending is not None:
            return run
        if rng.random() < P_CHOOSE:
            pending = list(run.pending)
            if pending:
                event = rng.choice(pending)
                run.choose(event, rng.choice(list(s.choices[event])), now)
                if run.ending is not None:
                    return run
    run.finish(now)
    return run


# ---------------------------------------------------------------- measuring


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def best_of_both(
    a: Callable[[], object], b: Callable[[], object], repeats: int = REPEATS
) -> tuple[float, float]:
    """Best times of `a` and `b`, timed in turn, so that a slower spell of the machine
    weighs on both alike."""
    best_a = best_b = float("inf")
    for _ in range(repeats):
        best_a = min(best_a, best_of(a, 1))
        best_b = min(best_b, best_of(b, 1))
    return best_a, best_b


def engine_runs(scenario: Scenario, n: int) -> list[Run]:
    """`n` playthroughs, kept (for the stored logs and the work counts)."""
    rng = random.Random(SEED)
    return [play_engine(scenario, rng) for _ in range(n)]


def engine_batch(scenario: Scenario, n: int) -> None:
    """`n` playthroughs, each dropped when done (keeping thousands of runs alive would time
    the garbage collector walking them, not the engine; the baseline is timed the same way)."""
    rng = random.Random(SEED)
    for _ in range(n):
        play_engine(scenario, rng)


def baseline_batch(s: PlainScenario, n: int) -> None:
    rng = random.Random(SEED)
    for _ in range(n):
        play_baseline(s, rng)


def main() -> int:
    scenario = load_scenario_or_raise(SCENARIO)
    plain = extract(scenario)

    runs = engine_runs(scenario, PLAYTHROUGHS)
    rng = random.Random(SEED)
    bases = [play_baseline(plain, rng, CountingBaseline) for _ in range(PLAYTHROUGHS)]
    assert all(r.ended for r in runs) and all(b.ending is not None for b in bases)
    answers = sum(1 for r in runs for rec in r.log if rec.kind == "answer")
    arrivals = sum(len(r.visited) for r in runs)
    base_arrivals = sum(len(b.visited) for b in bases)
    base_answers = sum(b.answers for b in bases if isinstance(b, CountingBaseline))

    t_engine, t_base = best_of_both(
        lambda: engine_batch(scenario, PLAYTHROUGHS), lambda: baseline_batch(plain, PLAYTHROUGHS)
    )

    print(f"python: {sys.version.split()[0]}, scenario {SCENARIO.name}, seed {SEED}")
    print(
        f"per playthrough (engine): {arrivals / PLAYTHROUGHS:.1f} arrivals, "
        f"{answers / PLAYTHROUGHS:.1f} answers, "
        f"{sum(len(r.log) for r in runs) / PLAYTHROUGHS:.1f} log records; "
        f"(baseline): {base_arrivals / PLAYTHROUGHS:.1f} arrivals, "
        f"{base_answers / PLAYTHROUGHS:.1f} answers"
    )
    print(
        f"engine playthroughs/s: {PLAYTHROUGHS / t_engine:,.0f}  "
        f"({t_engine / PLAYTHROUGHS * 1e6:.1f} us each, "
        f"best of {REPEATS} x {PLAYTHROUGHS}, timed in turn with the baseline)"
    )
    print(
        f"baseline playthroughs/s: {PLAYTHROUGHS / t_base:,.0f}  "
        f"({t_base / PLAYTHROUGHS * 1e6:.1f} us each)"
    )
    print(f"engine ratio (engine / baseline time): {t_engine / t_base:.2f}  [target <= 4]")

    stored = engine_runs(scenario, LOGS)
    logs: list[list[Record]] = [list(r.log) for r in stored]
    t_score = best_of(lambda: [score(scenario, log) for log in logs], repeats=3)
    t_score_run = best_of(lambda: [score_run(r) for r in stored], repeats=3)
    print(
        f"score(scenario, log) ScoreCards/s: {LOGS / t_score:,.0f}  "
        f"({LOGS:,} stored logs, replayed and verified; {t_score:.2f} s)"
    )
    print(
        f"score_run(run) ScoreCards/s: {LOGS / t_score_run:,.0f}  "
        f"({LOGS:,} built runs, no replay; {t_score_run:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
