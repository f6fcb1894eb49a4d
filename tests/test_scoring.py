"""docs/scoring.md: every formula at its boundaries, numbers worked by hand.

Each test plays a tiny purpose-built scenario, scores its decision log with
`scoring.score(scenario, log)` and compares against the arithmetic written in the comments.
Defaults used below: weights speed 0.25, accuracy 0.45, impact 0.30; speed floor F = 0.2;
ratings best 100, good 70, weak 35, harmful 0; critical cap 54; pass mark 70.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import scoring
from scoring import ScoreCard, ScoringError, gate, impact_credit
from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario

# ---------------------------------------------------------------------------- helpers


def make(
    events: list[dict[str, Any]],
    *,
    stakeholders: list[dict[str, Any]] | None = None,
    criteria: list[dict[str, Any]] | None = None,
    scoring_: dict[str, Any] | None = None,
) -> Scenario:
    """A loaded scenario around `events`; fails the test if the loader reports an error."""
    doc: dict[str, Any] = {
        "format": "simulasi/1",
        "id": "nilai",
        "title": "Nilai",
        "summary": "Skenario uji",
        "briefing": "Uji",
        "stakeholders": stakeholders or [{"id": "warga"}],
    }
    if criteria:
        doc["criteria"] = criteria
    if scoring_:
        doc["scoring"] = scoring_
    doc["events"] = events
    doc["endings"] = [{"id": "selesai", "title": "Selesai", "text": "x"}]
    loaded = load_scenario(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    return loaded.scenario


def decision(
    eid: str,
    choices: list[dict[str, Any]],
    *,
    at: float = 0,
    deadline: float = 100,
    golden: float = 20,
    half_life: float = 10,
    **extra: Any,
) -> dict[str, Any]:
    event: dict[str, Any] = {"id": eid, "at": at}
    event.update(extra)
    event.update(
        {"deadline": deadline, "golden": golden, "half_life": half_life, "choices": choices}
    )
    event.setdefault("on_timeout", {})
    return event


def choice(cid: str = "a", **rate: Any) -> dict[str, Any]:
    """A choice; rated `best` unless a rating, accuracy or rubric is given."""
    if not {"rating", "accuracy", "rubric"} & set(rate):
        rate["rating"] = "best"
    return {"id": cid, "text": cid.upper(), **rate}


def play(
    sc: Scenario, answers: list[tuple[float, str, str]], *, practice: bool = False
) -> ScoreCard:
    """Answer in order at the given times, let the run finish, then score its log."""
    run = Run(sc, practice=practice)
    run.start(0.0)
    last = 0.0
    for at, event, cid in answers:
        run.advance(at)
        run.choose(event, cid, at)
        last = at
    if not run.ended:
        run.finish(last)
    assert run.ended
    return scoring.score(sc, run.log)


def one(cid: str = "a", *, at: float = 0.0, **rate: Any) -> ScoreCard:
    """One decision (D 100, G 20, H 10) with one choice, answered at `at`."""
    sc = make([decision("d", [choice(cid, **rate)])])
    return play(sc, [(at, "d", cid)])


# ------------------------------------------------------------------------------ speed


@pytest.mark.parametrize(
    ("latency", "expected"),
    [
        (0.0, 100.0),  # L <= G
        (20.0, 100.0),  # L = G: still full credit
        (20.5, 100 * 2 ** (-0.5 / 10)),  # just above G: 100 * 2^-0.05 = 96.593...
        (30.0, 50.0),  # L = G + H: 100 * 2^-1
        (40.0, 25.0),  # L = G + 2H: 100 * 2^-2
        (43.2, 100 * 2 ** (-23.2 / 10)),  # 2^-2.32 = 0.2003 > F: still the curve
        (50.0, 20.0),  # 2^-3 = 0.125 < F = 0.2: the floor, 100 * 0.2
        (100.0, 20.0),  # L = D: 2^-8 < F: floor
    ],
)
def test_speed_of_an_answer(latency: float, expected: float) -> None:
    """S_e = 100 for L <= G; 100 * max(F, 2^(-(L-G)/H)) for G < L <= D (D 100, G 20, H 10)."""
    card = one(at=latency)
    event = card.events[0]
    assert event.latency == latency
    assert event.speed == pytest.approx(expected, rel=1e-12)
    # rating best: A = 100, g = 1, so S' = S and the weighted Speed of one event is S'
    assert event.gated_speed == pytest.approx(expected, rel=1e-12)
    assert card.speed == pytest.approx(expected, rel=1e-12)


def test_answer_at_a_fractional_deadline_scores_the_floor() -> None:
    """An answer accepted at its deadline has G < L <= D and scores at least F: d2 arrives at
    95.3 (named by d1's answer) with D 100, deadline 195.3, answered at 195.3:
    S = 100 * max(0.2, 2^(-(100-20)/10)) = 20 (the float r - p may exceed D by an ulp; the
    answer is still an answer before the deadline, never the 0 of a timeout)."""
    d2 = decision("d2", [choice()])
    del d2["at"]  # arrives only when named
    sc = make([decision("d1", [choice(next="d2")], deadline=200), d2])
    card = play(sc, [(95.3, "d1", "a"), (195.3, "d2", "a")])
    event = card.events[1]
    assert (event.outcome, event.resolved) == ("answered", 195.3)
    assert event.speed == pytest.approx(20.0, rel=1e-12)
    assert event.gated_speed == pytest.approx(20.0, rel=1e-12)


def test_speed_floor_is_a_scenario_setting() -> None:
    """F comes from scoring.speed_floor: with F = 0.5, L = G + 2H gives max(0.5, 0.25) = 50."""
    sc = make([decision("d", [choice()])], scoring_={"speed_floor": 0.5})
    card = play(sc, [(40.0, "d", "a")])
    assert card.events[0].speed == 50.0


def test_timeout_scores_zero_speed_and_on_timeout_accuracy() -> None:
    """A timed-out decision: S_e = 0 and A_e = on_timeout.accuracy (here 45; default 0)."""
    sc = make(
        [
            decision("d", [choice()], on_timeout={"accuracy": 45}),
            decision("e", [choice()]),
        ]
    )
    card = play(sc, [])
    by = {e.event: e for e in card.events}
    assert (by["d"].outcome, by["d"].speed, by["d"].gated_speed) == ("timed_out", 0.0, 0.0)
    assert by["d"].accuracy == 45.0 and by["e"].accuracy == 0.0
    assert by["d"].choice is None and by["d"].critical is False
    assert (by["d"].resolved, by["d"].latency) == (100.0, 100.0)
    # Accuracy = (1*45 + 1*0) / 2 = 22.5; Speed = 0
    assert card.accuracy == 22.5 and card.speed == 0.0


# --------------------------------------------------------------------------- accuracy


@pytest.mark.parametrize(
    ("rating", "expected"),
    [("best", 100.0), ("good", 70.0), ("weak", 35.0), ("harmful", 0.0)],
)
def test_accuracy_by_default_rating(rating: str, expected: float) -> None:
    """A_e = scoring.ratings[rating] with the default ratings."""
    assert one(rating=rating).events[0].accuracy == expected


@pytest.mark.parametrize(
    ("rating", "expected"),
    [("best", 95.0), ("good", 70.0), ("weak", 50.0), ("harmful", 0.0)],
)
def test_accuracy_by_overridden_rating_merges_per_key(rating: str, expected: float) -> None:
    """scoring.ratings overrides only the keys it gives: best 95, weak 50, the rest default."""
    sc = make(
        [decision("d", [choice(rating=rating)])],
        scoring_={"ratings": {"best": 95, "weak": 50}},
    )
    assert play(sc, [(0.0, "d", "a")]).events[0].accuracy == expected


def test_accuracy_by_explicit_value() -> None:
    """A_e = the choice's `accuracy` as written."""
    assert one(accuracy=62.5).events[0].accuracy == 62.5


_CRITERIA: list[dict[str, Any]] = [
    {"id": "verifikasi", "name": "V", "weight": 3},
    {"id": "kewenangan", "name": "K", "weight": 2},
    {"id": "sasaran", "name": "S"},  # weight defaults to 1
]


@pytest.mark.parametrize(
    ("rubric", "expected"),
    [
        # 100 * (3*1 + 2*0.67 + 1*0.33) / (3+2+1) = 100 * 4.67 / 6 = 77.8333...
        # (with thirds instead of 0.33/0.67 it would be 100 * 4.6667 / 6 = 77.78: not that)
        ({"verifikasi": 1, "kewenangan": 0.67, "sasaran": 0.33}, 100 * 4.67 / 6),
        # 100 * (3*0.33 + 2*0.67) / (3+2) = 100 * 2.33 / 5 = 46.6; sasaran is left out
        ({"verifikasi": 0.33, "kewenangan": 0.67}, 46.6),
        # a 0 rating counts in the average: 100 * (3*0 + 1*1) / (3+1) = 25
        ({"verifikasi": 0, "sasaran": 1}, 25.0),
        # one criterion: its value exactly as written, 100 * 0.33 = 33
        ({"kewenangan": 0.33}, 33.0),
    ],
)
def test_accuracy_by_rubric(rubric: dict[str, float], expected: float) -> None:
    """A_e = 100 * sum(c_k * r_k) / sum(c_k) over the rated criteria, r_k as written."""
    sc = make([decision("d", [choice(rubric=rubric)])], criteria=_CRITERIA)
    card = play(sc, [(0.0, "d", "a")])
    assert card.events[0].accuracy == pytest.approx(expected, rel=1e-12)
    assert card.accuracy == pytest.approx(expected, rel=1e-12)


def test_accuracy_is_weighted_by_event_weight() -> None:
    """Accuracy = sum(w_e * A_e) / sum(w_e): (3*100 + 1*35) / 4 = 83.75."""
    sc = make(
        [
            decision("d1", [choice(rating="best")], weight=3),
            decision("d2", [choice(rating="weak")]),
        ]
    )
    card = play(sc, [(0.0, "d1", "a"), (0.0, "d2", "a")])
    assert card.accuracy == 83.75
    # both at L = 0: S = 100; gates: g(100) = 1, g(35) = 0 -> Speed = (3*100 + 0) / 4 = 75
    assert card.speed == 75.0


# -------------------------------------------------------------------------- the gate


@pytest.mark.parametrize(
    ("accuracy", "g"),
    [
        (0.0, 0.0),
        (39.99, 0.0),  # A < 40
        (40.0, 0.0),  # (40 - 40) / 30
        (55.0, 0.5),  # (55 - 40) / 30
        (69.99, 29.99 / 30),
        (70.0, 1.0),  # A >= 70
        (100.0, 1.0),
    ],
)
def test_accuracy_gate(accuracy: float, g: float) -> None:
    """S'_e = S_e * g(A_e); g = 0 below 40, (A - 40)/30 from 40 to 70, 1 from 70."""
    assert gate(accuracy) == pytest.approx(g, rel=1e-12, abs=0)
    event = one(accuracy=accuracy).events[0]
    assert event.speed == 100.0
    assert event.gated_speed == pytest.approx(100 * g, rel=1e-12, abs=0)


def test_gate_uses_the_late_speed() -> None:
    """S' = S * g: an answer at L = G + H (S = 50) with A = 55 (g = 0.5) gets S' = 25."""
    event = one(accuracy=55, at=30.0).events[0]
    assert (event.speed, event.gated_speed) == (50.0, 25.0)


# ---------------------------------------------------------------------------- critical


def _critical_scenario(**scoring_: Any) -> Scenario:
    return make(
        [
            # answered at 0 with t = 1: warga 50 + 50 = 100
            decision("baik", [choice(effects={"warga": 50})], weight=10),
            decision(
                "merah",
                [choice("garis", rating="best", critical=True), choice("aman")],
            ),
        ],
        scoring_=scoring_ or None,
    )


def test_critical_caps_accuracy_and_total() -> None:
    """A critical choice caps A_e at 20 and the total at critical_cap (54); passed is false.

    Uncapped: Speed = (10*100 + 1*100*g(20)=0) / 11 = 90.909...; Accuracy = (10*100 + 1*20)/11
    = 92.727...; Impact: warga 50 -> 100: g = 50 + 50*50/50 = 100. Total = 0.25*90.909 +
    0.45*92.727 + 0.30*100 = 22.727 + 41.727 + 30 = 94.45 > 54 -> 54.
    """
    card = play(_critical_scenario(), [(0.0, "baik", "a"), (0.0, "merah", "garis")])
    merah = card.events[1]
    assert merah.critical is True and merah.accuracy == 20.0 and merah.gated_speed == 0.0
    assert card.speed == pytest.approx(1000 / 11, rel=1e-12)
    assert card.accuracy == pytest.approx(1020 / 11, rel=1e-12)
    assert card.impact == 100.0
    assert card.total == 54.0
    assert card.passed is False and card.critical is True and card.total_capped is True
    assert card.band == "Kurang"  # bands 85, 70, 55, 0: 54 < 55, so the band with min 0


def test_critical_cap_is_a_scenario_setting_and_blocks_passing() -> None:
    """critical_cap 60 caps at 60; with pass_mark 50 the capped total is above the mark but a
    run with a red line never passes."""
    sc = _critical_scenario(critical_cap=60, pass_mark=50)
    card = play(sc, [(0.0, "baik", "a"), (0.0, "merah", "garis")])
    assert card.total == 60.0
    assert card.passed is False


def test_critical_below_the_cap_keeps_its_total() -> None:
    """The cap only lowers: a critical choice with A = 0 stays 0, and a total under the cap
    is kept (still not passed).

    One decision, harmful & critical: A = min(0, 20) = 0, S' = 100 * g(0) = 0, impact 50:
    Total = 0.30 * 50 = 15.
    """
    card = one(rating="harmful", critical=True)
    assert card.events[0].accuracy == 0.0
    assert card.total == pytest.approx(15.0, rel=1e-12)
    assert card.passed is False and card.total_capped is False


def test_a_non_critical_run_is_not_capped() -> None:
    """Without the red line the same run keeps its total: choice `aman` (best) at 0.

    Speed = Accuracy = 100; Impact 100 -> Total 100, passed, band Sangat Baik.
    """
    card = play(_critical_scenario(), [(0.0, "baik", "a"), (0.0, "merah", "aman")])
    assert card.total == pytest.approx(100.0, rel=1e-12)
    assert card.passed is True and card.band == "Sangat Baik"


# ----------------------------------------------------------------------------- impact


@pytest.mark.parametrize(
    ("b", "m", "g"),
    [
        (100, 100, 50.0),  # b = 100: 50
        (60, 60, 50.0),  # M = b: 50 + 0
        (60, 80, 75.0),  # 50 + 50 * 20 / 40
        (60, 100, 100.0),  # all the room gained
        (60, 30, 25.0),  # 50 * 30 / 60
        (60, 0, 0.0),  # all lost
        (100, 80, 40.0),  # 50 * 80 / 100
        (0, 0, 50.0),  # b = 0, M = b: 50 + 50 * 0 / 100
        (0, 40, 70.0),  # 50 + 50 * 40 / 100
    ],
)
def test_impact_credit(b: float, m: float, g: float) -> None:
    """g = 50 + 50 (M - b) / (100 - b) if M >= b (50 when b = 100), else 50 M / b; with one
    stakeholder I = g (and no decision: Speed = Accuracy = 0, Total = 0.30 * I)."""
    assert impact_credit(b, m) == pytest.approx(g, rel=1e-12)
    sc = make(
        [{"id": "u", "at": 0, "effects": {"warga": m - b}} if m != b else {"id": "u", "at": 0}],
        stakeholders=[{"id": "warga", "initial": b}],
    )
    card = play(sc, [])
    assert card.meters == {"warga": float(m)}
    assert card.impact == pytest.approx(g, rel=1e-12)
    assert card.stakeholder_credit == {"warga": pytest.approx(g, rel=1e-12)}
    assert card.total == pytest.approx(0.30 * g, rel=1e-12)


def test_impact_weights_by_effective_weight() -> None:
    """I = sum(v g) / sum(v), v = weight, else power * interest.

    warga: v = 2*2 = 4, 60 -> 80, g = 75; media: weight 1, 60 -> 30, g = 25;
    dprd: explicit weight 5 (not power*interest = 9, not key), 50 -> 50, g = 50.
    I = (4*75 + 1*25 + 5*50) / (4 + 1 + 5) = (300 + 25 + 250) / 10 = 57.5.
    """
    sc = make(
        [{"id": "u", "at": 0, "effects": {"warga": 20, "media": -30}}],
        stakeholders=[
            {"id": "warga", "initial": 60, "power": 2, "interest": 2},
            {"id": "media", "initial": 60, "weight": 1},
            {"id": "dprd", "power": 3, "interest": 3, "weight": 5},
        ],
    )
    assert play(sc, []).impact == 57.5


def _key_case(key_holder: dict[str, Any], final: float) -> ScoreCard:
    # Big: weight 100, 50 -> 100, g = 100. Holder: 50 -> final, g = 50 * final / 50 = final.
    return play(
        make(
            [{"id": "u", "at": 0, "effects": {"besar": 50, "pemegang": final - 50}}],
            stakeholders=[{"id": "besar", "weight": 100}, {"id": "pemegang", **key_holder}],
        ),
        [],
    )


@pytest.mark.parametrize(
    ("holder", "final", "capped"),
    [
        ({"power": 3, "interest": 2}, 20, True),  # v = 6: key by default
        ({"weight": 6}, 20, True),  # explicit weight 6: key by default
        ({"weight": 5.9}, 20, False),  # 5.9 < 6: not key
        ({"weight": 1, "key": True}, 20, True),  # key: true
        ({"power": 3, "interest": 3, "key": False}, 20, False),  # key: false wins over v = 9
        ({"power": 3, "interest": 2}, 25, False),  # 25 is not below 25
        ({"power": 3, "interest": 2}, 24.5, True),
    ],
)
def test_key_stakeholder_below_25_caps_impact_at_40(
    holder: dict[str, Any], final: float, capped: bool
) -> None:
    """If a key stakeholder's final meter is below 25, I = min(I, 40). Uncapped here:
    I = (100*100 + v*final) / (100 + v), always above 40."""
    card = _key_case(holder, final)
    v = holder.get("weight", holder.get("power", 1) * holder.get("interest", 1))
    uncapped = (100 * 100 + v * final) / (100 + v)
    assert card.impact == pytest.approx(40.0 if capped else uncapped, rel=1e-12)
    assert card.impact_capped is capped


# ----------------------------------------------------------------- weights and totals


_BEST_AT_0 = [decision("d", [choice()])]  # S = 100, A = 100, I = 50 (nothing moves)


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        # defaults: 0.25*100 + 0.45*100 + 0.30*50 = 85
        (None, 85.0),
        # impact 0.6, the rest default: (25 + 45 + 30) / 1.3 = 76.923...
        ({"impact": 0.6}, 100 / 1.3),
        # speed 0: (0*100 + 0.45*100 + 0.30*50) / 0.75 = 60 / 0.75 = 80
        ({"speed": 0}, 80.0),
        # not normalised by the author: 1, 1, 2 -> (100 + 100 + 2*50) / 4 = 75
        ({"speed": 1, "accuracy": 1, "impact": 2}, 75.0),
    ],
)
def test_total_weights_merge_per_key(weights: dict[str, float] | None, total: float) -> None:
    """Total = (Ws S + Wa A + Wi I) / (Ws + Wa + Wi); scoring.weights overrides only the keys
    it gives."""
    sc = make(_BEST_AT_0, scoring_={"weights": weights} if weights else None)
    card = play(sc, [(0.0, "d", "a")])
    assert (card.speed, card.accuracy, card.impact) == (100.0, 100.0, 50.0)
    assert card.total == pytest.approx(total, rel=1e-12)


