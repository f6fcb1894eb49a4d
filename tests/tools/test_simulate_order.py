"""Simulated trainees and the order choices are shown in: `first` takes the first shown, drawn
from the run's seed; the personas that pick by merit, rotation or chance do not look at it."""

from __future__ import annotations

import pytest

from simulasi.bundled import bundled_dir
from simulasi.engine import Run
from simulasi.scenario import load_scenario_or_raise
from simulasi.tools.personas import PERSONAS
from simulasi.tools.simulate import play, simulate

VAKSIN = load_scenario_or_raise(bundled_dir() / "hoaks-vaksin-mr.yaml")


@pytest.mark.parametrize("seed", [1, 2, 3, 40])
def test_first_takes_the_first_choice_the_run_shows(seed: int) -> None:
    """Every answer of `first` is the first of the choices on offer in the run's shown order
    at that moment, and the run's seed is the simulated run's own seed."""
    run = play(VAKSIN, PERSONAS["first"], seed)
    assert run.seed == seed and run.log[0].seed == seed
    log = list(run.log)
    answers = [i for i, r in enumerate(log) if r.kind == "answer"]
    assert answers
    for i in answers:
        before = Run.replay(VAKSIN, log[:i])
        before.advance(log[i].at)
        assert log[i].choice == before.shown_choices(log[i].event or "")[0]


def test_first_is_not_the_first_in_the_file() -> None:
    """Across runs, `first` takes choices other than the first in the file."""
    taken = set()
    for seed in range(10):
        run = play(VAKSIN, PERSONAS["first"], seed)
        for fact in run.decisions:
            if fact.choice is not None:
                event = VAKSIN.events[fact.event]
                taken.add(fact.choice == (event.choices or ())[0].id)
    assert taken == {True, False}


@pytest.mark.parametrize("name", ["uniform", "least-used", "careful", "hasty", "always-timeout"])
def test_personas_that_do_not_read_the_order_ignore_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same seeds give the same runs whatever order the choices are shown in (here: the
    shown order reversed), so their calibration figures do not move with the shuffle."""
    before = simulate(VAKSIN, PERSONAS[name], runs=30, seed=1)
    original = Run.shown_choices
    monkeypatch.setattr(Run, "shown_choices", lambda self, e: original(self, e)[::-1])
    after = simulate(VAKSIN, PERSONAS[name], runs=30, seed=1)
    assert after.runs == before.runs and after.chosen == before.chosen


def test_first_reads_the_order() -> None:
    """The check above can fail: `first` does read the shown order."""
    before = simulate(VAKSIN, PERSONAS["first"], runs=10, seed=1)
    original = Run.shown_choices
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Run, "shown_choices", lambda self, e: original(self, e)[::-1])
        after = simulate(VAKSIN, PERSONAS["first"], runs=10, seed=1)
    assert after.chosen != before.chosen
