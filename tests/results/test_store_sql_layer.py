"""The two stores are one SQL layer (`simulasi.store.sql`): each store for one database adds
only its dialect, so a query written once behaves the same on both."""

from __future__ import annotations

import random

import pytest
from results_helpers import random_run, scenario

from simulasi.engine import Run
from simulasi.store import (
    LeaseLost,
    Recorder,
    RunInfo,
    StoredRun,
    StoreError,
    Unfinished,
)
from simulasi.store.interface import ResultsStore
from simulasi.store.opener import open_store
from simulasi.store.postgres import PostgresStore, _dialect
from simulasi.store.sql import SqlStore
from simulasi.store.sqlite import Store


def _finished(store: ResultsStore, n: int, workshop: str) -> list[str]:
    """Store `n` finished random runs of `workshop`; their ids, in the order stored."""
    rng = random.Random(f"{workshop}/{n}")
    return [
        store.start_run(scenario(), workshop=workshop, records=random_run(scenario(), rng).log)
        for _ in range(n)
    ]


#: What a store for one database may define in public itself: how it opens, where it is, and
#: its schema steps (in its dialect).
DIALECT = {"open", "location", "cache_folder", "MIGRATIONS"}


@pytest.mark.parametrize("store", [Store, PostgresStore])
def test_a_store_for_one_database_writes_no_query_of_its_own(store: type[SqlStore]) -> None:
    """Every method of the interface is the shared layer's; neither store overrides one."""
    assert issubclass(store, SqlStore)
    assert {name for name in vars(store) if not name.startswith("_")} <= DIALECT
    interface = {name for name in vars(ResultsStore) if not name.startswith("_")}
    assert interface - DIALECT <= set(vars(SqlStore))


def test_what_a_store_hands_out_is_defined_in_the_store() -> None:
    """The results of the store's queries (the runs to resume among them) and the recorder
    belong to the store's interface, not to a screen or to one of the two stores."""
    for kind in (RunInfo, StoredRun, Unfinished, StoreError, LeaseLost, Recorder):
        assert kind.__module__ == "simulasi.store.interface"


def test_the_shared_placeholders_become_psycopgs() -> None:
    """`?` becomes `%s`; a literal `%` is kept as one (psycopg reads `%%` as `%`)."""
    assert _dialect("SELECT 'a%' WHERE x = ? AND y = ?") == b"SELECT 'a%%' WHERE x = %s AND y = %s"


def test_renewing_the_lease_of_an_unknown_run_says_there_is_no_such_run(data: str) -> None:
    """The same answer on both stores (SQLite used to say the lease was lost)."""
    with open_store(data) as store, pytest.raises(StoreError) as err:
        store.renew_lease("0" * 32)
    assert err.value.key == "results.err.no_run"


def test_importing_a_run_that_is_here_adds_nothing_and_keeps_its_log(data: str) -> None:
    """`import_run` of a run already stored: False, and the stored run is left as it was."""
    with open_store(data) as store:
        run = Run(scenario())
        run.start(0.0)
        run.advance(60.0, record=True)
        recorder = Recorder.start(store, run, trainee="Sari", workshop="Bimtek")
        run.finish(120.0)
        recorder.commit()
        stored = store.load_run(recorder.run_id)
        shorter = StoredRun(stored.info, stored.scenario_text, stored.records[:1])
        assert store.import_run(shorter) is False
        assert store.load_run(recorder.run_id).records == stored.records
        assert [info.id for info in store.runs()] == [recorder.run_id]


def test_a_run_id_used_twice_is_refused_with_one_sentence(data: str) -> None:
    """Starting a run under an id already stored: `results.err.run_exists` on both stores,
    and the first run keeps its log."""
    with open_store(data) as store:
        first = store.start_run(scenario(), trainee="Sari")
        with pytest.raises(StoreError) as err:
            store.start_run(scenario(), trainee="Budi", run_id=first)
        assert err.value.key == "results.err.run_exists"
        assert [info.trainee for info in store.runs()] == ["Sari"]


def test_the_runs_of_one_workshop_come_with_their_whole_logs_and_no_other(data: str) -> None:
    """`stored_runs(workshop=...)` reads only that workshop's logs (and a run without a
    workshop is the workshop ""): each run with all its records, in order."""
    with open_store(data) as store:
        bandung = _finished(store, 3, "Bimtek Bandung")
        bogor = _finished(store, 2, "Bimtek Bogor")
        loose = _finished(store, 1, "")
        for workshop, ids in (("Bimtek Bandung", bandung), ("Bimtek Bogor", bogor), ("", loose)):
            runs = list(store.stored_runs(workshop=workshop))
            assert [run.info.id for run in runs] == ids
            for run in runs:
                assert run.problem is None
                assert run.records == store.records(run.info.id)
                assert run.records[-1].kind == "end"
