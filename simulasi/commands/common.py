"""Helpers shared by the subcommands: reading scenario files with plain errors, writing output,
argparse types.

Standard library and simulasi's guards only at the top: `register` functions import the argparse
types from here, and building the parser must not import the scenario models (they would hold up
the game's first frame by a tenth of a second).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulasi.errors import UsageError
from simulasi.guard import SCENARIO_MAX_BYTES, TooLarge, file_problem, read_bounded, shown
from simulasi.i18n import t

if TYPE_CHECKING:  # imported when a command runs, not for `simulasi --help`
    from simulasi.scenario import LoadResult, Scenario


def read_scenario(path: Path, lang: str) -> LoadResult:
    """Load one scenario file; a missing or unreadable file (a fifo, a device) is a usage
    error, a file over the size limit is not read past it."""
    from simulasi.scenario import load_scenario
    from simulasi.scenario.loader import too_large

    if not path.exists():
        raise UsageError(t("err.not_found", lang, path=shown(path)))
    try:
        data = read_bounded(path, SCENARIO_MAX_BYTES)
    except TooLarge as exc:
        return too_large(str(path), exc.size, exc.limit)
    except OSError as exc:
        raise UsageError(
            t("err.unreadable", lang, path=shown(path), reason=file_problem(exc, lang))
        ) from None
    return load_scenario(data, file=str(path))


def load_or_report(path: Path, lang: str) -> Scenario | None:
    """The scenario in `path`, or None after printing its errors (the caller exits 1).

    A missing or unreadable file is a usage error (exit 2), as for every command.
    """
    loaded = load_result_or_report(path, lang)
    return None if loaded is None else loaded.scenario


def load_result_or_report(path: Path, lang: str) -> LoadResult | None:
    """As `load_or_report`, keeping the warnings too (a scenario is there when not None)."""
    loaded = read_scenario(path, lang)
    if loaded.scenario is None:
        for diagnostic in loaded.errors:
            print(diagnostic.format(lang), file=sys.stderr)
        print(t("err.scenario_invalid", lang, path=path), file=sys.stderr)
        return None
    return loaded


def write_output(text: str, output: Path | None, lang: str) -> None:
    """Print `text`, or write it to `output` (a write error is a usage error)."""
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(t("err.write", lang, path=output, reason=exc.strerror or exc)) from None


def positive_int(text: str) -> int:
    """An argparse type: a whole number above 0."""
    value = int(text)
    if value <= 0:
        raise ValueError(text)
    return value


def positive_float(text: str) -> float:
    """An argparse type: a number above 0."""
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise ValueError(text)
    return value
