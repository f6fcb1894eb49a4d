"""Helpers shared by the subcommands: reading scenario files with plain errors."""

from __future__ import annotations

from pathlib import Path

from simulasi.cli import UsageError
from simulasi.i18n import t
from simulasi.scenario import LoadResult, load_scenario


def read_scenario(path: Path, lang: str) -> LoadResult:
    """Load one scenario file; a missing or unreadable file is a usage error."""
    if not path.exists():
        raise UsageError(t("err.not_found", lang, path=path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(t("err.unreadable", lang, path=path, reason=exc.strerror or exc)) from None
    return load_scenario(data, file=str(path))
