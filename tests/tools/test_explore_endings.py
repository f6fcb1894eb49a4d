"""The analysis groups the values of the meters only endings read into classes
(`simulasi.tools.explore_endings`): on generated scenarios whose endings compare such meters
with thresholds, it must find exactly what walking every path finds."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tools_support import SCENARIOS, brute_force, every_path, purpose_built

from simulasi.cli import main
from simulasi.scenario import Scenario, load_scenario
from simulasi.tools.analysis import analyse
from simulasi.tools.explore import explore
from simulasi.tools.explore_endings import EndingClasses, _preimage

METERS = ("warga", "media")
OPS = ("<", "<=", ">", ">=", "==", "!=")


@st.composite
def ending_meter_scenarios(draw: st.DrawFn) -> Scenario:
    """Two decisions changing two meters that only ending conditions read."""
    effects = st.dictionaries(st.sampled_from(METERS), st.integers(-40, 40), max_size=2)
    events: list[dict[str, Any]] = []
    for i in range(2):
        choices = [
            {
                "id": f"c{j}",
                "text": f"pilihan {j}",
                "accuracy": draw(st.integers(0, 100)),
                "effects": draw(effects),
                "feedback": "x",
            }
            for j in range(draw(st.integers(1, 2)))
        ]
        events.append(
            {
                "id": f"e{i}",
                "at": draw(st.integers(0, 120)),
                "title": f"Keputusan {i}",
                "deadline": draw(st.integers(30, 120)),
                "golden": 20,
                "choices": choices,
                "on_timeout": {"effects": draw(effects), "feedback": "diam"},
            }
        )

    def comparison() -> str:
        meter = draw(st.sampled_from(METERS))
        op = draw(st.sampled_from(OPS))
        value = draw(st.integers(0, 100))
        return f"{value} {op} {meter}" if draw(st.booleans()) else f"{meter} {op} {value}"

    endings: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        when = comparison()
        if draw(st.booleans()):
            when += f" {draw(st.sampled_from(('and', 'or')))} {comparison()}"
        if draw(st.booleans()):
            when += f" and {'not ' if draw(st.booleans()) else ''}timed_out(e0)"
        endings.append({"id": f"akhir{i}", "title": "x", "when": when, "text": "x"})
    endings.append({"id": "lain", "title": "x", "text": "x"})
    doc = {
        "format": "simulasi/1",
        "id": "meter-akhir",
        "title": "x",
        "summary": "x",
        "briefing": "x",
        "stakeholders": [{"id": m, "initial": draw(st.integers(0, 100))} for m in METERS],
        "events": events,
        "endings": endings,
    }
    loaded = load_scenario(yaml.safe_dump(doc, allow_unicode=True))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    return loaded.scenario


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ending_meter_scenarios())
def test_classes_of_ending_meters_lose_nothing(scenario: Scenario) -> None:
    """Every ending, and the fewest/most decisions and least/most time to it, as every path
    shows them; every path reported replays to the ending it claims."""
    truth = brute_force(scenario, limit=2_000)
    report = analyse(explore(scenario, max_states=100_000, max_seconds=math.inf))
    assert report.complete and report.problems == []
    assert {
        e.ending: (
            e.shortest.decisions,
            e.longest.decisions,
            e.quickest.end_time,
            e.slowest.end_time,
        )
        for e in report.endings
    } == truth["ranges"]
    assert report.highest is not None and report.lowest is not None
    assert report.highest.total == truth["highest"]
    assert report.lowest.total == truth["lowest"]
    # Why an ending is missed: where its condition holds, the endings chosen instead.
    instead: dict[str, set[str]] = {e: set() for e in report.unreached_endings}
    for run, _ in every_path(scenario, limit=2_000):
        for ending in report.unreached_endings:
            holds = scenario.ending_when.get(ending)
            if holds is not None and holds(run):
                instead[ending].add(run.ending or "")
    reasons = {r.ending: r for r in report.ending_reasons}
    assert set(reasons) == set(report.unreached_endings)
    for ending, chosen in instead.items():
        if scenario.endings[ending].when is None:
            assert reasons[ending].kind in ("end_not_taken", "fallback")
        elif chosen:
            assert (reasons[ending].kind, set(reasons[ending].by)) == ("shadowed", chosen)
        else:
            assert reasons[ending].kind == "never_holds"


@given(
    st.floats(0.0, 100.0),
    st.floats(-100.0, 100.0, allow_nan=False),
    st.floats(0.0, 100.0),
)
def test_a_cut_before_a_change_is_exact_in_floating_point(
    cut: float, delta: float, value: float
) -> None:
    """`clamp(value + delta) >= cut` exactly when `value` is at or above the preimage."""
    after = value + delta
    after = 0.0 if after < 0.0 else 100.0 if after > 100.0 else after
    at = _preimage(cut, delta) if cut > 0.0 else None
    if at is None:  # every value lands on the same side of the cut
        assert (after >= cut) == (0.0 + delta >= cut or cut <= 0.0)
    else:
        assert (after >= cut) == (value >= at)


def test_a_meter_compared_with_another_meter_keeps_exact_values() -> None:
    doc = {
        "format": "simulasi/1",
        "id": "x",
        "title": "x",
        "summary": "x",
        "briefing": "x",
        "stakeholders": [{"id": "warga", "initial": 50}, {"id": "media", "initial": 50}],
        "events": [
            {
                "id": "e0",
                "at": 0,
                "title": "x",
                "deadline": 60,
                "golden": 20,
                "choices": [
                    {
                        "id": "a",
                        "text": "a",
                        "accuracy": 50,
                        "effects": {"warga": 5, "media": -5},
                        "feedback": "x",
                    }
                ],
                "on_timeout": {"effects": {"warga": -5}, "feedback": "x"},
            }
        ],
        "endings": [
            {"id": "lebih", "title": "x", "when": "warga > media", "text": "x"},
            {"id": "lain", "title": "x", "text": "x"},
        ],
    }
    loaded = load_scenario(yaml.safe_dump(doc))
    assert loaded.scenario is not None
    assert EndingClasses.of(loaded.scenario, METERS).exact
    doc["endings"][0]["when"] = "warga > 50 and 40 >= media"  # type: ignore[index]
    loaded = load_scenario(yaml.safe_dump(doc))
    assert loaded.scenario is not None
    assert not EndingClasses.of(loaded.scenario, METERS).exact


def test_each_ending_never_reached_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    """ending-reasons.yaml: one ending whose condition never holds (with the range its meter
    ends in), one shadowed by an earlier ending, one only an `end:` that no run takes leads
    to, one fallback after the first."""
    report = analyse(explore(purpose_built("ending-reasons")))
    reasons = {r.ending: (r.kind, r.by, r.ranges) for r in report.ending_reasons}
    assert reasons == {
        "mustahil": ("never_holds", [], {"warga": (40.0, 60.0)}),
        "sangat_tinggi": ("shadowed", ["tinggi"], {}),
        "tutup": ("end_not_taken", [], {}),
        "cadangan": ("fallback", ["biasa"], {}),
    }
    path = str(SCENARIOS / "ending-reasons.yaml")
    assert main(["explore", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["unreached"]["ending_reasons"][0] == {
        "ending": "mustahil",
        "reason": "never_holds",
        "by": [],
        "meters": {"warga": {"lowest": 40.0, "highest": 60.0}},
    }
    for lang, words in (
        ("id", ("tidak pernah terpenuhi", "warga di akhir permainan 40–60", "'tinggi'")),
        ("en", ("holds at the end of no run", "warga at the end of a run 40–60", "tinggi")),
    ):
        assert main(["explore", path, "--lang", lang]) == 1
        out = capsys.readouterr().out
        assert all(word in out for word in words), out
