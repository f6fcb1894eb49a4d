"""The pure core never imports the UI, Rich or the store (docs/architecture.md: pure core).

Checked in a fresh interpreter, since this test process may already hold Textual from others.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "rich", "simulasi.ui", "simulasi.store")

_PROBE = """
import json, sys
import {module}
print(json.dumps(sorted(sys.modules)))
"""


def _imported_by(module: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    modules: list[str] = json.loads(completed.stdout)
    return modules


def _forbidden(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]


@pytest.mark.parametrize("module", ["simulasi.scenario", "simulasi.engine", "scoring"])
def test_core_module_imports_no_ui(module: str) -> None:
    """Importing a core package pulls in none of textual, rich, simulasi.ui, simulasi.store."""
    modules = _imported_by(module)
    assert module in modules
    assert _forbidden(modules) == []


def test_core_together_imports_no_ui() -> None:
    """The three core packages imported together still pull in no UI or store module."""
    modules = _imported_by("simulasi.scenario, simulasi.engine, scoring")
    assert _forbidden(modules) == []


def test_the_probe_would_notice() -> None:
    """The check is not vacuous: importing `json` (a stand-in) shows up in the module list."""
    assert "json" in _imported_by("json")
    assert _forbidden(["textual.app", "rich", "simulasi.store.sqlite", "richer"]) == [
        "textual.app",
        "rich",
        "simulasi.store.sqlite",
    ]


def test_test_modules_have_unique_names() -> None:
    """pytest imports test modules by their file name (the test folders are not packages), so
    two folders with a `test_seat.py` stop the whole run at collection."""
    from collections import Counter
    from pathlib import Path

    names = Counter(p.name for p in Path(__file__).parent.rglob("*.py") if p.name != "conftest.py")
    assert [name for name, n in names.items() if n > 1] == []
