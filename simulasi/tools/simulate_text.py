"""The simulation report for people (plain text) and for programs (JSON)."""

from __future__ import annotations

import statistics
from typing import Any

from simulasi.guard import shown
from simulasi.i18n import decimal, t
from simulasi.tools.histogram import bin_counts, histogram
from simulasi.tools.simulate import Simulation, proposed_pass_mark
from simulasi.tools.simulate_calibrate import TEST_WISE_MARGIN, TEST_WISE_PASS_RATE, Calibration

SCORES = ("total", "speed", "accuracy", "impact")


def _values(sim: Simulation, name: str) -> list[float]:
    return [float(getattr(run, name)) for run in sim.runs]


def render(sim: Simulation, pass_percentile: float, lang: str) -> str:
    """Coverage, endings, score histograms and the proposed pass mark, as plain text."""
    scenario = sim.scenario
    n = len(sim.runs)
    out = [
        t("tools.simulate.title", lang, title=shown(scenario.title), id=scenario.id),
        t(
            "tools.simulate.setup",
            lang,
            runs=n,
            persona=sim.persona,
            first=sim.seed,
            last=sim.seed + n + len(sim.errors) - 1,
        ),
        "",
        t("tools.simulate.coverage", lang),
    ]
    never: list[str] = []
    for event in scenario.doc.events:
        arrived = sim.arrived[event.id]
        kind = t("tools.simulate.decision" if event.choices else "tools.simulate.update", lang)
        out.append(f"  {event.id:<28} {kind:<10} {t('tools.simulate.arrived', lang, n=arrived)}")
        if arrived == 0:
            never.append(event.id)
        if event.choices is None:
            continue
        for choice in event.choices:
            count = sim.chosen[(event.id, choice.id)]
            out.append(f"      {choice.id:<32} {count:>7}")
            if count == 0 and arrived:
                never.append(f"{event.id}.{choice.id}")
        count = sim.timed_out[event.id]
        out.append(f"      {t('tools.simulate.timeout', lang):<32} {count:>7}")
        if count == 0 and arrived:
            never.append(t("tools.simulate.timeout_of", lang, event=event.id))
    if never:
        out.append(t("tools.simulate.never", lang, items=", ".join(never)))
    out.append("")
    out.append(t("tools.simulate.endings", lang))
    for ending in scenario.doc.endings:
        count = sim.endings[ending.id]
        share = 100 * count / n if n else 0.0
        out.append(f"  {ending.id:<28} {count:>7}  {decimal(share, lang):>5} %")
    for name in SCORES:
        values = _values(sim, name)
        if not values:
            continue
        out.append("")
        out.append(
            t(
                f"tools.simulate.score.{name}",
                lang,
                low=decimal(min(values), lang),
                median=decimal(statistics.median(values), lang),
                mean=decimal(statistics.fmean(values), lang),
                high=decimal(max(values), lang),
            )
        )
        out += ["  " + line for line in histogram(values)]
    totals = _values(sim, "total")
    if totals:
        mark = scenario.doc.scoring.pass_mark
        proposed = proposed_pass_mark(sim, pass_percentile)
        out.append("")
        out.append(
            t(
                "tools.simulate.pass_mark",
                lang,
                percentile=decimal(pass_percentile, lang, None),
                proposed=decimal(proposed, lang, none="-"),
                persona=sim.persona,
            )
        )
        passing = sum(run.passed for run in sim.runs)
        critical = sum(run.critical for run in sim.runs)
        out.append(
            t(
                "tools.simulate.current",
                lang,
                mark=decimal(mark, lang, None),
                share=decimal(100 * passing / len(totals), lang),
                critical=critical,
            )
        )
    if sim.errors:
        out.append("")
        out.append(t("tools.simulate.errors", lang))
        for seed, message in sim.errors:
            out.append("  " + t("tools.simulate.error", lang, seed=seed, message=message))
    return "\n".join(out)


