"""Self-contained printable HTML: the workshop report and a trainee's debrief.

Rendered through Jinja2 with autoescape on for every template: a trainee named `<script>`
stays text. Inline CSS and inline SVG charts only (no file, font or script is fetched), so one
file prints the same anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined

from scoring.exports.common import GROUP, RANKING, headers, summary_rows, values
from scoring.exports.debrief import rating_label
from scoring.scoreboard import Scoreboard
from simulasi.i18n import t

_CSS = """
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;margin:2rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right}
.red{font-weight:bold}.note{color:#444;font-size:.85rem}
svg{max-width:100%;height:auto}svg text{font-size:11px;font-family:inherit}
.decision{page-break-inside:avoid;margin-bottom:1rem}
@media print{body{margin:1cm}h2{page-break-after:avoid}}
"""

_BASE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><style>{{ css }}</style></head>
<body>{% block body %}{% endblock %}</body></html>
"""

_CHART = """{% macro bars(chart) -%}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ chart.width }} {{ chart.height }}"
 role="img" aria-label="{{ chart.title }}">
{%- for b in chart.bars %}
<text x="{{ b.label_x }}" y="{{ b.text_y }}" text-anchor="end">{{ b.label }}</text>
<rect x="{{ chart.left }}" y="{{ b.y }}" width="{{ b.w }}" height="{{ chart.bar }}"
 fill="#4a6fa5"><title>{{ b.label }}: {{ b.shown }}</title></rect>
<text x="{{ chart.left + b.w + 4 }}" y="{{ b.text_y }}">{{ b.shown }}</text>
{%- endfor %}
</svg>
{%- endmacro %}"""

_SCOREBOARD = """{% extends "base" %}{% from "chart" import bars %}{% block body %}
<h1>{{ title }}</h1>
<table>{% for label, value in summary %}
<tr><th>{{ label }}</th><td>{{ value if value is not none else "-" }}</td></tr>{% endfor %}
</table>
<h2>{{ t_dist }}</h2>{{ bars(dist) }}
{% if crit.bars %}<h2>{{ t_crit }}</h2>{{ bars(crit) }}{% endif %}
{% if stake.bars %}<h2>{{ t_stake }}</h2>{{ bars(stake) }}{% endif %}
<h2>{{ t_ranking }}</h2>
<table><tr>{% for h in ranking_head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in ranking_rows %}<tr>{% for cell in row %}
<td{% if cell.n %} class="n"{% endif %}>{{ cell.v }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% for title, rows in groups %}<h2>{{ title }}</h2>
<table><tr>{% for h in group_head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for cell in row %}
<td{% if cell.n %} class="n"{% endif %}>{{ cell.v }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endfor %}
{% if unscored %}<h2>{{ t_unscored }}</h2><ul>{% for u in unscored %}
<li>{{ u }}</li>{% endfor %}</ul>{% endif %}
{% endblock %}"""

_DEBRIEF = """{% extends "base" %}{% from "chart" import bars %}{% block body %}
<h1>{{ title }}</h1>
<table>{% for label, value in facts %}
<tr><th>{{ label }}</th><td>{{ value }}</td></tr>{% endfor %}</table>
<p><strong>{{ ending.title }}</strong></p><p>{{ ending.text }}</p>
<h2>{{ tx.decisions }}</h2>
{% for d in decisions %}<div class="decision"><h3>{{ d.title }}</h3>
<p><strong>{{ tx.your_answer }}:</strong> {{ d.choice_text or d.outcome_text }}
{% if d.critical %}<span class="red"> — {{ tx.red_line }}</span>{% endif %}</p>
{% if d.feedback %}<p><strong>{{ tx.why }}:</strong> {{ d.feedback }}</p>{% endif %}
{% if d.best_open_text and not d.is_best_open %}<p><strong>{{ tx.best_open }}:</strong>
{{ d.best_open_text }}
{% if d.best_open_feedback %}<br><span class="note">{{ d.best_open_feedback }}</span>{% endif %}
</p>{% endif %}
{% if d.best_text and not d.is_best %}<p><strong>{{ tx.best_closed if d.best_closed else
tx.best }}:</strong> {{ d.best_text }}
{% if d.best_feedback %}<br><span class="note">{{ d.best_feedback }}</span>{% endif %}</p>
{% endif %}
{% if d.others %}<p><strong>{{ tx.others }}:</strong></p><ul>{% for o in d.others %}
<li><strong{% if o.critical %} class="red"{% endif %}>{{ o.label }}</strong> {{ o.text }}
{% if o.feedback %}<br><span class="note">{{ o.feedback }}</span>{% endif %}</li>
{% endfor %}</ul>{% endif %}
<p class="note">{{ tx.latency }}: {{ d.latency_text }} · {{ tx.speed }}: {{ d.speed_text }} ·
{{ tx.accuracy }}: {{ d.accuracy_text }}</p></div>{% endfor %}
{% if crit.bars %}<h2>{{ tx.criteria }}</h2>{{ bars(crit) }}{% endif %}
<h2>{{ tx.stakeholders }}</h2>{{ bars(stake) }}
<h2>{{ tx.numbers }}</h2>
<table>{% for label, value in numbers %}
<tr><th>{{ label }}</th><td class="n">{{ value }}</td></tr>{% endfor %}</table>
{% endblock %}"""

_ENV = Environment(
    loader=DictLoader(
        {"base": _BASE, "chart": _CHART, "scoreboard": _SCOREBOARD, "debrief": _DEBRIEF}
    ),
    autoescape=True,  # every template, whatever its name: user and scenario text is data
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def bar_chart(
    title: str, items: Sequence[tuple[str, float]], scale: float = 100.0
) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (values 0..scale) for the `bars` macro."""
    bar, gap, left, span = 16, 6, 190, 380
    out = []
    for i, (label, value) in enumerate(items):
        y = 8 + i * (bar + gap)
        width = max(0.0, min(1.0, value / scale)) * span if scale else 0.0
        out.append(
            {
                "label": label if len(label) <= 30 else label[:29] + "…",
                "y": y,
                "text_y": y + bar - 4,
                "w": round(width, 1),
                "label_x": left - 6,
                "shown": _fmt(round(value, 2)) if isinstance(value, float) else str(value),
            }
        )
    return {
        "title": title,
        "bars": out,
        "bar": bar,
        "left": left,
        "width": left + span + 60,
        "height": 16 + len(items) * (bar + gap),
    }


def _cells(row: Sequence[object], numeric: Sequence[bool]) -> list[dict[str, object]]:
    return [{"v": _fmt(v), "n": n} for v, n in zip(row, numeric, strict=True)]


def scoreboard_html(board: Scoreboard, lang: str = "id", generated_at: str = "") -> str:
    """The workshop report: summary, charts, ranking, teams, agencies."""
    bins = [0] * 10
    for r in board.ranking:
        bins[min(9, max(0, int(r.card.total // 10)))] += 1
    dist = bar_chart(
        t("results.doc.chart_distribution", lang),
        [(f"{10 * i}–{10 * i + 10}", float(n)) for i, n in enumerate(bins)],
        scale=float(max(bins) or 1),
    )
    for b, n in zip(dist["bars"], bins, strict=True):
        b["shown"] = str(n)
    crit = bar_chart(t("results.doc.criteria", lang), sorted(board.criterion_means().items()))
    stake = bar_chart(t("results.doc.stakeholders", lang), list(board.stakeholder_means().items()))
    rank_numeric = [c.number for c in RANKING]
    group_numeric = [c.number for c in GROUP]
    return _ENV.get_template("scoreboard").render(
        lang=lang,
        css=_CSS,
        title=t("results.doc.scoreboard_title", lang),
        summary=[(k, _fmt(v)) for k, v in summary_rows(board, lang, generated_at)],
        dist=dist,
        crit=crit,
        stake=stake,
        t_dist=t("results.doc.chart_distribution", lang),
        t_crit=t("results.doc.chart_criteria", lang),
        t_stake=t("results.doc.chart_stakeholders", lang),
        t_ranking=t("results.sheet.ranking", lang),
        t_unscored=t("results.doc.unscored", lang),
        ranking_head=headers(RANKING, lang),
        ranking_rows=[_cells(values(RANKING, r, lang), rank_numeric) for r in board.ranking],
        group_head=headers(GROUP, lang),
        groups=[
            (t(key, lang), [_cells(values(GROUP, g, lang), group_numeric) for g in groups])
            for key, groups in (
                ("results.sheet.teams", board.teams),
                ("results.sheet.agencies", board.agencies),
            )
        ],
        unscored=[f"{e.facts.trainee} ({e.facts.run_id}): {e.problem}" for e in board.unscored],
    )


def debrief_html(data: Mapping[str, Any], lang: str = "id") -> str:
    """A trainee's debrief document from `debrief_data`."""
    card = data["card"]
    run = data["run"]
    decisions = []
    for d in data["decisions"]:
        decisions.append(
            dict(
                d,
                outcome_text=t(f"results.outcome.{d['outcome']}", lang),
                latency_text=_fmt(round(d["latency"], 2)),
                speed_text=_fmt(None if d["speed"] is None else round(d["speed"], 2)),
                accuracy_text=_fmt(round(d["accuracy"], 2)),
                others=[dict(o, label=rating_label(o, lang)) for o in d["others"]],
            )
        )
    verdict = t("results.doc.passed" if card["passed"] else "results.doc.failed", lang)
    tx = {
        key: t(f"results.doc.{key}", lang)
        for key in (
            "decisions",
            "your_answer",
            "red_line",
            "why",
            "best",
            "best_open",
            "best_closed",
            "others",
            "criteria",
            "stakeholders",
            "numbers",
        )
    }
    tx.update(
        latency=t("results.col.latency", lang),
        speed=t("results.col.speed", lang),
        accuracy=t("results.col.accuracy", lang),
    )
    return _ENV.get_template("debrief").render(
        lang=lang,
        css=_CSS,
        title=f"{t('results.doc.debrief_title', lang)}: {data['scenario']['title']}",
        facts=[
            (t("results.col.trainee", lang), run["trainee"]),
            (t("results.col.team", lang), run["team"]),
            (t("results.col.agency", lang), run["agency"]),
            (t("results.col.workshop", lang), run["workshop"]),
            (t("results.col.ended_at", lang), run["ended_at"] or "-"),
        ],
        ending=data["ending"],
        decisions=decisions,
        tx=tx,
        crit=bar_chart(tx["criteria"], [(c["name"], c["value"]) for c in data["criteria"]]),
        stake=bar_chart(
            tx["stakeholders"],
            [(s["name"], s["final"]) for s in data["stakeholders"] if s["final"] is not None],
        ),
        numbers=[
            (t("results.col.total", lang), _fmt(round(card["total"], 2))),
            (
                t("results.col.speed", lang),
                _fmt(None if card["speed"] is None else round(card["speed"], 2)),
            ),
            (t("results.col.accuracy", lang), _fmt(round(card["accuracy"], 2))),
            (t("results.col.impact", lang), _fmt(round(card["impact"], 2))),
            (t("results.col.band", lang), f"{card['band']} ({verdict})"),
        ],
    )
