"""`simulasi scoreboard`: rank a workshop's runs, show the aggregates, export the results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import decimal, t

if TYPE_CHECKING:
    from scoring.scoreboard import Ranked, Scoreboard
    from simulasi.store import StoredRun

ORDER = 60
EXPORTS = (".xlsx", ".csv", ".json", ".html", ".md")


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "scoreboard",
        parents=parents,
        help=t("results.cli.scoreboard", lang),
        description=t("results.cli.scoreboard", lang),
    )
    parser.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    parser.add_argument("--workshop", metavar="W", help=t("results.opt.workshop", lang))
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        default=[],
        metavar="FILE",
        help=t("results.sb.merge", lang),
    )
    parser.add_argument(
        "--include-practice", action="store_true", help=t("results.sb.practice", lang)
    )
    parser.add_argument(
        "--export",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help=t("results.sb.export", lang),
    )
    parser.add_argument("--xapi", type=Path, metavar="FILE", help=t("results.sb.xapi", lang))
    parser.add_argument("--xapi-base", metavar="IRI", help=t("results.sb.xapi_base", lang))
    parser.add_argument(
        "--csv-dialect",
        choices=("standard", "id"),
        default="standard",
        help=t("results.sb.csv_dialect", lang),
    )
    add_zone(parser, lang)
    parser.set_defaults(handler=run)


def add_zone(parser: argparse.ArgumentParser, lang: str) -> None:
    """`--tz`: the wall clock of the times in the documents (WIB by default)."""
    parser.add_argument(
        "--tz", choices=("WIB", "WITA", "WIT", "UTC"), default="WIB", help=t("results.opt.tz", lang)
    )


def collect(
    data: str | None, workshop: str | None, merge: list[Path], lang: str = "id"
) -> list[StoredRun]:
    """The runs of the local store (if there is one) and of every bundle, each run once.

    A run id found in two sources with different content is left out, with a warning on
    stderr naming both sources."""
    from simulasi.store.bundle import merge_sources, read_bundle
    from simulasi.store.files import plain
    from simulasi.store.opener import has_store, open_store

    groups: list[tuple[str, list[StoredRun]]] = []
    if has_store(data):
        # Only read: works on a read-only medium (a USB stick handed in), changes nothing.
        with open_store(data, read_only=True) as store:
            groups.append((store.location, list(store.stored_runs(workshop=workshop))))
    for path in merge:
        runs = read_bundle(path)
        if workshop is not None:
            runs = [r for r in runs if r.info.workshop == workshop]
        groups.append((str(path), runs))
    runs, conflicts = merge_sources(groups)
    for c in conflicts:
        print(
            t(
                "results.sb.conflict",
                lang,
                run=c.run_id[:12],
                first=plain(c.first),
                second=plain(c.second),
            ),
            file=sys.stderr,
        )
    return runs


def run(args: argparse.Namespace, lang: str) -> int:
    """Rank, print, and export."""
    from scoring.scoreboard import build_scoreboard
    from simulasi.store import StoreError
    from simulasi.store.results import finished_entries
    from simulasi.store.sql import now_iso

    for path in args.export:
        if path.suffix.lower() not in EXPORTS:
            raise UsageError(t("results.sb.bad_ext", lang, path=path))
    base = None
    if args.xapi_base is not None:
        from scoring.exports.xapi import check_base

        base = check_base(args.xapi_base)
        if base is None:
            raise UsageError(t("results.sb.bad_xapi_base", lang, iri=args.xapi_base))
    try:
        runs = collect(args.data, args.workshop, args.merge, lang)
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    board = build_scoreboard(finished_entries(runs, lang), include_practice=args.include_practice)
    print(render_table(board, lang))
    generated = now_iso()
    for path in args.export:
        data = export_bytes(
            board, path.suffix.lower(), lang, generated, zone=args.tz, dialect=args.csv_dialect
        )
        _write(path, data, lang)
        print(t("results.sb.exported", lang, path=path), file=sys.stderr)
    if args.xapi is not None:
        from scoring.exports.xapi import to_xapi_json

        _write(args.xapi, to_xapi_json(board, base).encode("utf-8"), lang)
        print(t("results.sb.exported", lang, path=args.xapi), file=sys.stderr)
    return EXIT_OK


def export_bytes(
    board: Scoreboard,
    suffix: str,
    lang: str,
    generated: str,
    *,
    zone: str = "WIB",
    dialect: str = "standard",
) -> bytes:
    if suffix == ".xlsx":
        from scoring.exports.xlsx import to_xlsx

        return to_xlsx(board, lang, generated, zone=zone)
    if suffix == ".html":
        from scoring.exports.html import scoreboard_html

        return scoreboard_html(board, lang, generated, zone=zone).encode("utf-8")
    from scoring.exports.tabular import to_csv, to_json, to_markdown

    if suffix == ".csv":
        return to_csv(board, lang, dialect=dialect, zone=zone)
    if suffix == ".json":
        return to_json(board, generated).encode("utf-8")
    return to_markdown(board, lang, generated, zone=zone).encode("utf-8")


def _write(path: Path, data: bytes, lang: str) -> None:
    from simulasi.store.files import write_atomic, write_reason

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UsageError(
            t("results.err.write", lang, path=path, reason=write_reason(exc, lang))
        ) from None


def _num(value: float | None, lang: str) -> str:
    return decimal(value, lang, none="-")


def render_table(board: Scoreboard, lang: str) -> str:
    """One ranking per scenario (each has its own pass mark), then the team and agency
    aggregates, as plain-text tables."""
    from simulasi.store.files import plain

    lines = [t("results.sb.title", lang), ""]
    if not board.ranking:
        lines.append(t("results.sb.empty", lang))
    else:
        head = [
            "#",
            *(
                t(f"results.col.{k}", lang)
                for k in (
                    "trainee",
                    "team",
                    "agency",
                    "total",
                    "speed",
                    "accuracy",
                    "impact",
                    "band",
                    "passed",
                )
            ),
        ]
        sections = board.sections
        if len(sections) > 1:
            lines.append(t("results.doc.per_scenario", lang))
        for section in sections:
            if len(sections) > 1 or section.title:
                if lines[-1]:
                    lines.append("")
                lines.append(
                    t(
                        "results.doc.section",
                        lang,
                        title=plain(section.title, 60),
                        mark=decimal(section.pass_mark, lang, None),
                    )
                )
            rows = [head]
            for r in section.ranking:
                c = r.card
                mark = t("results.sb.critical_mark", lang) if c.critical else ""
                rows.append(
                    [
                        f"{r.rank}{mark}",
                        plain(r.facts.trainee, 24),
                        plain(r.facts.team, 14),
                        plain(r.facts.agency, 24),
                        _num(c.total, lang),
                        _num(c.speed, lang),
                        _num(c.accuracy, lang),
                        _num(c.impact, lang),
                        plain(c.band, 14),
                        _verdict(r, lang),
                    ]
                )
            lines += _table(rows, numeric={0, 4, 5, 6, 7})
            if any(r.card.critical for r in section.ranking):
                lines.append(t("results.sb.critical_legend", lang))
        lines.append("")
        lines.append(
            t(
                "results.sb.counts",
                lang,
                ranked=board.count,
                passed=board.passed,
                mean=_num(board.mean, lang),
                best=_num(board.best, lang),
            )
        )
        for title, groups in (
            ("results.sheet.teams", board.teams),
            ("results.sheet.agencies", board.agencies),
        ):
            lines += ["", t(title, lang)]
            group_rows = [
                [
                    t(f"results.col.{k}", lang)
                    for k in ("group", "count", "mean", "best", "passed_count")
                ]
            ]
            for g in groups:
                name = plain(g.name, 30) if g.name else t("results.none_given", lang)
                group_rows.append(
                    [name, str(g.count), _num(g.mean, lang), _num(g.best, lang), str(g.passed)]
                )
            lines += _table(group_rows, numeric={1, 2, 3, 4})
    if board.practice_left_out:
        lines += ["", t("results.sb.practice_out", lang, n=board.practice_left_out)]
    for e in board.unscored:
        lines.append(
            t(
                "results.sb.unscored",
                lang,
                run=e.facts.run_id[:12],
                trainee=plain(e.facts.trainee, 30),
                reason=plain(e.problem or "", 120),
            )
        )
    return "\n".join(lines)


def _verdict(r: Ranked, lang: str) -> str:
    if r.card.practice:
        return t("results.practice", lang)
    return t("results.yes" if r.passed else "results.no", lang)


def _table(rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric and n else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out
