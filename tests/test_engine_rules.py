"""The run rules of docs/run-rules.md, one tiny scenario each.

Every test builds the smallest scenario that exercises one rule and checks the decision log,
the meters, the flags and the inbox against what the rule says. Rule numbers in the docstrings
refer to docs/run-rules.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from simulasi.engine import (
    DecisionAnswered,
    DecisionArrived,
    DecisionTimedOut,
    EngineError,
    FakeClock,
    LogFormatError,
    MonotonicClock,
    Record,
    ReplayError,
    Run,
    UpdateArrived,
)
from simulasi.scenario import Scenario, load_scenario

# ---------------------------------------------------------------------------- helpers


def make(
    events: list[dict[str, Any]],
    *,
    stakeholders: list[dict[str, Any]] | None = None,
    flags: list[dict[str, Any]] | None = None,
    endings: list[dict[str, Any]] | None = None,
    scoring: dict[str, Any] | None = None,
) -> Scenario:
    """A loaded scenario around `events`; fails the test if the loader reports an error."""
    doc: dict[str, Any] = {
        "format": "simulasi/1",
        "id": "aturan",
        "title": "Aturan",
        "summary": "Skenario uji",
        "briefing": "Uji",
        "stakeholders": stakeholders or [{"id": "warga"}],
    }
    if flags:
        doc["flags"] = flags
    if scoring:
        doc["scoring"] = scoring
    doc["events"] = events
    doc["endings"] = endings or [{"id": "selesai", "title": "Selesai", "text": "x"}]
    loaded = load_scenario(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    return loaded.scenario


def decision(
    eid: str,
    *,
    at: float | None = 0,
    deadline: float = 100,
    choices: list[dict[str, Any]] | None = None,
    on_timeout: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A decision event; by default one `best` choice `a` that does nothing."""
    event: dict[str, Any] = {"id": eid}
    if at is not None:
        event["at"] = at
    event.update(extra)
    event["deadline"] = deadline
    event["choices"] = choices or [choice("a")]
    event["on_timeout"] = on_timeout or {}
    return event


def choice(cid: str, **extra: Any) -> dict[str, Any]:
    """A choice rated `best` unless told otherwise."""
    return {"id": cid, "text": cid.upper(), "rating": "best", **extra}


def update(eid: str, *, at: float | None = None, **extra: Any) -> dict[str, Any]:
    """An update event (no choices)."""
    event: dict[str, Any] = {"id": eid}
    if at is not None:
        event["at"] = at
    event.update(extra)
    return event


def trace(run: Run) -> list[tuple[str, float, str | None]]:
    """The log without its start record, as (kind, time, event) triples."""
    return [(r.kind, r.at, r.event) for r in run.log if r.kind != "start"]


def started(scenario: Scenario, *, practice: bool = False) -> Run:
    run = Run(scenario, practice=practice)
    run.start(0.0)
    return run


# ---------------------------------------------------------------- rules 1-3: arrivals


def test_scheduled_event_arrives_exactly_at_its_time() -> None:
    """Rule 1/10: an event with `at` arrives once now >= at, not a moment before."""
    sc = make([decision("d", deadline=100), update("u", at=10, effects={"warga": 5})])
    run = started(sc)
    assert run.advance(9.999) == []
    assert "u" not in run.visited
    assert run.advance(10) == [UpdateArrived(10.0, "u", {"warga": 5.0})]
    assert ("arrive", 10.0, "u") in trace(run)
    assert run.meters["warga"] == 55.0


def test_at_counts_from_the_start_of_the_run() -> None:
    """Rule 1: `at` is scenario time after the start, so a run started at 5 gets `at: 10` at 15."""
    sc = make([decision("d", deadline=100), update("u", at=10)])
    run = Run(sc)
    run.start(5.0)
    run.advance(14.5)
    assert "u" not in run.visited
    run.advance(15.0)
    assert ("arrive", 15.0, "u") in trace(run)


def test_meters_and_flags_start_at_their_initial_values() -> None:
    """Rule 1: every meter and flag takes its initial value at start (defaults 50/false/0)."""
    sc = make(
        [decision("d")],
        stakeholders=[{"id": "warga", "initial": 55}, {"id": "media"}],
        flags=[
            {"id": "f", "type": "bool"},
            {"id": "g", "type": "bool", "initial": True},
            {"id": "n", "type": "int"},
            {"id": "m", "type": "int", "initial": 3, "min": 0, "max": 5},
        ],
    )
    run = started(sc)
    assert dict(run.meters) == {"warga": 55.0, "media": 50.0}
    assert dict(run.flags) == {"f": False, "g": True, "n": 0, "m": 3}


