"""The scoreboard and exports stay pure: no store, Textual or Rich (docs/architecture.md).

Checked in a fresh interpreter, since this test process has imported the store already.
"""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textual", "rich", "simulasi.ui", "simulasi.store")
MODULES = (
    "scoring.scoreboard",
    "scoring.exports.common",
    "scoring.exports.tabular",
    "scoring.exports.xlsx",
    "scoring.exports.html",
    "scoring.exports.debrief",
    "scoring.exports.xapi",
)


def test_scoreboard_and_exports_import_no_store_or_ui() -> None:
    """Importing every scoreboard and export module pulls in none of the forbidden packages."""
    probe = f"import json, sys\nimport {', '.join(MODULES)}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout)
    assert "scoring.exports.xlsx" in modules
    bad = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []


def test_result_commands_import_only_the_standard_library_at_start() -> None:
    """`simulasi --help` stays fast: the new command modules pull in no store, scoring or
    openpyxl until they run."""
    probe = (
        "import json, sys\nimport simulasi.commands.scoreboard, simulasi.commands.debrief, "
        "simulasi.commands.bundle, simulasi.commands.run\nprint(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout)
    heavy = ("simulasi.store", "scoring", "openpyxl", "jinja2", "sqlite3")
    assert [m for m in modules if m.split(".")[0] in heavy or m in heavy] == []
