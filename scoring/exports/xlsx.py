"""The XLSX export for the organiser: Ringkasan, Peringkat, Tim, Instansi, Keputusan.

Written with openpyxl in write-only mode (a workshop of thousands of runs stays quick). Every
text cell is stored as a string, never a formula, whatever it starts with: a trainee named
`=HYPERLINK(...)` stays that text (and carries Excel's quote prefix, so editing the cell does
not turn it into a formula either).

Each sheet prints: A4 landscape, every column on one page wide, the header row repeated on
every page, a page header with the workshop and the sheet's name, columns sized to their
content, long text wrapped, scores with two decimals, times as real date-times on the local
wall clock (WIB by default; the zone is in the header).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import PageSetupProperties

from scoring.exports.common import (
    DECISIONS,
    DEFAULT_ZONE,
    GROUP,
    RANKING,
    Column,
    Ctx,
    Value,
    clean,
    decision_rows,
    headers,
    shown_columns,
    summary_rows,
    values,
)
from scoring.scoreboard import Scoreboard, paused_gc
from simulasi.i18n import t

#: Excel keeps at most this many characters in a cell.
CELL_LIMIT = 32_767
NUMBER_FORMAT = "0.00"
TIME_FORMAT = "yyyy-mm-dd hh:mm"

# Characters XML 1.0 cannot hold (openpyxl refuses them): dropped from text cells.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_HEAD = Alignment(wrap_text=True, vertical="bottom")
#: Height of one line of 11 pt text, in points. Rows are given their height (lines of wrapped
#: text times this): LibreOffice does not recompute the height of a row on opening.
LINE_HEIGHT = 15.0
LINE_STEP = 14.0  # each further line


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` takes wrapped at word boundaries in a column `width` wide."""
    # `width` counts digit widths; an average letter is about a tenth narrower.
    room = max(1, int(width * 1.1) - 1)
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        while size > room:  # a word longer than the column is broken
            if used:
                lines += 1
            size -= room
            used = room
        if used == 0:
            used = size
        elif used + 1 + size <= room:
            used += 1 + size
        else:
            lines += 1
            used = size
    return lines


def cut(text: str, lang: str = "id") -> str:
    """`text` within Excel's cell limit: a longer one is cut and ends with a marker."""
    if len(text) <= CELL_LIMIT:
        return text
    marker = t("results.xlsx.cut", lang, n=len(text))
    return text[: CELL_LIMIT - len(marker)] + marker


