"""`simulasi --help` stays fast: building every command's parser imports neither the scenario
models (pydantic) nor the engine nor the tools. The commands' shared helpers
(`simulasi.commands.common`, whose argparse types the parsers use) import them only when a
command runs. Checked in a fresh interpreter, since this process already holds them."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import contextlib, io, json, sys
from simulasi.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""

HEAVY = ("pydantic", "simulasi.scenario", "simulasi.engine", "simulasi.tools", "textual")
#: `simulate --persona` offers the personas module's own names: that module imports nothing of
#: the core at run time (its scenario types are for the type checker only).
LIGHT = ("simulasi.tools", "simulasi.tools.personas")


def test_help_builds_every_parser_without_the_heavy_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    modules: list[str] = json.loads(done.stdout)
    assert "simulasi.commands.common" in modules  # the parsers' argparse types came from it
    heavy = [
        m for m in modules if m not in LIGHT and any(m == h or m.startswith(h + ".") for h in HEAVY)
    ]
    assert heavy == []
