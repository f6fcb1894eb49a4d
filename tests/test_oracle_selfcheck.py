"""Hand-computed checks of the reference oracle (tests/oracle.py) against the written spec.

Every expected number is worked out in a comment from docs/run-rules.md and docs/scoring.md, so a
failure here means the oracle, not the engine, misreads the spec.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

# The oracle is a plain module beside this file, deliberately outside the package under test.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from oracle import OracleError, oracle_run, parse_expression

Doc = dict[str, Any]


def scenario(events: list[Doc], stakeholders: list[Doc] | None = None, **extra: Any) -> Doc:
    """A minimal valid scenario dict around `events`."""
    doc: Doc = {
        "format": "simulasi/1",
        "id": "uji",
        "title": "Uji",
        "summary": "Uji",
        "briefing": "Uji",
        "stakeholders": stakeholders or [{"id": "warga", "name": "Warga"}],
        "events": events,
        "endings": [{"id": "selesai", "title": "Selesai", "text": "."}],
    }
    doc.update(extra)
    return doc


def decision(eid: str, choices: list[Doc], **extra: Any) -> Doc:
    item: Doc = {"id": eid, "title": eid, "body": eid, "deadline": 100, "choices": choices}
    item["on_timeout"] = extra.pop("on_timeout", {})
    item.update(extra)
    return item


def choice(cid: str, **extra: Any) -> Doc:
    item: Doc = {"id": cid, "text": cid}
    if not {"rating", "accuracy", "rubric"} & extra.keys():
        item["rating"] = "best"
    item.update(extra)
    return item


def update(eid: str, **extra: Any) -> Doc:
    return {"id": eid, "title": eid, "body": eid, **extra}


def ev(result: Doc, eid: str) -> Doc:
    return next(e for e in result["events"] if e["event"] == eid)


approx = pytest.approx


# ---------------------------------------------------------------------------------------------


def test_result_keys_are_in_documented_order() -> None:
    """The headless JSON has exactly the documented keys, in order."""
    doc = scenario([decision("e1", [choice("a")], at=0)])
    result = oracle_run(doc, [{"at": 0, "event": "e1", "choice": "a"}])
    assert list(result) == [
        "scenario", "ending", "practice", "passed", "band", "total", "speed", "accuracy",
        "impact", "meters", "criteria", "events",
    ]  # fmt: skip
    assert list(result["events"][0]) == [
        "event", "outcome", "choice", "arrived", "resolved", "latency", "speed", "gated_speed",
        "accuracy", "critical",
    ]  # fmt: skip


def test_timeout() -> None:
    """An unanswered decision times out at its deadline; on_timeout applies; ending by when."""
    doc = scenario(
        [decision("e1", [choice("a")], at=0, on_timeout={"effects": {"warga": -10}})],
        endings=[
            {"id": "diam", "title": ".", "when": "timed_out(e1)", "text": "."},
            {"id": "selesai", "title": ".", "text": "."},
        ],
    )
    result = oracle_run(doc, [])
    # warga 50 - 10 = 40; impact g = 50 * 40 / 50 = 40; speed 0, accuracy 0 (default).
    # total = (0.25*0 + 0.45*0 + 0.30*40) / 1 = 12.
    assert result["ending"] == "diam"
    assert result["meters"] == {"warga": approx(40)}
    assert result["events"] == [
        {
            "event": "e1", "outcome": "timed_out", "choice": None, "arrived": 0.0,
            "resolved": 100.0, "latency": 100.0, "speed": 0.0, "gated_speed": 0.0,
            "accuracy": 0.0, "critical": False,
        }
    ]  # fmt: skip
    assert result["speed"] == 0 and result["accuracy"] == 0
    assert result["impact"] == approx(40)
    assert result["total"] == approx(12)
    assert result["passed"] is False and result["band"] == "Kurang"


def test_answer_at_the_deadline_is_accepted_with_floor_speed() -> None:
    """now <= deadline accepts; L=100, G=30 (0.3*D), H=30: 2**(-70/30)=0.198 < F=0.2 -> 20."""
    doc = scenario([decision("e1", [choice("a", effects={"warga": 10})], at=0)])
    result = oracle_run(doc, [{"at": 100, "event": "e1", "choice": "a"}])
    e1 = ev(result, "e1")
    assert e1["outcome"] == "answered" and e1["latency"] == 100
    assert e1["speed"] == approx(20) and e1["gated_speed"] == approx(20)
    # timeliness t = 0.5 + 0.5 * 20/100 = 0.6: warga 50 + 10*0.6 = 56.
    assert result["meters"]["warga"] == approx(56)


def test_time_past_the_deadline_is_refused() -> None:
    doc = scenario([decision("e1", [choice("a")], at=0)])
    with pytest.raises(OracleError):
        oracle_run(doc, [{"at": 100.5, "event": "e1", "choice": "a"}])


def test_drift_ticks_up_to_and_including_the_answer() -> None:
    """Ticks at p+G+30j = 60, 90; an answer at 90 comes after the tick at 90."""
    doc = scenario(
        [
            decision(
                "e1",
                [choice("a", accuracy=80, effects={"warga": 10})],
                at=10,
                golden=20,
                half_life=40,
                drift={"warga": -2, "media": -1},
            )
        ],
        stakeholders=[{"id": "warga", "name": "W"}, {"id": "media", "name": "M"}],
    )
    result = oracle_run(doc, [{"at": 90, "event": "e1", "choice": "a"}])
    # Two ticks: warga 50-2-2 = 46, media 50-1-1 = 48.
    # L = 80, S = 100 * 2**(-(80-20)/40) = 100 * 2**-1.5 = 35.3553390593...
    # t = 0.5 + 0.5*S/100 = 0.676776695...; warga 46 + 10*t = 52.76776695...
    speed = 100 * 2**-1.5
    assert ev(result, "e1")["speed"] == approx(speed)
    assert ev(result, "e1")["gated_speed"] == approx(speed)  # A = 80 >= 70: g = 1
    assert result["meters"] == {"warga": approx(46 + 10 * (0.5 + 0.5 * speed / 100)), "media": 48}


def test_drift_ticks_through_a_timeout() -> None:
    """D=90, G=30: ticks at 60 and 90 (the deadline is included), then the timeout."""
    doc = scenario(
        [
            decision(
                "e1",
                [choice("a")],
                at=0,
                deadline="1m30s",
                golden="30s",
                drift={"warga": -5},
                on_timeout={"effects": {"warga": -10}},
            )
        ]
    )
    result = oracle_run(doc, [])
    # 50 - 5 (t=60) - 5 (t=90) - 10 (timeout at 90) = 30.
    assert result["meters"]["warga"] == approx(30)
    assert ev(result, "e1")["resolved"] == 90


def test_gate_boundaries() -> None:
    """g(40) = 0, g(70) = 1, g(55) = 0.5, g(39.9) = 0; all answered at once (S = 100)."""
    events = [
        decision(f"e{i}", [choice("a", accuracy=a)], at=0)
        for i, a in enumerate([40, 70, 55, 39.9], start=1)
    ]
    answers = [{"at": 0, "event": f"e{i}", "choice": "a"} for i in range(1, 5)]
    result = oracle_run(scenario(events), answers)
    gated = [e["gated_speed"] for e in result["events"]]
    assert gated == [0, 100, approx(50), 0]
    assert [e["speed"] for e in result["events"]] == [100, 100, 100, 100]
    # Speed = (0+100+50+0)/4 = 37.5; Accuracy = (40+70+55+39.9)/4 = 51.225; impact 50
    # (meters unchanged: g = 50 + 0). Total = 0.25*37.5 + 0.45*51.225 + 0.3*50 = 47.42625.
    assert result["speed"] == approx(37.5)
    assert result["accuracy"] == approx(51.225)
    assert result["impact"] == approx(50)
    assert result["total"] == approx(47.42625)


def test_critical_cap() -> None:
    """A critical choice caps A at 20 and the total at critical_cap; it never passes."""
    doc = scenario(
        [decision("e1", [choice("a", accuracy=100, critical=True, effects={"warga": 50})], at=0)],
        scoring={"weights": {"speed": 0.1, "accuracy": 0.1, "impact": 0.8}, "pass_mark": 50},
    )
    result = oracle_run(doc, [{"at": 0, "event": "e1", "choice": "a"}])
    # S = 100, t = 1: warga 100; A = min(100, 20) = 20; g(20) = 0 so S' = 0.
    # Impact: b = 50, M = 100: 50 + 50*50/50 = 100. Total = 0.1*0 + 0.1*20 + 0.8*100 = 82
    # -> min(82, 54) = 54; 54 >= pass_mark 50 but critical: not passed; 54 < 55: "Kurang".
    e1 = ev(result, "e1")
    assert e1["accuracy"] == 20 and e1["critical"] is True and e1["gated_speed"] == 0
    assert result["total"] == 54
    assert result["passed"] is False
    assert result["band"] == "Kurang"

    doc["scoring"]["critical_cap"] = 60
    assert oracle_run(doc, [{"at": 0, "event": "e1", "choice": "a"}])["band"] == "Cukup"


def _impact_scenario(k_effect: float, k_key: bool | None = None) -> Doc:
    k: Doc = {"id": "k", "name": "K", "power": 3, "interest": 2}  # weight 6: key by default
    if k_key is not None:
        k["key"] = k_key
    return scenario(
        [update("u", at=0, effects={"k": k_effect, "c": -20, "big": 100})],
        stakeholders=[
            {"id": "a", "name": "A", "initial": 100},
            k,
            {"id": "c", "name": "C", "initial": 100},
            {"id": "big", "name": "B", "initial": 0, "power": 3, "interest": 3, "key": False},
        ],
    )


def test_impact_b100_and_key_floor() -> None:
    """g = 50 when b = 100 and M = 100; a key stakeholder below 25 caps I at 40."""
    # a: b=100, M=100 -> 50 (w 1); k: 50 -> 20: 50*20/50 = 20 (w 6, key);
    # c: 100 -> 80: 50*80/100 = 40 (w 1); big: 0 -> 100: 50 + 50*100/100 = 100 (w 9).
    # I = (50 + 6*20 + 40 + 9*100) / 17 = 1110/17 = 65.29... -> capped at 40.
    result = oracle_run(_impact_scenario(-30), [])
    assert result["meters"] == {"a": 100, "k": 20, "c": 80, "big": 100}
    assert result["impact"] == 40
    assert result["total"] == approx(0.3 * 40)  # no decision: speed = accuracy = 0
    assert result["events"] == []

    # key: false given explicitly: no cap, I = 1110/17.
    assert oracle_run(_impact_scenario(-30, k_key=False), [])["impact"] == approx(1110 / 17)
    # k at 30 >= 25: g = 30, I = (50 + 180 + 40 + 900)/17 = 1170/17.
    assert oracle_run(_impact_scenario(-20), [])["impact"] == approx(1170 / 17)


def test_practice_mode() -> None:
    """No deadlines; remaining arrivals happen, then pending decisions expire at the later
    of the last answer and the last arrival; timeliness 1; speed is null."""
    doc = scenario(
        [
            decision(
                "e1",
                [choice("a", rating="good", effects={"warga": 10}, next="e2")],
                at=0,
                deadline=60,
            ),
            update("e2", delay=100, effects={"warga": -5}),
            decision(
                "e3",
                [choice("x")],
                at=20,
                deadline=30,
                on_timeout={"accuracy": 10, "effects": {"warga": -10}, "next": "e4"},
            ),
            update("e4", effects={"warga": 50}),
        ],
        endings=[
            {"id": "diam", "title": ".", "when": "timed_out(e3)", "text": "."},
            {"id": "dingin", "title": ".", "when": "warga < 50 and visited(e2)", "text": "."},
            {"id": "selesai", "title": ".", "text": "."},
        ],
    )
    answers = [{"at": 200, "event": "e1", "choice": "a"}]
    result = oracle_run(doc, answers, practice=True)
    # e1 answered at 200 (past its deadline: fine in practice), t = 1: warga 60.
    # e2 arrives at 200 + 100 = 300: warga 55. e3 expires at max(200, 300) = 300:
    # warga 45, accuracy 10, its next (e4) does not arrive, timed_out(e3) stays false.
    assert result["practice"] is True
    assert result["meters"]["warga"] == approx(45)
    assert result["ending"] == "dingin"
    assert [e["event"] for e in result["events"]] == ["e1", "e3"]
    e1, e3 = result["events"]
    assert (e1["outcome"], e1["resolved"], e1["latency"], e1["accuracy"]) == (
        "answered",
        200,
        200,
        70,
    )
    assert (e3["outcome"], e3["arrived"], e3["resolved"], e3["latency"]) == (
        "expired",
        20,
        300,
        280,
    )
    assert e3["accuracy"] == 10
    assert all(e["speed"] is None and e["gated_speed"] is None for e in result["events"])
    # Accuracy = (70 + 10)/2 = 40; impact 50*45/50 = 45;
    # total = (0.45*40 + 0.30*45)/(0.45 + 0.30) = (18 + 13.5)/0.75 = 42.
    assert result["speed"] is None
    assert result["accuracy"] == approx(40)
    assert result["impact"] == approx(45)
    assert result["total"] == approx(42)

    # Without practice, e1 timed out at 60: answering it at 200 is refused.
    with pytest.raises(OracleError):
        oracle_run(doc, answers)


def _depth_first_scenario() -> Doc:
    return scenario(
        [
            decision("e1", [choice("a", accuracy=100, next=["u1", "u2"])], at=0),
            decision("d2", [choice("z")], deadline=50),
            decision("d3", [choice("z")], deadline=50),
            update("u1", effects={"warga": 10}, next=["d3", "u3"]),
            update("u3", effects={"warga": -10}),
            update("u2", effects={"warga": 10}, next="d2"),
        ],
        stakeholders=[{"id": "warga", "name": "W", "initial": 95}],
    )


def test_zero_delay_next_is_depth_first() -> None:
    """next [u1, u2] with u1 -> [d3, u3]: order u1, d3, u3, u2, d2 (depth first)."""
    result = oracle_run(_depth_first_scenario(), [{"at": 10, "event": "e1", "choice": "a"}])
    # Depth first: u1 95+10 -> 100 (clamped), d3, u3 -> 90, u2 -> 100, d2.
    # Breadth first would give u1 100, u2 100 (clamped), u3 90: final 90.
    assert result["meters"]["warga"] == 100
    assert [e["event"] for e in result["events"]] == ["e1", "d3", "d2"]
    assert [e["arrived"] for e in result["events"]] == [0, 10, 10]
    # d2 and d3 time out at 10 + 50 = 60.
    assert [e["resolved"] for e in result["events"]] == [10, 60, 60]
    # Speed = Accuracy = (100 + 0 + 0)/3; impact: b 95, M 100: 50 + 50*5/5 = 100.
    # total = (0.25 + 0.45) * 100/3 + 0.30*100 = 53.33...
    assert result["total"] == approx(0.7 * 100 / 3 + 30)


def test_zero_delay_arrival_can_be_answered_at_the_same_instant() -> None:
    answers = [
        {"at": 10, "event": "e1", "choice": "a"},
        {"at": 10, "event": "d3", "choice": "z"},
    ]
    result = oracle_run(_depth_first_scenario(), answers)
    d3 = ev(result, "d3")
    assert (d3["outcome"], d3["latency"], d3["speed"]) == ("answered", 0, 100)
    assert ev(result, "d2")["outcome"] == "timed_out"


def test_expiry_at_end() -> None:
    """An `end` expires pending decisions: drift up to the end, on_timeout set/add/effects,
    no next, no timed_out."""
    doc = scenario(
        [
            decision("e1", [choice("a", accuracy=80, end="tamat")], at=0),
            decision(
                "e2",
                [choice("x")],
                at=0,
                golden=5,
                drift={"warga": -1},
                on_timeout={
                    "accuracy": 25,
                    "effects": {"warga": -10},
                    "set": {"bocor": True},
                    "next": "e3",
                },
            ),
            update("e3", effects={"warga": 40}),
        ],
        flags=[{"id": "bocor", "type": "bool"}],
        endings=[
            {"id": "lain", "title": ".", "when": "timed_out(e2) or bocor", "text": "."},
            {"id": "tamat", "title": ".", "text": "."},
        ],
    )
    result = oracle_run(doc, [{"at": 40, "event": "e1", "choice": "a"}])
    # e2 drift tick at 0 + 5 + 30 = 35 <= 40: warga 49; expiry at 40: warga 39 (e3 never comes).
    assert result["ending"] == "tamat"  # named by `end`, even though `lain` would hold
    assert result["meters"]["warga"] == approx(39)
    e1, e2 = result["events"]
    assert (e2["event"], e2["outcome"], e2["choice"], e2["resolved"]) == ("e2", "expired", None, 40)
    assert (e2["speed"], e2["gated_speed"], e2["accuracy"], e2["critical"]) == (0, 0, 25, False)
    # e1: L = 40, G = 30, H = 30: S = 100 * 2**(-10/30) = 79.370...; A = 80: g = 1.
    speed = 100 * 2 ** (-10 / 30)
    assert e1["speed"] == approx(speed) and e1["gated_speed"] == approx(speed)
    # Speed = S/2; Accuracy = (80 + 25)/2 = 52.5; impact 50*39/50 = 39.
    assert result["speed"] == approx(speed / 2)
    assert result["accuracy"] == approx(52.5)
    assert result["total"] == approx(0.25 * speed / 2 + 0.45 * 52.5 + 0.30 * 39)
    # No answer is accepted after the end.
    with pytest.raises(OracleError):
        oracle_run(
            doc,
            [{"at": 40, "event": "e1", "choice": "a"}, {"at": 40, "event": "e2", "choice": "x"}],
        )


def test_rubric_accuracy_and_criterion_profile() -> None:
    """A = 100*sum(c_k r_k)/sum(c_k); profile weighted by event weight, 0.33 read as 0.33."""
    doc = scenario(
        [
            decision("e1", [choice("a", rubric={"k1": 1, "k2": 0.33})], at=0, weight=2),
            decision("e2", [choice("b", rubric={"k1": 0.67})], at=0),
        ],
        criteria=[
            {"id": "k1", "name": "K1", "weight": 3},
            {"id": "k2", "name": "K2"},
            {"id": "k3", "name": "K3"},
        ],
    )
    answers = [{"at": 0, "event": "e1", "choice": "a"}, {"at": 0, "event": "e2", "choice": "b"}]
    result = oracle_run(doc, answers)
    # e1: 100*(3*1 + 1*0.33)/(3+1) = 83.25; e2: 100*(3*0.67)/3 = 67.
    assert ev(result, "e1")["accuracy"] == approx(83.25)
    assert ev(result, "e2")["accuracy"] == approx(67)
    # Profile: k1 = 100*(2*1 + 1*0.67)/3 = 89; k2 = 100*(2*0.33)/2 = 33; k3 unrated: absent.
    assert result["criteria"] == {"k1": approx(89), "k2": approx(33)}
    # Accuracy = (2*83.25 + 67)/3 = 77.8333; gated: e1 100, e2 (67-40)/30*100 = 90.
    assert result["accuracy"] == approx((2 * 83.25 + 67) / 3)
    assert result["speed"] == approx((2 * 100 + 90) / 3)


def test_invalid_answers() -> None:
    doc = scenario(
        [
            decision("e1", [choice("a"), choice("b", when="warga > 60")], at=0),
            decision("e2", [choice("a", end="selesai")], at=20),
        ]
    )
    with pytest.raises(OracleError):  # e2 has not arrived yet
        oracle_run(doc, [{"at": 10, "event": "e2", "choice": "a"}])
    with pytest.raises(OracleError):  # choice's `when` does not hold (warga 50)
        oracle_run(doc, [{"at": 10, "event": "e1", "choice": "b"}])
    with pytest.raises(OracleError):  # unknown choice
        oracle_run(doc, [{"at": 10, "event": "e1", "choice": "zz"}])
    with pytest.raises(OracleError):  # time going backwards
        oracle_run(
            doc,
            [{"at": 30, "event": "e2", "choice": "a"}, {"at": 10, "event": "e1", "choice": "a"}],
        )
    with pytest.raises(OracleError):  # answered twice
        oracle_run(
            doc,
            [{"at": 1, "event": "e1", "choice": "a"}, {"at": 2, "event": "e1", "choice": "a"}],
        )
    with pytest.raises(OracleError):  # after the end
        oracle_run(
            doc,
            [{"at": 30, "event": "e2", "choice": "a"}, {"at": 31, "event": "e1", "choice": "a"}],
        )


def test_skipped_event_may_arrive_later_when_named() -> None:
    """`when` false at the scheduled time skips; a later `next` naming it lets it arrive."""
    doc = scenario(
        [
            update("u", at=0, when="siap", effects={"warga": 5}),
            decision("e1", [choice("a", set={"siap": True}, next="u")], at=0),
        ],
        flags=[{"id": "siap", "type": "bool"}],
    )
    result = oracle_run(doc, [{"at": 3, "event": "e1", "choice": "a"}])
    assert result["meters"]["warga"] == approx(55)  # u arrives at 3 (delay 0), not at 0


def test_int_flag_add_is_clamped() -> None:
    doc = scenario(
        [decision("e1", [choice("a", add={"n": 5})], at=0)],
        flags=[{"id": "n", "type": "int", "initial": 1, "max": 3}],
        endings=[
            {"id": "tiga", "title": ".", "when": "n == 3", "text": "."},
            {"id": "selesai", "title": ".", "text": "."},
        ],
    )
    assert oracle_run(doc, [{"at": 0, "event": "e1", "choice": "a"}])["ending"] == "tiga"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not 1 + 2 == 3 and false or true", True),  # ((not (3 == 3)) and false) or true
        ("not (1 + 2 == 3 and false)", True),
        ("10 - 3 - 2 == 5", True),  # left associative
        ("-3 + 5 == 2", True),  # unary minus binds tighter than +
        ("- (3 + 5) == 0 - 8", True),
        ("warga >= 50 and not visited(u)", False),  # u arrived
        ("chosen(e1.no) and not timed_out(e1)", True),
        ("timed_out(e1)", False),
        ("true == false != true", None),  # comparisons do not chain: syntax error
    ],
)
def test_expressions(text: str, expected: bool | None) -> None:
    if expected is None:
        with pytest.raises(ValueError):
            parse_expression(text)
        return
    doc = scenario(
        [update("u", at=0), decision("e1", [choice("no")], at=100)],
        endings=[
            {"id": "ya", "title": ".", "when": text, "text": "."},
            {"id": "tidak", "title": ".", "text": "."},
        ],
    )
    result = oracle_run(doc, [{"at": 100, "event": "e1", "choice": "no"}])
    assert result["ending"] == ("ya" if expected else "tidak")


def test_parse_shape() -> None:
    assert parse_expression("a < 1 or not b and c") == (
        "or",
        ("cmp", "<", ("name", "a"), ("num", 1)),
        ("and", ("not", ("name", "b")), ("name", "c")),
    )
