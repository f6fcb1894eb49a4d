"""Every process the game's tests start has a timeout: a hung child fails its test instead
of holding the whole run."""

from __future__ import annotations

import ast
from pathlib import Path

STARTERS = {"run", "check_output", "check_call", "call"}


def _calls_without_timeout(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id == "subprocess"):
            continue
        if node.func.attr in STARTERS and not any(k.arg == "timeout" for k in node.keywords):
            lines.append(node.lineno)
    return lines


def test_every_subprocess_of_the_game_tests_has_a_timeout() -> None:
    here = Path(__file__).parent
    missing = {
        path.name: lines
        for path in sorted(here.glob("*.py"))
        if (lines := _calls_without_timeout(path))
    }
    assert missing == {}
