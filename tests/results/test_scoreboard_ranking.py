"""The scoreboard's order and aggregates (docs/scoring.md, "The scoreboard"), on hand-set cards."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from results_helpers import random_run, scenario

from scoring import ScoreCard, score_run
from scoring.scoreboard import Entry, RunFacts, build_scoreboard, rank_key


@pytest.fixture(scope="module")
def base_card() -> ScoreCard:
    return score_run(random_run(scenario(), random.Random(3)))


def _entry(
    card: ScoreCard, run_id: str, ended: str = "2026-05-01T10:00:00+00:00", **kw: object
) -> Entry:
    facts = RunFacts(
        run_id=run_id,
        trainee=run_id,
        ended_at=ended,
        team=str(kw.pop("team", "")),
        agency=str(kw.pop("agency", "")),
    )
    return Entry(facts, card.model_copy(update=kw))


def test_red_lines_rank_last_then_total_accuracy_speed_and_earlier_end(
    base_card: ScoreCard,
) -> None:
    """Critical runs come after all others; ties go to accuracy, then speed, then earlier end."""
    entries = [
        _entry(base_card, "crit_high", total=99.0, accuracy=99.0, speed=99.0, critical=True),
        _entry(base_card, "low", total=40.0, accuracy=50.0, speed=50.0, critical=False),
        _entry(base_card, "tie_acc_hi", total=70.0, accuracy=80.0, speed=10.0, critical=False),
        _entry(base_card, "tie_acc_lo", total=70.0, accuracy=60.0, speed=90.0, critical=False),
        _entry(base_card, "tie_speed_hi", total=70.0, accuracy=60.0, speed=95.0, critical=False),
        _entry(
            base_card,
            "late",
            total=65.0,
            accuracy=60.0,
            speed=50.0,
            critical=False,
            ended="2026-05-01T11:00:00+00:00",
        ),
        _entry(
            base_card,
            "early",
            total=65.0,
            accuracy=60.0,
            speed=50.0,
            critical=False,
            ended="2026-05-01T09:00:00+00:00",
        ),
        _entry(base_card, "crit_low", total=30.0, accuracy=20.0, speed=0.0, critical=True),
    ]
    board = build_scoreboard(entries)
    assert [r.facts.run_id for r in board.ranking] == [
        "tie_acc_hi",
        "tie_speed_hi",
        "tie_acc_lo",
        "early",
        "late",
        "low",
        "crit_high",
        "crit_low",
    ]
    assert [r.rank for r in board.ranking] == list(range(1, 9))


def test_practice_runs_are_left_out_unless_asked_and_unscored_runs_are_reported(
    base_card: ScoreCard,
) -> None:
    """Practice runs are counted as left out by default; a run that did not replay is listed."""
    entries = [
        _entry(base_card, "real", total=50.0, practice=False),
        _entry(base_card, "practice", total=90.0, practice=True, speed=None),
        Entry(RunFacts(run_id="broken", trainee="X"), problem="does not replay"),
    ]
    board = build_scoreboard(entries)
    assert [r.facts.run_id for r in board.ranking] == ["real"]
    assert board.practice_left_out == 1
    assert [e.facts.run_id for e in board.unscored] == ["broken"]
    both = build_scoreboard(entries, include_practice=True)
    assert [r.facts.run_id for r in both.ranking] == ["practice", "real"]


def test_team_and_agency_aggregates_give_mean_best_and_count(base_card: ScoreCard) -> None:
    """Per team and per agency: the mean and best total and the number of runs, best mean first."""
    entries = [
        _entry(base_card, "a1", total=80.0, passed=True, team="A", agency="X"),
        _entry(base_card, "a2", total=60.0, passed=False, team="A", agency="Y"),
        _entry(base_card, "b1", total=75.0, passed=True, team="B", agency="Y"),
        _entry(base_card, "n1", total=10.0, passed=False, team="", agency="Y"),
    ]
    board = build_scoreboard(entries)
    teams = {g.name: (g.count, g.mean, g.best, g.passed) for g in board.teams}
    assert teams == {"A": (2, 70.0, 80.0, 1), "B": (1, 75.0, 75.0, 1), "": (1, 10.0, 10.0, 0)}
    assert [g.name for g in board.teams] == ["B", "A", ""]
    agencies = {g.name: (g.count, g.best) for g in board.agencies}
    assert agencies == {"X": (1, 80.0), "Y": (3, 75.0)}
    assert board.count == 4 and board.passed == 2 and board.pass_rate == 0.5
    assert board.mean == pytest.approx(56.25)


@functools.cache
def _card() -> ScoreCard:
    return score_run(random_run(scenario(), random.Random(3)))


_run = st.tuples(
    st.sampled_from(["s1", "s2", "s3"]),  # scenario
    st.floats(0, 100),  # total
    st.floats(0, 100),  # accuracy
    st.booleans(),  # critical
    st.booleans(),  # practice
    st.booleans(),  # passed (as the card says)
)


@settings(max_examples=60)
@given(runs=st.lists(_run, max_size=25), include_practice=st.booleans())
def test_each_scenario_ranks_its_own_runs_from_one(
    runs: list[tuple[str, float, float, bool, bool, bool]], include_practice: bool
) -> None:
    """Property: the sections partition the ranking by scenario; in each, ranks run 1..n in
    the scoreboard's order (docs/scoring.md); a practice run is never counted as passed."""
    entries = [
        Entry(
            RunFacts(run_id=f"r{i}", scenario_id=sc, scenario_title=sc.upper()),
            _card().model_copy(
                update={
                    "total": total,
                    "accuracy": acc,
                    "critical": crit,
                    "practice": practice,
                    "passed": passed,
                    "speed": None if practice else 50.0,
                }
            ),
        )
        for i, (sc, total, acc, crit, practice, passed) in enumerate(runs)
    ]
    board = build_scoreboard(entries, include_practice=include_practice)
    sections = board.sections
    assert [r for s in sections for r in s.ranking] == list(board.ranking)
    assert [s.title for s in sections] == sorted(s.title for s in sections)
    for s in sections:
        assert [r.rank for r in s.ranking] == list(range(1, s.count + 1))
        assert {r.facts.scenario_id for r in s.ranking} == {s.key}
        keys = [rank_key((r.facts, r.card)) for r in s.ranking]
        assert keys == sorted(keys)
    expected = sum(
        passed and not practice
        for (_, _, _, _, practice, passed) in runs
        if include_practice or not practice
    )
    assert board.passed == expected == sum(g.passed for g in board.teams)
