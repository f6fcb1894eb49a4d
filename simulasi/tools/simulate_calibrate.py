"""`simulasi simulate SCENARIO --calibrate`: every persona against the calibration targets.

The targets (README, "Bundled scenarios"): the careful trainee passes most of its runs; every
other persona fails on average (its mean total is below the pass mark); the test-wise ones
(first, longest, keyword), who answer by surface features, fail by a margin: a mean at least
`TEST_WISE_MARGIN` below the pass mark, and under `TEST_WISE_PASS_RATE` of their runs passing.
With them, the decisions where `careful` loses the most points: where a scenario that misses
a target usually needs work.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scoring import score_run
from simulasi.scenario import Scenario
from simulasi.tools.personas import PASSING, PERSONAS, TEST_WISE
from simulasi.tools.simulate import play, simulate

CALIBRATION_RUNS = 300  # the README's figures: 300 runs from seed 1
CALIBRATION_SEED = 1
CAREFUL_PASS_RATE = 0.5  # "passes most runs": more than half
TEST_WISE_MARGIN = 15.0
TEST_WISE_PASS_RATE = 0.05
LOSSES_SHOWN = 3


@dataclass(frozen=True)
class PersonaResult:
    """One persona's runs against its target ("passes", "fails", "fails_by_margin")."""

    name: str
    mean: float
    pass_rate: float
    target: str
    met: bool


@dataclass(frozen=True)
class Loss:
    """What `careful` loses at one decision: speed and accuracy points of the total, on
    average over its runs; the best choice there and the one careful took most often."""

    event: str
    points: float
    best: str | None
    taken: str | None


@dataclass
class Calibration:
    scenario: Scenario
    runs: int
    seed: int
    personas: list[PersonaResult] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (persona, seed, error)

    @property
    def ok(self) -> bool:
        return not self.errors and all(p.met for p in self.personas)


def target_of(name: str) -> str:
    if name in PASSING:
        return "passes"
    return "fails_by_margin" if name in TEST_WISE else "fails"


def calibrate(
    scenario: Scenario, *, runs: int = CALIBRATION_RUNS, seed: int = CALIBRATION_SEED
) -> Calibration:
    """Every persona's `runs` runs (run i with seed `seed + i`, as `simulate` plays them)."""
    mark = scenario.doc.scoring.pass_mark
    out = Calibration(scenario, runs, seed)
    for name, persona in PERSONAS.items():
        sim = simulate(scenario, persona, runs=runs, seed=seed)
        out.errors += [(name, s, message) for s, message in sim.errors]
        if not sim.runs:
            continue
        mean = sum(r.total for r in sim.runs) / len(sim.runs)
        rate = sum(r.passed for r in sim.runs) / len(sim.runs)
        target = target_of(name)
        if target == "passes":
            met = rate > CAREFUL_PASS_RATE
        elif target == "fails":
            met = mean < mark
        else:
            met = mean <= mark - TEST_WISE_MARGIN and rate < TEST_WISE_PASS_RATE
        out.personas.append(PersonaResult(name, mean, rate, target, met))
    out.losses = careful_losses(scenario, runs=runs, seed=seed)
    return out


def careful_losses(scenario: Scenario, *, runs: int, seed: int) -> list[Loss]:
    """The decisions where `careful` loses the most points of the total (speed and accuracy,
    each decision's share by its weight), worst first."""
    weights = scenario.doc.scoring.weights
    scale = weights.speed + weights.accuracy + weights.impact
    lost: dict[str, float] = {}
    taken: dict[str, Counter[str]] = {}
    played = 0
    for i in range(runs):
        try:
            card = score_run(play(scenario, PERSONAS["careful"], seed + i))
        except Exception:  # reported by `calibrate` through `simulate` already
            continue
        played += 1
        sum_w = sum(e.weight for e in card.events)
        for e in card.events:
            speed = e.gated_speed or 0.0
            points = weights.speed * (100 - speed) + weights.accuracy * (100 - e.accuracy)
            share = e.weight / sum_w * points / scale if sum_w else 0.0
            lost[e.event] = lost.get(e.event, 0.0) + share
            taken.setdefault(e.event, Counter())[e.choice or ""] += 1
    out: list[Loss] = []
    worst = sorted(lost.items(), key=lambda item: -item[1])[:LOSSES_SHOWN]
    for event_id, points in worst:
        if points <= 0:
            break
        best = scenario.best_choice(scenario.events[event_id])
        most = taken[event_id].most_common(1)[0][0] if taken.get(event_id) else ""
        out.append(Loss(event_id, points / played, best.id if best else None, most or None))
    return out
