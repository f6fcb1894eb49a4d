"""The organiser's report: page setup, print stylesheet, one ranking per scenario, names not
ids, red lines and practice runs in every format, Markdown escaping, CSV and xAPI rules.

The printed result itself (LibreOffice and Chromium) is checked by `scripts/check_reports.sh`;
these tests pin what the files say so that the print stays right.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from markdown_it import MarkdownIt
from results_helpers import fill, scenario

from scoring.exports.common import RANKING, clean, local_time, neutral
from scoring.exports.debrief import debrief_data, debrief_markdown
from scoring.exports.html import debrief_html, scoreboard_html
from scoring.exports.tabular import md_text, to_csv, to_markdown
from scoring.exports.xapi import ADL, check_base, to_xapi
from scoring.exports.xlsx import CELL_LIMIT, to_xlsx
from scoring.scoreboard import Entry, Scoreboard, build_scoreboard
from simulasi.cli import main
from simulasi.i18n import t
from simulasi.scenario import Scenario, load_scenario_or_raise
from simulasi.store import Store
from simulasi.store.results import finished_entries

SECOND_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "pasien-ditolak-rsud.yaml"
EVIL = "**Joko** [klik](http://evil.example) ![x](http://evil.example/a.png) _em_ `c` <b>b</b>"
GENERATED = "2026-05-01T03:25:01+00:00"


def second_scenario() -> Scenario:
    return load_scenario_or_raise(SECOND_FILE)


def _board(tmp: Path, names: tuple[str, ...] = (), **kw: Any) -> Scoreboard:
    with Store.open(tmp) as store:
        fill(store, scenario(), 6, names=names, **kw)
        fill(store, second_scenario(), 4, seed=11, names=names, **kw)
        return build_scoreboard(finished_entries(store.stored_runs()))


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Scoreboard:
    return _board(tmp_path_factory.mktemp("two"))


def test_each_scenario_is_ranked_on_its_own(board: Scoreboard) -> None:
    """Two scenarios, two pass marks: ranks start at 1 in each, in the ranking's order."""
    sections = board.sections
    assert [s.count for s in sorted(sections, key=lambda s: s.count)] == [4, 6]
    assert {s.pass_mark for s in sections} == {81.0, 83.0}
    for section in sections:
        assert [r.rank for r in section.ranking] == list(range(1, section.count + 1))
        assert {r.scenario_key for r in section.ranking} == {section.key}
    assert [r for s in sections for r in s.ranking] == list(board.ranking)


def test_every_format_ranks_per_scenario_and_says_so(board: Scoreboard) -> None:
    """The terminal table, Markdown, HTML and the XLSX all show the two rankings; the overall
    sheet says that the ranking is per scenario."""
    from simulasi.commands.scoreboard import render_table

    per = t("results.doc.per_scenario", "id")
    titles = [s.title for s in board.sections]
    table = render_table(board, "id")
    markdown = to_markdown(board, "id", GENERATED)
    html = scoreboard_html(board, "id", GENERATED)
    why = t("results.sum.per_scenario_why", "id")
    assert per in table and md_text(per) in markdown and why in html
    for title in titles:
        assert title in table and md_text(title) in markdown and title in html
    assert markdown.count("\n### ") == 2 and html.count('<section class="scenario">') == 2
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "id", GENERATED)))
    summary = [(r[0].value, r[1].value) for r in book["Ringkasan"].iter_rows(min_row=2)]
    assert (t("results.sum.per_scenario", "id"), t("results.sum.per_scenario_why", "id")) in (
        summary
    )
    assert sum(1 for label, _ in summary if label == "Skenario") == 2
    sheet = book["Peringkat"]
    head = [c.value for c in sheet[1]]
    ranks = [row[head.index("Peringkat")].value for row in sheet.iter_rows(min_row=2)]
    assert ranks == [r.rank for r in board.ranking] and ranks.count(1) == 2
    shown = [row[head.index("Skenario")].value for row in sheet.iter_rows(min_row=2)]
    assert set(shown) == set(titles)


def _text(value: object) -> str:
    """A cell read back that must hold text (openpyxl types a value as any cell content)."""
    assert isinstance(value, str), value
    return value