def test_false_when_skips_and_a_later_next_still_brings_the_event() -> None:
    """Rule 2: a scheduled event whose `when` is false is skipped, and may still arrive when
    a `next` names it again later (after its `delay`)."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                choices=[choice("a", set={"f": True}, next="u")],
            ),
            update("u", at=5, delay=10, when="f", effects={"warga": 1}),
        ],
        flags=[{"id": "f", "type": "bool"}],
    )
    run = started(sc)
    run.advance(5)
    assert trace(run)[-1] == ("skip", 5.0, "u")
    assert "u" not in run.visited
    run.choose("d", "a", 7)
    run.advance(16.9)
    assert "u" not in run.visited
    run.advance(17)
    assert trace(run) == [
        ("arrive", 0.0, "d"),
        ("skip", 5.0, "u"),
        ("answer", 7.0, "d"),
        ("arrive", 17.0, "u"),
        ("end", 17.0, None),
    ]
    assert run.meters["warga"] == 51.0


def test_an_event_arrives_at_most_once_even_when_named_again() -> None:
    """Rule 2: naming an event schedules one more arrival; the earliest that passes arrives,
    the rest do nothing, and the event arrives once per run (here: `at` 50, named for 20 and 25).
    """
    sc = make(
        [
            decision("d1", deadline=100, choices=[choice("a", next="u")]),
            decision("d2", deadline=100, choices=[choice("a", next="u")]),
            update("u", at=50, delay=15, effects={"warga": 1}),
        ]
    )
    run = started(sc)
    run.choose("d1", "a", 5)
    run.choose("d2", "a", 10)
    run.advance(200)
    arrivals = [t for t in trace(run) if t[0] == "arrive" and t[2] == "u"]
    assert arrivals == [("arrive", 20.0, "u")]
    assert run.meters["warga"] == 51.0
    # When the run counts as ended (20, or 50 when the now-void schedules count as "scheduled")
    # is left open by the spec; both readings give the same state.
    assert run.ended


def test_zero_delay_next_of_a_visited_event_does_nothing() -> None:
    """Rule 2: an event that already arrived is not brought again by a zero-delay `next`."""
    sc = make(
        [
            update("u", at=0, effects={"warga": 5}),
            decision("d", at=1, deadline=100, choices=[choice("a", next="u")]),
        ]
    )
    run = started(sc)
    run.choose("d", "a", 2)
    assert [t for t in trace(run) if t[2] == "u"] == [("arrive", 0.0, "u")]
    assert run.meters["warga"] == 55.0


def test_update_applies_set_then_add_then_effects_and_its_next() -> None:
    """Rule 3: an update sets, then adds (so add sees the set value), applies its effects on
    arrival and schedules its own `next` after the named event's delay."""
    sc = make(
        [
            decision("d", deadline=100),
            update(
                "u",
                at=10,
                set={"n": 5},
                add={"n": 2},
                effects={"warga": -10},
                next="v",
            ),
            update("v", delay=3, effects={"warga": 1}),
        ],
        flags=[{"id": "n", "type": "int"}],
    )
    run = started(sc)
    run.advance(10)
    assert run.flags["n"] == 7
    assert run.meters["warga"] == 40.0
    run.advance(13)
    assert ("arrive", 13.0, "v") in trace(run)
    assert run.meters["warga"] == 41.0


def test_several_decisions_pending_inbox_sorted_by_deadline() -> None:
    """Rule 3: decisions wait side by side with deadline = arrival + deadline, and the inbox
    lists the soonest deadline first (docs/run-rules.md, rule 3)."""
    sc = make(
        [
            decision("lama", at=0, deadline=300),
            decision("sedang", at=10, deadline=100),
            decision("cepat", at=20, deadline=40),
        ]
    )
    run = started(sc)
    run.advance(20)
    assert [(p.event, p.arrived, p.deadline) for p in run.pending] == [
        ("cepat", 20.0, 60.0),
        ("sedang", 10.0, 110.0),
        ("lama", 0.0, 300.0),
    ]
    assert run.pending[0].remaining(25.0) == 35.0


# ----------------------------------------------------------------- rules 4-5: answers


def test_choice_applies_set_add_effects_then_next_after_delay() -> None:
    """Rule 4: the choice's set, add and effects apply; its `next` arrives at now + delay."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                golden=100,
                choices=[choice("a", set={"n": 1}, add={"n": 4}, effects={"warga": 10}, next="u")],
            ),
            update("u", delay=7, effects={"warga": -1}),
        ],
        flags=[{"id": "n", "type": "int"}],
    )
    run = started(sc)
    out = run.choose("d", "a", 20)
    assert out == [DecisionAnswered(20.0, "d", "a", 100.0, {"warga": 10.0})]
    assert run.flags["n"] == 5 and run.meters["warga"] == 60.0
    run.advance(26.9)
    assert "u" not in run.visited
    run.advance(27)
    assert ("arrive", 27.0, "u") in trace(run)


def test_end_in_a_choice_ends_at_once_and_named_events_do_not_arrive() -> None:
    """Rule 4: `end` ends the run right after the choice; events it just named do not arrive."""
    sc = make(
        [
            decision("d", deadline=100, choices=[choice("a", next=["u", "v"], end="tamat")]),
            update("u", effects={"warga": 20}),
            update("v", delay=5),
        ],
        endings=[
            {"id": "biasa", "title": "B", "text": "x"},
            {"id": "tamat", "title": "T", "text": "x"},
        ],
    )
    run = started(sc)
    run.choose("d", "a", 3)
    assert run.ended and run.ending == "tamat" and run.end_time == 3.0
    assert "u" not in run.visited and "v" not in run.visited
    assert trace(run) == [("arrive", 0.0, "d"), ("answer", 3.0, "d"), ("end", 3.0, None)]
    assert run.log[-1].ending == "tamat"
    assert run.meters["warga"] == 50.0


def test_an_event_arriving_at_an_instant_can_be_answered_at_that_instant() -> None:
    """Rule 4: several answers may share one instant, including one to a decision that a
    zero-delay `next` brought at that same instant."""
    sc = make(
        [
            decision("d1", deadline=100, choices=[choice("a", next="d2")]),
            decision("d2", at=None, deadline=100),
        ]
    )
    run = started(sc)
    run.choose("d1", "a", 10)
    assert run.is_pending("d2")
    run.choose("d2", "a", 10)
    facts = {f.event: f for f in run.decisions}
    assert facts["d2"].arrived == 10.0 and facts["d2"].resolved == 10.0
    assert run.ended and run.end_time == 10.0


def test_only_choices_whose_when_holds_are_available() -> None:
    """Rule 4: a choice is offered only while its `when` holds."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                choices=[choice("a"), choice("b", when="warga >= 60")],
            ),
            update("u", at=10, effects={"warga": 10}),
        ]
    )
    run = started(sc)
    assert run.available_choices("d") == ["a"]
    with pytest.raises(EngineError) as err:
        run.choose("d", "b", 5)
    assert err.value.code == "choice_unavailable"
    run.advance(10)
    assert run.available_choices("d") == ["a", "b"]
    run.choose("d", "b", 10)
    assert ("d", "b") in run.chosen


def test_answer_at_exactly_the_deadline_is_accepted() -> None:
    """Rule 10: a decision accepts answers while now <= deadline."""
    sc = make([decision("d", at=5, deadline=100, golden=10, half_life=10)])
    run = started(sc)
    run.advance(105)
    assert run.is_pending("d")
    out = run.choose("d", "a", 105)
    assert isinstance(out[0], DecisionAnswered)
    # L = 100 = D: 2 ** (-(100 - 10) / 10) = 2 ** -9 < F = 0.2, so S = 100 * 0.2 = 20.
    assert out[0].speed == pytest.approx(20.0, rel=1e-12)
    assert run.decisions[0].outcome == "answered"