@pytest.mark.parametrize(
    ("bands", "label"),
    [
        # replaced whole: total 85 is "Lulus", never the default "Sangat Baik"
        ([{"min": 50, "label": "Lulus"}, {"min": 0, "label": "Tidak"}], "Lulus"),
        # the first listed band whose min <= total, even if a later one fits better
        (
            [
                {"min": 60, "label": "Pertama"},
                {"min": 80, "label": "Kedua"},
                {"min": 0, "label": "Akhir"},
            ],
            "Pertama",
        ),
        ([{"min": 90, "label": "Tinggi"}, {"min": 0, "label": "Lain"}], "Lain"),
    ],
)
def test_bands_replace_whole_and_first_match_wins(bands: list[dict[str, Any]], label: str) -> None:
    """`bands` replaces the default list whole; the band is the first, in the order listed,
    whose min <= Total (here Total = 85)."""
    sc = make(_BEST_AT_0, scoring_={"bands": bands})
    card = play(sc, [(0.0, "d", "a")])
    assert card.total == 85.0
    assert card.band == label


@pytest.mark.parametrize(
    ("total", "band"),
    [(85.0, "Sangat Baik"), (84.9, "Baik"), (70.0, "Baik"), (55.0, "Cukup"), (54.9, "Kurang")],
)
def test_default_band_boundaries(total: float, band: str) -> None:
    """Default bands 85/70/55/0: a total exactly on a bound gets that band.

    With weights {speed 0, accuracy 0, impact 1} and one stakeholder starting at 50,
    Total = I = g = 50 + 50 (M - 50) / 50 = M, so the meter sets the total."""
    card = _impact_only(total)
    assert card.total == pytest.approx(total, rel=1e-12)
    assert card.band == band


