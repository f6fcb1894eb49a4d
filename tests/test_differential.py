"""The engine and scorer agree with an independent implementation of the spec (tests/oracle.py).

The oracle was written from docs/run-rules.md and docs/scoring.md alone, without the engine;
on generated scenarios and answer scripts both must give the same headless JSON, to the bit.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from oracle import OracleError, oracle_run, parse_duration
from strategies import scenarios, yaml_text

from scoring import score_run
from simulasi.engine import Run
from simulasi.headless import Answer, AnswerScript, play
from simulasi.scenario import Scenario, load_scenario

STEPS = (0.0, 0.0, 1.0, 4.5, 10.0, 17.25, 30.0, 45.0, 90.0, 150.0)


@st.composite
def played(draw: st.DrawFn) -> tuple[dict[str, Any], Scenario, list[dict[str, Any]], bool]:
    """A generated scenario and a valid answer script found by playing it at random."""
    raw = draw(scenarios())
    # A positive delay so small that `t + delay == t` in floating point has no exact meaning:
    # the format's time is exact (the arrival comes strictly after the instant that named it),
    # floats cannot say so. The engine lets such an arrival happen at that instant, before a
    # later answer at the same time; the oracle reads it as strictly later. Real delays are
    # seconds; the comparison leaves these sub-nanosecond ones out (README "Scoring").
    delays = [parse_duration(e.get("delay", 0)) for e in raw["events"]]
    assume(all(d == 0 or d >= 1e-6 for d in delays))
    loaded = load_scenario(yaml_text(raw))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    scenario = loaded.scenario
    practice = draw(st.booleans())
    run = Run(scenario, practice=practice)
    run.start(0.0)
    answers: list[dict[str, Any]] = []
    now = 0.0
    for _ in range(draw(st.integers(0, 10))):
        if run.ended:
            break
        now += draw(st.sampled_from(STEPS))
        run.advance(now)
        if run.ended:
            break
        pending = run.pending
        if not pending:
            continue
        event = draw(st.sampled_from(pending)).event
        available = run.available_choices(event)
        if not available:
            continue
        choice = draw(st.sampled_from(available))
        run.choose(event, choice, now)
        answers.append({"at": now, "event": event, "choice": choice})
        if run.ended:
            break
    return raw, scenario, answers, practice


@settings(max_examples=300)
@given(played())
def test_engine_matches_the_oracle(
    case: tuple[dict[str, Any], Scenario, list[dict[str, Any]], bool],
) -> None:
    """Same scenario, same answers: the same JSON from the engine and from the oracle."""
    _assert_same(*case)


def _assert_same(
    raw: dict[str, Any], scenario: Scenario, answers: list[dict[str, Any]], practice: bool
) -> None:
    script = AnswerScript(
        practice, tuple(Answer(a["at"], a["event"], a["choice"], 0) for a in answers)
    )
    ours = score_run(play(scenario, script, practice=practice)).headless_json()
    try:
        theirs = oracle_run(raw, answers, practice=practice)
    except OracleError as exc:  # the oracle refused an answer the engine accepted
        raise AssertionError(f"oracle refused: {exc}") from exc
    assert ours == theirs


def test_a_score_that_rounds_past_100_is_held_before_the_total() -> None:
    """Found by the test above: one stakeholder of weight 5.723286662223011 whose trust ends
    where it gains all the room left has impact `v * 100 / v` = 100.00000000000001. It is held
    to 100 before it enters the total (README "Scores stay in 0..100"), so the total is 30.0
    (0.3 * 100), not 30.000000000000004, in the engine's scorer and in the oracle alike."""
    text = "Hoaks vaksin MR"
    raw: dict[str, Any] = {
        "format": "simulasi/1",
        "id": "a",
        "title": text,
        "summary": text,
        "briefing": text,
        "objectives": [text],
        "stakeholders": [{"id": "warga", "name": text, "initial": 95, "weight": 5.723286662223011}],
        "scoring": {},
        "events": [
            {
                "id": "e1",
                "at": 0.0,
                "title": text,
                "body": text,
                "deadline": 5.0,
                "choices": [{"id": "c1", "text": text, "rating": "best"}],
                "on_timeout": {"effects": {"warga": 5}, "end": "end1"},
            }
        ],
        "endings": [{"id": "end1", "title": text, "text": text}],
    }
    loaded = load_scenario(yaml_text(raw))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    _assert_same(raw, loaded.scenario, [], False)
    card = score_run(play(loaded.scenario, AnswerScript(False, ()), practice=False))
    assert card.impact == 100.0 and card.total == 30.0
