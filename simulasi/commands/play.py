"""`simulasi` / `simulasi play`: until the game screen exists, list the scenarios to play."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from simulasi.cli import EXIT_INVALID, EXIT_OK, UsageError
from simulasi.i18n import t

ORDER = 10


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "play", parents=parents, help=t("cli.play", lang), description=t("cli.play", lang)
    )
    parser.add_argument("scenario", nargs="?", type=Path, help=t("cli.play.scenario", lang))
    parser.add_argument("--scenarios", type=Path, metavar="DIR", help=t("cli.play.scenarios", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """List the scenarios (until the game screen exists)."""
    from simulasi.bundled import bundled_scenarios, scenario_files
    from simulasi.commands.common import read_scenario

    paths: list[Path] = []
    if args.scenario is not None:
        if not args.scenario.exists():
            raise UsageError(t("err.not_found", lang, path=args.scenario))
        paths.append(args.scenario)
    else:
        paths.extend(bundled_scenarios())
        if args.scenarios is not None:
            if not args.scenarios.is_dir():
                raise UsageError(t("err.not_found", lang, path=args.scenarios))
            paths.extend(scenario_files(args.scenarios))
    print(t("list.header", lang))
    print()
    if not paths:
        print(t("list.none", lang))
        return EXIT_INVALID
    broken = False
    for path in paths:
        loaded = read_scenario(path, lang)
        if loaded.scenario is None:
            broken = True
            print(f"✗ {path.name}")
            print(f"    {t('list.invalid', lang, n=len(loaded.errors), path=path)}")
            continue
        scenario = loaded.scenario
        minutes = max(1, math.ceil(scenario.estimated_seconds() / 60))
        print(f"• {scenario.title}  [{scenario.id}]")
        print(
            f"    {t('list.decisions', lang, n=len(scenario.decisions))} · "
            f"{t('list.minutes', lang, n=minutes)}"
        )
        print(f"    {scenario.doc.summary.strip()}")
        print()
    print(t("list.hint", lang))
    return EXIT_INVALID if broken and args.scenario is not None else EXIT_OK