def test_xlsx_page_setup_prints_landscape_one_page_wide_with_titles(board: Scoreboard) -> None:
    """Read back with openpyxl: A4 landscape, fit to one page wide, header row repeated, page
    header with the workshop, wrapped long text, `0.00` scores, real local date-times."""
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "id", GENERATED)))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, sheet.title
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0
        page = sheet.sheet_properties.pageSetUpPr
        assert page is not None and page.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddHeader is not None
        assert "Bimtek Bandung" in _text(sheet.oddHeader.left.text)
        head = [_text(c.value) for c in sheet[1]]
        for i, text in enumerate(head, start=1):
            letter = openpyxl.utils.get_column_letter(i)
            word = max(len(w) for w in text.split())
            assert sheet.column_dimensions[letter].width >= word + 1, (sheet.title, text)
            assert sheet.cell(1, i).alignment.wrap_text
    ranking = book["Peringkat"]
    head = [_text(c.value) for c in ranking[1]]
    assert "Selesai (WIB)" in head and "Workshop" not in head  # one workshop: said above
    first = next(iter(ranking.iter_rows(min_row=2, max_row=2)))
    total = first[head.index("Total")]
    assert total.number_format == "0.00" and isinstance(total.value, int | float)
    ended = first[head.index("Selesai (WIB)")]
    run = board.ranking[0]
    assert run.facts.ended_at is not None
    assert isinstance(ended.value, datetime) and ended.number_format == "yyyy-mm-dd hh:mm"
    wall = local_time(run.facts.ended_at, "WIB")
    assert wall is not None and ended.value == wall.replace(microsecond=0)
    assert (ended.value - datetime.fromisoformat(run.facts.ended_at).replace(tzinfo=None)).seconds
    name = first[head.index("Nama")]
    assert name.alignment.wrap_text
    generated = dict((r[0].value, r[1].value) for r in book["Ringkasan"].iter_rows(min_row=2))
    assert generated["Dibuat (WIB)"] == datetime(2026, 5, 1, 10, 25, 1)


def test_xlsx_in_another_zone_says_so_in_the_header(board: Scoreboard) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "en", GENERATED, zone="WIT")))
    assert "Ended (WIT)" in [c.value for c in book["Ranking"][1]]


def test_xlsx_cuts_cells_over_excels_limit(tmp_path: Path) -> None:
    """A 40,000-character name is cut to Excel's 32,767 with a marker saying so."""
    board = _board(tmp_path, names=("A" * 40_000,))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "en")))
    cell = _text(book["Ranking"].cell(2, 2).value)
    assert len(cell) <= CELL_LIMIT and cell.endswith("[cut, originally 40000 characters]")
    assert cell.startswith("A" * 30_000)


def test_names_not_ids_where_a_person_reads(board: Scoreboard) -> None:
    """Ending titles, event titles and choice texts instead of ids (the ids stay as extra
    columns); stakeholder charts per scenario with the stakeholders' names."""
    sc = scenario()
    run = next(r for r in board.ranking if r.scenario_key == sc.id)
    ending = sc.endings[run.card.ending]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(board, "id")))
    sheet = book["Peringkat"]
    head = [c.value for c in sheet[1]]
    endings = {row[head.index("Akhir cerita")].value for row in sheet.iter_rows(min_row=2)}
    assert ending.title in endings
    decisions = book["Keputusan"]
    head = [c.value for c in decisions[1]]
    titles = {e.title for e in sc.doc.events} | {e.title for e in second_scenario().doc.events}
    texts = {c.text for c in sc.choices.values()} | {
        c.text for c in second_scenario().choices.values()
    }
    rows = list(decisions.iter_rows(min_row=2, values_only=True))
    assert {r[head.index("Peristiwa")] for r in rows} <= titles
    assert {r[head.index("Pilihan")] for r in rows} - {None} <= texts
    assert sc.events["vn_viral"].title in {r[head.index("Peristiwa")] for r in rows}
    html = scoreboard_html(board, "id")
    for stakeholder in sc.doc.stakeholders:
        assert f"<title>{stakeholder.name}: " in html
    other = second_scenario()
    assert html.count(t("results.doc.chart_stakeholders", "id")) >= 2
    assert all(f"<title>{s.name}: " in html for s in other.doc.stakeholders)
    markdown = to_markdown(board, "id")
    assert md_text(ending.title) in markdown and f"| {run.card.ending} |" not in markdown


