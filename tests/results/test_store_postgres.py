"""What only a database server can do wrong, on a real PostgreSQL server: the address (its
password never shown, never taken from it), a wrong password, no driver, a database of
another application, a newer schema, the server dropping the connection mid-game. Each is
one plain line, nothing stored is lost or changed, never a traceback."""

from __future__ import annotations

import builtins
import sys
import time
from typing import Any

import psycopg
import pytest
from results_helpers import fill, scenario
from results_pg import PgServer

from simulasi.cli import main
from simulasi.engine import Run
from simulasi.store import LEASE_SECONDS, Recorder, StoreError
from simulasi.store.opener import is_postgres, open_store, redact
from simulasi.store.schema import SCHEMA_VERSION


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _tables(address: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(address, autocommit=True) as db:
        return db.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' ORDER BY table_name"
        ).fetchall()


def test_an_address_is_shown_without_its_password() -> None:
    assert redact("postgresql://sari:rahasia@db.example:5432/simulasi") == (
        "postgresql://sari@db.example:5432/simulasi"
    )
    assert "rahasia" not in redact("postgresql://db/simulasi?password=rahasia&sslmode=require")
    assert redact("postgresql://sari@db/simulasi") == "postgresql://sari@db/simulasi"


def test_the_address_comes_from_the_option_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SIMULASI_DATA", "postgresql://sari@db/simulasi")
    assert is_postgres(None)
    assert not is_postgres("/some/folder")
    monkeypatch.setenv("SIMULASI_DATA", "/some/folder")
    assert not is_postgres(None) and is_postgres("postgres://db/x")


