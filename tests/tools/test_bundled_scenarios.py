"""The bundled scenarios stay workshop-ready (issue 7), whatever later edits do to them.

For each one: the shape a workshop needs (7-10 decisions, a moment with two or more decisions
pending, a red line, drift, two conditional endings and a fallback); `explore` reaches every
event, choice, timeout and ending with nothing stuck, the best path passes and the worst fails;
and the calibration the header states holds with the real `simulate` (300 runs, seed 1):
careful >= 75 and mostly passing, uniform 40-65, hasty < 55, always-timeout < 25; and
the test-wise personas (first in the file, longest, keyword) cannot pass on surface cues
while careful still does (issue 12).
"""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest
from tools_support import load

from simulasi.bundled import bundled_scenarios
from simulasi.scenario import Event
from simulasi.tools.analysis import analyse
from simulasi.tools.explore import explore
from simulasi.tools.personas import PERSONAS, First, word_count
from simulasi.tools.simulate import simulate

BUNDLED = bundled_scenarios()


def test_five_scenarios_are_bundled() -> None:
    assert len(BUNDLED) == 5


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_scenario_has_the_shape_of_a_workshop_exercise(path: Path) -> None:
    scenario = load(path)
    decisions = scenario.decisions
    assert 7 <= len(decisions) <= 10
    assert any(c.critical for e in decisions for c in e.choices or ())
    assert any(e.drift for e in decisions)
    endings = scenario.doc.endings
    assert sum(1 for e in endings if e.when is not None) >= 2
    assert endings[-1].when is None  # the fallback
    for event in decisions:
        assert event.on_timeout is not None and event.on_timeout.feedback
        assert all(c.feedback for c in event.choices or ())


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_explore_reaches_everything_and_nothing_gets_stuck(path: Path) -> None:
    report = analyse(explore(load(path)))
    assert report.complete and not report.broken
    assert report.unreached_events == [] and report.unreached_choices == []
    assert report.unreached_timeouts == [] and report.unreached_endings == []
    assert report.soft_locks == []
    assert report.highest is not None and report.highest.passed
    assert report.lowest is not None and not report.lowest.passed
    assert report.max_pending >= 2


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_calibration_targets_hold(path: Path) -> None:
    scenario = load(path)
    mean: dict[str, float] = {}
    for name in ("careful", "uniform", "hasty", "always-timeout"):
        sim = simulate(scenario, PERSONAS[name], runs=300, seed=1)
        assert not sim.errors
        mean[name] = statistics.mean(run.total for run in sim.runs)
        if name == "careful":
            passed = sum(run.passed for run in sim.runs) / len(sim.runs)
            assert passed >= 0.6, f"careful passes only {passed:.0%}"
    assert mean["careful"] >= 75, mean
    assert 40 <= mean["uniform"] <= 65, mean
    assert mean["hasty"] < 55, mean
    assert mean["always-timeout"] < 25, mean
    # The pass mark separates them: careful mostly above it, random play well below.
    pass_mark = scenario.doc.scoring.pass_mark
    assert mean["hasty"] < pass_mark and mean["uniform"] < pass_mark


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_best_choice_is_rarely_the_longest_or_the_first(path: Path) -> None:
    """Length and position do not give the answer away: the best choice is the longest (by
    words, as the personas count them) and the first in the file in at most a third of the
    decisions each (file order is what an `order: fixed` decision shows)."""
    scenario = load(path)
    longest = first = 0
    for event in scenario.decisions:
        best = scenario.best_choice(event)
        assert best is not None and event.choices
        longest += max(event.choices, key=lambda c: word_count(c.text)).id == best.id
        first += event.choices[0].id == best.id
    third = len(scenario.decisions) / 3
    assert longest <= third, f"best is the longest in {longest} decisions"
    assert first <= third, f"best is the first in {first} decisions"


class _PressOneAtOnce(First):
    """The trainee who presses 1 the moment a message arrives: the first choice shown, in the
    run's own shuffled order (a guess, answered at full speed)."""

    name = "press-1"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        return 0.0


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_pressing_1_at_once_is_a_guess_that_almost_never_passes(path: Path) -> None:
    """Over 1,000 seeds (1,000 shown orders): a mean far below the pass mark, and a lucky
    guess passes under 2 % of runs (measured 0-0.7 %)."""
    scenario = load(path)
    sim = simulate(scenario, _PressOneAtOnce(), runs=1000, seed=1)
    assert not sim.errors
    mean = statistics.mean(run.total for run in sim.runs)
    passed = sum(run.passed for run in sim.runs) / len(sim.runs)
    assert mean < scenario.doc.scoring.pass_mark - 15, mean
    assert passed < 0.02, f"pressing 1 passes {passed:.1%}"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_surface_cues_do_not_pass(path: Path) -> None:
    """Reading the text, not its length, order or vocabulary, is what passes: the test-wise
    personas score well under the pass mark and almost never pass, careful passes most runs."""
    scenario = load(path)
    pass_mark = scenario.doc.scoring.pass_mark
    for name in ("first", "longest", "keyword", "careful"):
        sim = simulate(scenario, PERSONAS[name], runs=300, seed=1)
        assert not sim.errors
        mean = statistics.mean(run.total for run in sim.runs)
        passed = sum(run.passed for run in sim.runs) / len(sim.runs)
        if name == "careful":
            assert mean >= 80, f"careful: mean {mean:.1f}"
            assert passed > 0.5, f"careful passes only {passed:.0%}"
        else:
            assert mean < pass_mark - 15, f"{name}: mean {mean:.1f}, pass mark {pass_mark}"
            assert passed < 0.05, f"{name} passes {passed:.0%}"
