"""The explorer's report for people (plain text) and for programs (JSON)."""

from __future__ import annotations

from typing import Any

from simulasi.guard import shown
from simulasi.i18n import decimal, integer, t
from simulasi.tools.analysis import ExploreReport
from simulasi.tools.moves import Path

WIDTH = 100


def seconds_text(value: float | None, lang: str) -> str:
    """Scenario seconds as people read them: 45s, 10m, 10m40s, 1m2.5s (1m2,5s in
    Indonesian)."""
    if value is None:
        return "-"
    minutes, rest = divmod(value, 60.0)
    rest_text = f"{rest:.1f}".rstrip("0").rstrip(".")
    if lang == "id":
        rest_text = rest_text.replace(".", ",")
    if minutes == 0:
        return f"{rest_text}s"
    if rest_text == "0":
        return f"{int(minutes)}m"
    return f"{int(minutes)}m{rest_text}s"


def path_lines(path: Path, lang: str, indent: str = "      ") -> list[str]:
    """The answers of a path, wrapped, then what timed out."""
    steps = [f"{seconds_text(at, lang)} {event}→{choice}" for at, event, choice in path.answers]
    if not steps:
        steps = [t("tools.path.no_answers", lang)]
    lines = _wrap(steps, indent, " · ")
    if path.timed_out:
        lines += _wrap(list(path.timed_out), indent + t("tools.path.timed_out", lang) + " ", ", ")
    return lines


def _wrap(items: list[str], indent: str, sep: str) -> list[str]:
    lines: list[str] = []
    current = indent
    for item in items:
        piece = item if current.strip() == "" or current == indent else sep + item
        if len(current) + len(piece) > WIDTH and current.strip():
            lines.append(current)
            current = " " * len(indent) + item
        else:
            current += piece
    lines.append(current)
    return lines


def render(report: ExploreReport, lang: str) -> str:
    """The whole report as plain text."""
    scenario = report.scenario
    out = [t("tools.explore.title", lang, title=shown(scenario.title), id=scenario.id)]
    out.append(
        t(
            "tools.explore.size",
            lang,
            states=integer(report.states, lang),
            transitions=integer(report.transitions, lang),
            seconds=decimal(report.seconds, lang),
        )
        + " "
        + (
            t("tools.explore.complete", lang)
            if report.complete
            else t(f"tools.explore.bound.{report.bound}", lang)
        )
    )
    out.append("")
    unreached = {
        "events": report.unreached_events,
        "choices": [f"{e}.{c}" for e, c in report.unreached_choices],
        "timeouts": report.unreached_timeouts,
        "endings": report.unreached_endings,
    }
    heading = "tools.explore.unreached" if report.complete else "tools.explore.unreached_yet"
    if any(unreached.values()):
        out.append(t(heading, lang))
        for kind, items in unreached.items():
            if items:
                out.append(f"  {t(f'tools.explore.kind.{kind}', lang)}: {', '.join(items)}")
        if report.ending_reasons:
            out.append(t("tools.explore.reasons", lang))
            for reason in report.ending_reasons:
                line = t(
                    f"tools.explore.reason.{reason.kind}",
                    lang,
                    ending=reason.ending,
                    by=", ".join(reason.by),
                )
                ranges = [
                    t(
                        "tools.explore.reason.range",
                        lang,
                        meter=meter,
                        low=f"{low:g}",
                        high=f"{high:g}",
                    )
                    for meter, (low, high) in reason.ranges.items()
                ]
                out.append("  " + line + (f" ({'; '.join(ranges)})" if ranges else ""))
    else:
        out.append(t("tools.explore.all_reached", lang))
    out.append("")
    out.append(t("tools.explore.endings", lang))
    for paths in report.endings:
        ending = scenario.endings[paths.ending]
        out.append(f'  {ending.id}  "{shown(ending.title or ending.id)}"')
        out.append(
            "    "
            + t(
                "tools.explore.ending_range",
                lang,
                fewest=paths.shortest.decisions,
                most=paths.longest.decisions,
                quickest=seconds_text(paths.quickest.end_time, lang),
                slowest=seconds_text(paths.slowest.end_time, lang),
            )
        )
        out.append("    " + t("tools.explore.example", lang))
        out += path_lines(paths.example, lang)
    for key, path in (
        ("tools.explore.highest", report.highest),
        ("tools.explore.lowest", report.lowest),
    ):
        if path is None or path.total is None:
            continue
        out.append("")
        verdict = t("tools.passed" if path.passed else "tools.failed", lang)
        out.append(
            t(
                key,
                lang,
                total=decimal(path.total, lang, 2),
                verdict=verdict,
                ending=path.ending or "-",
            )
        )
        out += path_lines(path, lang, "    ")
    out.append("")
    if report.max_pending_path is not None:
        out.append(
            t(
                "tools.explore.max_pending",
                lang,
                n=report.max_pending,
                events=", ".join(report.max_pending_events),
                at=seconds_text(report.max_pending_path.end_time, lang),
            )
        )
        out += path_lines(report.max_pending_path, lang, "    ")
    if report.soft_locks:
        out.append("")
        out.append(t("tools.explore.soft_locks", lang))
        for lock in report.soft_locks:
            out.append(
                "  "
                + t(
                    "tools.explore.soft_lock",
                    lang,
                    event=lock.event,
                    at=seconds_text(lock.path.end_time, lang),
                )
            )
            out += path_lines(lock.path, lang, "    ")
    else:
        out.append(t("tools.explore.no_soft_locks", lang))
    if report.problems:
        out.append("")
        out.append(t("tools.explore.problems", lang))
        for problem in report.problems:
            out.append(f"  {problem.message}")
            if problem.path is not None:
                out += path_lines(problem.path, lang, "    ")
    out.append("")
    out.append(t("tools.explore.broken" if report.broken else "tools.explore.ok", lang))
    return "\n".join(out)


def to_json(report: ExploreReport) -> dict[str, Any]:
    """The report as JSON: every path is a `simulasi run` answers list plus its outcome."""

    def path(p: Path | None) -> dict[str, Any] | None:
        return None if p is None else p.to_json()

    return {
        "scenario": report.scenario.id,
        "complete": report.complete,
        "bound": report.bound,
        "states": report.states,
        "transitions": report.transitions,
        "seconds": report.seconds,
        "ok": not report.broken,
        "unreached": {
            "events": report.unreached_events,
            "choices": [{"event": e, "choice": c} for e, c in report.unreached_choices],
            "timeouts": report.unreached_timeouts,
            "endings": report.unreached_endings,
            "ending_reasons": [r.to_json() for r in report.ending_reasons],
        },
        "endings": {
            e.ending: {
                "example": path(e.example),
                "fewest_decisions": path(e.shortest),
                "most_decisions": path(e.longest),
                "least_time": path(e.quickest),
                "most_time": path(e.slowest),
            }
            for e in report.endings
        },
        "highest": path(report.highest),
        "lowest": path(report.lowest),
        "max_pending": {
            "count": report.max_pending,
            "events": report.max_pending_events,
            "path": path(report.max_pending_path),
        },
        "soft_locks": [{"event": s.event, "path": path(s.path)} for s in report.soft_locks],
        "errors": [{"message": p.message, "path": path(p.path)} for p in report.problems],
    }