def to_json(sim: Simulation, pass_percentile: float) -> dict[str, Any]:
    """Everything in `render`, with the bins as counts and every run with its seed."""
    scenario = sim.scenario
    scores: dict[str, Any] = {}
    for name in SCORES:
        values = _values(sim, name)
        scores[name] = (
            {
                "min": min(values),
                "median": statistics.median(values),
                "mean": statistics.fmean(values),
                "max": max(values),
                "bins": bin_counts(values),
            }
            if values
            else None
        )
    return {
        "scenario": scenario.id,
        "persona": sim.persona,
        "seed": sim.seed,
        "runs": len(sim.runs),
        "coverage": {
            "events": {e.id: sim.arrived[e.id] for e in scenario.doc.events},
            "choices": {
                e.id: {c.id: sim.chosen[(e.id, c.id)] for c in e.choices or ()}
                for e in scenario.decisions
            },
            "timeouts": {e.id: sim.timed_out[e.id] for e in scenario.decisions},
        },
        "endings": {e.id: sim.endings[e.id] for e in scenario.doc.endings},
        "scores": scores,
        "pass_mark": scenario.doc.scoring.pass_mark,
        "passed": sum(run.passed for run in sim.runs),
        "pass_percentile": pass_percentile,
        "proposed_pass_mark": proposed_pass_mark(sim, pass_percentile),
        "errors": [{"seed": seed, "message": message} for seed, message in sim.errors],
        "each": [
            {
                "seed": run.seed,
                "ending": run.ending,
                "total": run.total,
                "passed": run.passed,
                "critical": run.critical,
            }
            for run in sim.runs
        ],
    }


def render_calibration(cal: Calibration, lang: str) -> str:
    """Each persona against its target, then where `careful` loses most, as plain text."""
    scenario = cal.scenario
    mark = scenario.doc.scoring.pass_mark
    out = [
        t("tools.calibrate.title", lang, title=shown(scenario.title), id=scenario.id),
        t(
            "tools.calibrate.setup",
            lang,
            runs=cal.runs,
            first=cal.seed,
            last=cal.seed + cal.runs - 1,
            mark=decimal(mark, lang, None),
        ),
        "",
    ]
    for p in cal.personas:
        verdict = t("tools.calibrate.met" if p.met else "tools.calibrate.missed", lang)
        target = t(
            f"tools.calibrate.target.{p.target}",
            lang,
            mark=decimal(mark, lang, None),
            margin=decimal(mark - TEST_WISE_MARGIN, lang, None),
            rate=decimal(100 * TEST_WISE_PASS_RATE, lang, None),
        )
        out.append(
            f"  {p.name:<15} "
            + t(
                "tools.calibrate.row",
                lang,
                mean=decimal(p.mean, lang, 2).rjust(6),
                rate=decimal(100 * p.pass_rate, lang, 1).rjust(5),
            )
            + f"  {verdict:<10} {target}"
        )
    if cal.losses:
        out.append("")
        out.append(t("tools.calibrate.losses", lang))
        for loss in cal.losses:
            out.append(
                "  "
                + t(
                    "tools.calibrate.loss",
                    lang,
                    event=loss.event,
                    points=decimal(loss.points, lang, 2),
                    best=loss.best or "-",
                    taken=loss.taken or t("tools.simulate.timeout", lang),
                )
            )
    if cal.errors:
        out.append("")
        out.append(t("tools.simulate.errors", lang))
        for persona, seed, message in cal.errors:
            out.append(
                f"  {persona}: " + t("tools.simulate.error", lang, seed=seed, message=message)
            )
    out.append("")
    out.append(t("tools.calibrate.ok" if cal.ok else "tools.calibrate.not_ok", lang))
    return "\n".join(out)


def calibration_json(cal: Calibration) -> dict[str, Any]:
    return {
        "scenario": cal.scenario.id,
        "runs": cal.runs,
        "seed": cal.seed,
        "pass_mark": cal.scenario.doc.scoring.pass_mark,
        "ok": cal.ok,
        "personas": [
            {
                "persona": p.name,
                "mean": p.mean,
                "pass_rate": p.pass_rate,
                "target": p.target,
                "met": p.met,
            }
            for p in cal.personas
        ],
        "careful_losses": [
            {"event": x.event, "points": x.points, "best": x.best, "taken": x.taken}
            for x in cal.losses
        ],
        "errors": [{"persona": p, "seed": s, "message": m} for p, s, m in cal.errors],
    }