def _impact_only(meter: float) -> ScoreCard:
    sc = make(
        [{"id": "u", "at": 0, "effects": {"warga": meter - 50}}],
        scoring_={"weights": {"speed": 0, "accuracy": 0, "impact": 1}},
    )
    return play(sc, [])


def test_passed_uses_the_unrounded_total() -> None:
    """A total of 69.999999 does not pass a pass_mark of 70 and is band Cukup, though it shows
    as 70.00 rounded; exactly 70 passes and is Baik."""
    card = _impact_only(69.999999)
    assert card.total < 70 and round(card.total, 2) == 70.0
    assert card.passed is False and card.band == "Cukup"
    card = _impact_only(70.0)
    assert card.total == 70.0 and card.passed is True and card.band == "Baik"


def test_pass_mark_is_a_scenario_setting() -> None:
    """passed = Total >= pass_mark: 85 passes a mark of 85, fails a mark of 85.5."""
    for mark, passed in ((85, True), (85.5, False)):
        sc = make(_BEST_AT_0, scoring_={"pass_mark": mark})
        card = play(sc, [(0.0, "d", "a")])
        assert card.passed is passed and card.pass_mark == mark


# ------------------------------------------------------------------ criterion profile


def test_criterion_profile_weighted_by_event_weight() -> None:
    """Profile k = 100 * sum(w_e r_k) / sum(w_e) over the answered decisions whose choice
    rates k; a rating of 0 counts, the critical cap does not apply, timeouts do not count,
    unrated criteria are absent, and the order is the declared one.

    d1 (w 2): {verifikasi 1, kewenangan 0}; d2 (w 1, critical): {verifikasi 0.33};
    d3 (w 5): timed out.
    verifikasi = 100 * (2*1 + 1*0.33) / 3 = 77.666...; kewenangan = 100 * (2*0) / 2 = 0.
    """
    sc = make(
        [
            decision("d1", [choice(rubric={"verifikasi": 1, "kewenangan": 0})], weight=2),
            decision("d2", [choice(rubric={"verifikasi": 0.33}, critical=True)]),
            decision("d3", [choice(rubric={"sasaran": 1})], weight=5),
        ],
        criteria=_CRITERIA,
    )
    card = play(sc, [(0.0, "d2", "a"), (0.0, "d1", "a")])
    assert list(card.criteria) == ["verifikasi", "kewenangan"]
    assert card.criteria["verifikasi"] == pytest.approx(100 * 2.33 / 3, rel=1e-12)
    assert card.criteria["kewenangan"] == 0.0
    # d2's A_e is capped (100 * 0.33 = 33 > 20 -> 20) but the profile used 0.33 as written
    assert card.events[1].accuracy == 20.0


