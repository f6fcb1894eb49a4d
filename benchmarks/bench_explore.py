"""Explorer and simulator benchmark.

Explore: a generated family of scenarios of growing size n, two parallel threads of n
decisions each (thread A moves `warga`, thread B moves `media`; each decision has a good and a
weak choice and a timeout, all leading to the thread's next decision; two endings read
`warga`). For each n it prints the states and moves explored, the time (search and analysis),
and the size of the naive tree (one node per path prefix: the merged state graph unfolded,
counted exactly with big integers), and their ratio. States must grow polynomially in n (the
printed slope of log(states) / log(n) stays bounded) while the naive tree grows exponentially.

Simulate: complete seeded playthroughs of scenarios/hoaks-vaksin-mr.yaml per second, persona
uniform, against the engine benchmark's minimal plain-dict baseline (benchmarks/bench_engine.py,
imported by path), and against that benchmark's own random engine playthroughs.

Bundled (`python benchmarks/bench_explore.py bundled`): `simulasi explore` on every bundled
scenario, each in a child process of its own: wall time (load, search, analysis, replays) and
peak RSS, against the targets a facilitator's laptop sets (<= 10 s, goal 2 s; <= 300 MB), and
as ratios against a baseline child measured in the same run that only imports simulasi and
loads the same scenario.

Run from the repository root: `python benchmarks/bench_explore.py [bundled|all]` (no argument:
the family and simulate). It reports; it never fails on a figure.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from simulasi.scenario import Scenario, load_scenario_or_raise
from simulasi.tools.analysis import analyse, topological_order
from simulasi.tools.explore import Graph, explore
from simulasi.tools.personas import PERSONAS
from simulasi.tools.simulate import play

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1, 2, 4, 8, 16, 24)
SEED = 1729
RUNS = 2_000
REPEATS = 5


def family(n: int) -> Scenario:
    """Two threads of n decisions, interleaved in time (B starts 15 s after A)."""

    def thread(prefix: str, meter: str, start: float) -> list[dict[str, Any]]:
        events = []
        for i in range(1, n + 1):
            following = f"{prefix}{i + 1}" if i < n else None
            outcome_next = {"next": following} if following else {}
            event: dict[str, Any] = {"id": f"{prefix}{i}", "title": f"{prefix}{i}"}
            if i == 1:
                event["at"] = start
            event.update(
                deadline=60,
                golden=20,
                choices=[
                    {
                        "id": "baik",
                        "text": "baik",
                        "rating": "best",
                        "effects": {meter: 2},
                        "feedback": "x",
                        **outcome_next,
                    },
                    {
                        "id": "lemah",
                        "text": "lemah",
                        "rating": "weak",
                        "effects": {meter: -1},
                        "feedback": "x",
                        **outcome_next,
                    },
                ],
                on_timeout={"effects": {meter: -2}, "feedback": "x", **outcome_next},
            )
            events.append(event)
        return events

    doc = {
        "format": "simulasi/1",
        "id": f"dua-jalur-{n}",
        "title": f"Dua jalur x {n}",
        "summary": "Benchmark",
        "briefing": "Benchmark",
        "stakeholders": [{"id": "warga", "initial": 50}, {"id": "media", "initial": 50}],
        "events": thread("a", "warga", 0) + thread("b", "media", 15),
        "endings": [
            {"id": "baik", "title": "Baik", "when": f"warga >= {50 + n}", "text": "x"},
            {"id": "buruk", "title": "Buruk", "when": f"warga < {50 - n}", "text": "x"},
            {"id": "biasa", "title": "Biasa", "text": "x"},
        ],
    }
    return load_scenario_or_raise(yaml.safe_dump(doc, sort_keys=False))


def naive_tree(graph: Graph) -> tuple[int, int]:
    """(nodes, leaves) of the naive move tree: every path prefix of the merged graph."""
    paths = [0] * len(graph.nodes)
    paths[0] = 1
    for node in topological_order(graph):
        for index in graph.nodes[node].out:
            paths[graph.edges[index].dst] += paths[node]
    leaves = sum(p for node, p in zip(graph.nodes, paths, strict=True) if node.end is not None)
    return sum(paths), leaves


def bench_explore() -> None:
    print("explore: two parallel threads of n decisions (2 choices + timeout, 3 answer times)")
    print(
        f"{'n':>3} {'decisions':>9} {'states':>9} {'moves':>9} {'search s':>9} {'analysis s':>10}"
        f" {'naive tree nodes':>22} {'naive / states':>16} {'slope':>6}"
    )
    previous: tuple[int, int] | None = None
    for n in SIZES:
        scenario = family(n)
        start = time.perf_counter()
        graph = explore(scenario, max_states=10_000_000, max_seconds=math.inf)
        searched = time.perf_counter()
        report = analyse(graph)
        analysed = time.perf_counter()
        assert graph.complete and not report.broken, report.problems
        nodes, _ = naive_tree(graph)
        states = len(graph.nodes)
        slope = (
            f"{math.log(states / previous[1]) / math.log(n / previous[0]):6.2f}"
            if previous
            else "     -"
        )
        print(
            f"{n:>3} {2 * n:>9} {states:>9,} {len(graph.edges):>9,} {searched - start:>9.2f}"
            f" {analysed - searched:>10.2f} {nodes:>22.3e} {nodes / states:>16.3e} {slope}"
        )
        previous = (n, states)
    print(
        "slope = log(states ratio) / log(n ratio) between consecutive sizes: bounded means "
        "polynomial growth"
    )


def _engine_bench() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_engine", ROOT / "benchmarks" / "bench_engine.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_engine"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def bench_simulate() -> None:
    engine_bench = _engine_bench()
    scenario = load_scenario_or_raise(ROOT / "scenarios" / "hoaks-vaksin-mr.yaml")
    plain = engine_bench.extract(scenario)
    persona = PERSONAS["uniform"]

    def simulated() -> None:
        for i in range(RUNS):
            play(scenario, persona, SEED + i)

    def baseline() -> None:
        rng = random.Random(SEED)
        for _ in range(RUNS):
            engine_bench.play_baseline(plain, rng)

    def engine() -> None:
        rng = random.Random(SEED)
        for _ in range(RUNS):
            engine_bench.play_engine(scenario, rng)

    t_sim, t_base = engine_bench.best_of_both(simulated, baseline, REPEATS)
    t_engine = engine_bench.best_of(engine, REPEATS)
    print()
    print(f"simulate: {RUNS} playthroughs of {scenario.id}, persona uniform, best of {REPEATS}")
    print(f"simulate runs/s: {RUNS / t_sim:,.0f}  ({t_sim / RUNS * 1e6:.1f} us each)")
    print(f"baseline playthroughs/s (bench_engine.Baseline): {RUNS / t_base:,.0f}")
    print(f"engine playthroughs/s (bench_engine.play_engine): {RUNS / t_engine:,.0f}")
    print(f"simulate ratio (simulate / baseline time): {t_sim / t_base:.2f}")
    print(f"simulate / engine playthrough time: {t_sim / t_engine:.2f}")


#: A child process: load the scenario (and, with "explore", explore and analyse it as the
#: command does), then print its wall time and peak RSS as JSON.
CHILD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from simulasi.scenario import load_scenario_or_raise
scenario = load_scenario_or_raise(Path(sys.argv[1]))
if sys.argv[2] == "explore":
    from simulasi.tools.analysis import analyse
    from simulasi.tools.explore import explore
    report = analyse(explore(scenario))
    if not report.complete:
        print("the search stopped at a bound", file=sys.stderr)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
print(json.dumps({"seconds": seconds, "mb": peak_mb}))
"""
TARGET_SECONDS = 10.0
GOAL_SECONDS = 2.0
TARGET_MB = 300.0


