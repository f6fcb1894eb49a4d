"""A trainee's debrief as data, and as Markdown.

The documents open with the result (name, total, band, passed or not, the three sub-scores,
and why the total was capped or the run is not judged); the decisions follow, each with the
*why* (feedback, the best choice and its rationale), then the criteria and the stakeholders.
`debrief_data` is the JSON export and the model the Markdown and HTML documents render.
"""

from __future__ import annotations

from typing import Any

from scoring.card import ScoreCard
from scoring.exports.common import DEFAULT_ZONE, local_time, r2, time_text
from scoring.exports.tabular import md_cell, md_text
from scoring.options import other_choices, rating_of
from scoring.scoreboard import RunFacts, passed
from simulasi.i18n import decimal, t
from simulasi.scenario import Scenario


def debrief_data(
    scenario: Scenario, card: ScoreCard, facts: RunFacts, seed: int | None = None
) -> dict[str, Any]:
    """Everything a debrief document shows, with full floats and the ScoreCard itself.
    `seed` (the run's, from its start record) orders the other choices as the run showed them."""
    doc = scenario.doc
    decisions = []
    for e in card.events:
        event = scenario.events[e.event]
        choice = scenario.choices.get((e.event, e.choice)) if e.choice else None
        best = scenario.best_choice(event)
        # The model answer may not have been on offer then (its `when` did not hold): the
        # best of what was comes with it.
        closed = best is not None and best.id in e.closed
        best_open = scenario.best_choice(event, exclude=e.closed) if closed else None
        timeout = event.on_timeout
        feedback = choice.feedback if choice is not None else (timeout.feedback if timeout else "")
        decisions.append(
            {
                "event": e.event,
                "title": event.title or e.event,
                "outcome": e.outcome,
                "choice": e.choice,
                "choice_text": choice.text if choice is not None else None,
                "feedback": feedback,
                "best_choice": best.id if best is not None else None,
                "best_text": best.text if best is not None else None,
                "best_feedback": best.feedback if best is not None else None,
                "is_best": best is not None and best.id == e.choice,
                "best_closed": closed,
                "best_open_choice": best_open.id if best_open is not None else None,
                "best_open_text": best_open.text if best_open is not None else None,
                "best_open_feedback": best_open.feedback if best_open is not None else None,
                "is_best_open": best_open is not None and best_open.id == e.choice,
                "critical": e.critical,
                "latency": e.latency,
                "speed": e.gated_speed,
                "accuracy": e.accuracy,
                "deltas": dict(e.deltas),
                # Every other choice, with its rating and why, as the run showed them.
                "others": [
                    {
                        "choice": other.id,
                        "text": other.text,
                        "rating": rating_of(scenario, other),
                        "critical": other.critical,
                        "feedback": other.feedback,
                        "closed": other.id in e.closed,
                    }
                    for other in other_choices(
                        scenario,
                        event,
                        seed,
                        {e.choice or "", *(c.id for c in (best, best_open) if c is not None)},
                    )
                ],
            }
        )
    criteria = {c.id: c.name for c in doc.criteria}
    ending = scenario.endings[card.ending]
    return {
        "format": "simulasi-debrief/1",
        "run": {
            "id": facts.run_id,
            "trainee": facts.trainee,
            "team": facts.team,
            "agency": facts.agency,
            "workshop": facts.workshop,
            "started_at": facts.started_at,
            "ended_at": facts.ended_at,
        },
        "scenario": {"id": scenario.id, "title": scenario.title, "sha256": scenario.sha256},
        "ending": {"id": ending.id, "title": ending.title or ending.id, "text": ending.text},
        "objectives": list(doc.objectives),
        "decisions": decisions,
        "criteria": [
            {"id": key, "name": criteria.get(key, key), "value": value}
            for key, value in card.criteria.items()
        ],
        "stakeholders": [
            {
                "id": s.id,
                "name": s.name or s.id,
                "initial": float(s.initial),
                "final": card.meters.get(s.id),
            }
            for s in doc.stakeholders
        ],
        "result": {
            "practice": card.practice,
            "passed": passed(card),  # a practice run is never marked passed
            "critical": card.critical,
            "total_capped": card.total_capped,
            "critical_cap": float(doc.scoring.critical_cap),
            "pass_mark": card.pass_mark,
        },
        "card": card.model_dump(mode="json"),
    }


