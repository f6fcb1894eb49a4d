"""The import-layer contracts cover every part of simulasi and run in the README's test command
(`lint-imports` itself checks the imports: see docs/architecture.md, Layers)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layered() -> set[str]:
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    return {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}


def _parts() -> set[str]:
    """The packages and modules directly inside simulasi (what a layer is made of)."""
    package = ROOT / "simulasi"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    return {f"simulasi.{name}" for name in modules | packages}


def test_every_part_of_simulasi_has_its_layer() -> None:
    """A new module or package must be placed in the order, or nothing holds it to it."""
    assert _parts() - _layered() == set()
    assert "scoring" in _layered()


def test_the_core_is_forbidden_the_ui_and_the_store() -> None:
    (core,) = [c for c in _contracts() if c["type"] == "forbidden"]
    assert set(core["source_modules"]) == {"simulasi.scenario", "simulasi.engine", "scoring"}
    assert {"textual", "rich", "simulasi.store", "simulasi.ui"} <= set(core["forbidden_modules"])


def test_the_readme_test_command_runs_lint_imports() -> None:
    """The second line of the README's first ```sh block is what CI runs (.ci/run)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("\n```", 1)[0]
    command = block.splitlines()[1]
    assert command.split(" && ")[-4:] == ["pytest", "ruff check .", "mypy", "lint-imports"]
