"""One version: `simulasi --version`, `simulasi.__version__` and the installed metadata agree."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import simulasi
from simulasi.cli import main

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_version_prints_the_packages_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"simulasi {simulasi.__version__}\n"


def test_the_installed_metadata_has_the_same_version() -> None:
    assert version("simulasi") == simulasi.__version__


def test_pyproject_takes_the_version_from_the_package() -> None:
    """No second copy to forget: pyproject.toml names no version of its own."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "simulasi/__init__.py"
