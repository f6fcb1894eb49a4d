"""`simulasi simulate SCENARIO --runs N --seed S`: seeded random playthroughs by persona."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK
from simulasi.i18n import t
from simulasi.jsonout import dump_json

ORDER = 50


def _percent(text: str) -> float:
    value = float(text)
    if not 0 < value <= 100:
        raise ValueError(text)
    return value


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    from simulasi.commands.common import positive_int
    from simulasi.tools.personas import PERSONAS

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
        default=None,
        metavar="N",
        help=t("tools.cli.simulate.runs", lang),
    )
    parser.add_argument(
        "--seed", type=int, default=None, metavar="S", help=t("tools.cli.simulate.seed", lang)
    )
    parser.add_argument(
        "--persona",
        choices=tuple(PERSONAS),
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
    parser.add_argument(
        "--calibrate", action="store_true", help=t("tools.cli.simulate.calibrate", lang)
    )
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Simulate and print the report; exit 1 only when the engine failed on some run (with
    --calibrate: also when a persona misses its calibration target)."""
    from simulasi.commands.common import load_or_report
    from simulasi.tools.personas import PERSONAS
    from simulasi.tools.simulate import simulate
    from simulasi.tools.simulate_calibrate import CALIBRATION_RUNS, CALIBRATION_SEED, calibrate
    from simulasi.tools.simulate_text import calibration_json, render, render_calibration, to_json

    scenario = load_or_report(args.scenario, lang)
    if scenario is None:
        return EXIT_INVALID
    if args.calibrate:
        cal = calibrate(
            scenario,
            runs=CALIBRATION_RUNS if args.runs is None else args.runs,
            seed=CALIBRATION_SEED if args.seed is None else args.seed,
        )
        print(dump_json(calibration_json(cal)) if args.json else render_calibration(cal, lang))
        return EXIT_OK if cal.ok else EXIT_INVALID
    runs = 1000 if args.runs is None else args.runs
    seed = 0 if args.seed is None else args.seed
    sim = simulate(scenario, PERSONAS[args.persona], runs=runs, seed=seed)
    if args.json:
        print(dump_json(to_json(sim, args.pass_percentile)))
    else:
        print(render(sim, args.pass_percentile, lang))
    return EXIT_INVALID if sim.errors else EXIT_OK
