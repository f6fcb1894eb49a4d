"""Properties of the engine and the scorer over generated scenarios and answer scripts.

A script is drawn independently of the run: a list of steps (time to advance, which pending
decision to answer if any, which of its available choices). `drive` interprets it against a
run deterministically, so the same script can be played twice, replayed, or altered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios, yaml_text

from scoring import ScoreCard, score, score_run
from simulasi.engine import DecisionAnswered, Record, Run
from simulasi.scenario import Scenario, load_scenario

STEPS = (0.0, 0.0, 0.5, 1.0, 4.5, 10.0, 17.25, 30.0, 45.0, 90.0, 150.0)

SETTINGS = settings(max_examples=120)


@dataclass(frozen=True)
class Step:
    dt: float
    pick: int | None  # index into the inbox, or None: just let time pass
    option: int  # index into the available choices


@dataclass(frozen=True)
class Case:
    scenario: Scenario
    practice: bool
    steps: tuple[Step, ...]


@st.composite
def cases(draw: st.DrawFn, practice: bool | None = None) -> Case:
    """A generated scenario, a mode and a random answer script."""
    raw = draw(scenarios())
    loaded = load_scenario(yaml_text(raw))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    mode = draw(st.booleans()) if practice is None else practice
    steps = draw(
        st.lists(
            st.builds(
                Step,
                st.sampled_from(STEPS),
                st.one_of(st.none(), st.integers(0, 5)),
                st.integers(0, 5),
            ),
            max_size=10,
        )
    )
    return Case(loaded.scenario, mode, tuple(steps))


@dataclass
class Played:
    run: Run
    snapshots: list[dict[str, float]]  # meters after every call
    answers: list[tuple[float, str, str]]
    now: float
    offered: dict[str, list[str]]  # the choices available when each answer was given


def drive(case: Case, *, finish: bool = True) -> Played:
    """Play the script: advance by each step's dt, answer if the step says so and can."""
    run = Run(case.scenario, practice=case.practice, history=True)
    snapshots: list[dict[str, float]] = []
    run.start(0.0)
    snapshots.append(dict(run.meters))
    now = 0.0
    answers: list[tuple[float, str, str]] = []
    offered: dict[str, list[str]] = {}
    for step in case.steps:
        if run.ended:  # a run may even end at start (only updates)
            break
        now += step.dt
        run.advance(now)
        snapshots.append(dict(run.meters))
        if run.ended or step.pick is None or not run.pending:
            continue
        event = run.pending[step.pick % len(run.pending)].event
        available = run.available_choices(event)
        if not available:
            continue
        cid = available[step.option % len(available)]
        offered[event] = available
        run.choose(event, cid, now)
        snapshots.append(dict(run.meters))
        answers.append((now, event, cid))
    if finish and not run.ended:
        run.finish(now)
        snapshots.append(dict(run.meters))
    return Played(run, snapshots, answers, now, offered)


def in_range(value: float | None) -> bool:
    return value is None or (0.0 <= value <= 100.0 and not math.isnan(value))


def _state(run: Run) -> tuple[Any, ...]:
    return (
        dict(run.meters),
        dict(run.flags),
        run.ending,
        run.end_time,
        run.pending,
        run.log,
        run.ended,
    )


# ------------------------------------------------------------------------- properties


@SETTINGS
@given(cases())
def test_same_script_twice_gives_the_same_scorecard(case: Case) -> None:
    """Rule 10: the same scenario, answers and times always give the same run, to the bit."""
    first = drive(case)
    second = drive(case)
    assert first.run.log == second.run.log
    assert score_run(first.run) == score_run(second.run)


@SETTINGS
@given(cases(), st.booleans())
def test_replay_rebuilds_the_same_run(case: Case, finish: bool) -> None:
    """Run.replay(log) gives the same meters, flags, ending, pending and log, finished or not;
    scoring the log equals scoring the run."""
    played = drive(case, finish=finish)
    again = Run.replay(case.scenario, played.run.log)
    assert _state(again) == _state(played.run)
    if played.run.ended:
        assert score(case.scenario, played.run.log) == score_run(played.run)


@SETTINGS
@given(cases())
def test_meters_stay_within_0_and_100(case: Case) -> None:
    """Rule 7: after every call every meter is within 0..100 (meter history too)."""
    played = drive(case)
    for snapshot in played.snapshots:
        assert all(0.0 <= v <= 100.0 for v in snapshot.values()), snapshot
    for _, meters in played.run.meter_history:
        assert all(0.0 <= v <= 100.0 for v in meters.values()), meters


@SETTINGS
@given(cases())
def test_every_score_is_within_0_and_100(case: Case) -> None:
    """docs/scoring.md: total, sub-scores, per-event values, criteria and stakeholder credits
    all lie in 0..100 (speeds are null only in practice)."""
    card = score_run(drive(case).run)
    values: list[float | None] = [card.total, card.speed, card.accuracy, card.impact]
    for event in card.events:
        values += [event.speed, event.gated_speed, event.accuracy]
        assert (event.speed is None) == case.practice
        assert (event.gated_speed is None) == case.practice
        assert (
            event.gated_speed is None or event.speed is None or (event.gated_speed <= event.speed)
        )
    values += list(card.criteria.values())
    values += list(card.stakeholder_credit.values())
    assert all(in_range(v) for v in values), values
    assert (card.speed is None) == case.practice
    if card.critical:
        assert card.total <= case.scenario.doc.scoring.critical_cap
        assert not card.passed


@dataclass(frozen=True)
class Fork:
    """A point of a played script where the run was still going: its log and time."""

    log: tuple[Record, ...]
    now: float
    pending: tuple[str, ...]  # decisions with at least one available choice


