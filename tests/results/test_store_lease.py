"""One driver per run: the lease (owner id, heartbeat, expiry) that keeps a second game on
the same data folder from taking over a live run.

Two store connections on one folder stand for two processes; their wall clocks are injected
(no sleeps). One test uses two real processes.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from results_helpers import internals, scenario

from simulasi.engine import Run
from simulasi.store import HEARTBEAT_SECONDS, LEASE_SECONDS, LeaseLost, Recorder, StoreError
from simulasi.store.interface import ResultsStore as Store
from simulasi.store.opener import open_store


class Wall:
    """An injected wall clock, shared by the two 'processes'."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _started(store: Store) -> Recorder:
    run = Run(scenario())
    run.start(0.0)
    return Recorder.start(store, run, trainee="Sari")


def test_a_live_run_is_not_offered_to_a_second_game_and_cannot_be_taken(data: str) -> None:
    """While the first game keeps its heartbeat, the second sees no unfinished run, and
    resuming or abandoning it by id is refused with a plain message."""
    wall = Wall()
    with open_store(data, clock=wall) as first, open_store(data, clock=wall) as second:
        recorder = _started(first)
        run_id = recorder.run_id
        assert second.unfinished_runs() == [] and second.unfinished() == []
        for _ in range(10):  # five minutes of a paused game: only the heartbeat
            wall.now += HEARTBEAT_SECONDS
            recorder.keep_alive()
            assert second.unfinished() == []
        with pytest.raises(StoreError) as err:
            second.resume(run_id)
        assert err.value.key == "results.err.run_busy"
        assert "proses lain" in err.value.message("id")
        with pytest.raises(StoreError) as err:
            second.abandon_run(run_id)
        assert err.value.key == "results.err.run_busy"
        assert first.find_run(run_id).status == "active"


def test_an_expired_lease_is_taken_over_and_the_old_driver_is_refused(data: str) -> None:
    """A game that went silent for LEASE_SECONDS loses its run: the second game resumes it,
    and a late write of the first is refused (LeaseLost), never appended."""
    wall = Wall()
    with open_store(data, clock=wall) as first, open_store(data, clock=wall) as second:
        old = _started(first)
        wall.now += LEASE_SECONDS - 1
        assert second.unfinished() == []
        wall.now += 1
        [offered] = second.unfinished()
        assert offered.info.id == old.run_id
        new = Recorder.resume(second, old.run_id)
        assert second.unfinished() == []
        before = second.records(old.run_id)
        old.run.advance(40.0, record=True)
        with pytest.raises(LeaseLost) as err:
            old.commit()
        assert "proses lain" in err.value.message("id")
        assert "another process" in err.value.message("en")
        with pytest.raises(LeaseLost):
            wall.now += HEARTBEAT_SECONDS
            old.keep_alive()
        assert second.records(old.run_id) == before
        new.run.finish(60.0)
        new.commit()
        assert second.find_run(old.run_id).status == "finished"
        # The end of the run released its lease.
        assert internals(second)._db.execute("SELECT count(*) FROM leases").fetchone()[0] == 0


def test_leaving_or_closing_releases_the_run_at_once(data: str) -> None:
    """A clean quit (release) or closing the store lets another game resume it right away;
    a run that ends (or is stored already ended) holds no lease at all."""
    wall = Wall()
    with open_store(data, clock=wall) as other:
        first = open_store(data, clock=wall)
        recorder = _started(first)
        recorder.release()
        assert [u.info.id for u in other.unfinished()] == [recorder.run_id]
        first.take_lease(recorder.run_id)
        assert other.unfinished() == []
        first.close()
        assert [u.info.id for u in other.unfinished()] == [recorder.run_id]
        finished = Run(scenario())
        finished.start(0.0)
        finished.finish(5.0)
        other.start_run(finished.scenario, records=finished.log)
        assert internals(other)._db.execute("SELECT count(*) FROM leases").fetchone()[0] == 0


def test_the_lease_is_taken_with_the_first_record(data: str) -> None:
    """The run's row, its first records and its lease are one transaction: there is no
    moment at which another game could see the new run as unfinished."""
    wall = Wall()
    with open_store(data, clock=wall) as store:
        seen: list[int] = []
        real = internals(store)._take

        def take(db: object, run_id: str) -> None:
            # Inside the transaction: the run is already written, but no other connection
            # can see it yet.
            # (Read-only: closing a writing store would wait for this transaction's lock.)
            with open_store(data, clock=wall, read_only=True) as peek:
                seen.append(len(peek.runs()))
            real(db, run_id)

        internals(store)._take = take
        _started(store)
        assert seen == [0]


_HOLDER = """
import sys
from pathlib import Path
from simulasi.engine import Run
from simulasi.scenario import load_scenario_or_raise
from simulasi.store import Recorder
from simulasi.store.opener import open_store

store = open_store(sys.argv[1])
run = Run(load_scenario_or_raise(Path(sys.argv[2])))
run.start(0.0)
recorder = Recorder.start(store, run, trainee="Sari")
print(recorder.run_id, flush=True)
sys.stdin.readline()  # hold the run until told to quit
store.close()
print("closed", flush=True)
"""


def test_two_real_processes(data: str) -> None:
    """A real second process: a run another live process drives is not offered and cannot
    be resumed; once that process quits, it is offered."""
    from results_helpers import SCENARIO_FILE

    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, data, str(SCENARIO_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    # Every wait on the child is bounded: a hung child is killed, and the test fails.
    watchdog = threading.Timer(120, holder.kill)
    watchdog.start()
    try:
        assert holder.stdout is not None and holder.stdin is not None
        run_id = holder.stdout.readline().strip()
        assert len(run_id) == 32, run_id
        with open_store(data) as mine:
            assert mine.unfinished() == []
            with pytest.raises(StoreError) as err:
                mine.resume(run_id)
            assert err.value.key == "results.err.run_busy"
            holder.stdin.write("quit\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "closed"
            assert holder.wait(timeout=60) == 0
            assert [u.info.id for u in mine.unfinished()] == [run_id]
            mine.resume(run_id)
    finally:
        watchdog.cancel()
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=60)


def test_the_run_of_a_killed_game_on_this_computer_is_offered_at_once(data: str) -> None:
    """A game killed (SIGKILL: no release) on this computer holds no live process: its run
    is offered at once, without waiting for the lease to expire."""
    from results_helpers import SCENARIO_FILE

    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, data, str(SCENARIO_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, holder.kill)
    watchdog.start()
    try:
        assert holder.stdout is not None
        run_id = holder.stdout.readline().strip()
        assert len(run_id) == 32, run_id
        wall = Wall()  # frozen: the lease itself is far from expiring
        with open_store(data, clock=lambda: wall.now) as mine:
            lease = internals(mine)._db.execute("SELECT expires_at FROM leases").fetchone()
            wall.now = lease[0] - LEASE_SECONDS  # the moment the lease was taken
            assert mine.unfinished() == []
            holder.kill()
            holder.wait(timeout=60)
            assert [u.info.id for u in mine.unfinished()] == [run_id]
            mine.resume(run_id)
    finally:
        watchdog.cancel()
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=60)