def test_html_print_stylesheet_and_constant_columns_said_once(board: Scoreboard) -> None:
    """A4 landscape, the header row repeated on each page, no row split; the workshop (the
    same for every run) is said once above each table, not in every row."""
    html = scoreboard_html(board, "id", GENERATED)
    css = html[html.index("<style>") : html.index("</style>")]
    assert "@page{size:A4 landscape;margin:.8cm}" in css and "@media print{" in css
    assert "thead{display:table-header-group}" in css and "tr{break-inside:avoid}" in css
    assert "table.wide{width:100%}" in css and "overflow-wrap:break-word" in css
    tables = re.findall(r'<table class="wide">.*?</table>', html, re.S)
    assert len(tables) == 2
    for table in tables:
        assert "<th>Workshop</th>" not in table and "Bimtek Bandung" not in table
        assert "<th>Garis merah</th>" in table and "<th>Lulus</th>" in table
        assert "ID run" not in table
    assert html.count("<strong>Workshop:</strong> Bimtek Bandung") == 2


def _critical_board(board: Scoreboard) -> Scoreboard:
    entries = [
        Entry(r.facts, r.card.model_copy(update={"critical": i == 0}), labels=r.labels)
        for i, r in enumerate(board.ranking)
    ]
    return build_scoreboard(entries)


def test_red_lines_show_in_every_format(board: Scoreboard) -> None:
    """The Markdown and HTML rankings carry the red-line column and its legend; the terminal
    marks the run with `!` and explains it."""
    from simulasi.commands.scoreboard import render_table

    crit = _critical_board(board)
    markdown = to_markdown(crit, "id")
    assert "| Garis merah |" in markdown.replace("Garis merah", "Garis merah", 1)
    assert md_text(t("results.doc.critical_legend", "id")) in markdown
    assert "| Ya |" in markdown
    assert t("results.doc.critical_legend", "id") in scoreboard_html(crit, "id")
    assert t("results.sb.critical_legend", "id") in render_table(crit, "id")


def test_practice_runs_are_never_marked_passed(board: Scoreboard) -> None:
    """A practice run whose total would pass: "Latihan" in the ranking, not counted as
    passed, and its debrief says it is practice in every format."""
    run = board.ranking[0]
    card = run.card.model_copy(update={"practice": True, "passed": True, "speed": None})
    practice = build_scoreboard([Entry(run.facts, card, labels=run.labels)], include_practice=True)
    assert practice.passed == 0 and practice.teams[0].passed == 0
    rows = list(csv.reader(io.StringIO(to_csv(practice, "id").decode("utf-8-sig"))))
    assert rows[1][rows[0].index("Lulus")] == "Latihan"
    sc = scenario() if run.scenario_key == scenario().id else second_scenario()
    data = debrief_data(sc, card, run.facts)
    assert data["result"]["passed"] is False and data["result"]["practice"] is True
    note = t("results.doc.practice_note", "id")
    assert md_text(note) in debrief_markdown(data, "id")
    assert note in debrief_html(data, "id")
    assert t("results.doc.passed", "id") + "<" not in debrief_html(data, "id")
    assert json.loads(json.dumps(data))["result"]["passed"] is False


@pytest.mark.parametrize("lang", ["id", "en"])
def test_debriefs_put_the_result_first(board: Scoreboard, lang: str) -> None:
    """Name, total, band, verdict and the three sub-scores come before the decisions; a total
    the red-line cap lowered says so."""
    run = board.ranking[0]
    sc = scenario() if run.scenario_key == scenario().id else second_scenario()
    capped = run.card.model_copy(update={"critical": True, "total_capped": True, "total": 54.0})
    data = debrief_data(sc, capped, run.facts)
    sentence = t("results.doc.capped", lang, cap="54")
    decisions = t("results.doc.decisions", lang)
    markdown = debrief_markdown(data, lang)
    html = debrief_html(data, lang)
    for doc, esc in ((markdown, md_text), (html, lambda s: s)):
        first = doc.index(esc(decisions))
        for part in (
            esc(run.facts.trainee),
            "54,00" if lang == "id" else "54.00",
            esc(capped.band),
            esc(t("results.doc.failed", lang)),
            esc(t("results.col.speed", lang)),
            esc(t("results.col.accuracy", lang)),
            esc(t("results.col.impact", lang)),
            esc(sentence),
        ):
            assert doc.index(part) < first, (part, lang)


def _md_tokens(text: str) -> list[Any]:
    md = MarkdownIt("commonmark").enable("table")
    out: list[Any] = []
    for token in md.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


_MARKUP = {
    "link_open",
    "image",
    "em_open",
    "strong_open",
    "code_inline",
    "html_inline",
    "html_block",
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "fence",
    "code_block",
    "hr",
}


