"""The XLSX export for the organiser: Ringkasan, Peringkat, Tim, Instansi, Keputusan.

Written with openpyxl in write-only mode (a workshop of thousands of runs stays quick). Every
text cell is stored as a string, never a formula, whatever it starts with: a trainee named
`=HYPERLINK(...)` stays that text (and carries Excel's quote prefix, so editing the cell does
not turn it into a formula either).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from scoring.exports.common import (
    DECISIONS,
    GROUP,
    RANKING,
    Column,
    Value,
    decision_rows,
    headers,
    summary_rows,
    values,
)
from scoring.scoreboard import Scoreboard, paused_gc
from simulasi.i18n import t

# Characters XML 1.0 cannot hold (openpyxl refuses them): dropped from text cells.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BOLD = Font(bold=True)


class _Sheet:
    """A write-only sheet with text cells forced to be text."""

    def __init__(self, book: Any, title: str, widths: Iterable[float]) -> None:
        self.ws = book.create_sheet(title=title)
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"

    def header(self, texts: list[str]) -> None:
        row = []
        for text in texts:
            cell = self._text(text)
            cell.font = _BOLD
            row.append(cell)
        self.ws.append(row)

    def row(self, cells: list[Value]) -> None:
        # An empty text is left out (no cell at all): thousands fewer cells to write.
        self.ws.append([(self._text(v) if v else None) if isinstance(v, str) else v for v in cells])

    def _text(self, value: str) -> Any:
        cell = Cell(self.ws, row=1, column=1)
        # Assigned directly: the value setter would make `=...` a formula and `#N/A` an error.
        cell._value = _ILLEGAL.sub("", value)
        cell.data_type = "s"
        if value[:1] in "=+-@\t\r":
            cell.quotePrefix = True
        return cell


def to_xlsx(board: Scoreboard, lang: str = "id", generated_at: str = "") -> bytes:
    """The workbook as bytes (the caller writes the file)."""
    with paused_gc():
        return _workbook(board, lang, generated_at)


def _workbook(board: Scoreboard, lang: str, generated_at: str) -> bytes:
    book = Workbook(write_only=True)

    summary = _Sheet(book, t("results.sheet.summary", lang), (34, 40))
    summary.header([t("results.col.item", lang), t("results.col.value", lang)])
    for label, value in summary_rows(board, lang, generated_at):
        summary.row([label, value])

    _table(book, t("results.sheet.ranking", lang), RANKING, board.ranking, lang)
    _table(book, t("results.sheet.teams", lang), GROUP, board.teams, lang)
    _table(book, t("results.sheet.agencies", lang), GROUP, board.agencies, lang)
    _table(book, t("results.sheet.decisions", lang), DECISIONS, decision_rows(board), lang)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(
    book: Any, title: str, columns: tuple[Column, ...], items: Iterable[object], lang: str
) -> None:
    sheet = _Sheet(book, title, (c.width for c in columns))
    sheet.header(headers(columns, lang))
    for item in items:
        sheet.row(values(columns, item, lang))
