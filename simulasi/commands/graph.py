"""`simulasi graph SCENARIO --format mermaid|dot [-o FILE]`: the scenario as a graph."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK
from simulasi.i18n import t

ORDER = 60


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    from simulasi.commands.common import positive_int

    parser = sub.add_parser(
        "graph",
        parents=parents,
        help=t("tools.cli.graph", lang),
        description=t("tools.cli.graph.description", lang),
    )
    parser.add_argument("scenario", type=Path, help=t("cli.run.scenario", lang))
    parser.add_argument(
        "--format",
        choices=["mermaid", "dot"],
        default="mermaid",
        help=t("tools.cli.graph.format", lang),
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t("cli.schema.output", lang)
    )
    parser.add_argument(
        "--max-states",
        type=positive_int,
        default=20_000,
        metavar="N",
        help=t("tools.cli.graph.max_states", lang),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Print (or write) the graph; unreachable nodes are marked."""
    from simulasi.commands.common import load_result_or_report, write_output
    from simulasi.tools.graph import build, to_dot, to_mermaid, unreachable_from

    loaded = load_result_or_report(args.scenario, lang)
    if loaded is None or loaded.scenario is None:
        return EXIT_INVALID
    scenario, diagnostics = loaded.scenario, loaded.diagnostics
    unreachable = unreachable_from(
        scenario,
        static_events=[d.params["event"] for d in diagnostics if d.code == "SIM201"],
        static_endings=[d.params["ending"] for d in diagnostics if d.code == "SIM202"],
        max_states=args.max_states,
    )
    graph = build(scenario, unreachable, lang)
    text = to_mermaid(graph, lang) if args.format == "mermaid" else to_dot(graph, lang)
    write_output(text, args.output, lang)
    return EXIT_OK