def test_answer_exactly_at_a_fractional_deadline_earns_the_floor() -> None:
    """Rule 10 and `speed_floor` ("least speed credit for an answer before the deadline"): an
    answer accepted at the deadline earns at least F, also when the arrival time is
    fractional. d2 arrives at 95.3 (named by an answer then) with D 60, so its deadline is
    95.3 + 60 = 155.3; answered at 155.3 it must get S = 100 * max(0.2, 2^(-(60-10)/10)) = 20
    and timeliness 0.6 (warga 50 + 10 * 0.6 = 56), not the S = 0 of a timeout."""
    sc = make(
        [
            decision("d1", deadline=200, choices=[choice("a", next="d2")]),
            decision(
                "d2",
                at=None,
                deadline=60,
                golden=10,
                half_life=10,
                choices=[choice("a", effects={"warga": 10})],
            ),
        ]
    )
    run = started(sc)
    run.choose("d1", "a", 95.3)
    assert run.pending[0].deadline == 155.3
    out = run.choose("d2", "a", 155.3)
    assert isinstance(out[0], DecisionAnswered)
    assert out[0].speed == pytest.approx(20.0, rel=1e-12)
    assert run.meters["warga"] == pytest.approx(56.0, rel=1e-12)


def test_timeout_once_past_the_deadline_dated_at_the_deadline() -> None:
    """Rule 5/10: the decision times out once now > deadline; the timeout is dated at the
    deadline, its on_timeout applies with the deadline as `now` (its `next` delay counts
    from there) and `timed_out(e)` becomes true."""
    sc = make(
        [
            decision(
                "d",
                at=5,
                deadline=100,
                on_timeout={"effects": {"warga": -10}, "set": {"f": True}, "next": "u"},
            ),
            update("u", delay=5, when="timed_out(d)", effects={"warga": 1}),
        ],
        flags=[{"id": "f", "type": "bool"}],
    )
    run = started(sc)
    run.advance(105)
    assert run.is_pending("d") and run.meters["warga"] == 50.0
    out = run.advance(107)
    assert out == [DecisionTimedOut(105.0, "d", {"warga": -10.0})]
    assert not run.is_pending("d")
    assert run.flags["f"] is True and "d" in run.timed_out
    fact = run.decisions[0]
    assert (fact.outcome, fact.resolved) == ("timed_out", 105.0)
    with pytest.raises(EngineError) as err:
        run.choose("d", "a", 107)
    assert err.value.code == "not_pending"
    run.advance(110)
    assert ("arrive", 110.0, "u") in trace(run)
    assert run.meters["warga"] == 41.0
    assert trace(run)[-1] == ("end", 110.0, None)


def test_decision_with_no_available_choice_waits_for_its_timeout() -> None:
    """Rule 5: when none of the choices is available the decision just waits to time out."""
    sc = make(
        [decision("d", deadline=50, choices=[choice("a", when="warga > 90")])],
    )
    run = started(sc)
    run.advance(50)
    assert run.available_choices("d") == []
    assert run.is_pending("d")
    run.advance(50.5)
    assert trace(run) == [
        ("arrive", 0.0, "d"),
        ("timeout", 50.0, "d"),
        ("end", 50.0, None),
    ]


# ------------------------------------------------------------------------ rule 6: drift


def _drift_scenario() -> Scenario:
    # d arrives at 10 with golden 20, so drift ticks at 10 + 20 + 30j = 60, 90, 120, ...
    return make(
        [
            decision(
                "d",
                at=10,
                deadline=110,
                golden=20,
                drift={"warga": -1, "media": -2},
            ),
            decision("stop", at=0, deadline=500, choices=[choice("a"), choice("z", end="akhir")]),
        ],
        stakeholders=[{"id": "warga"}, {"id": "media"}],
        endings=[
            {"id": "biasa", "title": "B", "text": "x"},
            {"id": "akhir", "title": "A", "text": "x"},
        ],
    )


@pytest.mark.parametrize(
    ("resolve", "ticks"),
    [
        # answered between two ticks: 60 and 90 only
        (lambda run: run.choose("d", "a", 100), [60.0, 90.0]),
        # answered exactly on a tick: the tick (drift comes before answers) counts
        (lambda run: run.choose("d", "a", 90), [60.0, 90.0]),
        # answered just before a tick
        (lambda run: run.choose("d", "a", 89.999), [60.0]),
        # timed out at its deadline 120, which is also a tick: 60, 90, 120
        (lambda run: run.advance(121), [60.0, 90.0, 120.0]),
        # the run ends (another decision's `end`) on the tick at 90
        (lambda run: run.choose("stop", "z", 90), [60.0, 90.0]),
        # the run ends between ticks
        (lambda run: run.choose("stop", "z", 75), [60.0]),
    ],
    ids=["answer", "answer-on-tick", "answer-before-tick", "timeout", "end-on-tick", "end"],
)
def test_drift_ticks_until_and_including_the_resolution(
    resolve: Callable[[Run], object], ticks: list[float]
) -> None:
    """Rule 6: drift applies at arrival + golden + 30 j up to and including the resolution
    time (answer, deadline or end), every tick in file order of the drift mapping, and never
    after the decision is resolved."""
    run = started(_drift_scenario())
    resolve(run)
    if not run.ended:
        run.advance(400)  # long after: no more ticks for d
    got = [t for kind, t, e in trace(run) if kind == "drift" and e == "d"]
    assert got == ticks
    n = len(ticks)
    assert run.meters["warga"] == 50.0 - n
    assert run.meters["media"] == 50.0 - 2 * n


def test_drift_applies_in_practice_mode_never() -> None:
    """Rule 11: practice mode has no drift."""
    run = started(_drift_scenario(), practice=True)
    run.advance(1000)
    assert [r for r in run.log if r.kind == "drift"] == []
    assert run.meters["warga"] == 50.0


