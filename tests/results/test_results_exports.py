"""Exports: XLSX opened with openpyxl, CSV parsed back, JSON, Markdown, HTML escaping, xAPI.

The trainees carry hostile names (formula starts, `<script>`, quotes): no spreadsheet may
evaluate them and no HTML may contain them unescaped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from results_helpers import HOSTILE_NAMES, fill, scenario

from scoring import score_run
from scoring.exports.common import clean, neutral, safe_filename
from scoring.exports.debrief import debrief_data, debrief_markdown
from scoring.exports.html import debrief_html, scoreboard_html
from scoring.exports.tabular import md_text, to_csv, to_json, to_markdown
from scoring.exports.xapi import duration, to_xapi
from scoring.exports.xlsx import to_xlsx
from scoring.scoreboard import RunFacts, Scoreboard, build_scoreboard
from simulasi.i18n import t
from simulasi.store import Store
from simulasi.store.results import finished_entries


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Scoreboard:
    path = tmp_path_factory.mktemp("exports")
    with Store.open(path) as store:
        fill(store, scenario(), 14, names=HOSTILE_NAMES)
        entries = finished_entries(store.stored_runs())
    return build_scoreboard(entries)


def test_xlsx_has_the_five_sheets_headers_numbers_and_no_formula(board: Scoreboard) -> None:
    """Ringkasan, Peringkat, Tim, Instansi, Keputusan; Indonesian headers; frozen header row;
    numbers stored as numbers; every hostile name stored as text, never as a formula."""
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "id", "2026-05-01T10:00:00+00:00")))
    assert book.sheetnames == ["Ringkasan", "Peringkat", "Tim", "Instansi", "Keputusan"]
    ranking = book["Peringkat"]
    head = [c.value for c in ranking[1]]
    assert head[:4] == ["Peringkat", "Nama", "Tim", "Instansi"] and "Ketepatan" in head
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width > 5
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    names = {row[1].value for row in ranking.iter_rows(min_row=2)}
    assert names == set(HOSTILE_NAMES)
    total_col = head.index("Total")
    for row in ranking.iter_rows(min_row=2):
        assert row[0].data_type == "n" and isinstance(row[0].value, int)
        assert row[total_col].data_type == "n"
        total = row[total_col].value
        assert isinstance(total, int | float) and total == round(total, 2)
    assert ranking.max_row == board.count + 1
    decisions = book["Keputusan"]
    assert decisions.max_row == 1 + sum(len(r.card.events) for r in board.ranking)
    summary = {r[0].value: r[1].value for r in book["Ringkasan"].iter_rows(min_row=2)}
    assert summary["Jumlah run dinilai"] == board.count
    assert summary["Workshop"] == "Bimtek Bandung"


def test_csv_is_rfc4180_utf8_with_bom_and_neutralises_formulas(board: Scoreboard) -> None:
    """BOM, CRLF, parsed back with the csv module; formula-like text starts with a quote."""
    data = to_csv(board, "id")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:2] == ["Peringkat", "Nama"]
    assert len(rows) == board.count + 1
    names = [row[1] for row in rows[1:]]
    for name in names:
        assert not name.lstrip().startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    # Control characters (the tab) are removed; formula starts get a quote.
    assert set(names) == {neutral(clean(n)) for n in HOSTILE_NAMES}
    assert '\'=HYPERLINK("http://x","y")' in names
    assert float(rows[1][6]) == round(board.ranking[0].card.total, 2)


def test_json_keeps_the_full_cards_and_full_floats(board: Scoreboard) -> None:
    """`.json` carries every ScoreCard with unrounded floats."""
    data = json.loads(to_json(board, "now"))
    first = data["ranking"][0]
    assert first["card"]["total"] == board.ranking[0].card.total
    assert len(first["card"]["events"]) == len(board.ranking[0].card.events)
    assert data["summary"]["ranked"] == board.count


def test_html_and_markdown_contain_no_unescaped_user_text(board: Scoreboard) -> None:
    """`<script>` in a name stays text in the HTML report and the Markdown."""
    html = scoreboard_html(board, "id", "now")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<svg" in html and "<style>" in html and "http" not in html.split("<body>")[0][15:]
    assert not re.search(r"<(link|img|script)\b", html)
    md = to_markdown(board, "id")
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_debrief_documents_escape_and_explain(board: Scoreboard) -> None:
    """The debrief shows feedback and the best choice; user text is escaped in HTML."""
    sc = scenario()
    hostile = next(r for r in board.ranking if r.facts.trainee.startswith("<script>"))
    data = debrief_data(sc, hostile.card, hostile.facts)
    html = debrief_html(data, "id")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert any(d["feedback"] for d in data["decisions"])
    assert md_text(data["decisions"][0]["title"]) in debrief_markdown(data, "en")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_debrief_documents_mark_a_best_answer_that_was_not_on_offer(
    rsud_run: Any, lang: str
) -> None:
    """As in the game: the news the family agreed to was never on offer (the family was not
    met), so the documents mark it "not yet open" and name the best answer that was."""
    run = rsud_run("bantah_hoaks", meet_the_family=False)
    data = debrief_data(run.scenario, score_run(run), RunFacts("r1", trainee="Ani"))
    row = next(d for d in data["decisions"] if d["event"] == "kabar_pasien")
    assert row["best_choice"] == "kabar_izin" and row["best_closed"]
    assert row["best_open_choice"] == "hormati_privasi" and not row["is_best_open"]
    closed, best_open = t("results.doc.best_closed", lang), t("results.doc.best_open", lang)
    markdown = debrief_markdown(data, lang)
    assert markdown.index(md_text(best_open)) < markdown.index(md_text(closed))
    assert f"**{md_text(closed)}**: Sampaikan kabar singkat" in markdown
    html = debrief_html(data, lang)
    assert best_open in html and closed in html
    # Where it was on offer (the family met), it is simply the best answer.
    met = rsud_run("bantah_hoaks", meet_the_family=True)
    data = debrief_data(met.scenario, score_run(met), RunFacts("r2", trainee="Ani"))
    row = next(d for d in data["decisions"] if d["event"] == "kabar_pasien")
    assert not row["best_closed"] and row["best_open_choice"] is None
    assert md_text(closed) not in debrief_markdown(data, lang)


def test_xapi_statements_have_the_required_fields(board: Scoreboard) -> None:
    """One statement per run (passed/failed) and per decision (answered/timed out), each with
    id, actor, verb, object and a result with scaled/raw/min/max, and the run's registration."""
    statements = to_xapi(board)
    assert len(statements) == board.count + sum(len(r.card.events) for r in board.ranking)
    verbs = set()
    for s in statements:
        uuid.UUID(s["id"])
        assert s["actor"]["objectType"] == "Agent" and s["actor"]["account"]["name"]
        assert s["verb"]["id"].startswith("http") and s["verb"]["display"]
        assert s["object"]["objectType"] == "Activity"
        assert s["object"]["id"].startswith(("http", "urn:uuid:"))
        score = s["result"]["score"]
        assert score["min"] <= score["raw"] <= score["max"]
        assert -1 <= score["scaled"] <= 1
        assert re.fullmatch(r"P(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)", s["result"]["duration"])
        uuid.UUID(s["context"]["registration"])
        verbs.add(s["verb"]["id"].rsplit("/", 1)[-1])
    run_statements = [s for s in statements if "simulation" in s["object"]["definition"]["type"]]
    assert len(run_statements) == board.count
    assert all(isinstance(s["result"]["success"], bool) for s in run_statements)
    assert {"answered", "failed"} <= verbs
    assert duration(3725.5) == "PT1H2M5.5S" and duration(0) == "PT0S"


def test_file_names_from_user_data_are_sanitised() -> None:
    """No path separators, no leading dots, no shell specials from a trainee's name."""
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("Sari <Budi>") == "Sari_Budi"
    assert safe_filename("...") == "simulasi"
    assert "/" not in safe_filename("a/b\\c:d") and len(safe_filename("x" * 500)) <= 80


def test_exports_in_english_are_complete(board: Scoreboard, tmp_path: Path) -> None:
    """`--lang en` gives English sheet names and headers."""
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "en")))
    assert book.sheetnames == ["Summary", "Ranking", "Teams", "Agencies", "Decisions"]
    assert [c.value for c in book["Ranking"][1]][:2] == ["Rank", "Name"]
