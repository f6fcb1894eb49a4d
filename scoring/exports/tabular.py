"""CSV, JSON and Markdown exports of a scoreboard."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from scoring.exports.common import (
    GROUP,
    RANKING,
    Value,
    headers,
    neutral,
    summary_rows,
    values,
)
from scoring.scoreboard import Scoreboard
from simulasi.i18n import t


def _csv_cell(value: Value) -> str | int | float:
    if value is None:
        return ""
    return neutral(value) if isinstance(value, str) else value


def to_csv(board: Scoreboard, lang: str = "id") -> bytes:
    """The ranking as RFC 4180 CSV (CRLF, quotes doubled), UTF-8 with a BOM for Excel.

    Text that a spreadsheet would take for a formula gets a leading `'`.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers(RANKING, lang))
    for run in board.ranking:
        writer.writerow([_csv_cell(v) for v in values(RANKING, run, lang)])
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
        "ranking": [
            {"rank": r.rank, "run": asdict(r.facts), "card": r.card.model_dump(mode="json")}
            for r in board.ranking
        ],
        "teams": [asdict(g) for g in board.teams],
        "agencies": [asdict(g) for g in board.agencies],
        "unscored": [{"run": asdict(e.facts), "problem": e.problem} for e in board.unscored],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def md_cell(value: Value) -> str:
    """A table cell: no line breaks, `|` and HTML special characters escaped."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    text = " ".join(str(value).split())
    for raw, escaped in (("\\", "\\\\"), ("|", "\\|"), ("&", "&amp;"), ("<", "&lt;")):
        text = text.replace(raw, escaped)
    return text.replace(">", "&gt;")


def _md_table(head: list[str], rows: list[list[Value]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join("---" for _ in head) + "|")
    lines.extend("| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows)
    return lines


def to_markdown(board: Scoreboard, lang: str = "id", generated_at: str = "") -> str:
    """The summary, the ranking and the aggregates, ready to paste into a report."""
    lines = [f"# {t('results.doc.scoreboard_title', lang)}", ""]
    for label, value in summary_rows(board, lang, generated_at):
        lines.append(f"- **{md_cell(label)}**: {md_cell(value)}")
    short = RANKING[:12]
    lines += ["", f"## {t('results.sheet.ranking', lang)}", ""]
    lines += _md_table(headers(short, lang), [values(short, r, lang) for r in board.ranking])
    for title, groups in (
        ("results.sheet.teams", board.teams),
        ("results.sheet.agencies", board.agencies),
    ):
        lines += ["", f"## {t(title, lang)}", ""]
        lines += _md_table(headers(GROUP, lang), [values(GROUP, g, lang) for g in groups])
    if board.unscored:
        lines += ["", f"## {t('results.doc.unscored', lang)}", ""]
        for e in board.unscored:
            lines.append(
                f"- {md_cell(e.facts.trainee)} ({md_cell(e.facts.run_id)}): {md_cell(e.problem)}"
            )
    return "\n".join(lines) + "\n"
