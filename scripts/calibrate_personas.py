"""Print every bundled (or given) scenario's calibration against the test-wise personas.

    python scripts/calibrate_personas.py [SCENARIO.yaml ...]

For each scenario: the pass mark; per persona the mean total and the pass rate over 300 runs
(seed 1); and the surface statistics of its decisions: how often the best choice is the first
in the file and the longest by words. The targets: careful passes most runs with a mean of at
least 80; first, longest and keyword each have a mean below the pass mark minus 15 and pass
under 5 % of their runs; the best choice is the longest in at most a third of the decisions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from simulasi.scenario import load_scenario_or_raise
from simulasi.tools.personas import PERSONAS, word_count
from simulasi.tools.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
PERSONAS_SHOWN = ("careful", "first", "longest", "keyword", "uniform", "hasty")


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(
        p for p in (ROOT / "scenarios").glob("*.yaml") if not p.name.endswith(".test.yaml")
    )
    for path in files:
        scenario = load_scenario_or_raise(path)
        mark = scenario.doc.scoring.pass_mark
        decisions = scenario.decisions
        best_first = best_longest = 0
        for event in decisions:
            best = scenario.best_choice(event)
            assert best is not None and event.choices
            best_first += event.choices[0].id == best.id
            longest = max(event.choices, key=lambda c: word_count(c.text))
            best_longest += longest.id == best.id
        print(
            f"{path.stem}: pass mark {mark}; best first {best_first}/{len(decisions)}, "
            f"best longest {best_longest}/{len(decisions)}"
        )
        for name in PERSONAS_SHOWN:
            sim = simulate(scenario, PERSONAS[name], runs=300, seed=1)
            totals = [r.total for r in sim.runs]
            passed = sum(r.passed for r in sim.runs)
            mean = sum(totals) / len(totals)
            print(f"  {name:<8} mean {mean:6.2f}  passed {100 * passed / len(totals):5.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
