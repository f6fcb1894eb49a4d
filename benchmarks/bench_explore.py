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

Run from the repository root: `python benchmarks/bench_explore.py`. It reports; it never fails
on a figure.
"""

from __future__ import annotations

import importlib.util
import math
import random
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


def main() -> int:
    print(f"python: {sys.version.split()[0]}")
    bench_explore()
    bench_simulate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