def result_block(
    data: dict[str, Any], lang: str = "id", zone: str = DEFAULT_ZONE
) -> dict[str, Any]:
    """What the top of a debrief says, as text: the headline, the sub-scores, the sentences
    (practice, pass mark, red-line cap) and the facts of the run."""
    card, run, result = data["card"], data["run"], data["result"]
    if result["practice"]:
        verdict = t("results.doc.verdict_practice", lang)
    else:
        verdict = t("results.doc.passed" if result["passed"] else "results.doc.failed", lang)
    sentences = []
    if result["practice"]:
        sentences.append(t("results.doc.practice_note", lang))
    else:
        key = "results.doc.pass_mark_ok" if result["passed"] else "results.doc.pass_mark_no"
        sentences.append(t(key, lang, mark=decimal(result["pass_mark"], lang, None)))
    if result["total_capped"]:
        sentences.append(
            t("results.doc.capped", lang, cap=decimal(result["critical_cap"], lang, None))
        )
    elif result["critical"]:
        sentences.append(t("results.doc.critical_uncapped", lang))

    def num(value: float | None) -> str:
        return decimal(value, lang, 2, none="-")

    ended = time_text(local_time(run["ended_at"], zone))
    return {
        "name": run["trainee"] or "-",
        "total": num(card["total"]),
        "band": card["band"],
        "verdict": verdict,
        "scores": [
            (t("results.col.speed", lang), num(card["speed"])),
            (t("results.col.accuracy", lang), num(card["accuracy"])),
            (t("results.col.impact", lang), num(card["impact"])),
        ],
        "sentences": sentences,
        "facts": [
            (t("results.col.team", lang), run["team"]),
            (t("results.col.agency", lang), run["agency"]),
            (t("results.col.workshop", lang), run["workshop"]),
            (t("results.col.ended_at", lang, zone=zone), ended),
        ],
    }


def debrief_markdown(data: dict[str, Any], lang: str = "id", zone: str = DEFAULT_ZONE) -> str:
    """The debrief as Markdown: the result first, then the decisions (every piece of user or
    scenario text escaped)."""
    top = result_block(data, lang, zone)
    total = t("results.col.total", lang)
    lines = [
        f"# {md_text(t('results.doc.debrief_title', lang))}: {md_text(data['scenario']['title'])}",
        "",
        f"## {md_cell(top['name'])}: {md_text(total)} {top['total']} · {md_cell(top['band'])} · "
        f"**{md_text(top['verdict'])}**",
        "",
        " · ".join(f"{md_text(label)}: {value}" for label, value in top["scores"]),
        "",
    ]
    lines += [md_text(sentence) for sentence in top["sentences"]]
    lines.append("")
    for label, value in top["facts"]:
        if value:
            lines.append(f"- **{md_text(label)}**: {md_cell(value)}")
    ending = data["ending"]
    lines.append(f"- **{md_text(t('results.col.ending', lang))}**: {md_cell(ending['title'])}")
    if ending["text"]:
        lines += ["", md_cell(ending["text"])]
    lines += ["", f"## {md_text(t('results.doc.decisions', lang))}"]
    for d in data["decisions"]:
        lines += ["", f"### {md_cell(d['title'])}", ""]
        outcome = t(f"results.outcome.{d['outcome']}", lang)
        chosen = md_cell(d["choice_text"]) if d["choice_text"] else md_text(outcome)
        mark = f" — **{md_text(t('results.doc.red_line', lang))}**" if d["critical"] else ""
        lines.append(f"- **{md_text(t('results.doc.your_answer', lang))}**: {chosen}{mark}")
        if d["feedback"]:
            lines.append(f"- **{md_text(t('results.doc.why', lang))}**: {md_cell(d['feedback'])}")
        if d["best_open_text"] and not d["is_best_open"]:
            lines.append(
                f"- **{md_text(t('results.doc.best_open', lang))}**: {md_cell(d['best_open_text'])}"
            )
            if d["best_open_feedback"]:
                lines.append(f"  {md_cell(d['best_open_feedback'])}")
        if d["best_text"] and not d["is_best"]:
            best = t("results.doc.best_closed" if d["best_closed"] else "results.doc.best", lang)
            lines.append(f"- **{md_text(best)}**: {md_cell(d['best_text'])}")
            if d["best_feedback"]:
                lines.append(f"  {md_cell(d['best_feedback'])}")
        if d["others"]:
            lines.append(f"- **{md_text(t('results.doc.others', lang))}**:")
        for o in d["others"]:
            # The label is the catalogue's own text, not data: written as it is.
            lines.append(f"  - **{rating_label(o, lang)}** {md_cell(o['text'])}")
            if o["feedback"]:
                lines.append(f"    {md_cell(o['feedback'])}")
        lines.append(
            f"- {md_text(t('results.col.latency', lang))}: {md_cell(r2(d['latency']), lang)} · "
            f"{md_text(t('results.col.speed', lang))}: {md_cell(r2(d['speed']), lang)} · "
            f"{md_text(t('results.col.accuracy', lang))}: {md_cell(r2(d['accuracy']), lang)}"
        )
    if data["criteria"]:
        lines += ["", f"## {md_text(t('results.doc.criteria', lang))}", ""]
        for c in data["criteria"]:
            lines.append(f"- {md_cell(c['name'])}: {md_cell(r2(c['value']), lang)}")
    shown = [s for s in data["stakeholders"] if s["final"] is not None]
    if shown:
        lines += ["", f"## {md_text(t('results.doc.stakeholders', lang))}", ""]
        for s in shown:
            lines.append(f"- {md_cell(s['name'])}: {md_cell(r2(s['final']), lang)}")
    return "\n".join(lines) + "\n"


def rating_label(option: dict[str, Any], lang: str) -> str:
    """`[Lemah]`, `[Merugikan · GARIS MERAH]`: the debrief's one label set of ratings."""
    label = t(f"rating.{option['rating']}", lang)
    if option["critical"]:
        label += f" · {t('rating.critical', lang)}"
    return f"[{label}]"