# ------------------------------------------------------------------- rule 8: the end


def test_end_expires_pending_decisions_in_file_order() -> None:
    """Rule 8: at an `end`, decisions still pending expire at that instant in file order (not
    arrival order); their on_timeout set, add and effects apply, but not their next or end,
    and timed_out(e) stays false; the ending is the one named by `end`."""
    sc = make(
        [
            decision(
                "telat",
                at=5,
                deadline=100,
                on_timeout={
                    "effects": {"warga": -5},
                    "set": {"f": True},
                    "add": {"n": 2},
                    "next": "u",
                    "end": "lain",
                },
            ),
            decision(
                "awal",
                at=0,
                deadline=100,
                on_timeout={"effects": {"warga": -7}, "add": {"n": 1}, "next": "u"},
            ),
            decision("ujung", at=0, deadline=100, choices=[choice("a", end="tamat")]),
            update("u", effects={"warga": 30}),
        ],
        flags=[{"id": "f", "type": "bool"}, {"id": "n", "type": "int"}],
        endings=[
            {"id": "biasa", "title": "B", "text": "x"},
            {"id": "tamat", "title": "T", "text": "x"},
            {"id": "lain", "title": "L", "text": "x"},
            {"id": "cek", "title": "C", "when": "timed_out(telat) or timed_out(awal)", "text": "x"},
        ],
    )
    run = started(sc)
    run.advance(6)
    run.choose("ujung", "a", 6)
    assert trace(run)[-3:] == [
        ("expire", 6.0, "telat"),
        ("expire", 6.0, "awal"),
        ("end", 6.0, None),
    ]
    assert run.ending == "tamat" and run.end_time == 6.0
    assert run.meters["warga"] == 50.0 - 5 - 7
    assert run.flags["f"] is True and run.flags["n"] == 3
    assert "u" not in run.visited
    assert run.timed_out == set()
    assert sc.ending_when["cek"](run) is False
    outcomes = {f.event: (f.outcome, f.resolved) for f in run.decisions}
    assert outcomes == {
        "telat": ("expired", 6.0),
        "awal": ("expired", 6.0),
        "ujung": ("answered", 6.0),
    }


def test_expiry_happens_before_the_ending_is_chosen() -> None:
    """Rule 8: expiry effects apply before the ending is chosen, so an ending condition sees
    them (practice finish: the run ends by itself, so the ending comes from conditions)."""
    sc = make(
        [
            decision("d", on_timeout={"effects": {"warga": -20}}),
        ],
        endings=[
            {"id": "turun", "title": "T", "when": "warga < 50", "text": "x"},
            {"id": "biasa", "title": "B", "text": "x"},
        ],
    )
    run = started(sc, practice=True)
    run.finish(10)
    assert run.ending == "turun"
    assert run.decisions[0].outcome == "expired"


def test_natural_end_when_inbox_empty_and_nothing_scheduled() -> None:
    """Rule 8: the run ends as soon as the inbox is empty and nothing is scheduled; not while
    an arrival is still due."""
    sc = make([decision("d", deadline=100), update("u", at=40)])
    run = started(sc)
    run.choose("d", "a", 5)
    assert not run.ended  # u is still scheduled
    run.advance(39.9)
    assert not run.ended
    run.advance(40)
    assert run.ended and run.end_time == 40.0 and run.ending == "selesai"


def test_natural_end_right_after_the_last_answer() -> None:
    """Rule 8: answering the last pending decision with nothing scheduled ends the run then."""
    sc = make([decision("d", deadline=100)])
    run = started(sc)
    run.choose("d", "a", 12.5)
    assert run.ended and run.end_time == 12.5
    assert trace(run)[-1] == ("end", 12.5, None)


def test_a_run_of_updates_only_ends_at_start() -> None:
    """Rule 8: with only an update at 0 there is nothing left after start: the run has ended."""
    sc = make([update("u", at=0, effects={"warga": 1})])
    run = started(sc)
    assert run.ended and run.end_time == 0.0
    assert trace(run) == [("arrive", 0.0, "u"), ("end", 0.0, None)]


# ------------------------------------------------------------------ rule 9: which ending

_ENDINGS = [
    {"id": "tinggi", "title": "T", "when": "warga > 90", "text": "x"},
    {"id": "cadangan1", "title": "C1", "text": "x"},
    {"id": "sedang", "title": "S", "when": "warga >= 50", "text": "x"},
    {"id": "cadangan2", "title": "C2", "text": "x"},
    {"id": "dipilih", "title": "D", "when": "warga < 0", "text": "x"},
]


