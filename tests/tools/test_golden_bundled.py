"""Every golden test case of the bundled scenarios (`scenarios/*.test.yaml`) passes.

This is the same check as `simulasi test`, one pytest test per case, so CI names the case
that broke and prints the step, what was expected and what happened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tools_support import ROOT

from simulasi.scenario import load_scenario
from simulasi.tools.golden import Case, check_ids, format_failure, load_golden, run_case

FILES = sorted((ROOT / "scenarios").glob("*.test.yaml"))
CASES = [(path, case) for path in FILES for case in load_golden(path).cases]


def test_every_bundled_scenario_has_golden_tests() -> None:
    """A shipped scenario comes with its golden tests (best, careless, all-timeouts paths)."""
    scenarios = [
        p for p in (ROOT / "scenarios").glob("*.yaml") if not p.name.endswith(".test.yaml")
    ]
    assert scenarios
    for scenario in scenarios:
        assert scenario.with_name(scenario.name[:-5] + ".test.yaml") in FILES


@pytest.mark.parametrize(("path", "case"), CASES, ids=[f"{p.name}: {c.name}" for p, c in CASES])
def test_golden_case(path: Path, case: Case) -> None:
    golden = load_golden(path)
    loaded = load_scenario(golden.scenario_path)
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    check_ids(golden, loaded.scenario)
    result = run_case(loaded.scenario, case, "en")
    lines = [line for f in result.failures for line in format_failure(path, case, f, "en")]
    assert result.ok, "\n".join(lines)
