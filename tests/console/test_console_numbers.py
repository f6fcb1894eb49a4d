"""Numbers a person reads in the console and on the meters: a decimal comma in Indonesian, a
point in English."""

from __future__ import annotations

from simulasi.console.app import total_text
from simulasi.ui.widgets.meters import change_label


def test_a_total_on_the_roster_and_the_projector_follows_the_language() -> None:
    assert total_text(88.04, "id") == "88,0"
    assert total_text(88.04, "en") == "88.0"
    assert total_text(None, "id") == "-"


def test_a_meters_change_follows_the_language() -> None:
    assert change_label(0.5, "id") == "▲0,5"
    assert change_label(-0.5, "en") == "▼0.5"
    assert change_label(3.0, "id") == "▲3"
    assert change_label(0.01, "id") == ""
