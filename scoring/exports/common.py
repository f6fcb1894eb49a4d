"""What every export shares: the columns, their headers, rounding and formula safety."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from scoring.card import EventScore
from scoring.scoreboard import GroupStats, Ranked, Scoreboard
from simulasi.i18n import t

#: A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Value = str | int | float | None


def neutral(text: str) -> str:
    """Text a spreadsheet shows as text: a leading `'` before a formula-like start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def r2(value: float | None) -> float | None:
    """Rounded to 2 decimals for people (the computation itself is never rounded)."""
    return None if value is None else round(value, 2)


def yes_no(flag: bool, lang: str) -> str:
    return t("results.yes" if flag else "results.no", lang)


def group_name(name: str, lang: str) -> str:
    return name or t("results.none_given", lang)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its text key, how to get the value, and its width in a spreadsheet."""

    key: str
    width: float
    get: Callable[[Any, str], Value]
    number: bool = False


RANKING: tuple[Column, ...] = (
    Column("results.col.rank", 8, lambda r, _: r.rank, True),
    Column("results.col.trainee", 28, lambda r, _: r.facts.trainee),
    Column("results.col.team", 16, lambda r, _: r.facts.team),
    Column("results.col.agency", 28, lambda r, _: r.facts.agency),
    Column("results.col.workshop", 24, lambda r, _: r.facts.workshop),
    Column("results.col.scenario", 24, lambda r, _: r.facts.scenario_id),
    Column("results.col.total", 9, lambda r, _: r2(r.card.total), True),
    Column("results.col.speed", 11, lambda r, _: r2(r.card.speed), True),
    Column("results.col.accuracy", 11, lambda r, _: r2(r.card.accuracy), True),
    Column("results.col.impact", 9, lambda r, _: r2(r.card.impact), True),
    Column("results.col.band", 14, lambda r, _: r.card.band),
    Column("results.col.passed", 8, lambda r, lang: yes_no(r.card.passed, lang)),
    Column("results.col.critical", 12, lambda r, lang: yes_no(r.card.critical, lang)),
    Column("results.col.practice", 9, lambda r, lang: yes_no(r.card.practice, lang)),
    Column("results.col.ending", 18, lambda r, _: r.card.ending),
    Column("results.col.ended_at", 22, lambda r, _: r.facts.ended_at or ""),
    Column("results.col.run_id", 34, lambda r, _: r.facts.run_id),
)

GROUP: tuple[Column, ...] = (
    Column("results.col.group", 28, lambda g, lang: group_name(g.name, lang)),
    Column("results.col.count", 10, lambda g, _: g.count, True),
    Column("results.col.mean", 12, lambda g, _: r2(g.mean), True),
    Column("results.col.best", 12, lambda g, _: r2(g.best), True),
    Column("results.col.passed_count", 10, lambda g, _: g.passed, True),
)


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One decision of one ranked run (the Keputusan sheet)."""

    run: Ranked
    event: EventScore


DECISIONS: tuple[Column, ...] = (
    Column("results.col.rank", 8, lambda d, _: d.run.rank, True),
    Column("results.col.trainee", 28, lambda d, _: d.run.facts.trainee),
    Column("results.col.event", 22, lambda d, _: d.event.event),
    Column(
        "results.col.outcome", 14, lambda d, lang: t(f"results.outcome.{d.event.outcome}", lang)
    ),
    Column("results.col.choice", 20, lambda d, _: d.event.choice or ""),
    Column("results.col.arrived", 10, lambda d, _: r2(d.event.arrived), True),
    Column("results.col.latency", 10, lambda d, _: r2(d.event.latency), True),
    Column("results.col.speed", 11, lambda d, _: r2(d.event.gated_speed), True),
    Column("results.col.accuracy", 11, lambda d, _: r2(d.event.accuracy), True),
    Column("results.col.critical", 12, lambda d, lang: yes_no(d.event.critical, lang)),
    Column("results.col.run_id", 34, lambda d, _: d.run.facts.run_id),
)


def headers(columns: tuple[Column, ...], lang: str) -> list[str]:
    return [t(c.key, lang) for c in columns]


def values(columns: tuple[Column, ...], item: object, lang: str) -> list[Value]:
    return [c.get(item, lang) for c in columns]


def decision_rows(board: Scoreboard) -> Iterator[DecisionRow]:
    for run in board.ranking:
        for event in run.card.events:
            yield DecisionRow(run, event)


def summary_rows(board: Scoreboard, lang: str, generated_at: str) -> list[tuple[str, Value]]:
    """The Ringkasan: workshop, date, scenario, counts, mean, best, pass rate."""
    dates = sorted({r.facts.started_at[:10] for r in board.ranking if r.facts.started_at})
    date = dates[0] if len(dates) == 1 else (f"{dates[0]} – {dates[-1]}" if dates else "")
    rate = board.pass_rate
    return [
        (t("results.sum.workshop", lang), ", ".join(board.workshops)),
        (t("results.sum.date", lang), date),
        (t("results.sum.scenario", lang), ", ".join(board.scenarios)),
        (t("results.sum.ranked", lang), board.count),
        (t("results.sum.passed", lang), board.passed),
        (t("results.sum.pass_rate", lang), None if rate is None else r2(100 * rate)),
        (t("results.sum.mean", lang), r2(board.mean)),
        (t("results.sum.best", lang), r2(board.best)),
        (t("results.sum.practice_out", lang), board.practice_left_out),
        (t("results.sum.unscored", lang), len(board.unscored)),
        (t("results.sum.generated", lang), generated_at),
    ]


_UNSAFE_FILE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, default: str = "simulasi") -> str:
    """A file name made from user data: letters, digits, `.`, `_`, `-` only, no leading dot."""
    name = _UNSAFE_FILE.sub("_", text).strip("._-")[:80]
    return name or default


__all__ = [
    "DECISIONS",
    "FORMULA_START",
    "GROUP",
    "RANKING",
    "Column",
    "DecisionRow",
    "GroupStats",
    "decision_rows",
    "headers",
    "neutral",
    "r2",
    "safe_filename",
    "summary_rows",
    "values",
]