# ---------------------------------------------------------------------- practice mode


def test_practice_mode_leaves_speed_out() -> None:
    """Practice: S_e, S'_e and Speed are null, timeliness is 1, and
    Total = (Wa A + Wi I) / (Wa + Wi).

    Answered at 90 (far past golden 20 and deadline 100 would not matter): effects +10 in
    full, warga 50 -> 60: g = 50 + 50*10/50 = 60; A = 70 (good).
    Total = (0.45*70 + 0.30*60) / 0.75 = (31.5 + 18) / 0.75 = 66.
    """
    sc = make([decision("d", [choice(rating="good", effects={"warga": 10})])])
    card = play(sc, [(90.0, "d", "a")], practice=True)
    assert card.practice is True
    assert card.speed is None
    assert (card.events[0].speed, card.events[0].gated_speed) == (None, None)
    assert card.meters == {"warga": 60.0}
    assert card.total == pytest.approx(66.0, rel=1e-12)


def test_practice_expired_decision_scores_on_timeout_accuracy() -> None:
    """Practice: a decision still pending at the finish expires: A_e = on_timeout.accuracy,
    speeds null. Accuracy = (100 + 30) / 2 = 65; I = 50;
    Total = (0.45*65 + 0.30*50) / 0.75 = (29.25 + 15) / 0.75 = 59."""
    sc = make(
        [
            decision("d1", [choice()]),
            decision("d2", [choice()], at=5, on_timeout={"accuracy": 30}),
        ]
    )
    card = play(sc, [(10.0, "d1", "a")], practice=True)
    d2 = card.events[1]
    assert (d2.outcome, d2.speed, d2.gated_speed, d2.accuracy) == ("expired", None, None, 30.0)
    assert (d2.resolved, d2.latency) == (10.0, 5.0)
    assert card.total == pytest.approx(59.0, rel=1e-12)