def _markup_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for token in _md_tokens(text):
        if token.type in _MARKUP:
            counts[token.type] = counts.get(token.type, 0) + 1
    return counts


def test_markdown_escapes_every_user_value(tmp_path: Path) -> None:
    """Rendered with markdown-it-py: a hostile name, team, agency and workshop add no link,
    image, emphasis, code, HTML, heading or list; the name reads as written; control
    characters are gone."""
    hostile = _board(
        tmp_path / "h",
        names=(EVIL, "# Judul", "- 1. > kutip", "a\x1b[31m\u202eb|c"),
        workshop="[W](http://evil.example) *x*",
    )
    plain = _board(tmp_path / "p", names=("Joko", "Judul", "kutip", "abc"), workshop="W x")
    render: Callable[[Scoreboard], str]
    for render in (
        lambda b: to_markdown(b, "id", GENERATED),
        lambda b: debrief_markdown(
            debrief_data(
                scenario() if b.ranking[0].scenario_key == scenario().id else second_scenario(),
                b.ranking[0].card,
                b.ranking[0].facts,
            ),
            "id",
        ),
    ):
        evil_md, plain_md = render(hostile), render(plain)
        assert _markup_counts(evil_md) == _markup_counts(plain_md)
        assert not any(t.type == "link_open" for t in _md_tokens(evil_md))
        assert "\x1b" not in evil_md and "\u202e" not in evil_md
    rendered = MarkdownIt("commonmark").enable("table").render(to_markdown(hostile, "id"))
    assert "**Joko** [klik](http://evil.example)" in rendered
    assert "<a " not in rendered and "<img" not in rendered and "<em>" not in rendered
    assert "<b>" not in rendered and "&lt;b&gt;b&lt;/b&gt;" in rendered
    # Table cells stay cells: the `|` in a name does not split one.
    md = to_markdown(hostile, "id")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "31m" in line]
    assert rows and all(line.count(" | ") == rows[0].count(" | ") for line in rows)


@pytest.mark.parametrize(
    "text",
    ["\n=1+2", " =1+2", "  @SUM(A1)", " -2", "\t+3", "\r\n-4", "=A1", "+1", "-2", "@x"],
)
def test_csv_and_neutral_defuse_hidden_formula_starts(text: str) -> None:
    """A formula behind spaces or a line break is neutralised too; control characters go."""
    assert neutral(text).startswith("'")
    cell = neutral(clean(text))
    assert cell.startswith("'") and not re.search(r"[\x00-\x1f]", cell)


def test_csv_dialects(board: Scoreboard) -> None:
    """`standard`: comma and decimal point; `id`: semicolon and decimal comma (Excel under an
    Indonesian locale); both UTF-8 with a BOM and every column, ids included."""
    standard = list(csv.reader(io.StringIO(to_csv(board, "id").decode("utf-8-sig"))))
    data = to_csv(board, "id", dialect="id").decode("utf-8-sig")
    local = list(csv.reader(io.StringIO(data), delimiter=";"))
    head = standard[0]
    assert local[0] == head and len(head) == len(RANKING)
    assert {"ID run", "ID skenario", "ID akhir cerita"} <= set(head)
    col = head.index("Total")
    for a, b in zip(standard[1:], local[1:], strict=True):
        assert b[col] == f"{float(a[col]):.2f}".replace(".", ",")
        assert "." not in b[col]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", standard[1][head.index("Selesai (WIB)")])