def forks(case: Case) -> list[Fork]:
    """Every point of the script (after start and after each step) where the run goes on,
    then every 10 s until the run ends (at most 400 s more)."""
    run = Run(case.scenario, practice=case.practice)
    run.start(0.0)
    now = 0.0
    found: list[Fork] = []

    def keep() -> None:
        if not run.ended:
            ready = tuple(p.event for p in run.pending if run.available_choices(p.event))
            found.append(Fork(tuple(run.log), now, ready))

    keep()
    # After the script, let time run on in 10 s steps so that later arrivals are forks too.
    for step in (*case.steps, *(Step(10.0, None, 0),) * 40):
        if run.ended:
            break
        now += step.dt
        run.advance(now)
        keep()
        if run.ended or step.pick is None or not run.pending:
            continue
        event = run.pending[step.pick % len(run.pending)].event
        available = run.available_choices(event)
        if available:
            run.choose(event, available[step.option % len(available)], now)
            keep()
    return found


@settings(max_examples=200)
@given(
    cases(practice=False),
    st.integers(0, 50),
    st.integers(0, 5),
    st.sampled_from((0.5, 1.0, 10.0, 45.0, 200.0)),
)
def test_answering_earlier_never_lowers_speed(
    case: Case, which: int, pick: int, delay: float
) -> None:
    """S_e is non-increasing in the answer time: the same choice answered `delay` seconds
    later (all else equal) never gets a higher S_e, in the engine or in the ScoreCard."""
    points = [f for f in forks(case) if f.pending]
    if not points:
        return
    fork = points[which % len(points)]
    event = fork.pending[pick % len(fork.pending)]
    early = Run.replay(case.scenario, fork.log)
    late = Run.replay(case.scenario, fork.log)
    cid = early.available_choices(event)[0]
    out = early.choose(event, cid, fork.now)
    s_early = next(h.speed for h in out if isinstance(h, DecisionAnswered))
    late.advance(fork.now + delay)
    s_late = 0.0  # timed out, or never answered: no speed at all
    if not late.ended and late.is_pending(event) and cid in late.available_choices(event):
        out = late.choose(event, cid, fork.now + delay)
        s_late = next(h.speed for h in out if isinstance(h, DecisionAnswered)) or 0.0
    assert s_early is not None and s_early >= s_late
    for r in (early, late):
        if not r.ended:
            r.finish(r.now)
    assert _event_speed(score_run(early), event) >= _event_speed(score_run(late), event)


def _event_speed(card: ScoreCard, event: str) -> float:
    found = [e.speed for e in card.events if e.event == event]
    assert len(found) == 1 and found[0] is not None
    return found[0]


@SETTINGS
@given(cases())
def test_each_event_arrives_at_most_once(case: Case) -> None:
    """Rule 2: a run has at most len(events) arrivals, each event at most once, and it ends."""
    run = drive(case).run
    arrived = [r.event for r in run.log if r.kind == "arrive"]
    assert len(arrived) <= len(case.scenario.doc.events)
    assert len(arrived) == len(set(arrived))
    assert run.ended and run.log[-1].kind == "end"
    assert sum(r.kind == "end" for r in run.log) == 1


@SETTINGS
@given(
    cases(),
    st.integers(0, 50),
    st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=1, max_size=12),
    st.sampled_from((0.0, 1.0, 30.0, 95.5, 400.0, 2000.0)),
)
def test_many_small_advances_equal_one_big_one(
    case: Case, which: int, cuts: list[float], span: float
) -> None:
    """Rule "time is continuous": one advance(now) gives exactly the same run as many small
    calls up to the same now (same log, meters, flags, pending, ending)."""
    points = forks(case)
    if not points:
        return
    fork = points[which % len(points)]
    start = fork.now
    target = start + span
    one = Run.replay(case.scenario, fork.log)
    many = Run.replay(case.scenario, fork.log)
    one.advance(target)
    for t in sorted(start + c * span for c in cuts):
        if many.ended:
            break
        many.advance(t)
    if not many.ended:
        many.advance(target)
    assert _state(one) == _state(many)


@SETTINGS
@given(cases())
def test_practice_and_timed_runs_both_end(case: Case) -> None:
    """Rule 8/11: after finish, a timed run and a practice run of the same script have ended,
    with an ending of the scenario and every arrived decision resolved."""
    for practice in (False, True):
        run = drive(Case(case.scenario, practice, case.steps)).run
        assert run.ended and run.ending in case.scenario.endings
        assert run.pending == []
        assert all(f.outcome is not None and f.resolved is not None for f in run.decisions)
        if practice:
            assert all(f.outcome != "timed_out" for f in run.decisions)
            assert not any(r.kind == "drift" for r in run.log)


@SETTINGS
@given(cases())
def test_closed_choices_are_those_not_on_offer_when_a_decision_was_resolved(case: Case) -> None:
    """The debrief names the best answer "not yet open" from these: an answered decision's
    closed choices are exactly the ones it did not offer then, never the one taken; only a
    choice with a `when` is ever closed; scoring the log gives the same."""
    played = drive(case)
    run = played.run
    for fact in run.decisions:
        choices = case.scenario.events[fact.event].choices or ()
        assert set(fact.closed) <= {c.id for c in choices if c.when is not None}
        if fact.outcome == "answered":
            assert fact.choice not in fact.closed
            offered = set(played.offered[fact.event])
            assert set(fact.closed) == {c.id for c in choices} - offered
    card = score(case.scenario, run.log)
    assert [e.closed for e in card.events] == [f.closed for f in run.decisions]