# ------------------------------------------------------------------ nothing to score


def test_no_decision_arrived_gives_zero_speed_and_accuracy() -> None:
    """Speed and Accuracy are 0 when no decision arrived; events is empty.

    warga 50 -> 70: I = 50 + 50*20/50 = 70; Total = 0.30 * 70 = 21."""
    sc = make([{"id": "u", "at": 0, "effects": {"warga": 20}}])
    card = play(sc, [])
    assert card.events == ()
    assert (card.speed, card.accuracy, card.impact) == (0.0, 0.0, 70.0)
    assert card.total == pytest.approx(21.0, rel=1e-12)


def test_score_refuses_an_unfinished_run() -> None:
    """Scoring needs a finished run: a log that stops mid-run is a ScoringError."""
    sc = make(_BEST_AT_0)
    run = Run(sc)
    run.start(0)
    with pytest.raises(ScoringError):
        scoring.score(sc, run.log)


# --------------------------------------------------------------------- headless JSON


def test_headless_json_fields_and_order() -> None:
    """ScoreCard.headless_json has exactly the fields of docs/scoring.md, in order, events too."""
    sc = make(
        [decision("d1", [choice()]), decision("d2", [choice()], at=1)],
        stakeholders=[{"id": "warga"}, {"id": "media"}],
        criteria=_CRITERIA,
    )
    data = play(sc, [(2.0, "d1", "a")]).headless_json()
    assert list(data) == [
        "scenario",
        "ending",
        "practice",
        "passed",
        "band",
        "total",
        "speed",
        "accuracy",
        "impact",
        "meters",
        "criteria",
        "events",
    ]
    assert data["scenario"] == "nilai" and data["ending"] == "selesai"
    assert list(data["meters"]) == ["warga", "media"]
    assert data["criteria"] == {}
    assert [list(e) for e in data["events"]] == [
        [
            "event",
            "outcome",
            "choice",
            "arrived",
            "resolved",
            "latency",
            "speed",
            "gated_speed",
            "accuracy",
            "critical",
        ]
    ] * 2
    assert [(e["event"], e["outcome"], e["choice"]) for e in data["events"]] == [
        ("d1", "answered", "a"),
        ("d2", "timed_out", None),
    ]


def test_scores_never_leave_0_to_100_through_rounding() -> None:
    """`100 * x / x` rounds to 100.00000000000001 for x = 1 + 4.394295799133002 (a rubric of
    all 1 with criterion weights 1 and 4.394...): the accuracy and profile stay at 100."""
    text = """\
format: simulasi/1
id: bulat
title: t
summary: s
briefing: b
criteria:
  - {id: k1}
  - {id: k2, weight: 4.394295799133002}
stakeholders:
  - {id: warga}
events:
  - id: e1
    at: 0
    deadline: 5
    choices:
      - {id: c, text: x, rubric: {k1: 1, k2: 1}, feedback: f}
    on_timeout: {feedback: f}
endings:
  - {id: selesai}
"""
    assert 100 * (1.0 + 4.394295799133002) / (1.0 + 4.394295799133002) > 100  # the trap
    scenario = load_scenario(text).scenario
    assert scenario is not None
    run = Run(scenario)
    run.start(0.0)
    run.choose("e1", "c", 1.0)
    card = scoring.score(scenario, run.log)
    assert card.events[0].accuracy == 100.0
    assert card.criteria == {"k1": 100.0, "k2": 100.0}
    assert card.accuracy == 100.0
