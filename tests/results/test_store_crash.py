"""Crash safety, for real: a child process storing a scripted run is killed with SIGKILL.

The child (forked by `results_crashplay.py`, a fresh interpreter) writes `ack N` after each
commit. The test kills it after a random number of acknowledgements (the child is already busy
with its next commit, so the kill lands anywhere in it), then checks that the store opens
cleanly, holds every acknowledged record and only whole engine calls, and that the resumed run
finishes with the ScoreCard of an uninterrupted run. No sleeps: the test waits on the child's
output.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from results_crashplay import TRAINEE, Step, apply, load, plan
from results_pg import PgServer

from scoring import score
from simulasi.engine import Record, Run
from simulasi.scenario import Scenario
from simulasi.store import LEASE_SECONDS, Recorder
from simulasi.store.opener import open_store

TRIALS = 32
HELPER = Path(__file__).with_name("results_crashplay.py")


def _reference(scenario: Scenario, steps: list[Step]) -> tuple[Sequence[Record], list[int]]:
    """The uninterrupted log and the log length after each step (index 0: after start)."""
    run = Run(scenario)
    run.start(0.0)
    lengths = [len(run.log)]
    for step in steps:
        apply(run, step)
        lengths.append(len(run.log))
    return run.log, lengths


@pytest.fixture(scope="module")
def launcher(pg_server: PgServer) -> Iterator[subprocess.Popen[str]]:
    """One fork server for the module: a fresh interpreter with simulasi imported (started
    after the PostgreSQL server, so that it has the server's password)."""
    env = dict(os.environ, PYTHONPATH=str(HELPER.parent))
    proc = subprocess.Popen(
        [sys.executable, str(HELPER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        env=env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=30)


def _trial(launcher: subprocess.Popen[str], data: str, kill_after: int) -> int:
    """Start one child, kill it after `kill_after` acks; the highest ack it ever wrote."""
    assert launcher.stdin is not None and launcher.stdout is not None
    launcher.stdin.write(f"go {data}\n")
    launcher.stdin.flush()
    first = launcher.stdout.readline().split()
    assert first[0] == "pid", first
    pid = int(first[1])
    acked, seen, killed = -1, 0, False
    while True:
        line = launcher.stdout.readline().strip()
        assert line and not line.startswith("error"), line
        if line == "reaped":
            return acked
        if line.startswith("ack"):
            acked = max(acked, int(line.split()[1]))
            seen += 1
        if not killed and (seen >= kill_after or line == "end"):
            if line != "end":
                # The child may have finished its last commit and exited in the meantime:
                # then this trial is an uninterrupted run, which must hold too.
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            killed = True


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_killed_runs_lose_no_acknowledged_record_and_resume_to_the_same_score(
    launcher: subprocess.Popen[str], tmp_path: Path, pg_server: PgServer, kind: str
) -> None:
    """32 SIGKILLs at random moments: every acked record survives, whole calls only, and the
    resumed run ends with the uninterrupted ScoreCard. On each store (PostgreSQL: a fresh
    database per trial)."""
    scenario = load()
    steps = plan(scenario)
    ref_log, lengths = _reference(scenario, steps)
    ref_card = score(scenario, ref_log)
    rng = random.Random(20261126)
    kinds_of_outcome = set()
    for trial in range(TRIALS):
        data = str(tmp_path / f"t{trial}") if kind == "sqlite" else pg_server.new_database()
        kill_after = rng.randint(0, len(steps) + 1)
        acked = _trial(launcher, data, kill_after)
        # The killed child's lease runs out LEASE_SECONDS after its last heartbeat: the store
        # is opened as if that time had passed (an injected clock, no waiting).
        with open_store(data, clock=lambda: time.time() + LEASE_SECONDS + 1) as store:
            runs = store.runs()
            if not runs:
                assert acked < 0, "a run was acknowledged but is not in the store"
                kinds_of_outcome.add("before start")
                continue
            (info,) = runs
            assert (info.trainee, info.team, info.agency) == tuple(TRAINEE.values())
            stored = store.records(info.id)
            assert len(stored) >= acked
            assert stored == ref_log[: len(stored)]
            assert len(stored) in lengths, "a call was stored in part"
            if info.status == "finished":
                kinds_of_outcome.add("finished")
                assert stored == ref_log
            else:
                kinds_of_outcome.add("resumed")
                assert [r.id for r in store.unfinished_runs()] == [info.id]
                recorder = Recorder.resume(store, info.id)
                done = len(lengths) - 1 - lengths[::-1].index(len(stored))
                for step in steps[done:]:
                    apply(recorder.run, step)
                    recorder.commit()
                assert store.unfinished_runs() == []
            final = store.load_run(info.id)
            assert final.info.status == "finished"
            assert final.records == ref_log
            assert score(scenario, final.records) == ref_card
    assert "resumed" in kinds_of_outcome


def test_a_resumed_run_has_the_same_inbox_and_deadlines(data: str) -> None:
    """Rebuilding an unfinished run from the store gives the pending decisions and the
    scenario second it had when it stopped."""
    scenario = load()
    steps = plan(scenario)
    run = Run(scenario)
    run.start(0.0)
    with open_store(data) as store:
        recorder = Recorder.start(store, run, **TRAINEE)
        for step in steps[:7]:
            apply(run, step)
            recorder.commit()
        again = Recorder.resume(store, recorder.run_id)
    assert again.run.pending == run.pending and run.pending
    assert again.run.now == run.now
    assert dict(again.run.meters) == dict(run.meters)
