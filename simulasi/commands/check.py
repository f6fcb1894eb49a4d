"""`simulasi check PATH...`: every problem of every file, then exit 0/1 (2 on usage errors)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK, UsageError
from simulasi.i18n import t
from simulasi.jsonout import dump_json

ORDER = 30


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "check", parents=parents, help=t("cli.check", lang), description=t("cli.check", lang)
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=t("cli.check.paths", lang)
    )
    parser.add_argument("--json", action="store_true", help=t("cli.check.json", lang))
    parser.set_defaults(handler=run)


def _expand(paths: list[Path], lang: str) -> list[Path]:
    from simulasi.bundled import scenario_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = scenario_files(path)
            if not found:
                raise UsageError(t("err.no_yaml", lang, path=path))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(t("err.not_found", lang, path=path))
    return files


def run(args: argparse.Namespace, lang: str) -> int:
    """Check every file, print every diagnostic, exit 1 if any is an error."""
    from simulasi.commands.common import read_scenario
    from simulasi.scenario import Diagnostic

    files = _expand(args.paths, lang)
    diagnostics: list[Diagnostic] = []
    for path in files:
        diagnostics.extend(read_scenario(path, lang).diagnostics)
    errors = sum(d.is_error for d in diagnostics)
    if args.json:
        print(dump_json([d.to_json(lang) for d in diagnostics]))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format(lang))
        print(
            t(
                "check.summary",
                lang,
                files=len(files),
                errors=errors,
                warnings=len(diagnostics) - errors,
            ),
            file=sys.stderr,
        )
    return EXIT_INVALID if errors else EXIT_OK
