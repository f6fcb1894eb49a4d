"""Seeded random playthroughs over the real engine, by persona, and what they add up to.

Run i of a simulation with seed S uses `random.Random(S + i)` and nothing else, so it can be
replayed alone (`--seed S+i --runs 1`); S + i is also the run's own seed, from which the order
its choices are shown in is drawn (what `first` takes the first of). Time stops exactly where
something happens: an arrival (the persona plans its answer the moment a decision arrives), a
planned answer, or a deadline passing.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field

from scoring import score_run
from simulasi.engine import Run
from simulasi.scenario import Scenario
from simulasi.tools.forking import next_arrival
from simulasi.tools.personas import Persona


@dataclass(frozen=True)
class RunSummary:
    """What the report needs of one simulated run."""

    seed: int
    ending: str
    total: float
    speed: float
    accuracy: float
    impact: float
    passed: bool
    critical: bool


@dataclass
class Simulation:
    """The outcome of `runs` simulated runs."""

    scenario: Scenario
    persona: str
    seed: int
    runs: list[RunSummary] = field(default_factory=list)
    arrived: Counter[str] = field(default_factory=Counter)
    chosen: Counter[tuple[str, str]] = field(default_factory=Counter)
    timed_out: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (seed, what went wrong)

    def add(self, run: Run, seed: int) -> None:
        card = score_run(run)
        assert card.speed is not None  # timed runs always have a speed score
        self.runs.append(
            RunSummary(
                seed=seed,
                ending=card.ending,
                total=card.total,
                speed=card.speed,
                accuracy=card.accuracy,
                impact=card.impact,
                passed=card.passed,
                critical=card.critical,
            )
        )
        self.arrived.update(run.visited)
        self.chosen.update(run.chosen)
        self.timed_out.update(run.timed_out)
        self.endings[card.ending] += 1


def play(scenario: Scenario, persona: Persona, seed: int) -> Run:
    """One complete run by `persona`, every random draw from `random.Random(seed)`."""
    rng = random.Random(seed)
    order = {e.id: i for i, e in enumerate(scenario.decisions)}
    events = scenario.events
    run = Run(scenario, seed=seed)
    run.start(0.0)
    plans: dict[str, float | None] = {}  # decision -> time it will be answered (None: never)
    while not run.ended:
        pending = run.pending
        # Plan every new arrival, in order of arrival (file order on ties): the draws of a
        # run come in the same order every time.
        for p in sorted(pending, key=lambda p: (p.arrived, order[p.event])):
            if p.event not in plans:
                latency = persona.latency(events[p.event], order[p.event], seed, rng)
                if latency is None:
                    plans[p.event] = None
                else:
                    assert p.deadline is not None
                    plans[p.event] = max(run.now, min(p.arrived + latency, p.deadline))
        due = [
            (at, order[p.event], p.event) for p in pending if (at := plans.get(p.event)) is not None
        ]
        answer = min(due) if due else None
        arrival = next_arrival(run)
        deadlines = [p.deadline for p in pending if p.deadline is not None]
        timeout = math.nextafter(min(deadlines), math.inf) if deadlines else None
        moments = [m for m in (answer[0] if answer else None, arrival, timeout) if m is not None]
        if not moments:
            run.finish(run.now)
            break
        now = min(moments)
        if answer is not None and answer[0] == now:
            _, _, event_id = answer
            run.advance(now)
            if run.ended or not run.is_pending(event_id):
                plans[event_id] = None
                continue
            # In the order the run shows them to a persona that looks at the order (no draw
            # from `rng`: the other personas' runs stay the same whatever the order).
            offered = (
                run.shown_choices(event_id)
                if persona.reads_order
                else run.available_choices(event_id)
            )
            choice = persona.pick(scenario, events[event_id], order[event_id], offered, seed, rng)
            if choice is None:
                plans[event_id] = None  # nothing it would take: let it time out
            else:
                run.choose(event_id, choice, now)
        else:
            run.advance(now)
    return run


def simulate(scenario: Scenario, persona: Persona, *, runs: int, seed: int) -> Simulation:
    """`runs` runs by `persona`; run i uses seed `seed + i`."""
    result = Simulation(scenario, persona.name, seed)
    for i in range(runs):
        run_seed = seed + i
        try:
            run = play(scenario, persona, run_seed)
            result.add(run, run_seed)
        except Exception as exc:  # an engine bug: keep going, report the seed that shows it
            result.errors.append((run_seed, f"{type(exc).__name__}: {exc}"))
    return result


def proposed_pass_mark(sim: Simulation, percent: float) -> float | None:
    """The total at `percent` among the runs without a red-line choice (those cannot pass
    whatever the mark, and their capped totals would only drag the proposal down)."""
    totals = [run.total for run in sim.runs if not run.critical]
    return percentile(totals, percent) if totals else None


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `percent` % of the
    values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
