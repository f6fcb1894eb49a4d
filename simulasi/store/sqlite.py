"""The SQLite store: runs and their decision logs, safe against a killed process.

Every write is one transaction (`BEGIN IMMEDIATE ... COMMIT`) on a WAL database with
`synchronous=FULL`: when `append` returns, the records are on disk, and a process killed at
any moment leaves either all the records of a call or none of them.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    # Imported where used: opening a store (the game does it before its first frame) must
    # not wait for the scenario models and the engine.
    from simulasi.engine import Record, Run
    from simulasi.scenario import Scenario

DB_NAME = "simulasi.db"
ENV_DATA = "SIMULASI_DATA"


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already undone it itself."""
    if db.in_transaction:
        # When even this fails the connection is unusable; the original error says why.
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


class StoreError(Exception):
    """A store that cannot be used (corrupt, too new, unwritable) or an unknown run.

    `key` is a text key of `simulasi.texts.results`; `message(lang)` is the sentence a
    facilitator reads.
    """

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key} {params}")
        self.key = key
        self.params = params

    def message(self, lang: str = "id") -> str:
        from simulasi.i18n import t

        return t(self.key, lang, **self.params)


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--data DIR`, else $SIMULASI_DATA, else the user data dir."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("simulasi", appauthor=False))


def now_iso() -> str:
    """Wall time now, ISO 8601 in UTC with seconds (what `started_at`/`ended_at` hold)."""
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What the store knows about a run besides its log."""

    id: str
    trainee: str
    team: str
    agency: str
    workshop: str
    scenario_id: str
    scenario_sha256: str
    scenario_title: str
    time_scale: float
    practice: bool
    status: str  # active | finished | abandoned
    started_at: str
    ended_at: str | None
    source: str  # game | headless | bundle

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "trainee": self.trainee,
            "team": self.team,
            "agency": self.agency,
            "workshop": self.workshop,
            "scenario_id": self.scenario_id,
            "scenario_sha256": self.scenario_sha256,
            "scenario_title": self.scenario_title,
            "time_scale": self.time_scale,
            "practice": self.practice,
            "status": self.status,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class StoredRun:
    """A run as stored: its facts, the exact scenario text it used, and its log."""

    info: RunInfo
    scenario_text: str
    records: tuple[Record, ...]


class Store:
    """One SQLite file of runs. Use `Store.open(...)`; close it (or use `with`)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, data: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
        """Open (or create) the store in the data directory (see `data_dir`).

        Raises StoreError for a file that is not a simulasi database, a database from a
        newer version, or a directory that cannot be written. Nothing is ever deleted or
        rewritten to "repair" a database.
        """
        folder = data_dir(data)
        path = folder / DB_NAME
        if not create and not path.exists():
            raise StoreError("results.err.no_store", path=path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("results.err.store_dir", path=folder, reason=exc.strerror) from None
        try:
            db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError("results.err.store_open", path=path, reason=exc) from None
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # e.g. a read-only medium: say so, do not go on
                raise StoreError("results.err.store_open", path=path, reason=f"journal {mode}")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            store = cls(path, db)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError("results.err.store_corrupt", path=path, reason=exc) from None
        except BaseException:
            db.close()
            raise
        return store

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                "results.err.store_newer", path=self.path, version=version, known=SCHEMA_VERSION
            )
        if version == 0:
            # A file that has tables but no version is someone else's database.
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError("results.err.store_foreign", path=self.path)
        while version < SCHEMA_VERSION:
            with self._transaction() as db:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            version += 1

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all or nothing. Every SQLite failure on the way (a damaged
        file, a full disk, a read-only or locked file) becomes a StoreError; a duplicate
        key stays an IntegrityError for the caller that expects it."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc) from None
        try:
            yield db
        except sqlite3.IntegrityError:
            _rollback(db)
            raise
        except sqlite3.Error as exc:
            _rollback(db)
            raise self._failure(exc) from None
        except BaseException:
            _rollback(db)
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise self._failure(exc) from None

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        code = getattr(exc, "sqlite_errorcode", None)
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return StoreError("results.err.store_corrupt", path=self.path, reason=exc)
        return StoreError("results.err.store_write", path=self.path, reason=exc)

    # ------------------------------------------------------------------ writing

    def start_run(
        self,
        scenario: Scenario,
        *,
        trainee: str = "",
        team: str = "",
        agency: str = "",
        workshop: str = "",
        time_scale: float = 1.0,
        practice: bool = False,
        records: Sequence[Record] = (),
        source: str = "game",
        run_id: str | None = None,
        seat: str = "",
    ) -> str:
        """Create a run (status `active`) and return its id.

        `records` (usually the log after `Run.start`) are stored in the same transaction.
        `seat`: the browser session that plays it under `simulasi serve` ("" otherwise).
        """
        if not math.isfinite(time_scale) or time_scale <= 0:
            raise ValueError("time_scale must be a positive number")
        import uuid

        rid = run_id or uuid.uuid4().hex
        try:
            with self._transaction() as db:
                self._put_scenario(db, scenario.sha256, scenario.id, scenario.title, scenario.text)
                workshop_id = self._workshop_id(db, workshop)
                db.execute(
                    "INSERT INTO runs (id, workshop_id, trainee, team, agency, scenario_id,"
                    " scenario_sha256, time_scale, practice, status, started_at, source, seat)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                    (
                        rid,
                        workshop_id,
                        trainee,
                        team,
                        agency,
                        scenario.id,
                        scenario.sha256,
                        float(time_scale),
                        int(practice),
                        now_iso(),
                        source,
                        seat,
                    ),
                )
                self._insert(db, rid, 0, records)
        except sqlite3.IntegrityError as exc:
            raise StoreError("results.err.run_exists", run=rid, reason=exc) from None
        return rid

    def append(self, run_id: str, records: Sequence[Record]) -> None:
        """Store the records one engine call produced, all or none, before returning.

        A record kind `end` among them marks the run finished in the same transaction.
        Call this before the consequence of the call is shown to the trainee.
        """
        if not records:
            return
        with self._transaction() as db:
            self._insert(db, run_id, self._next_seq(db, run_id), records)

    def abandon_run(self, run_id: str) -> None:
        """Mark an unfinished run abandoned: it is no longer offered for resume."""
        with self._transaction() as db:
            self._require(db, run_id)
            db.execute(
                "UPDATE runs SET status = 'abandoned', ended_at = ?"
                " WHERE id = ? AND status = 'active'",
                (now_iso(), run_id),
            )

    def import_run(self, stored: StoredRun) -> bool:
        """Add a run from elsewhere (a bundle) unless a run with its id is already here."""
        info = stored.info
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM runs WHERE id = ?", (info.id,)).fetchone():
                return False
            self._put_scenario(
                db,
                info.scenario_sha256,
                info.scenario_id,
                info.scenario_title,
                stored.scenario_text,
            )
            db.execute(
                "INSERT INTO runs (id, workshop_id, trainee, team, agency, scenario_id,"
                " scenario_sha256, time_scale, practice, status, started_at, ended_at, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    info.id,
                    self._workshop_id(db, info.workshop),
                    info.trainee,
                    info.team,
                    info.agency,
                    info.scenario_id,
                    info.scenario_sha256,
                    info.time_scale,
                    int(info.practice),
                    info.status,
                    info.started_at,
                    info.ended_at,
                    info.source,
                ),
            )
            self._insert(db, info.id, 0, stored.records, mark_finished=False)
        return True

    def _insert(
        self,
        db: sqlite3.Connection,
        run_id: str,
        seq: int,
        records: Iterable[Record],
        *,
        mark_finished: bool = True,
    ) -> None:
        rows = []
        ended = False
        for r in records:
            practice = None if r.practice is None else int(r.practice)
            rows.append((run_id, seq, r.kind, r.at, r.event, r.choice, r.ending, practice))
            seq += 1
            ended = ended or r.kind == "end"
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if ended and mark_finished:
            db.execute(
                "UPDATE runs SET status = 'finished', ended_at = ? WHERE id = ?",
                (now_iso(), run_id),
            )

    def _next_seq(self, db: sqlite3.Connection, run_id: str) -> int:
        self._require(db, run_id)
        row = db.execute("SELECT max(seq) FROM records WHERE run_id = ?", (run_id,)).fetchone()
        return 0 if row[0] is None else int(row[0]) + 1

    def _require(self, db: sqlite3.Connection, run_id: str) -> None:
        if not db.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
            raise StoreError("results.err.no_run", run=run_id)

    @staticmethod
    def _put_scenario(
        db: sqlite3.Connection, sha256: str, scenario_id: str, title: str, text: str
    ) -> None:
        db.execute(
            "INSERT OR IGNORE INTO scenarios (sha256, scenario_id, title, text)"
            " VALUES (?, ?, ?, ?)",
            (sha256, scenario_id, title, text),
        )

    @staticmethod
    def _workshop_id(db: sqlite3.Connection, label: str) -> int | None:
        if not label:
            return None
        db.execute(
            "INSERT OR IGNORE INTO workshops (label, created_at) VALUES (?, ?)", (label, now_iso())
        )
        row = db.execute("SELECT id FROM workshops WHERE label = ?", (label,)).fetchone()
        return int(row[0])

    # ------------------------------------------------------------------ reading

    _INFO_SQL = (
        "SELECT r.id, r.trainee, r.team, r.agency, coalesce(w.label, ''), r.scenario_id,"
        " r.scenario_sha256, s.title, r.time_scale, r.practice, r.status, r.started_at,"
        " r.ended_at, r.source FROM runs r JOIN scenarios s ON s.sha256 = r.scenario_sha256"
        " LEFT JOIN workshops w ON w.id = r.workshop_id"
    )

    def runs(self, *, workshop: str | None = None, status: str | None = None) -> list[RunInfo]:
        """The runs, oldest first; optionally of one workshop and/or one status."""
        where, params = [], []
        if workshop is not None:
            where.append("coalesce(w.label, '') = ?")
            params.append(workshop)
        if status is not None:
            where.append("r.status = ?")
            params.append(status)
        sql = self._INFO_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY r.started_at, r.rowid"
        return [_info(row) for row in self._read(sql, params)]

    def unfinished_runs(self) -> list[RunInfo]:
        """Runs that were neither finished nor abandoned: offer these for resume."""
        return self.runs(status="active")

    def unfinished_runs_of_seat(self, seat: str) -> list[RunInfo]:
        """The unfinished runs played from this seat (a browser of `simulasi serve`), oldest
        first: what a trainee who reconnects is offered, and nobody else's."""
        if not seat:
            return []
        sql = self._INFO_SQL + " WHERE r.seat = ? AND r.status = 'active'"
        sql += " ORDER BY r.started_at, r.rowid"
        return [_info(row) for row in self._read(sql, (seat,))]

    def workshops(self) -> list[str]:
        return [row[0] for row in self._read("SELECT label FROM workshops ORDER BY id", ())]

    def find_run(self, prefix: str) -> RunInfo:
        """The run whose id is `prefix` or starts with it (a unique prefix is enough)."""
        if not prefix or any(c not in "0123456789abcdefABCDEF" for c in prefix):
            raise StoreError("results.err.no_run", run=prefix)
        rows = self._read(
            self._INFO_SQL + " WHERE r.id >= ? AND r.id < ? ORDER BY r.id LIMIT 2",
            (prefix.lower(), prefix.lower() + "g"),
        )
        if not rows:
            raise StoreError("results.err.no_run", run=prefix)
        if len(rows) > 1 and rows[0][0] != prefix.lower():
            raise StoreError("results.err.ambiguous_run", run=prefix)
        return _info(rows[0])

    def records(self, run_id: str) -> tuple[Record, ...]:
        """The decision log of a run, in order."""
        rows = self._read(
            "SELECT kind, at, event, choice, ending, practice FROM records"
            " WHERE run_id = ? ORDER BY seq",
            (run_id,),
        )
        from simulasi.engine import Record

        return tuple(_record(Record, row) for row in rows)

    def scenario_text(self, sha256: str) -> str:
        rows = self._read("SELECT text FROM scenarios WHERE sha256 = ?", (sha256,))
        if not rows:
            raise StoreError("results.err.no_scenario", sha=sha256[:12])
        return str(rows[0][0])

    def load_run(self, run_id: str) -> StoredRun:
        """A run with its scenario text and log (`run_id` may be a unique prefix)."""
        info = self.find_run(run_id)
        return StoredRun(info, self.scenario_text(info.scenario_sha256), self.records(info.id))

    def stored_runs(self, *, workshop: str | None = None) -> Iterator[StoredRun]:
        """Every run (optionally of one workshop) with its log, oldest first.

        Reads the logs in one pass and the scenario texts once each, so a workshop of
        thousands of runs is read in a blink.
        """
        from simulasi.engine import Record

        infos = self.runs(workshop=workshop)
        texts: dict[str, str] = {}
        logs: dict[str, list[Record]] = {info.id: [] for info in infos}
        for row in self._read(
            "SELECT run_id, kind, at, event, choice, ending, practice FROM records"
            " ORDER BY run_id, seq",
            (),
        ):
            log = logs.get(row[0])
            if log is not None:
                log.append(_record(Record, row[1:]))
        for info in infos:
            text = texts.get(info.scenario_sha256)
            if text is None:
                text = texts[info.scenario_sha256] = self.scenario_text(info.scenario_sha256)
            yield StoredRun(info, text, tuple(logs[info.id]))

    def resume(self, run_id: str) -> tuple[RunInfo, Scenario, Run]:
        """Rebuild an unfinished run from its stored scenario text and log.

        The run comes back exactly as it was at its last stored record: same inbox, same
        deadlines (they are scenario times), and `run.now` is the scenario second to continue
        from. Keep appending its new records with `append` (or a `Recorder`).
        """
        stored = self.load_run(run_id)
        scenario = scenario_from_text(stored.scenario_text)
        if scenario is None:
            raise StoreError("results.err.scenario_broken", run=stored.info.id)
        from simulasi.engine import ReplayError, Run

        try:
            run = Run.replay(scenario, stored.records)
        except ReplayError as exc:
            raise StoreError("results.err.replay", run=stored.info.id, reason=exc) from None
        return stored.info, scenario, run

    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError("results.err.store_corrupt", path=self.path, reason=exc) from None


class Recorder:
    """Keeps a live `Run` and its stored log in step: call `commit()` after every engine call.

    ```python
    run = Run(scenario, practice=False)
    run.start(0.0)
    recorder = Recorder.start(store, run, trainee="Sari", workshop="Bimtek Bandung")
    happenings = run.advance(clock.now(), record=True)
    recorder.commit()           # on disk now; only then show `happenings`
    ```
    """

    def __init__(self, store: Store, run_id: str, run: Run, stored: int) -> None:
        self.store = store
        self.run_id = run_id
        self.run = run
        self._stored = stored

    @classmethod
    def start(cls, store: Store, run: Run, **facts: Any) -> Recorder:
        """Create the run in the store with the records the run has so far."""
        log = run.log
        run_id = store.start_run(run.scenario, practice=run.practice, records=log, **facts)
        return cls(store, run_id, run, len(log))

    @classmethod
    def resume(cls, store: Store, run_id: str) -> Recorder:
        """Continue an unfinished run; `recorder.run.now` is where its clock stopped."""
        info, _scenario, run = store.resume(run_id)
        return cls(store, info.id, run, len(run.log))

    def commit(self) -> int:
        """Store the records the run made since the last commit (one transaction)."""
        log = self.run.log
        new = log[self._stored :]
        self.store.append(self.run_id, new)
        self._stored = len(log)
        return len(new)


def scenario_from_text(text: str) -> Scenario | None:
    """Load a stored scenario text (None if it no longer loads, e.g. after an upgrade)."""
    from simulasi.scenario import load_scenario

    return load_scenario(text, file="<store>").scenario


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip() and not _only_comments(s)]


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def _info(row: Sequence[Any]) -> RunInfo:
    return RunInfo(
        id=row[0],
        trainee=row[1],
        team=row[2],
        agency=row[3],
        workshop=row[4],
        scenario_id=row[5],
        scenario_sha256=row[6],
        scenario_title=row[7],
        time_scale=float(row[8]),
        practice=bool(row[9]),
        status=row[10],
        started_at=row[11],
        ended_at=row[12],
        source=row[13],
    )


def _record(record: type[Record], row: Sequence[Any]) -> Record:
    """A stored row as a log record (`record` is the engine's Record, imported by the caller
    once per read rather than once per row)."""
    practice = None if row[5] is None else bool(row[5])
    return record(row[0], float(row[1]), row[2], row[3], row[4], practice)