@pytest.mark.parametrize(
    ("effect", "pick", "ending"),
    [
        (45, "a", "tinggi"),  # first conditional that holds, in file order
        (0, "a", "sedang"),  # a conditional after a fallback still wins over the fallback
        (-10, "a", "cadangan1"),  # no condition holds: the first fallback, wherever it stands
        (45, "z", "dipilih"),  # named by `end`, even though its own `when` is false
    ],
)
def test_ending_choice_order(effect: int, pick: str, ending: str) -> None:
    """Rule 9: the ending named by `end`; else the first ending in file order whose `when`
    holds; else the first ending without `when`, wherever it stands."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                golden=100,
                choices=[choice("a", effects={"warga": effect}), choice("z", end="dipilih")],
            )
        ],
        endings=_ENDINGS,
    )
    run = started(sc)
    run.choose("d", pick, 1)
    assert run.ended and run.ending == ending


# ----------------------------------------------------------------- rule 10: tie order


def test_simultaneous_arrivals_come_in_file_order() -> None:
    """Rule 10: arrivals at one instant follow the file order, not the order of ids or `at`."""
    sc = make(
        [
            decision("d", at=0, deadline=100),
            update("zulu", at=10, effects={"warga": 60}),
            update("alfa", at=10, effects={"warga": -20}),
        ]
    )
    run = started(sc)
    run.advance(10)
    assert [e for k, _, e in trace(run) if k == "arrive"] == ["d", "zulu", "alfa"]
    # 50 + 60 = 110 -> clamped 100, then -20 = 80 (the other order would give 90)
    assert run.meters["warga"] == 80.0


def test_one_instant_order_arrivals_drift_answers_timeouts() -> None:
    """Rule 10: at one instant: arrivals (file order), drift ticks (file order of their events),
    the trainee's answers in the order given, then timeouts of decisions whose deadline is
    that instant (file order)."""
    sc = make(
        [
            # b is listed first: its drift tick and its timeout come before a's
            decision("b", at=40, deadline=60, golden=30, drift={"warga": -1}),
            decision("a", at=0, deadline=100, golden=70, drift={"warga": -1}),
            decision("ans", at=0, deadline=200),
            decision("baru", at=100, deadline=50),
            decision("nanti", at=0, deadline=300),
        ]
    )
    run = started(sc)
    run.advance(100)
    run.choose("ans", "a", 100)
    run.choose("baru", "a", 100)  # arrived at this instant, answered at it
    run.advance(101)
    at_100 = [(k, e) for k, t, e in trace(run) if t == 100.0]
    assert at_100 == [
        ("arrive", "baru"),
        ("drift", "b"),
        ("drift", "a"),
        ("answer", "ans"),
        ("answer", "baru"),
        ("timeout", "b"),
        ("timeout", "a"),
    ]


def test_zero_delay_next_arrives_right_after_its_cause_depth_first() -> None:
    """Rule 10: events named with no delay arrive right after what named them, in `next`
    order and depth first, before the rest of that instant (the later file-order arrival)."""
    sc = make(
        [
            decision("d", at=0, deadline=100),
            update("u0", at=10, next=["x", "y"]),
            update("w", at=10),
            update("x", next="z"),
            update("y"),
            update("z"),
        ]
    )
    run = started(sc)
    run.advance(10)
    assert [e for k, t, e in trace(run) if k == "arrive" and t == 10.0] == [
        "u0",
        "x",
        "z",
        "y",
        "w",
    ]


def test_zero_delay_next_of_a_timeout_arrives_at_the_deadline() -> None:
    """Rule 10: a timeout's zero-delay `next` arrives right after the timeout, at the deadline,
    before the other timeouts of that instant."""
    sc = make(
        [
            decision("a", at=0, deadline=50, on_timeout={"next": "u"}),
            decision("b", at=0, deadline=50),
            update("u", effects={"warga": 1}),
        ]
    )
    run = started(sc)
    run.advance(60)
    assert trace(run) == [
        ("arrive", 0.0, "a"),
        ("arrive", 0.0, "b"),
        ("timeout", 50.0, "a"),
        ("arrive", 50.0, "u"),
        ("timeout", 50.0, "b"),
        ("end", 50.0, None),
    ]


# -------------------------------------------------------------------- rule 7: clamping


def test_meters_clamp_after_every_single_change() -> None:
    """Rule 7: each change is clamped to 0..100 before the next one applies (drift too)."""
    sc = make(
        [
            update("naik", at=0, effects={"warga": 30, "media": -30}),
            update("turun", at=0, effects={"warga": -20, "media": 20}),
            decision("d", at=0, deadline=200, golden=10, drift={"media": -15}),
            decision("e", at=100, deadline=50, golden=50, choices=[choice("a")]),
        ],
        stakeholders=[{"id": "warga", "initial": 90}, {"id": "media", "initial": 10}],
    )
    run = started(sc)
    # warga: 90 + 30 = 120 -> 100, then -20 = 80; media: 10 - 30 -> 0, then +20 = 20
    assert dict(run.meters) == {"warga": 80.0, "media": 20.0}
    run.advance(40)  # drift at 0 + 10 + 30 = 40: media 20 - 15 = 5
    assert run.meters["media"] == 5.0
    out = run.advance(70)  # drift at 70: 5 - 15 -> 0, and the reported delta is the real -5
    assert run.meters["media"] == 0.0
    assert out[-1].deltas == {"media": -5.0}  # type: ignore[union-attr]


def test_effect_deltas_report_in_mapping_order_and_clamp_each() -> None:
    """Rule 7: an effects mapping applies in file order, each change clamped on its own."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                golden=100,
                choices=[choice("a", effects={"media": 80, "warga": -80, "dprd": 5})],
            )
        ],
        stakeholders=[
            {"id": "warga", "initial": 30},
            {"id": "media", "initial": 40},
            {"id": "dprd", "initial": 98},
        ],
    )
    run = started(sc)
    out = run.choose("d", "a", 1)
    assert isinstance(out[0], DecisionAnswered)
    assert list(out[0].deltas.items()) == [("media", 60.0), ("warga", -30.0), ("dprd", 2.0)]
    assert dict(run.meters) == {"warga": 0.0, "media": 100.0, "dprd": 100.0}


def test_int_flags_clamp_on_add() -> None:
    """docs/format.md, flags: `add` changes an int flag and the result is clamped to min..max
    (an unbounded flag is not clamped)."""
    sc = make(
        [
            update("u1", at=0, add={"n": 5, "m": -4, "bebas": -7}),
            update("u2", at=1, add={"n": -1, "m": 1, "bebas": 20}),
            decision("d", at=0, deadline=100),
        ],
        flags=[
            {"id": "n", "type": "int", "initial": 2, "min": 0, "max": 3},
            {"id": "m", "type": "int", "initial": 1, "min": -2, "max": 10},
            {"id": "bebas", "type": "int"},
        ],
    )
    run = started(sc)
    assert dict(run.flags) == {"n": 3, "m": -2, "bebas": -7}
    run.advance(1)
    assert dict(run.flags) == {"n": 2, "m": -1, "bebas": 13}


# ------------------------------------------------------------------ timeliness scaling