def test_a_password_in_the_address_is_refused_and_never_echoed(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The password belongs in PGPASSWORD, ~/.pgpass or the service file: an address that
    carries one (in shell history, in `ps`) is refused before connecting."""
    address = pg_server.new_database().replace("postgres@", "postgres:rahasia@")
    code, out, err = _run(capsys, "scoreboard", "--data", address)
    assert code == 2 and err.count("\n") == 1, err
    assert "rahasia" not in out + err and "PGPASSWORD" in err


def test_a_wrong_password_is_one_line(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    address = pg_server.new_database()
    monkeypatch.setenv("PGPASSWORD", "salah")
    with pytest.raises(StoreError) as err:
        open_store(address)
    assert err.value.key == "results.err.pg_auth"
    code, _, text = _run(capsys, "scoreboard", "--data", address, "--lang", "en")
    assert code == 2 and text.count("\n") == 1 and "refused the login" in text, text
    assert "salah" not in text


def test_a_server_that_cannot_be_reached_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from results_pg import free_port

    address = f"postgresql://sari@127.0.0.1:{free_port()}/simulasi"
    code, _, err = _run(capsys, "scoreboard", "--data", address, "--lang", "en")
    assert code == 2 and err.count("\n") == 1 and "cannot be reached" in err, err


def test_without_the_driver_a_postgresql_address_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pip install simulasi` without the extra: the address says what to install."""
    real_import = builtins.__import__

    def no_psycopg(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "psycopg")
    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    code, _, err = _run(capsys, "bundle", "--data", "postgresql://sari@db/simulasi", "-o", "x")
    assert code == 2 and err.count("\n") == 1, err
    assert 'pip install "simulasi[postgres]"' in err


def test_a_database_of_another_application_is_left_as_it_was(pg_server: PgServer) -> None:
    address = pg_server.new_database()
    with psycopg.connect(address, autocommit=True) as db:
        db.execute("CREATE TABLE precious (x INTEGER)")
        db.execute("INSERT INTO precious VALUES (42)")
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            open_store(address, read_only=read_only)
        assert err.value.key == "results.err.store_foreign"
    assert _tables(address) == [("precious",)]


def test_a_newer_schema_is_refused_untouched(pg_server: PgServer) -> None:
    address = pg_server.new_database()
    with open_store(address) as store:
        fill(store, scenario(), 2)
    with psycopg.connect(address, autocommit=True) as db:
        db.execute("UPDATE simulasi_meta SET schema_version = %s", (SCHEMA_VERSION + 1,))
    before = _tables(address)
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            open_store(address, read_only=read_only)
        assert err.value.key == "results.err.store_newer"
    assert _tables(address) == before
    with psycopg.connect(address, autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (2,)


def test_a_read_only_opening_of_an_empty_database_changes_nothing(pg_server: PgServer) -> None:
    address = pg_server.new_database()
    with pytest.raises(StoreError) as err:
        open_store(address, read_only=True)
    assert err.value.key == "results.err.no_store"
    assert _tables(address) == []


def _drop_connections(pg_server: PgServer, address: str) -> None:
    """What a server restart does to its clients: every connection of simulasi is cut."""
    name = address.rsplit("/", 1)[1]
    pg_server.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{name}' AND application_name = 'simulasi'"
    )


def test_the_server_going_away_mid_game_keeps_what_was_acknowledged(pg_server: PgServer) -> None:
    """The connection drops between two engine calls: the next commit fails with one line
    (the game stops there, exit 2), nothing acknowledged is lost, and once the server is
    back the run is offered for resume and continues to its end."""
    address = pg_server.new_database()
    run = Run(scenario())
    run.start(0.0)
    store = open_store(address)
    recorder = Recorder.start(store, run, trainee="Sari")
    run.advance(60.0, record=True)
    recorder.commit()
    acknowledged = run.log
    _drop_connections(pg_server, address)
    run.advance(120.0, record=True)
    with pytest.raises(StoreError) as err:
        recorder.commit()
    assert err.value.key == "results.err.store_gone"
    message = err.value.message("en")
    assert "\n" not in message and "--resume" in message and "postgresql://postgres@" in message
    # The game has stopped; the process is gone (its lease would expire): a new game.
    later = time.time() + LEASE_SECONDS + 1
    with open_store(address, clock=lambda: later) as again:
        assert again.records(recorder.run_id) == acknowledged
        [offered] = again.unfinished()
        assert offered.info.id == recorder.run_id
        resumed = Recorder.resume(again, recorder.run_id)
        resumed.run.finish(resumed.run.now + 10)
        resumed.commit()
        assert again.load_run(recorder.run_id).info.status == "finished"
    store.close()


def test_a_store_reconnects_on_its_next_call(pg_server: PgServer) -> None:
    """A long-lived process (a server of many games) is not stuck after an outage: the next
    call after the connection dropped connects again."""
    address = pg_server.new_database()
    with open_store(address) as store:
        fill(store, scenario(), 1)
        _drop_connections(pg_server, address)
        with pytest.raises(StoreError):
            store.runs()
        assert len(store.runs()) == 1


def test_both_stores_know_the_same_schema_versions() -> None:
    """A migration added to one store needs its twin in the other: the same version numbers
    on both, so a store is never 'newer' on one side only."""
    from simulasi.store.postgres import PG_MIGRATIONS
    from simulasi.store.schema import MIGRATIONS

    assert len(PG_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION


def test_an_old_database_is_migrated_once_and_keeps_its_runs(pg_server: PgServer) -> None:
    """A database of schema 1 (before the leases) is brought up to date, its runs kept."""
    from simulasi.store.postgres import PG_MIGRATIONS

    address = pg_server.new_database()
    with psycopg.connect(address, autocommit=True) as db:
        db.execute("CREATE TABLE simulasi_meta (application TEXT NOT NULL, schema_version INT)")
        db.execute("INSERT INTO simulasi_meta VALUES ('simulasi', 1)")
        for statement in PG_MIGRATIONS[0].split(";"):
            if statement.strip():
                db.execute(statement.encode())
    with open_store(address) as store:
        fill(store, scenario(), 2)
    with open_store(address) as again:
        assert len(again.runs()) == 2
    with psycopg.connect(address, autocommit=True) as db:
        assert db.execute("SELECT schema_version FROM simulasi_meta").fetchall() == [
            (SCHEMA_VERSION,)
        ]
        assert ("leases",) in _tables(address)


def test_commands_find_the_database_through_simulasi_data(
    pg_server: PgServer,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`SIMULASI_DATA=postgresql://...`: `run` stores there (and says where, without a
    password), `scoreboard` ranks what two 'hosts' stored, `bundle` reads it."""
    from results_helpers import SCENARIO_FILE

    address = pg_server.new_database()
    monkeypatch.setenv("SIMULASI_DATA", address)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "answers:\n  - {at: 30, event: vn_viral, choice: verifikasi}\n", encoding="utf-8"
    )
    for name in ("Sari", "Budi"):
        code, _, err = _run(
            capsys, "run", str(SCENARIO_FILE), "--answers", str(answers), "--name", name
        )
        assert code == 0 and address in err, err
    code, out, _ = _run(capsys, "scoreboard", "--lang", "en")
    assert code == 0 and "Sari" in out and "Budi" in out and "2 runs scored" in out
    code, _, _ = _run(capsys, "bundle", "-o", str(tmp_path / "b.json"))
    assert code == 0 and (tmp_path / "b.json").exists()


def test_hostile_and_damaged_values_spoil_only_their_own_runs(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL keeps every column's type, so what can go wrong is a value of the right
    type that is wrong: an unknown record kind in one run is named with its reason, the rest
    are ranked; hostile names come back as they went in."""
    from results_helpers import HOSTILE_NAMES

    address = pg_server.new_database()
    with open_store(address) as store:
        ids = fill(store, scenario(), 5, names=HOSTILE_NAMES)
    with psycopg.connect(address, autocommit=True) as db:
        db.execute("UPDATE records SET kind = 'bogus' WHERE run_id = %s AND seq = 1", (ids[0],))
    code, out, err = _run(capsys, "scoreboard", "--data", address, "--lang", "en")
    assert code == 0, err
    assert "4 runs scored" in out and "bogus" in out
    with open_store(address, read_only=True) as store:
        names = sorted(r.trainee for r in store.runs())
    assert names == sorted(HOSTILE_NAMES[:5])
