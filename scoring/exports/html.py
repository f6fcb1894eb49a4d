"""Self-contained printable HTML: the workshop report and a trainee's debrief.

Rendered through Jinja2 with autoescape on for every template: a trainee named `<script>`
stays text. Inline CSS and inline SVG charts only (no file, font or script is fetched), so one
file prints the same anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined

from scoring.exports.common import (
    DEFAULT_ZONE,
    GROUP,
    RANKING,
    Column,
    Ctx,
    clean,
    headers,
    shown_columns,
    summary_rows,
    time_text,
    values,
)
from scoring.exports.debrief import rating_label, result_block
from scoring.scoreboard import Scoreboard
from simulasi.i18n import decimal, t

_CSS = """
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;margin:2rem auto;max-width:1200px;
padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
table.wide{width:100%}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top;
overflow-wrap:break-word}
th{background:#eee;overflow-wrap:normal}td.n{text-align:right;white-space:nowrap}
td.k{white-space:nowrap}
thead{display:table-header-group}
.red{font-weight:bold}.note{color:#444;font-size:.85rem}
.result{border:2px solid #4a6fa5;padding:.4rem 1rem;margin:1rem 0}
.result p{margin:.3rem 0}.result .big{font-size:1.25rem;font-weight:bold}
.summary{display:grid;grid-template-columns:repeat(2,max-content minmax(0,1fr));gap:.15rem .8rem;
margin:.5rem 0;font-size:.85rem}.summary dt{font-weight:bold}.summary dd{margin:0}
.facts{margin:.3rem 0;padding:0;list-style:none;font-size:.9rem}
.facts li{display:inline-block;margin-right:1.5rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{margin:0;flex:1 1 420px}
figcaption{font-weight:bold;font-size:.9rem}
svg{max-width:100%;height:auto}svg text{font-size:11px;font-family:inherit}
.decision{page-break-inside:avoid;break-inside:avoid;margin-bottom:1rem}
@page{size:A4 landscape;margin:.8cm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10pt}
h1{font-size:14pt;margin:0 0 .3rem}h2{font-size:12pt;margin-top:.8rem;break-after:avoid}
h3{break-after:avoid}
table{font-size:7.5pt;line-height:1.25}th,td{padding:1px 2px}
tr{break-inside:avoid}
.charts{break-inside:avoid}.charts figure{flex:1 1 30%}
.result{break-inside:avoid}
}
"""

# A debrief is read like a letter: A4 portrait.
_DEBRIEF_CSS = "@page{size:A4 portrait;margin:1.5cm}\n"

_BASE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><style>{{ css }}</style></head>
<body>{% block body %}{% endblock %}</body></html>
"""

_CHART = """{% macro bars(chart) -%}
<figure><figcaption>{{ chart.title }}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ chart.width }} {{ chart.height }}"
 role="img" aria-label="{{ chart.title }}">
{%- for b in chart.bars %}
<text x="{{ b.label_x }}" y="{{ b.text_y }}" text-anchor="end">{{ b.label }}</text>
<rect x="{{ chart.left }}" y="{{ b.y }}" width="{{ b.w }}" height="{{ chart.bar }}"
 fill="#4a6fa5"><title>{{ b.full }}: {{ b.shown }}</title></rect>
<text x="{{ chart.left + b.w + 4 }}" y="{{ b.text_y }}">{{ b.shown }}</text>
{%- endfor %}
</svg></figure>
{%- endmacro %}
{% macro table(head, rows, wide=false) -%}
<table{% if wide %} class="wide"{% endif %}><thead><tr>{% for h in head %}<th>{{ h }}</th>
{%- endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for cell in row %}
<td{% if cell.c %} class="{{ cell.c }}"{% endif %}>{{ cell.v }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{%- endmacro %}"""

_SCOREBOARD = """{% extends "base" %}{% from "chart" import bars, table %}{% block body %}
<h1>{{ title }}</h1>
<dl class="summary">{% for label, value in summary %}
<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}
</dl>
<h2>{{ t_ranking }}</h2>
{% for s in sections %}<section class="scenario">
<h3>{{ s.title }}</h3>
{% if s.constant %}<ul class="facts">{% for label, value in s.constant %}
<li><strong>{{ label }}:</strong> {{ value }}</li>{% endfor %}</ul>{% endif %}
{{ table(s.head, s.rows, wide=true) }}
{% if s.legend %}<p class="note">{{ s.legend }}</p>{% endif %}
</section>{% endfor %}
<h2>{{ t_charts }}</h2>
{% for s in sections %}<section class="charts-of">
{% if sections|length > 1 %}<h3>{{ s.title }}</h3>{% endif %}
<div class="charts">{{ bars(s.dist) }}
{% if s.crit.bars %}{{ bars(s.crit) }}{% endif %}
{% if s.stake.bars %}{{ bars(s.stake) }}{% endif %}</div>
</section>{% endfor %}
{% for title, rows in groups %}<h2>{{ title }}</h2>
{{ table(group_head, rows) }}{% endfor %}
{% if unscored %}<h2>{{ t_unscored }}</h2><ul>{% for u in unscored %}
<li>{{ u }}</li>{% endfor %}</ul>{% endif %}
{% endblock %}"""

_DEBRIEF = """{% extends "base" %}{% from "chart" import bars %}{% block body %}
<h1>{{ title }}</h1>
<div class="result">
<p class="big">{{ top.name }}: {{ tx.total }} {{ top.total }} · {{ top.band }} ·
{{ top.verdict }}</p>
<p>{% for label, value in top.scores %}{{ label }}: <strong>{{ value }}</strong>
{%- if not loop.last %} · {% endif %}{% endfor %}</p>
{% for sentence in top.sentences %}<p>{{ sentence }}</p>{% endfor %}
<ul class="facts">{% for label, value in top.facts if value %}
<li><strong>{{ label }}:</strong> {{ value }}</li>{% endfor %}</ul>
<p><strong>{{ tx.ending }}: {{ ending.title }}</strong>{% if ending.text %}<br>{{ ending.text }}
{% endif %}</p>
</div>
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
<div class="charts">{% if crit.bars %}{{ bars(crit) }}{% endif %}
{% if stake.bars %}{{ bars(stake) }}{% endif %}</div>
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


def _fmt(value: object, lang: str) -> str:
    """A value as text for the page: two decimals (a decimal comma in Indonesian), local
    times, control characters removed (Jinja2 escapes the rest)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return decimal(value, lang, 2)
    if isinstance(value, datetime):
        return time_text(value)
    return clean(str(value))


def bar_chart(
    title: str, items: Sequence[tuple[str, float]], lang: str, scale: float = 100.0
) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (values 0..scale) for the `bars` macro."""
    bar, gap, left, span = 16, 6, 230, 360
    out = []
    for i, (label, value) in enumerate(items):
        y = 8 + i * (bar + gap)
        width = max(0.0, min(1.0, value / scale)) * span if scale else 0.0
        out.append(
            {
                "label": label if len(label) <= 36 else label[:35] + "…",
                "full": label,
                "y": y,
                "text_y": y + bar - 4,
                "w": round(width, 1),
                "label_x": left - 6,
                "shown": _fmt(round(value, 2), lang) if isinstance(value, float) else str(value),
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


#: Text no longer than this stays on one line in a table cell (a team, a short name).
SHORT = 16


def _kinds(
    columns: Sequence[Column], lang: str, rows: Sequence[Sequence[object]] = ()
) -> list[str]:
    """The cell class of each column: `n` numbers (right, one line), `k` short text and
    times (one line), none for long text (wrapped)."""
    out = []
    for i, c in enumerate(columns):
        short = all(len(_fmt(row[i], lang)) <= SHORT for row in rows)
        out.append("n" if c.number else ("k" if c.kind in ("text", "time") or short else ""))
    return out


def _cells(row: Sequence[object], kinds: Sequence[str], lang: str) -> list[dict[str, object]]:
    return [{"v": _fmt(v, lang), "c": k} for v, k in zip(row, kinds, strict=True)]


def _distribution(title: str, totals: Sequence[float], lang: str) -> dict[str, Any]:
    bins = [0] * 10
    for total in totals:
        bins[min(9, max(0, int(total // 10)))] += 1
    dist = bar_chart(
        title,
        [(f"{10 * i}–{10 * i + 10}", float(n)) for i, n in enumerate(bins)],
        lang,
        scale=float(max(bins) or 1),
    )
    for b, n in zip(dist["bars"], bins, strict=True):
        b["shown"] = str(n)
    return dist


def scoreboard_html(
    board: Scoreboard, lang: str = "id", generated_at: str = "", *, zone: str = DEFAULT_ZONE
) -> str:
    """The workshop report: summary; per scenario its ranking (constant columns said once
    above it) and its charts; teams; agencies. Prints on A4 landscape."""
    ctx = Ctx(lang, zone)
    sections = []
    for section in board.sections:
        columns, constant = shown_columns(RANKING, section.ranking, "doc", ctx)
        rows = [values(columns, r, ctx) for r in section.ranking]
        kinds = _kinds(columns, lang, rows)
        sections.append(
            {
                "title": t(
                    "results.doc.section",
                    lang,
                    title=section.title,
                    mark=decimal(section.pass_mark, lang, None),
                ),
                "constant": [(t(c.key, lang, zone=zone), _fmt(v, lang)) for c, v in constant],
                "head": headers(columns, ctx),
                "rows": [_cells(row, kinds, lang) for row in rows],
                "legend": (
                    t("results.doc.critical_legend", lang)
                    if any(r.card.critical for r in section.ranking)
                    else ""
                ),
                "dist": _distribution(
                    t("results.doc.chart_distribution", lang),
                    [r.card.total for r in section.ranking],
                    lang,
                ),
                "crit": bar_chart(
                    t("results.doc.chart_criteria", lang),
                    sorted(section.criterion_means().items()),
                    lang,
                ),
                "stake": bar_chart(
                    t("results.doc.chart_stakeholders", lang),
                    list(section.stakeholder_means().items()),
                    lang,
                ),
            }
        )
    group_kinds = _kinds(GROUP, lang)
    return _ENV.get_template("scoreboard").render(
        lang=lang,
        css=_CSS,
        title=t("results.doc.scoreboard_title", lang),
        summary=[(k, _fmt(v, lang)) for k, v in summary_rows(board, ctx, generated_at)],
        sections=sections,
        t_ranking=t("results.sheet.ranking", lang),
        t_charts=t("results.doc.charts", lang),
        t_unscored=t("results.doc.unscored", lang),
        group_head=headers(GROUP, ctx),
        groups=[
            (t(key, lang), [_cells(values(GROUP, g, ctx), group_kinds, lang) for g in groups])
            for key, groups in (
                ("results.sheet.teams", board.teams),
                ("results.sheet.agencies", board.agencies),
            )
        ],
        unscored=[f"{e.facts.trainee} ({e.facts.run_id}): {e.problem}" for e in board.unscored],
    )


def debrief_html(data: Mapping[str, Any], lang: str = "id", zone: str = DEFAULT_ZONE) -> str:
    """A trainee's debrief document from `debrief_data`: the result first, then the decisions."""
    decisions = []
    for d in data["decisions"]:
        decisions.append(
            dict(
                d,
                outcome_text=t(f"results.outcome.{d['outcome']}", lang),
                latency_text=_fmt(round(d["latency"], 2), lang),
                speed_text=_fmt(None if d["speed"] is None else round(d["speed"], 2), lang),
                accuracy_text=_fmt(round(d["accuracy"], 2), lang),
                others=[dict(o, label=rating_label(o, lang)) for o in d["others"]],
            )
        )
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
        )
    }
    tx.update(
        latency=t("results.col.latency", lang),
        speed=t("results.col.speed", lang),
        accuracy=t("results.col.accuracy", lang),
        total=t("results.col.total", lang),
        ending=t("results.col.ending", lang),
    )
    return _ENV.get_template("debrief").render(
        lang=lang,
        css=_CSS + _DEBRIEF_CSS,
        title=f"{t('results.doc.debrief_title', lang)}: {data['scenario']['title']}",
        top=result_block(dict(data), lang, zone),
        ending=data["ending"],
        decisions=decisions,
        tx=tx,
        crit=bar_chart(tx["criteria"], [(c["name"], c["value"]) for c in data["criteria"]], lang),
        stake=bar_chart(
            tx["stakeholders"],
            [(s["name"], s["final"]) for s in data["stakeholders"] if s["final"] is not None],
            lang,
        ),
    )
