"""The read-only views the tools read a run through: `Run.scheduled()`, `Run.pending_times()`,
`Run.log_since()` and `Run.log_length()`. Each is held, over generated scenarios and answer
scripts, to what the run shows otherwise (its log, its inbox) and to what it then does when
time runs on (a copy is advanced to each time a view names)."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios, yaml_text

from simulasi.engine import Record, Run
from simulasi.scenario import Scenario, load_scenario

STEPS = (0.0, 1.0, 4.5, 10.0, 30.0, 45.0, 90.0)
SCRIPT = st.lists(
    st.tuples(st.sampled_from(STEPS), st.integers(0, 5), st.integers(0, 5)), max_size=8
)


def loaded(text: str) -> Scenario:
    result = load_scenario(text)
    assert result.scenario is not None, [d.format("en") for d in result.errors]
    return result.scenario


def records_after(run: Run, now: float) -> list[Record]:
    """What a copy of `run` logs when time runs to `now` (the run itself does not move)."""
    twin = run.copy()
    start = twin.log_length()
    twin.advance(now)
    return twin.log_since(start)


def check_log_views(run: Run) -> None:
    log = run.log
    assert run.log_length() == len(log)
    for start in range(len(log) + 2):
        assert run.log_since(start) == list(log[start:])


def check_pending_times(run: Run) -> None:
    """The inbox by event id, with its times; the next tick is when the decision next drifts."""
    times = run.pending_times()
    inbox = {pending.event: pending for pending in run.pending}
    assert [event_id for event_id, _, _, _ in times] == sorted(inbox)
    for event_id, arrived, deadline, tick in times:
        shown = inbox[event_id]
        assert arrived == shown.arrived
        assert deadline == (math.inf if shown.deadline is None else shown.deadline)
        assert tick > run.now  # a tick due by now has been applied
        if tick == math.inf or tick >= deadline:
            continue
        later = records_after(run, tick)
        drifts = [r.at for r in later if r.kind == "drift" and r.event == event_id]
        ended = [r.at for r in later if r.kind == "end"]
        if ended and ended[0] < tick:
            assert drifts == []
            continue
        assert drifts == [tick]  # not before its next tick, and at it


def check_scheduled(run: Run) -> None:
    """Soonest first, file order breaking ties; nothing that arrived; the first is
    `next_arrival()`; each arrives (or is skipped) by its time unless the run ends first."""
    scheduled = run.scheduled()
    if run.ended:
        assert scheduled == []
        return
    order = {event.id: index for index, event in enumerate(run.scenario.doc.events)}
    assert scheduled == sorted(scheduled, key=lambda item: (item[0], order[item[1]]))
    assert run.next_arrival() == (scheduled[0][0] if scheduled else None)
    for at, event_id in scheduled:
        assert event_id not in run.visited
        # An arrival due before now has happened; one due now may be still to come (named by
        # an answer at now with a delay too small to move a float: it arrives on the next call).
        assert at >= run.now
        later = records_after(run, at)
        came = [r.at for r in later if r.kind in ("arrive", "skip") and r.event == event_id]
        ended = [r.at for r in later if r.kind == "end"]
        if came:
            assert came[0] <= at
        else:
            assert ended and ended[0] <= at, (at, event_id, later)


def check(run: Run) -> None:
    check_log_views(run)
    check_pending_times(run)
    check_scheduled(run)


@settings(max_examples=120)
@given(scenarios(), st.booleans(), SCRIPT)
def test_the_views_agree_with_the_run(
    raw: dict[str, Any], practice: bool, script: list[tuple[float, int, int]]
) -> None:
    run = Run(loaded(yaml_text(raw)), practice=practice)
    run.start(0.0)
    check(run)
    now = 0.0
    for step, pick, option in script:
        if run.ended:
            break
        now += step
        run.advance(now)
        check(run)
        pending = run.pending
        if run.ended or not pending:
            continue
        event = pending[pick % len(pending)].event
        available = run.available_choices(event)
        if available:
            run.choose(event, available[option % len(available)], now)
            check(run)
    if not run.ended:
        run.finish(now)
    check(run)
    assert run.pending_times() == []


SMALL = """
format: simulasi/1
id: pandangan
title: Pandangan
summary: Skenario uji
briefing: Uji
stakeholders: [{id: warga}]
events:
  - id: d1
    at: 0
    deadline: 100
    drift: {warga: -1}
    choices: [{id: a, text: A, rating: best, next: [u2]}]
    on_timeout: {}
  - id: u2
    at: 100
  - id: d3
    at: 60
    deadline: 100
    choices: [{id: a, text: A, rating: best}]
    on_timeout: {}
endings: [{id: selesai, title: Selesai, text: x}]
"""


def test_the_views_of_a_small_run() -> None:
    """An event that arrived early (named by an answer, no delay) is no longer scheduled at its
    own `at`; the times of pending decisions are their arrival, deadline and next tick."""
    scenario = loaded(SMALL)
    golden = scenario.events["d1"].golden
    assert golden is not None
    run = Run(scenario)
    run.start(0.0)
    assert run.scheduled() == [(60.0, "d3"), (100.0, "u2")]
    assert run.pending_times() == [("d1", 0.0, 100.0, golden + 30.0)]
    run.advance(61.0)
    assert run.scheduled() == [(100.0, "u2")]
    assert [event_id for event_id, _, _, _ in run.pending_times()] == ["d1", "d3"]
    before = run.log_length()
    run.choose("d1", "a", 61.0)
    assert [(r.kind, r.event) for r in run.log_since(before)] == [
        ("answer", "d1"),
        ("arrive", "u2"),
    ]
    assert run.scheduled() == []  # u2 arrived: its own `at` no longer counts
    assert run.next_arrival() is None
    assert run.pending_times() == [("d3", 60.0, 160.0, math.inf)]
