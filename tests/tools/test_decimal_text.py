"""The facilitator tools' text for people has a decimal comma in Indonesian and a point in
English; their JSON keeps the point."""

from __future__ import annotations

import json
import re

import pytest
from tools_support import SHIPPED, load, purpose_built

from simulasi.tools.analysis import analyse
from simulasi.tools.explore import explore
from simulasi.tools.explore_text import render as explore_render
from simulasi.tools.explore_text import seconds_text
from simulasi.tools.personas import PERSONAS
from simulasi.tools.simulate import simulate
from simulasi.tools.simulate_calibrate import calibrate
from simulasi.tools.simulate_text import render as simulate_render
from simulasi.tools.simulate_text import render_calibration, to_json

#: A number with a decimal point / a decimal comma.
POINT = re.compile(r"\d\.\d")
COMMA = re.compile(r"\d,\d")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_simulate_text_has_the_languages_decimal_separator(lang: str) -> None:
    """Score lines, ending shares, the proposed pass mark: `49,6` in Indonesian, `49.6` in
    English; the JSON report keeps numbers."""
    sim = simulate(load(SHIPPED), PERSONAS["careful"], runs=20, seed=1)
    text = simulate_render(sim, 25.0, lang)
    ours, other = (COMMA, POINT) if lang == "id" else (POINT, COMMA)
    assert ours.search(text) and not other.search(text), text
    assert isinstance(json.loads(json.dumps(to_json(sim, 25.0))), dict)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_explore_text_has_the_languages_decimal_separator(lang: str) -> None:
    """Highest and lowest totals and times in the explorer's report."""
    report = analyse(explore(purpose_built("known-best")))
    text = explore_render(report, lang)
    ours, other = (COMMA, POINT) if lang == "id" else (POINT, COMMA)
    assert ours.search(text) and not other.search(text), text
    assert seconds_text(62.5, lang) == ("1m2,5s" if lang == "id" else "1m2.5s")


@pytest.mark.parametrize(
    ("lang", "size"),
    [("id", "76.553 keadaan, 343.299 langkah"), ("en", "76,553 states, 343,299 moves")],
)
def test_explore_counts_have_the_languages_thousands_separator(lang: str, size: str) -> None:
    """The number of states and moves, grouped by thousands as each language writes them."""
    report = analyse(explore(purpose_built("known-best")))
    report.states, report.transitions = 76_553, 343_299
    assert size in explore_render(report, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_calibration_text_has_the_languages_decimal_separator(lang: str) -> None:
    """Each persona's mean and pass rate, and the points careful loses (`simulate
    --calibrate`)."""
    text = render_calibration(calibrate(load(SHIPPED), runs=10, seed=1), lang)
    ours, other = (COMMA, POINT) if lang == "id" else (POINT, COMMA)
    assert ours.search(text) and not other.search(text), text
