"""Numbers people read have a decimal comma in Indonesian and a point in English: the terminal
scoreboard, the Markdown and HTML reports and debriefs. The files for programs (CSV standard,
JSON) keep the point."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from results_helpers import fill, scenario

from scoring.exports.debrief import debrief_data, debrief_markdown
from scoring.exports.html import debrief_html, scoreboard_html
from scoring.exports.tabular import to_csv, to_json, to_markdown
from scoring.scoreboard import Scoreboard, build_scoreboard
from simulasi.commands.scoreboard import render_table
from simulasi.i18n import decimal
from simulasi.store import Store
from simulasi.store.results import finished_entries

GENERATED = "2026-05-01T10:00:00+00:00"


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Scoreboard:
    with Store.open(tmp_path_factory.mktemp("decimal")) as store:
        fill(store, scenario(), 6, names=("Ani", "Budi", "Citra"))
        entries = finished_entries(store.stored_runs())
    return build_scoreboard(entries)


def test_decimal_examples() -> None:
    assert decimal(88.0, "id") == "88,0" and decimal(88.0, "en") == "88.0"
    assert decimal(7.456, "id", 2) == "7,46" and decimal(62.5, "id", None) == "62,5"
    assert decimal(60.0, "id", None) == "60" and decimal(None, "id") == "—"
    assert decimal(None, "en", none="-") == "-"


@given(st.floats(min_value=-1e6, max_value=1e6), st.integers(min_value=0, max_value=3))
def test_indonesian_is_english_with_a_comma(value: float, places: int) -> None:
    english = decimal(value, "en", places)
    assert decimal(value, "id", places) == english.replace(".", ",")
    assert "," not in english


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_terminal_scoreboard_and_reports_use_the_languages_separator(
    board: Scoreboard, lang: str
) -> None:
    """`simulasi scoreboard`'s table (one decimal), Markdown and HTML (two): the best total and
    the mean as the language writes them, never the other way."""
    best = board.ranking[0].card.total
    table = render_table(board, lang)
    assert f" {decimal(best, lang, 1)} " in table
    assert decimal(board.mean, lang, 1) in table
    other = re.compile(r"\d\.\d" if lang == "id" else r"\d,\d")
    assert not other.search(table), table
    markdown = to_markdown(board, lang, GENERATED)
    assert f"| {decimal(best, lang, 2)} |" in markdown
    assert not other.search(markdown), markdown
    html = scoreboard_html(board, lang, GENERATED)
    assert f">{decimal(best, lang, 2)}<" in html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_debrief_documents_use_the_languages_separator(board: Scoreboard, lang: str) -> None:
    run = board.ranking[0]
    data = debrief_data(scenario(), run.card, run.facts)
    total = decimal(run.card.total, lang, 2)
    markdown = debrief_markdown(data, lang)
    assert f"{total} ·" in markdown
    other = re.compile(r"\d\.\d" if lang == "id" else r"\d,\d")
    assert not other.search(markdown), markdown
    assert total in debrief_html(data, lang)


def test_files_for_programs_keep_the_point(board: Scoreboard) -> None:
    """CSV (the standard dialect) and JSON are read by programs: `54.0`, in Indonesian too."""
    best = board.ranking[0].card.total
    csv_text = to_csv(board, "id").decode("utf-8-sig")
    shown = str(round(best, 2))
    assert f",{shown}," in csv_text and f',"{shown.replace(".", ",")}",' not in csv_text
    data = json.loads(to_json(board, GENERATED))
    assert isinstance(data, dict)
