"""Every child process a test starts is bounded: a `subprocess.run` (or `call`, `check_call`,
`check_output`) without `timeout=` could hang the whole suite on a stuck child."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BOUNDED = frozenset({"run", "call", "check_call", "check_output"})


def unbounded_calls(source: str) -> list[int]:
    """The lines of `subprocess.<run|call|check_call|check_output>(...)` calls without a
    `timeout` keyword (a `**kwargs` may carry one: counted as bounded)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if not (
            isinstance(func, ast.Attribute)
            and func.attr in BOUNDED
            and isinstance(func.value, ast.Name)
            and func.value.id == "subprocess"
        ):
            continue
        if not any(k.arg in ("timeout", None) for k in node.keywords):
            lines.append(node.lineno)
    return lines


def test_every_subprocess_call_in_the_tests_has_a_timeout() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in unbounded_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_would_notice() -> None:
    """Not vacuous: a call without a timeout is found, one with it (or with `**options`) not."""
    source = (
        "import subprocess\n"
        "subprocess.run(['x'], check=True)\n"
        "subprocess.run(['x'], timeout=5)\n"
        "subprocess.check_output(['x'], **options)\n"
        "subprocess.check_output(['x'])\n"
    )
    assert unbounded_calls(source) == [2, 5]
