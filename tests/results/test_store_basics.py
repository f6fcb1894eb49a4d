"""The store: schema and migrations, pragmas, data directory, runs and records, bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from results_helpers import fill, internals, random_run, scenario

from simulasi.engine import Run
from simulasi.store import DB_NAME, Recorder, Store, StoreError, data_dir
from simulasi.store.opener import open_store
from simulasi.store.schema import SCHEMA_VERSION


def test_a_new_store_is_wal_with_full_sync_and_the_current_schema(tmp_path: Path) -> None:
    """WAL journal, synchronous=FULL (2) and `user_version` = the schema version."""
    with Store.open(tmp_path) as store:
        db = store._db
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with Store.open(tmp_path) as again:  # opening twice migrates nothing and loses nothing
        assert again.runs() == []


def test_data_dir_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--data` wins over $SIMULASI_DATA, which wins over the platform's user data dir."""
    monkeypatch.setenv("SIMULASI_DATA", str(tmp_path / "env"))
    assert data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("SIMULASI_DATA")
    assert "simulasi" in str(data_dir(None)).lower()


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    """A higher schema version than we know is an error, and the file is not changed."""
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert err.value.key == "results.err.store_newer"
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_a_corrupt_or_foreign_file_is_reported_and_left_as_it_was(tmp_path: Path) -> None:
    """Garbage in simulasi.db, or someone else's SQLite database: a clear error, no change."""
    (tmp_path / DB_NAME).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert err.value.key == "results.err.store_corrupt"
    assert (tmp_path / DB_NAME).read_bytes() == b"this is not a database at all" * 100
    other = tmp_path / "other"
    other.mkdir()
    db = sqlite3.connect(other / DB_NAME)
    db.execute("CREATE TABLE precious (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Store.open(other)
    assert err.value.key == "results.err.store_foreign"
    assert "precious" in err.value.message("en") or "not a simulasi" in err.value.message("en")


def test_runs_keep_their_facts_the_exact_scenario_text_and_the_log(data: str) -> None:
    """What goes in comes out: trainee facts, status, the scenario text by sha256, the log."""
    sc = scenario()
    run = random_run(sc, __import__("random").Random(1))
    with open_store(data) as store:
        run_id = store.start_run(
            sc, trainee="Sari", team="A", agency="Diskominfo", workshop="W", records=run.log
        )
        stored = store.load_run(run_id[:6])
        assert stored.info.id == run_id
        assert (stored.info.trainee, stored.info.team, stored.info.workshop) == ("Sari", "A", "W")
        assert stored.info.status == "finished" and stored.info.ended_at
        assert stored.scenario_text == sc.text
        assert stored.records == run.log
        assert store.workshops() == ["W"]
        n = internals(store)._db.execute("SELECT count(*) FROM scenarios").fetchone()[0]
        fill(store, sc, 3)
        assert internals(store)._db.execute("SELECT count(*) FROM scenarios").fetchone()[0] == n


def test_unfinished_runs_are_offered_until_finished_or_abandoned(data: str) -> None:
    """An active run nobody drives is listed for resume; finishing or abandoning it takes it
    off the list."""
    sc = scenario()
    with open_store(data) as store:
        first, second = Run(sc), Run(sc)
        first.start(0.0)
        second.start(0.0)
        a = Recorder.start(store, first, trainee="A")
        b = Recorder.start(store, second, trainee="B")
        assert store.unfinished_runs() == []  # both are driven (by this process)
        a.release()
        b.release()
        assert {r.id for r in store.unfinished_runs()} == {a.run_id, b.run_id}
        store.take_lease(a.run_id)
        first.finish(10.0)
        a.commit()
        store.abandon_run(b.run_id)
        assert store.unfinished_runs() == []
        assert store.load_run(b.run_id).info.status == "abandoned"


def test_unknown_and_ambiguous_run_ids_are_plain_errors(data: str) -> None:
    """A run id that is not there, or a prefix that fits two runs, says so."""
    sc = scenario()
    with open_store(data) as store:
        ids = fill(store, sc, 40)
        with pytest.raises(StoreError) as err:
            store.load_run("zz")
        assert err.value.key == "results.err.no_run"
        with pytest.raises(StoreError) as err:
            store.load_run("")
        assert err.value.key == "results.err.no_run"
        shared = next(a[0] for a in ids if sum(other.startswith(a[0]) for other in ids) > 1)
        with pytest.raises(StoreError) as err:
            store.load_run(shared)
        assert err.value.key == "results.err.ambiguous_run"


def test_a_failed_append_stores_nothing_of_that_call(tmp_path: Path) -> None:
    """The records of one call go in together or not at all (here: the second one collides)."""
    sc = scenario()
    run = Run(sc)
    run.start(0.0)
    with Store.open(tmp_path) as store:
        rid = store.start_run(sc, records=run.log)
        before = store.records(rid)
        run.advance(50.0, record=True)
        new = run.log[len(before) :]
        with pytest.raises(sqlite3.IntegrityError):
            store._db.execute("BEGIN IMMEDIATE")
            store._insert(store._db, rid, len(before), new)
            store._insert(store._db, rid, len(before), new)  # same seq: refused
        store._db.execute("ROLLBACK")
        assert store.records(rid) == before
        store.append(rid, new)
        assert store.records(rid) == run.log


def test_a_write_sqlite_refuses_is_a_store_error_and_keeps_what_was_saved(
    tmp_path: Path,
) -> None:
    """A store that stops accepting writes (read-only, locked, disk full) gives the one
    StoreError the game and the commands show, not a raw sqlite3 error; what was stored
    before stays, and writing works again once the cause is gone."""
    sc = scenario()
    run = Run(sc)
    run.start(0.0)
    with Store.open(tmp_path) as store:
        rid = store.start_run(sc, records=run.log)
        before = store.records(rid)
        run.advance(50.0, record=True)
        new = run.log[len(before) :]
        store._db.execute("PRAGMA query_only = ON")  # every write is now refused by SQLite
        with pytest.raises(StoreError) as err:
            store.append(rid, new)
        # SQLite says "readonly": reported as what it is, not as a damaged file.
        assert err.value.key == "results.err.store_readonly"
        assert "hanya-baca" in err.value.message("id")
        with pytest.raises(StoreError):
            store.start_run(sc, records=run.log)
        assert store.records(rid) == before
        store._db.execute("PRAGMA query_only = OFF")
        store.append(rid, new)
        assert store.records(rid) == run.log


def test_importing_runs_from_a_bundle_keeps_each_run_once(tmp_path: Path, data: str) -> None:
    """`import_run` copies a run with its facts, text and log; the same run again is skipped."""
    from simulasi.store.bundle import bundle_json, read_bundle

    sc = scenario()
    with Store.open(tmp_path / "a") as source:
        fill(source, sc, 3, practice_every=3)
        runs = list(source.stored_runs())
    path = tmp_path / "b.json"
    path.write_text(__import__("json").dumps(bundle_json(runs, created_at="x")), "utf-8")
    loaded = read_bundle(path)
    assert [r.records for r in loaded] == [r.records for r in runs]
    with open_store(data) as target:
        assert [target.import_run(r) for r in loaded] == [True, True, True]
        assert [target.import_run(r) for r in loaded] == [False, False, False]
        assert list(target.stored_runs()) == runs