@pytest.mark.parametrize(
    ("answer_at", "speed"),
    [
        (10.0, 100.0),  # L = G: full speed, t = 1
        (20.0, 50.0),  # L = G + H: 2 ** -1, t = 0.75
        (30.0, 25.0),  # L = G + 2H: 2 ** -2, t = 0.625
        (90.0, 20.0),  # 2 ** -8 < F: floor 20, t = 0.6
    ],
)
def test_positive_effects_scaled_by_timeliness(answer_at: float, speed: float) -> None:
    """docs/scoring.md, Meters: a positive delta of an answered choice is multiplied by
    t = 0.5 + 0.5 * S / 100; negative deltas are not scaled."""
    sc = make(
        [
            decision(
                "d",
                deadline=100,
                golden=10,
                half_life=10,
                choices=[choice("a", effects={"warga": 8, "media": -4})],
            )
        ],
        stakeholders=[{"id": "warga"}, {"id": "media"}],
    )
    run = started(sc)
    out = run.choose("d", "a", answer_at)
    assert isinstance(out[0], DecisionAnswered)
    assert out[0].speed == pytest.approx(speed, rel=1e-12)
    t = 0.5 + 0.5 * speed / 100
    assert run.meters["warga"] == pytest.approx(50 + 8 * t, rel=1e-12)
    assert run.meters["media"] == 46.0


def test_update_drift_and_timeout_effects_are_not_scaled() -> None:
    """docs/scoring.md, Meters: drift, update effects and timeout effects are never scaled."""
    sc = make(
        [
            update("u", at=0, effects={"warga": 7}),
            decision(
                "d",
                deadline=100,
                golden=10,
                drift={"media": 3},
                on_timeout={"effects": {"warga": 9}},
            ),
        ],
        stakeholders=[{"id": "warga"}, {"id": "media"}],
    )
    run = started(sc)
    run.advance(200)
    # ticks at 40, 70, 100 (the deadline) -> media +9
    assert dict(run.meters) == {"warga": 66.0, "media": 59.0}


# ---------------------------------------------------------------- rule 11: practice mode


def test_practice_mode_has_no_timeouts_and_no_drift() -> None:
    """Rule 11: in practice answers are accepted whenever pending; nothing times out or
    drifts; the inbox has no deadlines; speed is not measured (timeliness 1)."""
    sc = make(
        [
            decision(
                "d",
                deadline=10,
                golden=3,
                drift={"warga": -5},
                choices=[choice("a", effects={"warga": 10})],
            ),
            update("u", at=500),
        ]
    )
    run = started(sc, practice=True)
    run.advance(10_000)
    assert run.pending[0].deadline is None and run.pending[0].remaining(5.0) is None
    assert [r.kind for r in run.log] == ["start", "arrive", "arrive"]
    out = run.choose("d", "a", 10_000)
    assert out[0] == DecisionAnswered(10_000.0, "d", "a", None, {"warga": 10.0})
    assert run.meters["warga"] == 60.0
    assert run.ended


def test_practice_finish_plays_remaining_arrivals_then_expires() -> None:
    """Rule 11: finishing a practice run lets the remaining scheduled arrivals happen, then
    every decision still pending expires as in rule 8, at the later of the finish time (the
    last answer) and the last arrival."""
    sc = make(
        [
            decision("d1", at=0),
            decision("d2", at=300, on_timeout={"effects": {"warga": -4}, "next": "nanti"}),
            update("u", at=500, effects={"warga": 1}),
            update("nanti"),
        ]
    )
    run = started(sc, practice=True)
    run.choose("d1", "a", 50)
    run.finish(50)
    assert trace(run) == [
        ("arrive", 0.0, "d1"),
        ("answer", 50.0, "d1"),
        ("finish", 50.0, None),
        ("arrive", 300.0, "d2"),
        ("arrive", 500.0, "u"),
        ("expire", 500.0, "d2"),
        ("end", 500.0, None),
    ]
    assert run.meters["warga"] == 47.0
    assert "nanti" not in run.visited and run.timed_out == set()


def test_practice_finish_after_last_arrival_expires_at_finish_time() -> None:
    """Rule 11 / Headless run: with no arrival left, expiry is at the last answer's time."""
    sc = make([decision("d1", at=0), decision("d2", at=10)])
    run = started(sc, practice=True)
    run.advance(20)
    run.choose("d1", "a", 70)
    run.finish(70)
    assert trace(run)[-2:] == [("expire", 70.0, "d2"), ("end", 70.0, None)]


def test_timed_finish_lets_everything_time_out() -> None:
    """Headless run: after the last answer a timed run advances until every decision has
    timed out at its deadline."""
    sc = make([decision("d1", at=0, deadline=30), decision("d2", at=10, deadline=50)])
    run = started(sc)
    run.finish(5)
    assert trace(run) == [
        ("arrive", 0.0, "d1"),
        ("finish", 5.0, None),
        ("arrive", 10.0, "d2"),
        ("timeout", 30.0, "d1"),
        ("timeout", 60.0, "d2"),
        ("end", 60.0, None),
    ]


# ----------------------------------------------------------------------- engine errors


def _errors_scenario() -> Scenario:
    return make(
        [
            decision(
                "d", at=0, deadline=100, choices=[choice("a"), choice("b", when="warga > 60")]
            ),
            decision("later", at=50, deadline=100),
        ]
    )


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda run: run.choose("later", "a", 10), "not_pending"),
        (lambda run: run.choose("nope", "a", 10), "unknown_event"),
        (lambda run: run.choose("d", "nope", 10), "unknown_choice"),
        (lambda run: run.choose("d", "b", 10), "choice_unavailable"),
        (lambda run: (run.advance(20), run.advance(19.5)), "time_backwards"),
        (lambda run: (run.advance(20), run.choose("d", "a", 19.5)), "time_backwards"),
        (lambda run: (run.choose("d", "a", 5), run.choose("d", "a", 6)), "not_pending"),
    ],
    ids=[
        "not-yet-arrived",
        "unknown-event",
        "unknown-choice",
        "unavailable",
        "advance-backwards",
        "choose-backwards",
        "answered-twice",
    ],
)
def test_engine_errors(call: Callable[[Run], object], code: str) -> None:
    """Engine calls it cannot accept raise EngineError with a stable code; the log is untouched
    by the refused call."""
    run = started(_errors_scenario())
    before = len(run.log)
    with pytest.raises(EngineError) as err:
        call(run)
    assert err.value.code == code
    assert str(err.value)
    if code in {"unknown_event", "unknown_choice", "choice_unavailable"}:
        assert len(run.log) == before