class _Sheet:
    """A write-only sheet with text cells forced to be text, set up to print."""

    def __init__(
        self, book: Any, title: str, columns: Sequence[Column], widths: Sequence[float], ctx: Ctx
    ) -> None:
        self.ws = book.create_sheet(title=title)
        self.ctx = ctx
        self.kinds = [c.kind for c in columns]
        self.widths = list(widths)
        self.rows = 0
        self._styles: dict[str, Any] = {}
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"

    def print_setup(self, heading: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = "1:1"
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25
        # `&` starts a code in a page header: a literal one is `&&`.
        ws.oddHeader.left.text = heading.replace("&", "&&")
        ws.oddHeader.left.size = 10
        ws.oddHeader.right.text = "&A"
        ws.oddHeader.right.size = 10
        ws.oddFooter.right.text = "&A · &P / &N"
        ws.oddFooter.right.size = 9

    def _height(self, cells: Sequence[Value], wrap: Sequence[bool]) -> None:
        """Give the next row the height of its tallest wrapped cell."""
        self.rows += 1
        lines = max(
            (
                lines_needed(v, w)
                for v, w, on in zip(cells, self.widths, wrap, strict=True)
                if on and isinstance(v, str)
            ),
            default=1,
        )
        if lines > 1:
            self.ws.row_dimensions[self.rows] = RowDimension(
                self.ws,
                index=self.rows,
                ht=LINE_HEIGHT + LINE_STEP * (min(lines, 40) - 1),
                customHeight=True,
            )

    def header(self, texts: list[str]) -> None:
        self._height(texts, [True] * len(texts))
        self.ws.append([self._text(text, "head") for text in texts])

    def row(self, cells: list[Value]) -> None:
        self._height(cells, [k == "wrap" for k in self.kinds])
        out: list[Any] = []
        for value, kind in zip(cells, self.kinds, strict=True):
            if value is None or value == "":
                out.append(None)  # no cell at all: thousands fewer cells to write
            elif isinstance(value, str):
                out.append(self._text(value, "wrap" if kind == "wrap" else "top"))
            elif isinstance(value, datetime):
                # Typed Any: the stubs do not declare the private `_style` and `_value`.
                cell: Any = Cell(self.ws, row=1, column=1, value=value)
                cell._style = self._style("time")
                out.append(cell)
            else:
                cell = Cell(self.ws, row=1, column=1)
                cell._value = value
                cell.data_type = "n"
                cell._style = self._style(
                    "num" if isinstance(value, float) or kind == "num" else "top"
                )
                out.append(cell)
        self.ws.append(out)

    def _style(self, key: str) -> Any:
        """A copy of the style of `key` (made once per sheet: setting a cell's alignment or
        number format one by one costs more than writing the cell)."""
        proto = self._styles.get(key)
        if proto is None:
            cell: Any = Cell(self.ws, row=1, column=1)
            cell.alignment = {"wrap": _WRAP, "head": _HEAD}.get(key.split("+")[0], _TOP)
            if key.startswith("num"):
                cell.number_format = NUMBER_FORMAT
            elif key.startswith("time"):
                cell.number_format = TIME_FORMAT
            if key.startswith("head"):
                cell.font = _BOLD
            if key.endswith("+quote"):
                cell.quotePrefix = True
            proto = self._styles[key] = cell._style
        return copy(proto)

    def _text(self, value: str, style: str) -> Any:
        cell: Any = Cell(self.ws, row=1, column=1)
        text = cut(_ILLEGAL.sub("", value), self.ctx.lang)
        # Assigned directly: the value setter would make `=...` a formula and `#N/A` an error.
        cell._value = text
        cell.data_type = "s"
        if text.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@") or text[:1] in "\t\r\n":
            style += "+quote"
        cell._style = self._style(style)
        return cell


def to_xlsx(
    board: Scoreboard, lang: str = "id", generated_at: str = "", *, zone: str = DEFAULT_ZONE
) -> bytes:
    """The workbook as bytes (the caller writes the file)."""
    with paused_gc():
        return _workbook(board, Ctx(lang, zone), generated_at)


def _heading(board: Scoreboard, lang: str) -> str:
    """The print title: the workshop (or workshops) and the scenario when there is one."""
    workshop = ", ".join(clean(w) for w in board.workshops) or t("results.none_given", lang)
    title = f"{t('results.doc.scoreboard_title', lang)}: {workshop}"
    if len(board.scenarios) == 1:
        title += f" · {clean(board.scenarios[0])}"
    return title[:200]


def _workbook(board: Scoreboard, ctx: Ctx, generated_at: str) -> bytes:
    lang = ctx.lang
    book = Workbook(write_only=True)
    heading = _heading(board, lang)

    rows = summary_rows(board, ctx, generated_at)
    summary_cols = (
        Column("results.col.item", lambda r, _: r[0], "wrap", 34),
        Column("results.col.value", lambda r, _: r[1], "wrap", 70),
    )
    _table(book, t("results.sheet.summary", lang), summary_cols, rows, ctx, heading, fit=False)

    ranking, _ = shown_columns(RANKING, board.ranking, "sheet", ctx)
    _table(book, t("results.sheet.ranking", lang), ranking, board.ranking, ctx, heading)
    _table(book, t("results.sheet.teams", lang), GROUP, board.teams, ctx, heading)
    _table(book, t("results.sheet.agencies", lang), GROUP, board.agencies, ctx, heading)
    decisions = _decision_columns(board)
    _table(book, t("results.sheet.decisions", lang), decisions, decision_rows(board), ctx, heading)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _decision_columns(board: Scoreboard) -> tuple[Column, ...]:
    """The Keputusan columns: the scenario column only when there is more than one."""
    many = len(board.sections) > 1
    return tuple(c for c in DECISIONS if "sheet" in c.formats and (many or not c.drop_constant))


def _widths(
    columns: Sequence[Column], header: Sequence[str], rows: Sequence[Sequence[Value]]
) -> list[float]:
    """Each column as wide as its content needs (up to its own maximum; longer text wraps),
    and never narrower than its header (bold, on one line, with room to spare when the page
    is scaled to fit)."""
    out = []
    for i, column in enumerate(columns):
        word = int(len(header[i]) * 1.15) + 2
        if column.number:
            need = max((len(f"{r[i]:.2f}") for r in rows if isinstance(r[i], float)), default=4)
        elif column.kind == "time":
            need = 16
        else:
            need = max((len(str(r[i])) for r in rows if r[i] is not None), default=4)
        out.append(float(max(word + 2, min(column.width, need + 2))))
    return out


def _table(
    book: Any,
    title: str,
    columns: Sequence[Column],
    items: Iterable[object],
    ctx: Ctx,
    heading: str,
    *,
    fit: bool = True,
) -> None:
    head = headers(columns, ctx)
    # The widths look at the first few hundred rows: enough to size a workshop's columns
    # without holding a huge Keputusan sheet twice.
    rows: list[list[Value]] = []
    iterator = iter(items)
    for item in iterator:
        rows.append(values(columns, item, ctx))
        if len(rows) >= 500:
            break
    widths = _widths(columns, head, rows)
    if not fit:
        widths = [c.width for c in columns]
    sheet = _Sheet(book, title, columns, widths, ctx)
    sheet.print_setup(heading)
    sheet.header(head)
    for row in rows:
        sheet.row(row)
    for item in iterator:
        sheet.row(values(columns, item, ctx))