def test_xapi_statements_follow_the_rules(tmp_path: Path) -> None:
    """No `version`; ADL's verbs where one fits; our own IRIs under `--xapi-base` (default:
    `urn:uuid:` names); the actor is an account with the run id: two "Ani" are two actors."""
    board = _board(tmp_path, names=("Ani",))
    statements = to_xapi(board)
    assert all("version" not in s for s in statements)
    actors = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert len(actors) == board.count  # ten runs by "Ani": ten actors
    for s in statements:
        account = s["actor"]["account"]
        assert s["actor"]["name"] == "Ani" and "mbox" not in s["actor"]
        assert account["name"] in {r.facts.run_id for r in board.ranking}
        verb = s["verb"]["id"]
        assert verb in {ADL + v for v in ("answered", "completed", "passed", "failed")} or (
            verb.startswith("urn:uuid:")
        )
        assert s["object"]["id"].startswith("urn:uuid:")
        assert "invalid" not in json.dumps(s)
    base = "https://lms.example.go.id/simulasi"
    for s in to_xapi(board, base):
        assert s["object"]["id"].startswith(base + "/scenarios/")
        assert s["actor"]["account"]["homePage"] == base
        assert s["verb"]["id"].startswith((ADL, base + "/verbs/"))
        assert all(key.startswith(base + "/extensions/") for key in s["context"]["extensions"])
    timed_out = [s for s in to_xapi(board, base) if not s["verb"]["id"].startswith(ADL)]
    assert all(s["verb"]["id"] == base + "/verbs/timed-out" for s in timed_out)
    assert check_base(base + "/") == base
    for bad in ("simulasi", "ftp://x.id/a", "https://x.id/?q=1", "https://x.id/?", "https://"):
        assert check_base(bad) is None


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_debrief_of_a_merged_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`simulasi debrief RUN --merge BUNDLE...` finds the run in the bundles (an id prefix is
    enough), as the scoreboard merges them; an unknown id is one plain line, exit 2."""
    laptop = tmp_path / "laptop"
    with Store.open(laptop) as store:
        ids = fill(store, scenario(), 2, workshop="W")
    bundle = tmp_path / "laptop.json"
    assert _cli(capsys, "bundle", "-o", str(bundle), "--data", str(laptop))[0] == 0
    empty = tmp_path / "facilitator"
    out = tmp_path / "d.md"
    code, _, err = _cli(
        capsys,
        "debrief",
        ids[1][:10],
        "--merge",
        str(bundle),
        "--data",
        str(empty),
        "--export",
        str(out),
    )
    assert code == 0, err
    assert "Peserta 1" in out.read_text(encoding="utf-8")
    code, _, err = _cli(
        capsys,
        "debrief",
        "zzzz",
        "--merge",
        str(bundle),
        "--data",
        str(empty),
        "--export",
        str(out),
    )
    assert code == 2 and len(err.strip().splitlines()) == 1 and "zzzz" in err


def test_scoreboard_options_for_csv_and_xapi(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--csv-dialect id` writes semicolons; `--xapi-base` sets the base; a bad base is one
    plain line, exit 2."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        fill(store, scenario(), 3)
    out, xapi = tmp_path / "r.csv", tmp_path / "x.json"
    base = "https://lms.example.go.id/simulasi"
    code, _, err = _cli(
        capsys,
        "scoreboard",
        "--data",
        str(data),
        "--export",
        str(out),
        "--csv-dialect",
        "id",
        "--xapi",
        str(xapi),
        "--xapi-base",
        base,
    )
    assert code == 0, err
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].count(";") == len(RANKING) - 1
    assert json.loads(xapi.read_text(encoding="utf-8"))[0]["object"]["id"].startswith(base)
    code, _, err = _cli(
        capsys, "scoreboard", "--data", str(data), "--xapi", str(xapi), "--xapi-base", "x y"
    )
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    ["# Judul", "- butir", "+ butir", "* butir", "12. nomor", "3) nomor", "> kutip", "===", "---"],
)
def test_markdown_text_at_the_start_of_a_line_opens_no_block(text: str) -> None:
    """A feedback line of the debrief starts with the text itself: it stays a paragraph."""
    tokens = [tok.type for tok in _md_tokens(md_text(text))]
    assert tokens[0] == "paragraph_open" and not set(tokens) & _MARKUP, tokens
    rendered = MarkdownIt("commonmark").render(md_text(text))
    assert text.replace(">", "&gt;") in rendered


def test_markdown_leaves_bare_urls_and_emails_unlinkable() -> None:
    """GitHub-flavoured renderers link bare `http://`, `www.` and e-mail addresses: the text
    is broken up for them, and still reads the same once rendered."""
    text = md_text("lihat http://evil.example, www.evil.example atau a@evil.example")
    assert "http://" not in text and "www." not in text and "a@" not in text
    rendered = MarkdownIt("commonmark").render(text)
    assert "lihat http://evil.example, www.evil.example atau a@evil.example" in rendered


def test_the_debrief_prints_portrait(board: Scoreboard) -> None:
    """The report is landscape (a wide table); a debrief is read like a letter."""
    run = board.ranking[0]
    sc = scenario() if run.scenario_key == scenario().id else second_scenario()
    html = debrief_html(debrief_data(sc, run.card, run.facts), "id")
    css = html[html.index("<style>") : html.index("</style>")]
    assert css.rindex("@page{size:A4 portrait") > css.index("@page{size:A4 landscape")
