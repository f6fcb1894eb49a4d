"""CSV, JSON and Markdown exports of a scoreboard."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from datetime import datetime
from typing import Any

from scoring.exports.common import (
    DEFAULT_ZONE,
    GROUP,
    RANKING,
    Ctx,
    Value,
    clean,
    for_format,
    headers,
    neutral,
    shown_columns,
    summary_rows,
    time_text,
    values,
)
from scoring.scoreboard import Scoreboard
from simulasi.i18n import decimal, t

#: CSV dialects: `standard` is RFC 4180 (comma, decimal point), what programs and Excel in an
#: English locale read; `id` is what Excel in an Indonesian locale reads (semicolon, decimal comma).
CSV_DIALECTS = ("standard", "id")


def _csv_cell(value: Value, dialect: str) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",") if dialect == "id" else value
    return neutral(clean(value)) if isinstance(value, str) else value


def to_csv(
    board: Scoreboard, lang: str = "id", *, dialect: str = "standard", zone: str = DEFAULT_ZONE
) -> bytes:
    """The ranking as CSV, UTF-8 with a BOM for Excel, CRLF, quotes doubled.

    `standard`: RFC 4180, comma-separated with a decimal point. `id`: semicolon-separated with
    a decimal comma, as Excel reads it under an Indonesian locale. Control characters are
    removed and text that a spreadsheet would take for a formula gets a leading `'`. Every
    column is there, the ids too, whether or not it is the same in every row.
    """
    ctx = Ctx(lang, zone)
    columns = for_format(RANKING, "csv")
    out = io.StringIO(newline="")
    delimiter = ";" if dialect == "id" else ","
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers(columns, ctx))
    for run in board.ranking:
        writer.writerow([_csv_cell(v, dialect) for v in values(columns, run, ctx)])
    return out.getvalue().encode("utf-8-sig")


def to_json(board: Scoreboard, generated_at: str = "") -> str:
    """Everything, with the full ScoreCards and full floats (for other programs)."""
    data: dict[str, Any] = {
        "format": "simulasi-scoreboard/1",
        "generated_at": generated_at,
        "include_practice": board.include_practice,
        "summary": {
            "ranked": board.count,
            "passed": board.passed,
            "pass_rate": board.pass_rate,
            "mean": board.mean,
            "best": board.best,
            "practice_left_out": board.practice_left_out,
            "unscored": len(board.unscored),
            "workshops": list(board.workshops),
            "scenarios": list(board.scenarios),
        },
        "sections": [
            {
                "scenario": s.key,
                "title": s.title,
                "pass_mark": s.pass_mark,
                "ranked": s.count,
                "passed": s.passed,
                "mean": s.mean,
                "best": s.best,
            }
            for s in board.sections
        ],
        "ranking": [
            {
                "rank": r.rank,
                "scenario": r.scenario_key,
                "passed": r.passed,
                "run": asdict(r.facts),
                "card": r.card.model_dump(mode="json"),
            }
            for r in board.ranking
        ],
        "teams": [asdict(g) for g in board.teams],
        "agencies": [asdict(g) for g in board.agencies],
        "unscored": [{"run": asdict(e.facts), "problem": e.problem} for e in board.unscored],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# The characters that open inline Markdown (emphasis, code, links, images, HTML, table
# cells, strikethrough, email autolinks) are backslash-escaped wherever they are; `&`, `<`
# and `>` become entities. `(` and `)` need nothing once `[` and `]` are escaped.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~!@])")
# Bare URLs that GitHub-flavoured renderers turn into links: `http://`, `www.`.
_MD_BARE_URL = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*):(?=//)|\b(www)\.")
# What opens a block at the start of a line: a heading, list, quote, rule, table, numbered item.
_MD_BLOCK_START = re.compile(r"^([#+\-=>:]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """User or scenario text for Markdown: one line, control characters removed, and nothing
    in it can make a link, an image, emphasis, code, HTML, a heading or a list."""
    text = clean(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_BARE_URL.sub(lambda m: f"{m[1]}\\:" if m[1] else f"{m[2]}\\.", text)
    match = _MD_BLOCK_START.match(text)
    if match:
        if match[1][0].isdigit():  # "12." -> "12\.": the dot after the number
            end = match.end()
            text = text[:end] + "\\" + text[end:]
        elif not text.startswith("&"):
            text = "\\" + text
    return text


def md_cell(value: Value, lang: str = "en") -> str:
    """A value in Markdown: numbers with two decimals (a decimal comma in Indonesian), text
    escaped (`md_text`)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return decimal(value, lang, 2)
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, int):
        return str(value)
    return md_text(value) or "-"


def md_table(head: list[str], rows: list[list[Value]], lang: str) -> list[str]:
    lines = ["| " + " | ".join(md_text(h) for h in head) + " |"]
    lines.append("|" + "|".join("---" for _ in head) + "|")
    lines.extend("| " + " | ".join(md_cell(v, lang) for v in row) + " |" for row in rows)
    return lines


def to_markdown(
    board: Scoreboard, lang: str = "id", generated_at: str = "", *, zone: str = DEFAULT_ZONE
) -> str:
    """The summary, one ranking per scenario (with the red-line column and its legend) and the
    aggregates, ready to paste into a report."""
    ctx = Ctx(lang, zone)
    lines = [f"# {md_text(t('results.doc.scoreboard_title', lang))}", ""]
    for label, value in summary_rows(board, ctx, generated_at):
        lines.append(f"- **{md_text(label)}**: {md_cell(value, lang)}")
    lines += ["", f"## {md_text(t('results.sheet.ranking', lang))}", ""]
    if len(board.sections) > 1:
        lines += [md_text(t("results.doc.per_scenario", lang)), ""]
    for section in board.sections:
        columns, constant = shown_columns(RANKING, section.ranking, "doc", ctx)
        mark = decimal(section.pass_mark, lang, None)
        title = t("results.doc.section", lang, title=section.title, mark=mark)
        lines += [f"### {md_text(title)}", ""]
        for column, value in constant:
            lines.append(f"- {md_text(t(column.key, lang))}: {md_cell(value, lang)}")
        if constant:
            lines.append("")
        lines += md_table(
            headers(columns, ctx), [values(columns, r, ctx) for r in section.ranking], lang
        )
        if any(r.card.critical for r in section.ranking):
            lines += ["", md_text(t("results.doc.critical_legend", lang))]
        lines.append("")
    for title, groups in (
        ("results.sheet.teams", board.teams),
        ("results.sheet.agencies", board.agencies),
    ):
        lines += [f"## {md_text(t(title, lang))}", ""]
        lines += md_table(headers(GROUP, ctx), [values(GROUP, g, ctx) for g in groups], lang)
        lines.append("")
    if board.unscored:
        lines += [f"## {md_text(t('results.doc.unscored', lang))}", ""]
        for e in board.unscored:
            lines.append(
                f"- {md_cell(e.facts.trainee)} ({md_cell(e.facts.run_id)}): {md_cell(e.problem)}"
            )
    return "\n".join(lines).rstrip("\n") + "\n"
