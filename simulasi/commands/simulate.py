"""`simulasi simulate SCENARIO --runs N --seed S`: seeded random playthroughs by persona."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK
from simulasi.i18n import t
from simulasi.jsonout import dump_json

ORDER = 50
PERSONA_NAMES = (
    "uniform",
    "least-used",
    "always-timeout",
    "careful",
    "hasty",
    "first",
    "longest",
    "keyword",
)


def _percent(text: str) -> float:
    value = float(text)
    if not 0 < value <= 100:
        raise ValueError(text)
    return value


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    from simulasi.commands.common import positive_int

    parser = sub.add_parser(
        "simulate",
        parents=parents,
        help=t("tools.cli.simulate", lang),
        description=t("tools.cli.simulate.description", lang),
    )
    parser.add_argument("scenario", type=Path, help=t("cli.run.scenario", lang))
    parser.add_argument(
        "--runs",
        type=positive_int,
        default=1000,
        metavar="N",
        help=t("tools.cli.simulate.runs", lang),
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help=t("tools.cli.simulate.seed", lang)
    )
    parser.add_argument(
        "--persona",
        choices=PERSONA_NAMES,
        default="uniform",
        help=t("tools.cli.simulate.persona", lang),
    )
    parser.add_argument(
        "--pass-percentile",
        type=_percent,
        default=25.0,
        metavar="P",
        help=t("tools.cli.simulate.pass_percentile", lang),
    )
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Simulate and print the report; exit 1 only when the engine failed on some run."""
    from simulasi.commands.common import load_or_report
    from simulasi.tools.personas import PERSONAS
    from simulasi.tools.simulate import simulate
    from simulasi.tools.simulate_text import render, to_json

    scenario = load_or_report(args.scenario, lang)
    if scenario is None:
        return EXIT_INVALID
    sim = simulate(scenario, PERSONAS[args.persona], runs=args.runs, seed=args.seed)
    if args.json:
        print(dump_json(to_json(sim, args.pass_percentile)))
    else:
        print(render(sim, args.pass_percentile, lang))
    return EXIT_INVALID if sim.errors else EXIT_OK
