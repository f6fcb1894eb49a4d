"""Print every bundled (or given) scenario's calibration against the test-wise personas.

    python scripts/calibrate_personas.py [SCENARIO.yaml ...]

For each scenario: the pass mark; per persona the mean total and the pass rate over 300 runs
(seed 1) and whether it meets its target, from the same code as `simulasi simulate --calibrate`
(`simulasi.tools.simulate_calibrate`); and the surface statistics of its decisions: how often
the best choice is the first in the file and the longest by words (the target: the longest in
at most a third of the decisions).
"""

from __future__ import annotations

import sys
from pathlib import Path

from simulasi.scenario import load_scenario_or_raise
from simulasi.tools.personas import word_count
from simulasi.tools.simulate_calibrate import calibrate

ROOT = Path(__file__).resolve().parent.parent


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
        for p in calibrate(scenario, runs=300, seed=1).personas:
            verdict = "met" if p.met else "MISSED"
            print(
                f"  {p.name:<14} mean {p.mean:6.2f}  passed {100 * p.pass_rate:5.1f} %"
                f"  {p.target}: {verdict}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
