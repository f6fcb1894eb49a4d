"""What every export shares: the columns, their headers, local time, rounding, text safety."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from scoring.card import EventScore
from scoring.scoreboard import GroupStats, Ranked, Scoreboard
from simulasi.i18n import decimal, t

#: A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

#: Indonesia's three time zones (fixed offsets, no daylight saving) and UTC.
ZONES: dict[str, int] = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0}
DEFAULT_ZONE = "WIB"

Value = str | int | float | datetime | None

# C0 and C1 control characters, zero-width and bidirectional controls: never wanted in a
# report (they hide or reorder text). Tabs and line breaks become spaces first.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"[\t\n\r\v\f\u2028\u2029 ]+")


def clean(text: str) -> str:
    """User or scenario text on one line: whitespace runs become one space, control
    characters are removed."""
    return _CONTROL.sub("", _SPACE.sub(" ", text)).strip()


def neutral(text: str) -> str:
    """Text a spreadsheet shows as text: a leading `'` before a formula-like start, also when
    the formula hides behind leading spaces or a line break."""
    if text.startswith(FORMULA_START) or text.lstrip(" \t\r\n").startswith(FORMULA_START[:4]):
        return "'" + text
    return text


def r2(value: float | None) -> float | None:
    """Rounded to 2 decimals for people (the computation itself is never rounded)."""
    return None if value is None else round(value, 2)


def yes_no(flag: bool, lang: str) -> str:
    return t("results.yes" if flag else "results.no", lang)


def group_name(name: str, lang: str) -> str:
    return name or t("results.none_given", lang)


def local_time(iso: str | None, zone: str = DEFAULT_ZONE) -> datetime | None:
    """An ISO 8601 instant as a naive date-time on the wall clock of `zone` (None if absent
    or unreadable)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(timezone(timedelta(hours=ZONES[zone]))).replace(tzinfo=None)


