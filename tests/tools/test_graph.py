"""`simulasi graph`: Mermaid and DOT that parse, with the scenario's structure in them."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from graph_syntax import Parsed, parse_dot, parse_mermaid
from tools_support import SCENARIOS, SHIPPED, load

from simulasi.cli import main
from simulasi.tools.analysis import ExploreReport
from simulasi.tools.graph import (
    ScenarioGraph,
    Unreachable,
    build,
    to_dot,
    to_mermaid,
    unreachable_from,
)


def graph_text(path: Path, fmt: str, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["graph", str(path), "--format", fmt, "--lang", "en", *extra]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def shipped_graph_model(shipped_report: ExploreReport) -> ScenarioGraph:
    """The shipped scenario's graph, marked from the session's exploration (as the command
    does it, without exploring again)."""
    report = shipped_report
    unreachable = Unreachable(
        events=set(report.unreached_events),
        endings=set(report.unreached_endings),
        choices=set(report.unreached_choices),
        timeouts=set(report.unreached_timeouts),
        method="explore",
    )
    return build(report.scenario, unreachable, "en")


@pytest.fixture(scope="module")
def shipped_mermaid(shipped_graph_model: ScenarioGraph) -> Parsed:
    return parse_mermaid(to_mermaid(shipped_graph_model, "en"))


def test_mermaid_has_every_event_ending_and_choice(shipped_mermaid: Parsed) -> None:
    """Decisions are boxes, updates rounded, endings stadiums; every choice is an edge label
    (those that lead nowhere new share an edge to a small point)."""
    scenario = load(SHIPPED)
    nodes = shipped_mermaid.nodes
    for event in scenario.doc.events:
        shape = nodes[f"ev_{event.id}"]["shape"]
        assert shape == ("box" if event.choices is not None else "rounded")
    for ending in scenario.doc.endings:
        assert nodes[f"end_{ending.id}"]["shape"] == "stadium"
    labels = " ".join(attrs["label"] for _, _, attrs in shipped_mermaid.edges)
    for event in scenario.decisions:
        for choice in event.choices or ():
            assert choice.id in labels
    # Timeouts that lead somewhere are dashed.
    dashed = [(s, d) for s, d, a in shipped_mermaid.edges if a["arrow"] == "-.->"]
    assert ("ev_vn_viral", "ev_hoaks_meluas") in dashed
    # Nothing is unreachable in the shipped scenario.
    assert shipped_mermaid.classes.get("unreachable", set()) == set()


def test_scheduled_events_hang_from_a_time_lane_in_order(shipped_mermaid: Parsed) -> None:
    """One lane node per distinct `at`, chained in time order, each tied to its events."""
    scenario = load(SHIPPED)
    times = sorted({e.at for e in scenario.doc.events if e.at is not None})
    (lane,) = shipped_mermaid.groups
    assert len(lane) == len(times)
    chain = [(s, d) for s, d, _ in shipped_mermaid.edges if s in lane and d in lane]
    assert chain == list(itertools.pairwise(lane))
    tied = {(s, d) for s, d, _ in shipped_mermaid.edges if s in lane and d not in lane}
    for event in scenario.doc.events:
        if event.at is not None:
            assert (lane[times.index(event.at)], f"ev_{event.id}") in tied


def test_labels_are_short_and_the_full_text_is_a_tooltip(
    shipped_graph_model: ScenarioGraph, shipped_mermaid: Parsed
) -> None:
    """Edge labels are short (a choice id, an ending condition's place in the order); the
    full text (the choice's text, the conditions) is a tooltip in DOT and a comment in
    Mermaid."""
    edges = {(s, d): a["label"] for s, d, a in shipped_mermaid.edges}
    assert edges[("run_end", "end_polemik_agama")] == "3."
    assert edges[("run_end", "end_mereda")] == "otherwise"
    assert all(len(label) <= 40 for label in edges.values()), edges
    mermaid = to_mermaid(shipped_graph_model, "en")
    assert (
        "%% run_end -> end_polemik_agama: 3. if chosen(isu_haram.lapor_ite) or mui < 30" in mermaid
    )
    dot = parse_dot(to_dot(shipped_graph_model, "en"))
    tips = {(s, d): a.get("tooltip", "") for s, d, a in dot.edges}
    assert tips[("run_end", "end_polemik_agama")].endswith("or mui < 30")
    assert "not klarifikasi_terbit" in tips[("ev_telepon_wartawan", "ev_berita_bungkam")]
    choice = next(
        a for s, _, a in dot.edges if s == "ev_vn_viral" and a.get("label") == "verifikasi"
    )
    assert choice["tooltip"].startswith("verifikasi: Minta Dinkes")
    assert choice["labeltooltip"] == choice["tooltip"]


def test_unreachable_parts_are_marked(capsys: pytest.CaptureFixture[str]) -> None:
    """The explorer's findings grey out the event, ending and choice no path reaches."""
    parsed = parse_mermaid(graph_text(SCENARIOS / "unreachable.yaml", "mermaid", capsys))
    assert parsed.classes["unreachable"] == {"ev_susulan", "end_sempurna"}
    assert "(unreachable)" in parsed.nodes["ev_susulan"]["label"]
    dead = [i for i, (s, _, a) in enumerate(parsed.edges) if a["label"] == "b (unreachable)"]
    assert dead and set(dead) <= parsed.styled_links
    # Only the unreachable choice edge says so.
    assert sum("(unreachable)" in a["label"] for _, _, a in parsed.edges) == 1
    dot = parse_dot(graph_text(SCENARIOS / "unreachable.yaml", "dot", capsys))
    assert dot.nodes["ev_susulan"]["color"] == "grey"
    assert dot.nodes["end_sempurna"]["color"] == "grey"
    assert "color" not in dot.nodes["ev_pertama"]


def test_dot_parses_and_has_the_same_graph(
    shipped_graph_model: ScenarioGraph, shipped_mermaid: Parsed
) -> None:
    """DOT: same nodes and edges as Mermaid; decisions boxes, timeouts dashed, the lane a
    cluster, each time in a rank with its events."""
    text = to_dot(shipped_graph_model, "en")
    dot = parse_dot(text)
    mermaid = shipped_mermaid
    assert set(dot.nodes) == set(mermaid.nodes)
    assert [(s, d) for s, d, _ in dot.edges] == [(s, d) for s, d, _ in mermaid.edges]
    assert dot.nodes["ev_vn_viral"]["shape"] == "box"
    assert dot.nodes["ev_hoaks_meluas"]["style"] == "rounded"
    timeouts = [a for s, d, a in dot.edges if (s, d) == ("ev_vn_viral", "ev_hoaks_meluas")]
    assert "dashed" in [a.get("style") for a in timeouts]
    assert ["t_0", "ev_vn_viral"] in dot.groups
    if shutil.which("dot"):  # Graphviz itself, where installed, must accept it too
        done = subprocess.run(
            ["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr


def test_labels_with_quotes_and_markup_stay_text() -> None:
    """Quotes, `#`, `<`, `|` in titles and conditions are escaped in both formats."""
    scenario = load(SHIPPED)
    graph = build(scenario, Unreachable(), "id")
    graph.nodes[0].label = 'a "quoted" #tag <b>|x|</b>\nline'
    mermaid = parse_mermaid(to_mermaid(graph, "id"))
    assert mermaid.nodes[graph.nodes[0].id]["label"] == (
        "a #quot;quoted#quot; #35;tag #lt;b#gt;#124;x#124;#lt;/b#gt;<br/>line"
    )
    dot = parse_dot(to_dot(graph, "id"))
    assert dot.nodes[graph.nodes[0].id]["label"] == 'a "quoted" #tag <b>|x|</b>\nline'


def test_static_marks_when_the_exploration_is_too_big(tmp_path: Path) -> None:
    """Past --max-states the lint's static reachability marks what it can, and says so."""
    out = tmp_path / "g.mmd"
    assert main(["graph", str(SHIPPED), "--max-states", "5", "-o", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "static check" in text
    parse_mermaid(text)
    unreachable = unreachable_from(
        load(SCENARIOS / "unreachable.yaml"),
        static_events=["x"],
        static_endings=["y"],
        max_states=1,
    )
    assert unreachable.method == "static" and unreachable.events == {"x"}
