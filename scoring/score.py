"""The normative scoring formulas (docs/scoring.md), written as literally as they read.

Floats throughout, never rounded; each formula keeps the shape of the text so that an
independent implementation of the same text gives the same bits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scoring.card import EventScore, ScoreCard
from simulasi.engine import Record, ReplayError, Run, speed_credit
from simulasi.scenario import Scenario

KEY_FLOOR = 25.0  # a key stakeholder below this caps the impact
KEY_CAP = 40.0
CRITICAL_ACCURACY_CAP = 20.0


class ScoringError(Exception):
    """The log cannot be scored: it does not replay, or the run has not ended."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def bounded(value: float) -> float:
    """`value` held to 0..100. The formulas are evaluated literally, in the order written, and
    `100 * x / x` can round to 100.00000000000001; a score never leaves 0..100 for that."""
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


def gate(accuracy: float) -> float:
    """g(A): no speed credit for a wrong answer, full credit from 70."""
    if accuracy < 40:
        return 0.0
    if accuracy < 70:
        return (accuracy - 40) / 30
    return 1.0


def impact_credit(initial: float, final: float) -> float:
    """g of one stakeholder: 50 when trust held, up to 100 for all the room left gained,
    down to 0 for all of it lost."""
    if final >= initial:
        if initial == 100:
            return 50.0
        return bounded(50 + 50 * (final - initial) / (100 - initial))
    return bounded(50 * final / initial)


def impact_of(
    scenario: Scenario, meters: Mapping[str, float]
) -> tuple[float, dict[str, float], bool]:
    """I from the final meters: the weighted mean of every stakeholder's credit g, capped at 40
    when a key stakeholder ends below 25. Returns (I, g per stakeholder, whether capped)."""
    credit: dict[str, float] = {}
    sum_v = 0.0
    sum_vg = 0.0
    capped = False
    for stakeholder in scenario.doc.stakeholders:
        final = meters[stakeholder.id]
        g = impact_credit(stakeholder.initial, final)
        credit[stakeholder.id] = g
        v = stakeholder.effective_weight
        sum_v += v
        sum_vg += v * g
        if stakeholder.is_key and final < KEY_FLOOR:
            capped = True
    impact = bounded(sum_vg / sum_v)
    if capped:
        impact = min(impact, KEY_CAP)
    return impact, credit, capped


def total_of(
    scenario: Scenario, speed: float | None, accuracy: float, impact: float, critical: bool
) -> tuple[float, bool]:
    """Total from the three sub-scores (speed None: practice mode, speed not weighed), then
    the critical cap. Returns (total, whether the cap lowered it)."""
    scoring = scenario.doc.scoring
    weights = scoring.weights
    if speed is None:
        total = (weights.accuracy * accuracy + weights.impact * impact) / (
            weights.accuracy + weights.impact
        )
    else:
        total = (weights.speed * speed + weights.accuracy * accuracy + weights.impact * impact) / (
            weights.speed + weights.accuracy + weights.impact
        )
    total = bounded(total)
    if critical and total > scoring.critical_cap:
        return scoring.critical_cap, True
    return total, False


def score(scenario: Scenario, log: Iterable[Record]) -> ScoreCard:
    """Score a finished run from its decision log (replayed and checked first)."""
    try:
        run = Run.replay(scenario, log)
    except ReplayError as exc:
        raise ScoringError("replay", str(exc)) from exc
    return score_run(run)


def score_run(run: Run) -> ScoreCard:
    """Score a finished run object (the log it holds is its own, so no replay is needed)."""
    if not run.ended or run.ending is None or run.end_time is None:
        raise ScoringError("unfinished", "the run has not ended")
    scenario = run.scenario
    doc = scenario.doc
    scoring = doc.scoring
    criteria = {c.id: c.weight for c in doc.criteria}
    practice = run.practice

    events: list[EventScore] = []
    critical = False
    sum_w = 0.0
    sum_ws = 0.0
    sum_wa = 0.0
    profile_num: dict[str, float] = {}
    profile_den: dict[str, float] = {}
    for fact in run.decisions:
        event = scenario.events[fact.event]
        assert fact.resolved is not None and fact.outcome is not None
        w = event.weight
        latency = fact.resolved - fact.arrived
        is_critical = False
        if fact.outcome == "answered":
            assert fact.choice is not None
            choice = scenario.choices[(fact.event, fact.choice)]
            accuracy = scenario.accuracy_of(choice)
            if choice.critical:
                is_critical = critical = True
                accuracy = min(accuracy, CRITICAL_ACCURACY_CAP)
            if choice.rubric is not None:
                for k, r in choice.rubric.items():
                    profile_num[k] = profile_num.get(k, 0.0) + w * r
                    profile_den[k] = profile_den.get(k, 0.0) + w
        else:
            assert event.on_timeout is not None
            accuracy = event.on_timeout.accuracy
        speed: float | None
        gated: float | None
        if practice:
            speed = gated = None
        else:
            if fact.outcome == "answered":
                assert event.golden is not None and event.half_life is not None
                speed = speed_credit(latency, event.golden, event.half_life, scoring.speed_floor)
            else:
                speed = 0.0
            gated = speed * gate(accuracy)
            sum_ws += w * gated
        sum_w += w
        sum_wa += w * accuracy
        events.append(
            EventScore(
                event=fact.event,
                outcome=fact.outcome,
                choice=fact.choice,
                arrived=fact.arrived,
                resolved=fact.resolved,
                latency=latency,
                speed=speed,
                gated_speed=gated,
                accuracy=accuracy,
                critical=is_critical,
                weight=w,
                deltas=dict(fact.deltas),
                closed=fact.closed,
            )
        )

    speed_total: float | None = None if practice else bounded(sum_ws / sum_w if sum_w else 0.0)
    accuracy_total = bounded(sum_wa / sum_w if sum_w else 0.0)

    impact, credit, impact_capped = impact_of(scenario, run.meters)
    total, total_capped = total_of(scenario, speed_total, accuracy_total, impact, critical)
    passed = total >= scoring.pass_mark and not critical
    # The loader guarantees the last band starts at 0, so some band always matches.
    band = next((b.label for b in scoring.bands if b.min <= total), scoring.bands[-1].label)

    profile = {
        k: bounded(100 * profile_num[k] / profile_den[k])
        for k in [*criteria, *sorted(set(profile_num) - set(criteria))]
        if k in profile_num
    }
    return ScoreCard(
        scenario=doc.id,
        ending=run.ending,
        practice=practice,
        passed=passed,
        band=band,
        total=total,
        speed=speed_total,
        accuracy=accuracy_total,
        impact=impact,
        meters=dict(run.meters),
        criteria=profile,
        events=tuple(events),
        critical=critical,
        total_capped=total_capped,
        impact_capped=impact_capped,
        stakeholder_credit=credit,
        end_time=run.end_time,
        pass_mark=scoring.pass_mark,
    )