def test_engine_error_when_ended_or_not_started() -> None:
    """Calls before start raise `not_started`; calls after the end raise `ended`."""
    sc = make([decision("d", deadline=100)])
    run = Run(sc)

    def calls(now: float) -> list[Callable[[], object]]:
        return [
            lambda: run.advance(now),
            lambda: run.choose("d", "a", now),
            lambda: run.finish(now),
        ]

    for call in calls(1.0):
        with pytest.raises(EngineError) as err:
            call()
        assert err.value.code == "not_started"
    run.start(0)
    run.choose("d", "a", 1)
    assert run.ended
    for call in calls(2.0):
        with pytest.raises(EngineError) as err:
            call()
        assert err.value.code == "ended"


def test_advance_with_record_writes_a_clock_record() -> None:
    """`advance(now, record=True)` keeps the time reached in the log; without it, nothing."""
    sc = make([decision("d", deadline=100)])
    run = started(sc)
    run.advance(5)
    assert run.log[-1].kind == "arrive"
    run.advance(12.5, record=True)
    assert run.log[-1] == Record("clock", 12.5)
    assert run.log[-1].is_input


# ---------------------------------------------------------------------------- replay


def _replay_scenario() -> Scenario:
    return make(
        [
            decision(
                "d1",
                at=0,
                deadline=100,
                golden=20,
                drift={"warga": -1},
                choices=[choice("a", effects={"warga": 5}, next="u"), choice("b")],
            ),
            decision("d2", at=30, deadline=60),
            update("u", delay=10, effects={"media": -3}),
        ],
        stakeholders=[{"id": "warga"}, {"id": "media"}],
    )


def _played() -> Run:
    run = started(_replay_scenario())
    run.advance(40, record=True)
    run.choose("d2", "a", 45)
    run.choose("d1", "a", 75)
    run.finish(75)
    assert run.ended
    return run


def test_replay_reproduces_the_log_and_state() -> None:
    """docs/architecture.md: replaying the log rebuilds the same log, meters, flags and ending."""
    run = _played()
    again = Run.replay(run.scenario, run.log)
    assert again.log == run.log
    assert dict(again.meters) == dict(run.meters)
    assert dict(again.flags) == dict(run.flags)
    assert (again.ending, again.end_time) == (run.ending, run.end_time)
    assert [r.kind for r in run.log].count("drift") == 1  # tick at 50 only


def test_replay_of_an_unfinished_run_keeps_the_inbox() -> None:
    """A half-played log replays to the same inbox and clock (a resumed run)."""
    run = started(_replay_scenario())
    run.advance(40, record=True)
    again = Run.replay(run.scenario, run.log)
    assert again.pending == run.pending and not again.ended
    assert again.now == 40.0


def _edit_choice(log: list[Record]) -> list[Record]:
    i = next(i for i, r in enumerate(log) if r.kind == "answer" and r.event == "d1")
    log[i] = Record("answer", log[i].at, "d1", "b")
    return log


def _remove_arrival(log: list[Record]) -> list[Record]:
    i = next(i for i, r in enumerate(log) if r.kind == "arrive" and r.event == "u")
    return log[:i] + log[i + 1 :]


def _remove_answer(log: list[Record]) -> list[Record]:
    i = next(i for i, r in enumerate(log) if r.kind == "answer" and r.event == "d2")
    return log[:i] + log[i + 1 :]


def _change_time(log: list[Record]) -> list[Record]:
    i = next(i for i, r in enumerate(log) if r.kind == "answer" and r.event == "d1")
    log[i] = Record("answer", 95.0, "d1", "a")
    return log


def _change_output_time(log: list[Record]) -> list[Record]:
    i = next(i for i, r in enumerate(log) if r.kind == "drift")
    log[i] = Record("drift", log[i].at + 1, log[i].event)
    return log


def _extra_middle(log: list[Record]) -> list[Record]:
    return [*log[:2], Record("drift", 0.0, "d1"), *log[2:]]


def _extra_end(log: list[Record]) -> list[Record]:
    return [*log, Record("clock", 500.0)]


@pytest.mark.parametrize(
    "edit",
    [
        _edit_choice,
        _remove_arrival,
        _remove_answer,
        _change_time,
        _change_output_time,
        _extra_middle,
        _extra_end,
        lambda log: log[1:],
        lambda log: [],
    ],
    ids=[
        "changed-choice",
        "removed-output",
        "removed-input",
        "changed-answer-time",
        "changed-output-time",
        "extra-record",
        "extra-after-end",
        "no-start",
        "empty",
    ],
)
def test_replay_refuses_an_edited_log(edit: Callable[[list[Record]], list[Record]]) -> None:
    """Run.replay raises ReplayError when the log was edited: any record changed, removed or
    added makes the replay disagree."""
    run = _played()
    edited = edit(list(run.log))
    with pytest.raises(ReplayError):
        Run.replay(run.scenario, edited)


# ---------------------------------------------------------------------- record format


@pytest.mark.parametrize(
    "record",
    [
        Record("start", 0.0, practice=True),
        Record("start", 0.0, practice=False),
        Record("arrive", 12.5, "e1"),
        Record("answer", 30.0, "e1", "no"),
        Record("end", 99.0, ending="selesai"),
        Record("clock", 1e-9),
    ],
)
def test_record_json_round_trip(record: Record) -> None:
    """Record.to_json/from_json are inverses, and to_json leaves out empty fields."""
    data = record.to_json()
    assert Record.from_json(data) == record
    assert all(v is not None for v in data.values())


