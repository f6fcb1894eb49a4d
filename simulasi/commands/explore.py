"""`simulasi explore SCENARIO`: every path, ending, score extreme and dead end, exhaustively."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK
from simulasi.i18n import t
from simulasi.jsonout import dump_json

ORDER = 40


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    from simulasi.commands.common import positive_float, positive_int

    parser = sub.add_parser(
        "explore",
        parents=parents,
        help=t("tools.cli.explore", lang),
        description=t("tools.cli.explore.description", lang),
    )
    parser.add_argument("scenario", type=Path, help=t("cli.run.scenario", lang))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json", lang))
    parser.add_argument(
        "--max-states",
        type=positive_int,
        default=200_000,
        metavar="N",
        help=t("tools.cli.explore.max_states", lang),
    )
    parser.add_argument(
        "--max-seconds",
        type=positive_float,
        default=60.0,
        metavar="S",
        help=t("tools.cli.explore.max_seconds", lang),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Explore, print the report, exit 1 when something is unreachable, stuck or failing."""
    from simulasi.commands.common import load_or_report
    from simulasi.tools.analysis import analyse
    from simulasi.tools.explore import explore
    from simulasi.tools.explore_text import render, to_json

    scenario = load_or_report(args.scenario, lang)
    if scenario is None:
        return EXIT_INVALID
    graph = explore(scenario, max_states=args.max_states, max_seconds=args.max_seconds)
    report = analyse(graph)
    print(dump_json(to_json(report)) if args.json else render(report, lang))
    return EXIT_INVALID if report.broken else EXIT_OK
