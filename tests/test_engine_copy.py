"""`Run.copy()` and `Run.next_arrival()`: the engine's own way to branch a run and to see the
next scheduled arrival (the tools used to read the run's internals for both)."""

from __future__ import annotations

import gc
import weakref
from dataclasses import fields
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from observe import observed
from strategies import scenarios, yaml_text

from simulasi.engine import DecisionFact, Run
from simulasi.engine.state import RunState
from simulasi.scenario import Scenario, load_scenario

SHIPPED = Path(__file__).resolve().parent.parent / "scenarios" / "hoaks-vaksin-mr.yaml"
STEPS = (0.0, 1.0, 4.5, 10.0, 30.0, 45.0, 90.0)
SCRIPT = st.lists(
    st.tuples(st.sampled_from(STEPS), st.integers(0, 5), st.integers(0, 5)), max_size=8
)


def loaded(text: str | Path) -> Scenario:
    result = load_scenario(text)
    assert result.scenario is not None, [d.format("en") for d in result.errors]
    return result.scenario


def steps(run: Run, script: list[tuple[float, int, int]]) -> list[Any]:
    """Apply `script` (time step, which pending decision, which available choice); returns
    every happening, in order."""
    out: list[Any] = []
    now = run.now
    for step, pick, option in script:
        if run.ended:
            return out
        now += step
        out += run.advance(now)
        pending = run.pending
        if run.ended or not pending:
            continue
        event = pending[pick % len(pending)].event
        available = run.available_choices(event)
        if available:
            out += run.choose(event, available[option % len(available)], now)
    return out


def play(run: Run, script: list[tuple[float, int, int]]) -> list[Any]:
    """`steps`, then finish the run."""
    out = steps(run, script)
    if not run.ended:
        out += run.finish(run.now)
    return out


def unset_slots(run: Run) -> list[str]:
    """The slots of the run and of its state that hold no value (a copy that forgot one)."""
    missing = [name for name in Run.__slots__ if not hasattr(run, name)]
    state = run._state
    missing += [f"state.{name}" for name in RunState.__slots__ if not hasattr(state, name)]
    return missing


def shares_a_container(a: Run, b: Run) -> list[str]:
    """The parts of the state through which changing one run could change the other."""
    if a._state is b._state:
        return ["state"]
    shared = []
    state_a, state_b = a._state, b._state
    for name in RunState.__slots__:
        value = getattr(state_a, name)
        if isinstance(value, (list, dict, set)) and value is getattr(state_b, name):
            shared.append(name)
    for event_id, slot in state_a.slots.items():
        twin = state_b.slots[event_id]
        if twin is slot or twin.fact is slot.fact or twin.fact.parts is slot.fact.parts:
            shared.append(f"slot {event_id}")
        if state_a.facts[event_id] is not slot.fact or state_b.facts[event_id] is not twin.fact:
            shared.append(f"fact {event_id} (not the slot's)")
    return shared


@settings(max_examples=150)
@given(scenarios(), st.booleans(), st.booleans(), SCRIPT, SCRIPT)
def test_a_copy_plays_on_exactly_like_the_original(
    raw: dict[str, Any],
    practice: bool,
    history: bool,
    before: list[tuple[float, int, int]],
    after: list[tuple[float, int, int]],
) -> None:
    """Copy anywhere (even after the end); the same moves afterwards give the same happenings
    and the same run, and playing the copy leaves the original untouched."""
    scenario = loaded(yaml_text(raw))
    run = Run(scenario, practice=practice, history=history)
    run.start(0.0)
    if before and before[0][1] == 5:
        play(run, before)  # copy an ended run too, sometimes
    else:
        steps(run, before)
    copy = run.copy()
    assert type(copy) is Run
    assert unset_slots(copy) == []
    assert shares_a_container(run, copy) == []
    assert observed(copy) == observed(run)
    frozen = observed(run)
    happened = play(copy, after)
    assert observed(run) == frozen  # the original did not move
    replayed = Run.replay(scenario, copy.log, history=history)
    assert tuple(replayed.log) == tuple(copy.log)
    if not run.ended:
        assert play(run, after) == happened
        assert observed(run) == observed(copy)


def test_a_copy_of_a_copy_and_of_a_fresh_run() -> None:
    scenario = loaded(SHIPPED)
    fresh = Run(scenario)
    twin = fresh.copy()
    assert unset_slots(twin) == []
    assert shares_a_container(fresh, twin) == []
    twin.start(0.0)
    assert not fresh.started
    run = Run(scenario)
    run.start(0.0)
    run.advance(40.0)
    run.choose("telepon_wartawan", "jelaskan_proses", 40.0)
    second = run.copy().copy()
    assert observed(second) == observed(run)
    assert second.finish(2000.0) == run.finish(2000.0)
    assert observed(second) == observed(run)


def test_next_arrival_is_the_soonest_scheduled_event_not_yet_arrived() -> None:
    """Advancing to `next_arrival()` each time meets every scheduled arrival (or skip)."""
    scenario = loaded(SHIPPED)
    run = Run(scenario)
    run.start(0.0)
    events = scenario.doc.events
    assert run.next_arrival() == min(
        e.at for e in events if e.at is not None and e.id not in run.visited
    )
    while (due := run.next_arrival()) is not None:
        assert due >= run.now
        run.advance(due)
        if run.ended:
            break
        assert any(r.kind in ("arrive", "skip") and r.at == due for r in run.log)
    run.finish(run.now)
    assert run.next_arrival() is None


def test_a_run_does_not_keep_its_scenario_alive() -> None:
    """What the engine derives from a scenario for its runs goes when the scenario goes."""
    scenario = loaded(SHIPPED)
    run = Run(scenario)
    run.start(0.0)
    run.finish(5000.0)
    gone = weakref.ref(scenario)
    del scenario, run
    gc.collect()
    assert gone() is None


def test_the_fact_of_a_pending_decision_is_copied_whole() -> None:
    """Every field of a pending decision's fact comes over to the copy (a field added later
    too), and its list of meter changes is the copy's own."""
    scenario = loaded(SHIPPED)
    run = Run(scenario)
    run.start(0.0)
    run.advance(200.0)
    assert run.pending
    for slot in run._state.slots.values():
        for index, name in enumerate(f.name for f in fields(DecisionFact)):
            setattr(slot.fact, name, getattr(slot.fact, name) if name == "parts" else index)
        slot.fact.parts.append({"warga": 1.0})
        twin = slot.copy()
        assert [getattr(twin.fact, f.name) for f in fields(DecisionFact)] == [
            getattr(slot.fact, f.name) for f in fields(DecisionFact)
        ]
        assert twin.fact is not slot.fact and twin.fact.parts is not slot.fact.parts
