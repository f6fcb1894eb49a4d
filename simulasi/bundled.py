"""Where the bundled scenarios are: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    installed = _PACKAGE / "_bundled_scenarios"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "scenarios"


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files of a folder (golden tests `*.test.yaml` are not scenarios)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*.yaml") if p.is_file() and not p.name.endswith(".test.yaml")
    )


def bundled_scenarios() -> list[Path]:
    """The scenarios the game offers: the top of the bundled folder only (a subfolder, e.g.
    `drafts/`, can hold scenarios still being written without the game offering them)."""
    folder = bundled_dir()
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob("*.yaml") if p.is_file() and not p.name.endswith(".test.yaml")
    )
