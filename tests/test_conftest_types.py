"""The test folders' own conftest.py files are type-checked too, one mypy run each: the main
`mypy` run leaves them out, since it cannot hold several modules named `conftest` at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER_CONFTESTS = sorted(p.relative_to(ROOT) for p in ROOT.glob("tests/*/conftest.py"))


def test_the_folders_conftests_are_found() -> None:
    """Not vacuous: the glob finds the folders' conftest.py files."""
    assert {"results", "ui"} <= {p.parent.name for p in FOLDER_CONFTESTS}


@pytest.mark.parametrize("conftest", FOLDER_CONFTESTS, ids=lambda p: p.parent.name)
def test_folder_conftest_passes_mypy_strict(conftest: Path) -> None:
    """With the project's settings (pyproject.toml: strict, the test folders on mypy's path)."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", str(conftest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
