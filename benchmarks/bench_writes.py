"""Write benchmark: records/s stored by 60 concurrent writers (60 games of one workshop), on
the SQLite store and on the PostgreSQL store.

Each writer is its own process (as each game is) with its own store connection. It plays
random runs of scenarios/hoaks-vaksin-mr.yaml (seeded) as the game does: `Recorder.start`,
then after every engine call (`advance` with a clock record, `choose`, `finish`)
`recorder.commit()`, one transaction each, with the lease check and renewal. All writers start
together and write for `--seconds` seconds; the figure is the records stored per second by all
of them, counted in the store afterwards.

Baseline: ONE writer on SQLite, measured in the same run (what a single laptop does). Every
figure is printed with its ratio to that baseline. Crash safety is on everywhere: SQLite with
`synchronous=FULL` (the store's setting), the throwaway PostgreSQL server with `fsync=on`
(commits are on disk when acknowledged; concurrent commits share a flush). A throwaway
PostgreSQL server is started (see `pg_temp.py`) unless `--postgres ADDRESS` names one. The
script reports; it never fails on a target. Run from the repository root:
`python benchmarks/bench_writes.py`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path
from typing import Any

from pg_temp import new_store, temporary_server

from simulasi.engine import Run
from simulasi.scenario import load_scenario_or_raise
from simulasi.store import Recorder
from simulasi.store.opener import open_store

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "hoaks-vaksin-mr.yaml"
WRITERS = 60
SECONDS = 10.0


def writer(address: str, seed: int, shared: Any, seconds: float, ready: Any) -> None:
    """Connect, say so (`ready`), wait for the common start time the parent sets in `shared`,
    then play and store runs for `seconds`."""
    scenario = load_scenario_or_raise(SCENARIO)
    rng = random.Random(seed)
    with open_store(address) as store:
        ready.release()
        while shared.value > time.time() + 1800:  # not set yet
            time.sleep(0.005)
        start = shared.value
        while time.time() < start:
            time.sleep(0.001)
        stop = start + seconds
        while time.time() < stop:
            run = Run(scenario)
            run.start(0.0)
            recorder = Recorder.start(store, run, trainee=f"Peserta {seed}", workshop="Bench")
            now = 0.0
            while not run.ended and time.time() < stop:
                now += rng.uniform(5.0, 60.0)
                run.advance(now, record=True)
                recorder.commit()
                if not run.ended and run.pending and rng.random() < 0.7:
                    event = rng.choice(run.pending).event
                    choices = run.available_choices(event)
                    if choices:
                        run.choose(event, rng.choice(choices), now)
                        recorder.commit()
            if not run.ended:
                run.finish(now)
                recorder.commit()


def measure(address: str, writers: int, seconds: float) -> float:
    """Records per second stored by `writers` concurrent writer processes."""
    with open_store(address):
        pass  # created before the clock starts
    context = multiprocessing.get_context("fork")
    ready = context.Semaphore(0)
    shared = context.Value("d", time.time() + 3600)  # set once every writer is connected
    procs = [
        context.Process(target=writer, args=(address, i, shared, seconds, ready))
        for i in range(writers)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.acquire(timeout=120)
    shared.value = time.time() + 0.2
    for proc in procs:
        proc.join(timeout=seconds + 120)
        if proc.is_alive():
            proc.kill()
    with open_store(address, read_only=True) as store:
        records = sum(len(run.records) for run in store.stored_runs())
    return records / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=WRITERS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--postgres", metavar="ADDRESS", help="a server (default: start one)")
    args = parser.parse_args()
    rows: list[tuple[str, int, float]] = []
    with temporary_server(args.postgres, fsync=True) as server:
        for label, on in (("sqlite", None), ("postgres", server)):
            for writers in (1, args.writers):
                with new_store(on) as address:
                    rows.append((label, writers, measure(address, writers, args.seconds)))
    base = rows[0][2]
    print(f"baseline: 1 writer on SQLite, {base:,.0f} records/s ({args.seconds:g} s per figure)")
    for label, writers, rate in rows:
        print(
            f"{label:8s} {writers:3d} writer(s): {rate:9,.0f} records/s"
            f"   ratio to baseline: {rate / base:5.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
