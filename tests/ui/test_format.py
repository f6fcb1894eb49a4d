"""The one module of numbers, bars and cut names every screen writes with."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from simulasi.ui.format import bar, cut, fit, gauge, number


def test_number_has_a_decimal_comma_in_indonesian_and_a_dash_when_absent() -> None:
    assert number(72.25, "id") == "72,2"
    assert number(72.25, "en") == "72.2"
    assert number(None, "id") == "—"


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=0, max_value=80))
def test_a_bar_is_always_its_width_and_clamped(value: float, width: int) -> None:
    drawn = bar(value, width)
    assert len(drawn) == width
    assert drawn == gauge(max(0.0, min(100.0, value)) / 100, width)
    if value <= 0:
        assert "█" not in drawn
    if value >= 100:
        assert "░" not in drawn


@given(st.text(max_size=40), st.integers(min_value=1, max_value=30))
def test_a_cut_name_fits_and_says_it_was_cut(text: str, width: int) -> None:
    shown = cut(text, width)
    assert len(shown) <= width
    assert shown == text or shown.endswith("…")
    assert len(fit(text, width)) == width


def test_the_scoreboard_screen_does_not_import_the_debrief_screen() -> None:
    """The number helpers live in their own module: no screen imports another for them."""
    code = (
        "import sys, simulasi.ui.screens.scoreboard_screen; "
        "print('simulasi.ui.screens.debrief_screen' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"
