"""Helpers shared by the subcommands: reading scenario files with plain errors."""

from __future__ import annotations

from pathlib import Path

from simulasi.cli import UsageError
from simulasi.guard import SCENARIO_MAX_BYTES, TooLarge, file_problem, read_bounded, shown
from simulasi.i18n import t
from simulasi.scenario import LoadResult, load_scenario
from simulasi.scenario.loader import too_large


def read_scenario(path: Path, lang: str) -> LoadResult:
    """Load one scenario file; a missing or unreadable file (a fifo, a device) is a usage
    error, a file over the size limit is not read past it."""
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