def time_text(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class Ctx:
    """How values are shown: the language and the time zone of wall-clock times."""

    lang: str = "id"
    zone: str = DEFAULT_ZONE


def verdict(r: Ranked, lang: str) -> str:
    """Passed, not passed, or "practice" (a practice run is never marked passed)."""
    if r.card.practice:
        return t("results.practice", lang)
    return yes_no(r.passed, lang)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its text key, how to get the value, its kind and where it appears.

    kind: `text` (short), `wrap` (long text, wrapped in a spreadsheet), `int`, `num` (two
    decimals), `time` (a local date-time). `width` is the widest a spreadsheet makes it.
    `drop_constant`: left out of a printed table when every row has the same value (said
    once above it instead). `formats`: `csv`, `sheet` (XLSX) and `doc` (HTML, Markdown).
    """

    key: str
    get: Callable[[Any, Ctx], Value]
    kind: str = "text"
    width: float = 14
    drop_constant: bool = False
    formats: frozenset[str] = frozenset({"csv", "sheet", "doc"})

    @property
    def number(self) -> bool:
        return self.kind in ("int", "num")


_DATA = frozenset({"csv", "sheet"})  # ids: extra columns for programs, not for reading
_CSV = frozenset({"csv"})

RANKING: tuple[Column, ...] = (
    Column("results.col.rank", lambda r, _: r.rank, "int", 6),
    Column("results.col.trainee", lambda r, _: r.facts.trainee, "wrap", 24),
    Column("results.col.team", lambda r, _: r.facts.team, "wrap", 14),
    Column("results.col.agency", lambda r, _: r.facts.agency, "wrap", 24),
    Column("results.col.workshop", lambda r, _: r.facts.workshop, "wrap", 20, True),
    Column("results.col.scenario", lambda r, _: r.scenario_title, "wrap", 22, True),
    Column("results.col.total", lambda r, _: r2(r.card.total), "num", 8),
    Column("results.col.speed", lambda r, _: r2(r.card.speed), "num", 8),
    Column("results.col.accuracy", lambda r, _: r2(r.card.accuracy), "num", 8),
    Column("results.col.impact", lambda r, _: r2(r.card.impact), "num", 8),
    Column("results.col.band", lambda r, _: r.card.band, "wrap", 12),
    Column("results.col.passed", lambda r, c: verdict(r, c.lang), "text", 8),
    Column("results.col.critical", lambda r, c: yes_no(r.card.critical, c.lang), "text", 8),
    Column("results.col.practice", lambda r, c: yes_no(r.card.practice, c.lang), "text", 8, True),
    Column("results.col.ending", lambda r, _: r.ending_title, "wrap", 22),
    Column("results.col.ended_at", lambda r, c: local_time(r.facts.ended_at, c.zone), "time", 16),
    Column("results.col.scenario_id", lambda r, _: r.scenario_key, "text", 20, False, _CSV),
    Column("results.col.ending_id", lambda r, _: r.card.ending, "text", 16, False, _CSV),
    Column("results.col.run_id", lambda r, _: r.facts.run_id, "wrap", 17, False, _DATA),
)

GROUP: tuple[Column, ...] = (
    Column("results.col.group", lambda g, c: group_name(g.name, c.lang), "wrap", 30),
    Column("results.col.count", lambda g, _: g.count, "int", 10),
    Column("results.col.mean", lambda g, _: r2(g.mean), "num", 10),
    Column("results.col.best", lambda g, _: r2(g.best), "num", 10),
    Column("results.col.passed_count", lambda g, _: g.passed, "int", 8),
)


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One decision of one ranked run (the Keputusan sheet)."""

    run: Ranked
    event: EventScore


DECISIONS: tuple[Column, ...] = (
    Column("results.col.scenario", lambda d, _: d.run.scenario_title, "wrap", 20, True),
    Column("results.col.rank", lambda d, _: d.run.rank, "int", 6),
    Column("results.col.trainee", lambda d, _: d.run.facts.trainee, "wrap", 22),
    Column("results.col.event", lambda d, _: d.run.labels.event(d.event.event), "wrap", 30),
    Column(
        "results.col.outcome",
        lambda d, c: t(f"results.outcome.{d.event.outcome}", c.lang),
        "text",
        12,
    ),
    Column(
        "results.col.choice",
        lambda d, _: d.run.labels.choice(d.event.event, d.event.choice),
        "wrap",
        60,
    ),
    Column("results.col.arrived", lambda d, _: r2(d.event.arrived), "num", 9),
    Column("results.col.latency", lambda d, _: r2(d.event.latency), "num", 10),
    Column("results.col.speed", lambda d, _: r2(d.event.gated_speed), "num", 8),
    Column("results.col.accuracy", lambda d, _: r2(d.event.accuracy), "num", 8),
    Column("results.col.critical", lambda d, c: yes_no(d.event.critical, c.lang), "text", 8),
    Column("results.col.run_id", lambda d, _: d.run.facts.run_id, "wrap", 17, False, _DATA),
)


def for_format(columns: Sequence[Column], fmt: str) -> tuple[Column, ...]:
    return tuple(c for c in columns if fmt in c.formats)


def shown_columns(
    columns: Sequence[Column], items: Sequence[object], fmt: str, ctx: Ctx
) -> tuple[tuple[Column, ...], list[tuple[Column, Value]]]:
    """The columns of a printed table, and the constant ones left out (with their value).

    A `drop_constant` column whose value is the same in every row says nothing per row: it is
    said once above the table instead (the workshop label, the scenario, "practice: no").
    """
    kept: list[Column] = []
    constant: list[tuple[Column, Value]] = []
    for column in for_format(columns, fmt):
        if column.drop_constant and items:
            first = column.get(items[0], ctx)
            if all(column.get(item, ctx) == first for item in items[1:]):
                constant.append((column, first))
                continue
        kept.append(column)
    return tuple(kept), constant


def headers(columns: Sequence[Column], ctx: Ctx) -> list[str]:
    return [t(c.key, ctx.lang, zone=ctx.zone) for c in columns]


def values(columns: Sequence[Column], item: object, ctx: Ctx) -> list[Value]:
    return [c.get(item, ctx) for c in columns]


def decision_rows(board: Scoreboard) -> Iterator[DecisionRow]:
    for run in board.ranking:
        for event in run.card.events:
            yield DecisionRow(run, event)


def summary_rows(board: Scoreboard, ctx: Ctx, generated_at: str) -> list[tuple[str, Value]]:
    """The Ringkasan: workshop, date, scenarios (each ranked on its own, with its pass mark),
    counts, mean, best, pass rate."""
    lang = ctx.lang
    days = {local_time(r.facts.started_at, ctx.zone) for r in board.ranking}
    dates = sorted({d.strftime("%Y-%m-%d") for d in days if d is not None})
    date = dates[0] if len(dates) == 1 else (f"{dates[0]} – {dates[-1]}" if dates else "")
    rate = board.pass_rate
    rows: list[tuple[str, Value]] = [
        (t("results.sum.workshop", lang), ", ".join(board.workshops)),
        (t("results.sum.date", lang), date),
    ]
    sections = board.sections
    if len(sections) > 1:
        rows.append((t("results.sum.per_scenario", lang), t("results.sum.per_scenario_why", lang)))
    for s in sections:
        rows.append(
            (
                t("results.sum.scenario", lang),
                t(
                    "results.sum.scenario_line",
                    lang,
                    title=s.title,
                    mark=decimal(s.pass_mark, lang, None),
                    ranked=s.count,
                    passed=s.passed,
                ),
            )
        )
    rows += [
        (t("results.sum.ranked", lang), board.count),
        (t("results.sum.passed", lang), board.passed),
        (t("results.sum.pass_rate", lang), None if rate is None else r2(100 * rate)),
        (t("results.sum.mean", lang), r2(board.mean)),
        (t("results.sum.best", lang), r2(board.best)),
        (t("results.sum.practice_out", lang), board.practice_left_out),
        (t("results.sum.unscored", lang), len(board.unscored)),
        (t("results.sum.generated", lang, zone=ctx.zone), local_time(generated_at, ctx.zone)),
    ]
    return rows


_UNSAFE_FILE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, default: str = "simulasi") -> str:
    """A file name made from user data: letters, digits, `.`, `_`, `-` only, no leading dot."""
    name = _UNSAFE_FILE.sub("_", text).strip("._-")[:80]
    return name or default


__all__ = [
    "DECISIONS",
    "DEFAULT_ZONE",
    "FORMULA_START",
    "GROUP",
    "RANKING",
    "ZONES",
    "Column",
    "Ctx",
    "DecisionRow",
    "GroupStats",
    "clean",
    "decision_rows",
    "for_format",
    "headers",
    "local_time",
    "neutral",
    "r2",
    "safe_filename",
    "shown_columns",
    "summary_rows",
    "time_text",
    "values",
    "verdict",
]
