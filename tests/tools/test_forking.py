"""`fork(run)`: a copy that behaves exactly like the original, and shares nothing with it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from observe import observed
from strategies import scenarios, yaml_text
from tools_support import SHIPPED, load

from simulasi.engine import Run
from simulasi.scenario import load_scenario
from simulasi.tools.forking import can_copy, fork, next_arrival

STEPS = (0.0, 1.0, 4.5, 10.0, 30.0, 45.0, 90.0)


def play_on(run: Run, script: list[tuple[float, int, int]]) -> None:
    """Apply `script` (time step, which pending decision, which available choice)."""
    now = run.now
    for step, pick, option in script:
        if run.ended:
            return
        now += step
        run.advance(now)
        pending = run.pending
        if run.ended or not pending:
            continue
        event = pending[pick % len(pending)].event
        available = run.available_choices(event)
        if available:
            run.choose(event, available[option % len(available)], now)
    if not run.ended:
        run.finish(now)


SCRIPT = st.lists(
    st.tuples(st.sampled_from(STEPS), st.integers(0, 5), st.integers(0, 5)), max_size=8
)


@settings(max_examples=150)
@given(scenarios(), SCRIPT, SCRIPT)
def test_a_fork_plays_on_exactly_like_the_original(
    raw: dict[str, Any],
    before: list[tuple[float, int, int]],
    after: list[tuple[float, int, int]],
) -> None:
    """Fork anywhere; the same moves afterwards give the same run, and playing the fork
    leaves the original untouched."""
    scenario = load_scenario(yaml_text(raw)).scenario
    assert scenario is not None
    run = Run(scenario)
    run.start(0.0)
    half = before[: len(before) // 2]
    now = 0.0
    for step, pick, option in half:
        if run.ended:
            break
        now += step
        run.advance(now)
        if run.ended:
            break
        pending = run.pending
        if pending:
            event = pending[pick % len(pending)].event
            available = run.available_choices(event)
            if available:
                run.choose(event, available[option % len(available)], now)
        if run.ended:
            break
    copy = fork(run)
    assert observed(copy) == observed(run)
    assert next_arrival(copy) == next_arrival(run)
    frozen = observed(run)
    play_on(copy, after)
    assert observed(run) == frozen  # the original did not move
    replayed = Run.replay(scenario, copy.log)  # and the fork's log is a true log
    assert observed(replayed, replay=True) == observed(copy, replay=True)
    if not run.ended:
        play_on(run, after)
        assert observed(run) == observed(copy)


def test_a_run_has_no_room_for_state_its_copy_would_not_carry() -> None:
    """Everything a run changes lives in its one state object: a `Run` takes no attribute
    from outside, so a copy always carries all of it."""
    run = Run(load(SHIPPED))
    run.start(0.0)
    with pytest.raises(AttributeError):
        run.extra_state = ["new"]  # type: ignore[attr-defined]
    assert can_copy(run)


class Annotated(Run):
    """A run that keeps something of its own (a subclass has an instance `__dict__`)."""

    extra_state: list[str]


def test_a_subclass_with_attributes_of_its_own_makes_it_replay() -> None:
    """If a run carries state `Run.copy` does not know, `fork` replays the log instead of
    losing it or sharing a container by mistake: slower, still right."""
    run = Annotated(load(SHIPPED))
    run.start(0.0)
    run.advance(40.0)
    run.choose("telepon_wartawan", "jelaskan_proses", 40.0)
    assert can_copy(run)  # nothing of its own yet
    run.extra_state = ["new"]
    assert not can_copy(run)
    copy = fork(run)
    assert type(copy) is Run
    assert not hasattr(copy, "extra_state")
    assert observed(copy) == observed(run)