def _child(path: Path, what: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), what],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def bench_bundled() -> None:
    print()
    print(
        "explore, bundled scenarios: one child process each (load + search + analysis + "
        "replays); baseline: a child that only loads the scenario"
    )
    print(
        f"{'scenario':<24} {'explore s':>9} {'RSS MB':>7} {'base s':>7} {'base MB':>8}"
        f" {'s ratio':>8} {'MB ratio':>9}  targets"
    )
    bundled = sorted(
        p for p in (ROOT / "scenarios").glob("*.yaml") if not p.name.endswith(".test.yaml")
    )
    for path in bundled:
        base = _child(path, "load")
        run = _child(path, "explore")
        ok_time = "ok" if run["seconds"] <= TARGET_SECONDS else "MISSED"
        ok_goal = "ok" if run["seconds"] <= GOAL_SECONDS else "not yet"
        ok_mb = "ok" if run["mb"] <= TARGET_MB else "MISSED"
        print(
            f"{path.stem:<24} {run['seconds']:>9.2f} {run['mb']:>7.0f} {base['seconds']:>7.2f}"
            f" {base['mb']:>8.0f} {run['seconds'] / base['seconds']:>8.1f}"
            f" {run['mb'] / base['mb']:>9.1f}  [<= {TARGET_SECONDS:g} s: {ok_time};"
            f" goal {GOAL_SECONDS:g} s: {ok_goal}; <= {TARGET_MB:g} MB: {ok_mb}]"
        )


def main() -> int:
    print(f"python: {sys.version.split()[0]}")
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which in ("", "all"):
        bench_explore()
        bench_simulate()
    if which in ("bundled", "all"):
        bench_bundled()
    return 0


if __name__ == "__main__":
    sys.exit(main())
