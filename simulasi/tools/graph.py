"""The scenario as a graph, in Mermaid or Graphviz DOT.

Events are nodes (decisions as boxes, updates rounded), choices are labelled edges (with their
`when`), timeouts are dashed edges, scheduled events hang from a time lane ordered by `at`,
endings are nodes reached by `end` or, when the run runs out, through their conditions. What
can never happen is marked: nodes and choice edges greyed out and labelled.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from simulasi.guard import shown
from simulasi.i18n import t
from simulasi.scenario import Event, Scenario
from simulasi.scenario.models import Outcome
from simulasi.tools.explore_text import seconds_text

NodeKind = Literal["decision", "update", "ending", "time", "run_end", "continue"]
EdgeStyle = Literal["solid", "dashed", "lane"]


@dataclass
class GNode:
    id: str
    kind: NodeKind
    label: str
    unreachable: bool = False


@dataclass
class GEdge:
    src: str
    dst: str
    label: str = ""  # short: a choice id, "timeout", an ending's place in the order
    style: EdgeStyle = "solid"
    unreachable: bool = False
    detail: str = ""  # the full text: a tooltip in DOT, a comment in Mermaid


@dataclass
class Unreachable:
    """What can never happen, and how it was found ("explore" exact, "static" generous)."""

    events: set[str] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)
    timeouts: set[str] = field(default_factory=set)
    method: str = "static"


@dataclass
class ScenarioGraph:
    nodes: list[GNode]
    edges: list[GEdge]
    lane: list[str]  # the time nodes, in order
    same_time: list[list[str]]  # a time node and the events scheduled then
    title: str
    method: str


def _ev(event_id: str) -> str:
    return f"ev_{event_id}"


def _end(ending_id: str) -> str:
    return f"end_{ending_id}"


def _when(condition: str | None, lang: str) -> str:
    return f" [{t('tools.graph.when', lang)} {shown(condition)}]" if condition else ""


def build(scenario: Scenario, unreachable: Unreachable, lang: str) -> ScenarioGraph:
    """The graph model shared by both output formats."""
    doc = scenario.doc
    nodes: list[GNode] = []
    edges: list[GEdge] = []
    mark = t("tools.graph.unreachable", lang)

    def label(main: str, detail: str, dead: bool) -> str:
        text = f"{main}\n{detail}" if detail else main
        return f"{text}\n({mark})" if dead else text

    times = sorted({e.at for e in doc.events if e.at is not None})
    lane = [f"t_{i}" for i in range(len(times))]
    for node_id, at in zip(lane, times, strict=True):
        nodes.append(GNode(node_id, "time", seconds_text(at, lang)))
    for a, b in itertools.pairwise(lane):
        edges.append(GEdge(a, b, style="lane"))
    same_time = [
        [node_id, *(_ev(e.id) for e in doc.events if e.at == at)]
        for node_id, at in zip(lane, times, strict=True)
    ]
    for event in doc.events:
        dead = event.id in unreachable.events
        kind: NodeKind = "decision" if event.choices is not None else "update"
        detail = shown(event.title)
        if event.when:
            detail += _when(event.when, lang)
        nodes.append(GNode(_ev(event.id), kind, label(event.id, detail, dead), dead))
        if event.at is not None:
            edges.append(GEdge(lane[times.index(event.at)], _ev(event.id), style="lane"))
    for ending in doc.endings:
        dead = ending.id in unreachable.endings
        title = shown(ending.title)
        nodes.append(GNode(_end(ending.id), "ending", label(ending.id, title, dead), dead))
    nodes.append(GNode("run_end", "run_end", t("tools.graph.run_end", lang)))

    for event in doc.events:
        src = _ev(event.id)
        if event.choices is None:
            dead = event.id in unreachable.events
            edges += _flow(src, event, "", "", "solid", dead, scenario, lang)
            continue
        # Choices (and a timeout) that name nothing let the story go on by its schedule:
        # their edges lead to a small point of the decision's own.
        quiet: list[GEdge] = []
        point = f"{src}__on"
        for choice in event.choices:
            dead = event.id in unreachable.events or (event.id, choice.id) in unreachable.choices
            text = f"{choice.id} ({mark})" if dead else choice.id
            detail = f"{choice.id}: {shown(choice.text)}{_when(choice.when, lang)}"
            if choice.next or choice.end:
                edges += _flow(src, choice, text, detail, "solid", dead, scenario, lang)
            else:
                quiet.append(GEdge(src, point, text, "solid", dead, detail))
        assert event.on_timeout is not None
        timeout = t("tools.graph.timeout", lang)
        dead = event.id in unreachable.events or event.id in unreachable.timeouts
        text = f"{timeout} ({mark})" if dead else timeout
        if event.on_timeout.next or event.on_timeout.end:
            edges += _flow(src, event.on_timeout, text, "", "dashed", dead, scenario, lang)
        else:
            quiet.append(GEdge(src, point, text, "dashed", dead))
        if quiet:
            nodes.append(GNode(point, "continue", ""))
            edges += quiet
    fallback = next((e.id for e in doc.endings if e.when is None), None)
    # Ending conditions are checked in file order: the edge says which place, the tooltip what.
    for place, ending in enumerate(doc.endings, start=1):
        if ending.when is not None:
            detail = f"{place}. {t('tools.graph.when', lang)} {shown(ending.when)}"
            edges.append(GEdge("run_end", _end(ending.id), f"{place}.", detail=detail))
        elif ending.id == fallback:
            edges.append(GEdge("run_end", _end(ending.id), t("tools.graph.otherwise", lang)))
    return ScenarioGraph(nodes, edges, lane, same_time, shown(doc.title), unreachable.method)


def _flow(
    src: str,
    outcome: Outcome,
    text: str,
    detail: str,
    style: EdgeStyle,
    dead: bool,
    scenario: Scenario,
    lang: str,
) -> list[GEdge]:
    """Edges for what an outcome leads to: its `end`, else each event of its `next` (with
    that event's own condition, checked when it arrives, in the full text)."""
    if outcome.end is not None:
        return [GEdge(src, _end(outcome.end), text, style, dead, detail)]
    out = []
    for target in outcome.next:
        event: Event = scenario.events[target]
        full = (detail + _when(event.when, lang)).strip()
        out.append(GEdge(src, _ev(target), text, style, dead, full))
    return out


# ---------------------------------------------------------------- Mermaid


def _mermaid_text(text: str) -> str:
    """A label inside `"..."`: Mermaid's entity codes for the characters it would read."""
    out = text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;")
    out = out.replace(">", "#gt;").replace("|", "#124;")
    return out.replace("\n", "<br/>")


_MERMAID_SHAPES = {
    "decision": ('["', '"]'),
    "update": ('("', '")'),
    "ending": ('(["', '"])'),
    "time": ('[/"', '"/]'),
    "run_end": ('(("', '"))'),
    "continue": ('((" ', '"))'),
}


def to_mermaid(graph: ScenarioGraph, lang: str) -> str:
    lines = [
        "flowchart LR",
        f"  %% {graph.title}",
        f"  %% {t(f'tools.graph.method.{graph.method}', lang)}",
    ]
    by_id = {n.id: n for n in graph.nodes}
    if graph.lane:
        lines.append(f'  subgraph lane["{_mermaid_text(t("tools.graph.lane", lang))}"]')
        lines.append("    direction LR")
        for node_id in graph.lane:
            lines.append("    " + _mermaid_node(by_id[node_id]))
        lines.append("  end")
    for node in graph.nodes:
        if node.kind != "time":
            lines.append("  " + _mermaid_node(node))
    dead_links: list[int] = []
    for index, edge in enumerate(graph.edges):
        arrow = {"solid": "-->", "dashed": "-.->", "lane": "---"}[edge.style]
        link = f'|"{_mermaid_text(edge.label)}"|' if edge.label else ""
        if edge.detail:  # Mermaid has no tooltip on a link: the full text is a comment
            full = " ".join(edge.detail.split())
            lines.append(f"  %% {edge.src} -> {edge.dst}: {full}")
        lines.append(f"  {edge.src} {arrow}{link} {edge.dst}")
        if edge.unreachable:
            dead_links.append(index)
    lines.append(
        "  classDef unreachable fill:whitesmoke,stroke:grey,color:grey,stroke-dasharray:4 3"
    )
    dead = [n.id for n in graph.nodes if n.unreachable]
    if dead:
        lines.append(f"  class {','.join(dead)} unreachable")
    if dead_links:
        lines.append(
            f"  linkStyle {','.join(map(str, dead_links))} stroke:grey,stroke-dasharray:4 3"
        )
    return "\n".join(lines) + "\n"


def _mermaid_node(node: GNode) -> str:
    opening, closing = _MERMAID_SHAPES[node.kind]
    return f"{node.id}{opening}{_mermaid_text(node.label)}{closing}"


# ---------------------------------------------------------------- DOT


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_DOT_SHAPES = {
    "decision": "shape=box",
    "update": "shape=box, style=rounded",
    "ending": "shape=doubleoctagon",
    "time": "shape=cds",
    "run_end": "shape=circle",
    "continue": "shape=point",
}


def to_dot(graph: ScenarioGraph, lang: str) -> str:
    lines = [
        f"digraph {_dot_text(graph.title)} {{",
        "  rankdir=LR;",
        f"  label={_dot_text(t(f'tools.graph.method.{graph.method}', lang))};",
        "  labelloc=b;",
        "  node [fontname=Helvetica];",
        "  edge [fontname=Helvetica, fontsize=10];",
    ]
    by_id = {n.id: n for n in graph.nodes}
    if graph.lane:
        lines.append("  subgraph cluster_lane {")
        lines.append(f"    label={_dot_text(t('tools.graph.lane', lang))};")
        lines.append("    style=dashed;")
        for node_id in graph.lane:
            lines.append("    " + _dot_node(by_id[node_id]))
        lines.append("  }")
    for node in graph.nodes:
        if node.kind != "time":
            lines.append("  " + _dot_node(node))
    for group in graph.same_time:
        lines.append("  { rank=same; " + " ".join(f"{_dot_text(n)};" for n in group) + " }")
    for edge in graph.edges:
        attrs = []
        if edge.label:
            attrs.append(f"label={_dot_text(edge.label)}")
        if edge.detail:
            attrs.append(f"tooltip={_dot_text(edge.detail)}, labeltooltip={_dot_text(edge.detail)}")
        if edge.style == "dashed":
            attrs.append("style=dashed")
        elif edge.style == "lane":
            attrs.append("style=dotted, arrowhead=none")
        if edge.unreachable:
            attrs.append("color=grey, fontcolor=grey")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {_dot_text(edge.src)} -> {_dot_text(edge.dst)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_node(node: GNode) -> str:
    attrs = [f"label={_dot_text(node.label)}", _DOT_SHAPES[node.kind]]
    if node.unreachable:
        style = "rounded,dashed" if node.kind == "update" else "dashed"
        attrs[1] = attrs[1].replace(", style=rounded", "")
        attrs.append(f'color=grey, fontcolor=grey, style="{style}"')
    return f"{_dot_text(node.id)} [{', '.join(attrs)}];"


def unreachable_from(
    scenario: Scenario,
    *,
    static_events: Iterable[str],
    static_endings: Iterable[str],
    max_states: int,
) -> Unreachable:
    """Exact marks from a bounded exploration; the static (generous) ones of the lint when
    the exploration did not finish within `max_states`."""
    from simulasi.tools.analysis import unreached
    from simulasi.tools.explore import explore

    graph = explore(scenario, max_states=max_states, max_seconds=float("inf"))
    if graph.complete:
        found = unreached(graph)
        return Unreachable(
            events=set(found.events),
            endings=set(found.endings),
            choices=set(found.choices),
            timeouts=set(found.timeouts),
            method="explore",
        )
    return Unreachable(events=set(static_events), endings=set(static_endings), method="static")