def test_record_from_json_accepts_an_int_time() -> None:
    """A stored integer time reads as a float."""
    rec = Record.from_json({"kind": "clock", "at": 3})
    assert rec == Record("clock", 3.0) and isinstance(rec.at, float)


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "answer",
        [1, 2],
        {},
        {"kind": "arrive"},
        {"at": 1.0},
        {"kind": "teleport", "at": 1.0},
        {"kind": "arrive", "at": "10"},
        {"kind": "arrive", "at": True},
        {"kind": "arrive", "at": 1.0, "event": 5},
        {"kind": "start", "at": 0.0, "practice": "yes"},
        {"kind": "arrive", "at": 1.0, "extra": 1},
    ],
)
def test_record_from_json_rejects_junk(junk: Any) -> None:
    """Anything that is not a record raises LogFormatError (never KeyError or TypeError)."""
    with pytest.raises(LogFormatError):
        Record.from_json(junk)


# ---------------------------------------------------------------------------- clocks


class FakeSource:
    """A hand-moved monotonic time source for MonotonicClock."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t


def test_monotonic_clock_time_scale_gives_more_time() -> None:
    """docs/architecture.md, time: time scale 1.5 gives 50 % more time: 15 real s = 10 s."""
    src = FakeSource()
    clock = MonotonicClock(1.5, source=src)
    assert clock.now() == 0.0
    src.t += 15
    assert clock.now() == pytest.approx(10.0, rel=1e-12)
    assert clock.time_scale == 1.5


def test_monotonic_clock_pause_stops_time() -> None:
    """docs/architecture.md, time: scenario time stands still while paused, continues on resume."""
    src = FakeSource()
    clock = MonotonicClock(source=src, start_at=100.0)
    src.t += 5
    assert clock.now() == 105.0
    clock.pause()
    assert clock.paused
    src.t += 60
    assert clock.now() == 105.0
    clock.pause()  # pausing twice changes nothing
    src.t += 5
    clock.resume()
    assert not clock.paused and clock.now() == 105.0
    src.t += 2
    assert clock.now() == 107.0
    clock.resume()  # resuming a running clock changes nothing
    assert clock.now() == 107.0


def test_monotonic_clock_skips_forward_only_and_runs_on_at_its_pace() -> None:
    """The game's skip (nothing to answer): the clock jumps to the next arrival and keeps its
    time scale from there; a jump backwards changes nothing."""
    src = FakeSource()
    clock = MonotonicClock(2.0, source=src, start_at=10.0)
    src.t += 4
    assert clock.now() == 12.0
    clock.skip_to(50.0)
    assert clock.now() == 50.0
    src.t += 6
    assert clock.now() == 53.0
    clock.skip_to(20.0)
    assert clock.now() == 53.0


def test_monotonic_clock_rejects_a_non_positive_scale() -> None:
    """A time scale must be > 0."""
    with pytest.raises(ValueError):
        MonotonicClock(0)


def test_fake_clock_moves_only_by_hand_and_not_while_paused() -> None:
    """FakeClock: advance/set move it, and advance is ignored while paused."""
    clock = FakeClock()
    assert clock.now() == 0.0
    clock.advance(2.5)
    assert clock.now() == 2.5
    clock.pause()
    clock.advance(10)
    assert clock.paused and clock.now() == 2.5
    clock.resume()
    clock.advance(1)
    clock.set(40.0)
    assert clock.now() == 40.0


def test_fake_clock_drives_a_run() -> None:
    """A run driven by a FakeClock times out exactly as the clock says, with no sleeping."""
    run = started(make([decision("d", deadline=30)]))
    clock = FakeClock()
    for _ in range(30):
        clock.advance(1.0)
        run.advance(clock.now())
    assert run.is_pending("d")
    clock.advance(0.5)
    run.advance(clock.now())
    assert run.ended and run.decisions[0].outcome == "timed_out"
    assert run.decisions[0].resolved == 30.0


def test_advance_returns_arrivals_with_deadlines() -> None:
    """DecisionArrived carries the absolute deadline (None only in practice)."""
    sc = make([decision("d", at=7, deadline=30)])
    run = started(sc)
    assert run.advance(7) == [DecisionArrived(7.0, "d", 37.0)]
    assert run.pending[0].deadline == 37.0


def test_feed_lists_what_the_trainee_saw_in_order() -> None:
    """The feed view: arrivals, answers, timeouts and the end, without bookkeeping records."""
    scenario = load_scenario(FEED_SCENARIO).scenario
    assert scenario is not None
    run = Run(scenario)
    run.start(0.0)
    run.advance(45.0, record=True)
    run.choose("e2", "a", 50.0)  # the inbox empties and nothing is scheduled: the run ends
    kinds = [(r.kind, r.event, r.at) for r in run.feed]
    assert kinds == [
        ("arrive", "e1", 0.0),
        ("arrive", "e2", 40.0),
        ("timeout", "e1", 40.0),
        ("answer", "e2", 50.0),
        ("end", None, 50.0),
    ]
    assert {"start", "clock", "drift"} <= {r.kind for r in run.log}


FEED_SCENARIO = """\
format: simulasi/1
id: feed
title: Feed
summary: s
briefing: b
stakeholders:
  - {id: warga}
events:
  - id: e1
    at: 0
    deadline: 40
    golden: 5
    drift: {warga: -1}
    choices:
      - {id: a, text: "jawab", rating: best, feedback: f}
    on_timeout: {feedback: f}
  - id: e2
    at: 40
    deadline: 60
    choices:
      - {id: a, text: "jawab", rating: best, effects: {warga: 1}, feedback: f}
    on_timeout: {feedback: f}
endings:
  - {id: selesai}
"""


def test_pauses_are_logged_change_nothing_and_replay() -> None:
    """A pause and a resume are kept in the log; the run is the same as without them."""
    scenario = load_scenario(FEED_SCENARIO).scenario
    assert scenario is not None
    paused, plain = Run(scenario), Run(scenario)
    for run in (paused, plain):
        run.start(0.0)
    paused.pause(10.0)
    paused.resume(10.0)
    for run in (paused, plain):
        run.choose("e1", "a", 20.0)
        run.finish(20.0)
    assert [r.kind for r in paused.log if r.kind in ("pause", "resume")] == ["pause", "resume"]
    assert [r for r in paused.log if r.kind not in ("pause", "resume")] == list(plain.log)
    assert Run.replay(scenario, paused.log).log == paused.log
