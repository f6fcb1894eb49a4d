"""The SQLite store: runs and their decision logs, safe against a killed process.

Every write is one transaction (`BEGIN IMMEDIATE ... COMMIT`) on a WAL database with
`synchronous=FULL`: when `append` returns, the records are on disk, and a process killed at
any moment leaves either all the records of a call or none of them.

One driver per run: a process writes to an active run only while it holds the run's *lease*
(its owner id, a heartbeat and an expiry time). The lease is taken in the transaction that
stores the run's first records (or, for a resumed run, by `resume`), renewed by every write
(the game writes a `clock` record every few seconds) and by `renew_lease` when nothing else is
written (a paused game), and released when the run ends, is abandoned, or the process closes
the store. A run is offered for resume only when its lease was released or has expired
(`LEASE_SECONDS` after the last heartbeat, three heartbeat periods), or when its owner was a
process of this computer that no longer runs (the owner id names computer and pid; anything
in doubt counts as alive and waits for the expiry). A write from a process
whose lease was taken over is refused (`LeaseLost`), never appended. The semantics need only a
conditional update in one transaction, so a PostgreSQL store (and browser sessions, each its
own process and owner) can keep them as they are; SQL stays inside this module.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from simulasi.store.room import ROOM_KINDS, RoomCommand, room_command
from simulasi.store.schema import APPLICATION_ID, FIRST_TABLES, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    # Imported where used: opening a store (the game does it before its first frame) must
    # not wait for the scenario models and the engine.
    from simulasi.engine import Record, Run
    from simulasi.engine.records import RecordKind
    from simulasi.scenario import Scenario
    from simulasi.store.interface import ResultsStore

DB_NAME = "simulasi.db"
ENV_DATA = "SIMULASI_DATA"
#: How long a process waits for another one's write to finish before giving up.
BUSY_SECONDS = 30.0
#: Real seconds between two heartbeats of a driven run, at the latest.
HEARTBEAT_SECONDS = 10.0
#: A lease not renewed for this long has expired: its run may be taken over (resumed).
LEASE_SECONDS = 3 * HEARTBEAT_SECONDS
#: Below this much free space an I/O error while opening is a full disk.
_NEARLY_FULL = 1 << 20


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
        from simulasi.guard import engine_reason
        from simulasi.i18n import t

        # An engine's refusal among the params (a replay) is said in `lang` too.
        params = {key: engine_reason(value, lang) for key, value in self.params.items()}
        return t(self.key, lang, **params)


class LeaseLost(StoreError):
    """This process no longer drives the run (another one took it over after our lease
    expired, or it was released): the write was refused and nothing was appended."""

    def __init__(self, run: str) -> None:
        super().__init__("results.err.lease_lost", run=run[:12])


def _primary(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _read_only_folder(folder: Path) -> bool:
    """Is `folder` on a read-only medium, or one this user may not write?"""
    with contextlib.suppress(OSError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    return not os.access(folder, os.W_OK)


def _nearly_full(folder: Path) -> bool:
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < _NEARLY_FULL


def _classify(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """What a failure of the store really is: a full disk, a read-only medium, a damaged or
    foreign file, or some other error (its reason given)."""
    folder = path.parent
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return StoreError("results.err.store_full", path=path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StoreError("results.err.store_readonly", path=path)
        return StoreError("results.err.store_write", path=path, reason=exc.strerror)
    code = _primary(exc)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _nearly_full(folder)):
        return StoreError("results.err.store_full", path=path)
    if code == sqlite3.SQLITE_READONLY or (
        code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH)
        and _read_only_folder(folder)
    ):
        return StoreError("results.err.store_readonly", path=path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreError("results.err.store_corrupt", path=path, reason=exc)
    return StoreError("results.err.store_write", path=path, reason=exc)


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
    """A run as stored: its facts, the exact scenario text it used, and its log.

    `problem` says why a run read by `stored_runs` cannot be used (a malformed stored value,
    its scenario text missing): its `info` then holds what could be read, shown as text.
    """

    info: RunInfo
    scenario_text: str
    records: tuple[Record, ...]
    problem: StoreError | None = None


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A run to offer for resume: its facts and how far it got (answered decisions, the
    scenario second reached)."""

    info: RunInfo
    answered: int
    reached: float


class Store:
    """One SQLite file of runs. Use `Store.open(...)`; close it (or use `with`).

    `owner` names this process in the leases it takes (a new random id by default); `clock`
    gives the wall time in seconds for heartbeats and expiry (`time.time` by default; tests
    inject their own).
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        owner: str | None = None,
        clock: Callable[[], float] | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self._db = connection
        self.owner = owner or _owner_id()
        self.clock: Callable[[], float] = clock or time.time
        self.read_only = read_only

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        data: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
        owner: str | None = None,
        clock: Callable[[], float] | None = None,
    ) -> Store:
        """Open (or create) the store in the data directory (see `data_dir`).

        Raises StoreError for a file that is not a simulasi database, a database from a
        newer version, a full disk, or a read-only medium. The file is identified before
        anything in it is changed, and nothing is ever deleted or rewritten to "repair" a
        database. `read_only=True` (the result commands) only reads: it works on a read-only
        medium too, and never migrates or changes the file.
        """
        folder = data_dir(data)
        path = folder / DB_NAME
        if (read_only or not create) and not path.exists():
            raise StoreError("results.err.no_store", path=path)
        if read_only:
            return cls(path, _connect_read_only(path), owner=owner, clock=clock, read_only=True)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC):
                raise _classify(exc, path) from None
            raise StoreError("results.err.store_dir", path=folder, reason=exc.strerror) from None
        new = _NewFiles(path)
        try:
            db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
        except sqlite3.Error as exc:
            raise new.failed(_classify(exc, path)) from None
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            # Whose file is it? Asked before anything is written to it.
            _identify(db, path)
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # e.g. a read-only medium: say so, do not go on
                if _read_only_folder(folder) or not os.access(path, os.W_OK):
                    raise StoreError("results.err.store_readonly", path=path)
                raise StoreError("results.err.store_open", path=path, reason=f"journal {mode}")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            store = cls(path, db, owner=owner, clock=clock)
            store._migrate()
        except (sqlite3.Error, StoreError) as exc:
            db.close()
            error = exc if isinstance(exc, StoreError) else _classify(exc, path)
            raise new.failed(error) from None
        except BaseException:
            db.close()
            raise
        return store

    def _migrate(self) -> None:
        """Bring the schema up to date in one transaction that holds the write lock from its
        start: concurrent first openers wait for each other, and each one reads the version
        the previous one left. A store already up to date is only read."""
        db = self._db
        current = int(db.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
        if current and _application_id(db) == APPLICATION_ID:
            return
        with self._transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    "results.err.store_newer",
                    path=self.path,
                    version=version,
                    known=SCHEMA_VERSION,
                )
            # Checked again under the lock: a file that has tables but no version is someone
            # else's database.
            if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError("results.err.store_foreign", path=self.path)
            if version == SCHEMA_VERSION and _application_id(db) == APPLICATION_ID:
                return
            while version < SCHEMA_VERSION:
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                version += 1
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {version}")

    def close(self) -> None:
        """Release the leases this process holds (its runs can be resumed at once), close."""
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error, StoreError), self._transaction() as db:
                db.execute("DELETE FROM leases WHERE owner = ?", (self.owner,))
        self._db.close()

    @property
    def location(self) -> str:
        """The store's file, for people."""
        return str(self.path)

    def cache_folder(self) -> Path:
        """The data folder: caches that go with this store live beside it."""
        return self.path.parent

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all or nothing. Every SQLite failure on the way (a damaged
        file, a full disk, a read-only or locked file) becomes a StoreError; a duplicate
        key stays an IntegrityError for the caller that expects it."""
        if self.read_only:
            raise StoreError("results.err.store_readonly", path=self.path)
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
        return _classify(exc, self.path)

    # ------------------------------------------------------------------ leases

    def take_lease(self, run_id: str) -> None:
        """Become the driver of an active run: refused while another process holds a live
        lease on it (StoreError `results.err.run_busy`)."""
        with self._transaction() as db:
            self._require(db, run_id)
            self._take(db, run_id)

    def renew_lease(self, run_id: str) -> None:
        """The heartbeat of a run this process drives; LeaseLost if it no longer does."""
        with self._transaction() as db:
            self._hold(db, run_id)

    def release_lease(self, run_id: str) -> None:
        """Stop driving a run (it can be resumed at once, by any process)."""
        with self._transaction() as db:
            db.execute("DELETE FROM leases WHERE run_id = ? AND owner = ?", (run_id, self.owner))

    def _take(self, db: sqlite3.Connection, run_id: str) -> None:
        now = self.clock()
        row = db.execute(
            "SELECT owner, expires_at FROM leases WHERE run_id = ?", (run_id,)
        ).fetchone()
        if row is not None and row[0] != self.owner and float(row[1]) > now and not _gone(row[0]):
            raise StoreError("results.err.run_busy", run=run_id[:12], seconds=int(LEASE_SECONDS))
        db.execute(
            "INSERT INTO leases (run_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner,"
            " heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at",
            (run_id, self.owner, now, now + LEASE_SECONDS),
        )

    def _hold(self, db: sqlite3.Connection, run_id: str) -> None:
        """Check, inside a write transaction, that this process drives the run, and renew.
        A lease of ours that expired but was not taken over is still ours."""
        row = db.execute("SELECT owner FROM leases WHERE run_id = ?", (run_id,)).fetchone()
        if row is None or row[0] != self.owner:
            raise LeaseLost(run_id)
        now = self.clock()
        db.execute(
            "UPDATE leases SET heartbeat_at = ?, expires_at = ? WHERE run_id = ?",
            (now, now + LEASE_SECONDS, run_id),
        )

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

        `records` (usually the log after `Run.start`) are stored in the same transaction, and
        so is this process's lease on the run (unless the records already end it).
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
                if not self._insert(db, rid, 0, records):
                    self._take(db, rid)
        except sqlite3.IntegrityError as exc:
            raise StoreError("results.err.run_exists", run=rid, reason=exc) from None
        return rid

    def append(self, run_id: str, records: Sequence[Record]) -> None:
        """Store the records one engine call produced, all or none, before returning.

        A record kind `end` among them marks the run finished (and releases the lease) in the
        same transaction. Call this before the consequence of the call is shown to the
        trainee. Only the process holding the run's lease may append (LeaseLost otherwise);
        each append renews the lease.
        """
        if not records:
            return
        with self._transaction() as db:
            seq = self._next_seq(db, run_id)
            self._hold(db, run_id)
            if self._insert(db, run_id, seq, records):
                db.execute("DELETE FROM leases WHERE run_id = ?", (run_id,))

    def abandon_run(self, run_id: str) -> None:
        """Mark an unfinished run abandoned: it is no longer offered for resume. Refused
        (`results.err.run_busy`) while another process drives it."""
        with self._transaction() as db:
            self._require(db, run_id)
            self._take(db, run_id)
            db.execute("DELETE FROM leases WHERE run_id = ?", (run_id,))
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
    ) -> bool:
        """Insert the records from `seq` on; True if they end the run."""
        rows = []
        ended = False
        for r in records:
            practice = None if r.practice is None else int(r.practice)
            rows.append(
                (
                    run_id,
                    seq,
                    r.kind,
                    r.at,
                    r.event,
                    r.choice,
                    r.ending,
                    practice,
                    r.seed,
                    r.text,
                    r.room,
                )
            )
            seq += 1
            ended = ended or r.kind == "end"
        db.executemany(
            "INSERT INTO records (run_id, seq, kind, at, event, choice, ending, practice, seed,"
            " text, room) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if ended and mark_finished:
            db.execute(
                "UPDATE runs SET status = 'finished', ended_at = ? WHERE id = ?",
                (now_iso(), run_id),
            )
        return ended

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
        " r.scenario_sha256, coalesce(s.title, ''), r.time_scale, r.practice, r.status,"
        " r.started_at, r.ended_at, r.source FROM runs r"
        " LEFT JOIN scenarios s ON s.sha256 = r.scenario_sha256"
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
        return [_info_or_problem(row)[0] for row in self._read(sql, params)]

    def unfinished_runs(self, seat: str | None = None) -> list[RunInfo]:
        """Runs that were neither finished nor abandoned and that no process drives (their
        lease was released or has expired): offer these for resume. Oldest first. With a
        `seat` (a browser of `simulasi serve`), only the runs played from it."""
        columns = self._INFO_SQL.replace(" FROM runs r", ", l.owner, l.expires_at FROM runs r")
        where, params = "r.status = 'active'", []
        if seat is not None:
            where, params = where + " AND r.seat = ?", [seat]
        sql = (
            columns + " LEFT JOIN leases l ON l.run_id = r.id"
            f" WHERE {where} ORDER BY r.started_at, r.rowid"
        )
        now = self.clock()
        return [
            _info_or_problem(row[:-2])[0]
            for row in self._read(sql, params)
            if row[-2] is None or row[-1] <= now or _gone(row[-2])
        ]

    def unfinished(self, seat: str | None = None) -> list[Unfinished]:
        """The runs to offer for resume (see `unfinished_runs`), the most recent first, with
        how far each got."""
        out = []
        for info in reversed(self.unfinished_runs(seat)):
            answered, reached = self._read(
                "SELECT coalesce(sum(kind = 'answer'), 0), coalesce(max(at), 0)"
                " FROM records WHERE run_id = ?",
                (info.id,),
            )[0]
            if type(reached) not in (int, float):  # a malformed value: resuming will say so
                reached = 0.0
            out.append(Unfinished(info, int(answered), float(reached)))
        return out

    def unfinished_runs_of_seat(self, seat: str) -> list[RunInfo]:
        """The unfinished runs played from this seat (a browser of `simulasi serve`) that no
        process drives, oldest first: what a trainee who reconnects is offered, and nobody
        else's."""
        return self.unfinished_runs(seat) if seat else []

    def recent_finished(self, seat: str | None = None, limit: int = 5) -> list[RunInfo]:
        """The `limit` runs finished last, newest first: Home's recent results. With a `seat`
        (a browser of `simulasi serve`), only the runs played from it."""
        where, params = "r.status = 'finished'", []
        if seat is not None:
            where, params = where + " AND r.seat = ?", [seat]
        sql = (
            self._INFO_SQL
            + f" WHERE {where} ORDER BY r.ended_at DESC, r.started_at DESC, r.rowid DESC LIMIT ?"
        )
        return [_info_or_problem(row)[0] for row in self._read(sql, [*params, max(0, limit)])]

    def active_seats(self, workshop: str) -> set[str]:
        """The seats (browsers of `simulasi serve`) with a run of this workshop under way,
        whoever drives it now."""
        rows = self._read(
            "SELECT DISTINCT r.seat FROM runs r JOIN workshops w ON w.id = r.workshop_id"
            " WHERE r.status = 'active' AND r.seat <> '' AND w.label = ?",
            (workshop,),
        )
        return {str(row[0]) for row in rows}

    # ------------------------------------------------------------------ the room

    def issue_command(
        self, workshop: str, kind: str, payload: str = "", *, issued_by: str = ""
    ) -> RoomCommand:
        """Append a room command for every game of `workshop`; the store numbers it (the
        workshop's next number, taken under the write lock: two consoles never share one)."""
        if kind not in ROOM_KINDS:
            raise StoreError("results.err.room_kind", kind=kind)
        at = self.clock()
        with self._transaction() as db:
            row = db.execute(
                "SELECT coalesce(max(seq), 0) FROM room_commands WHERE workshop = ?",
                (workshop,),
            ).fetchone()
            seq = int(row[0]) + 1
            db.execute(
                "INSERT INTO room_commands (workshop, seq, kind, payload, issued_at, issued_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (workshop, seq, kind, payload, at, issued_by),
            )
        return RoomCommand(workshop, seq, kind, payload, at, issued_by)  # type: ignore[arg-type]

    def room_commands(self, workshop: str, after: int = 0) -> list[RoomCommand]:
        """The commands of `workshop` numbered above `after`, in order."""
        rows = self._read(
            "SELECT workshop, seq, kind, payload, issued_at, issued_by FROM room_commands"
            " WHERE workshop = ? AND seq > ? ORDER BY seq",
            (workshop, after),
        )
        out = []
        for row in rows:
            try:
                out.append(room_command(tuple(row)))
            except ValueError:
                raise StoreError(
                    "results.err.room_malformed", workshop=workshop, seq=str(row[1])[:12]
                ) from None
        return out

    def last_room_command(self, workshop: str) -> int:
        """The number of the last command of `workshop` (0: none yet)."""
        rows = self._read(
            "SELECT coalesce(max(seq), 0) FROM room_commands WHERE workshop = ?", (workshop,)
        )
        return int(rows[0][0])

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
        try:
            return _info(rows[0])
        except _Malformed as bad:
            raise bad.error(rows[0][0]) from None

    def records(self, run_id: str) -> tuple[Record, ...]:
        """The decision log of a run, in order."""
        rows = self._read(
            "SELECT kind, at, event, choice, ending, practice, seed, text, room FROM records"
            " WHERE run_id = ? ORDER BY seq",
            (run_id,),
        )
        from simulasi.engine import Record

        try:
            return tuple(_record(Record, row) for row in rows)
        except _Malformed as bad:
            raise bad.error(run_id) from None

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
        thousands of runs is read in a blink. A run that cannot be used (a malformed stored
        value, its scenario text missing) comes with its `problem` and no log; the others
        are not affected.
        """
        from simulasi.engine import Record

        where, params = "", []
        if workshop is not None:
            where, params = " WHERE coalesce(w.label, '') = ?", [workshop]
        rows = self._read(self._INFO_SQL + where + " ORDER BY r.started_at, r.rowid", params)
        infos = [_info_or_problem(row) for row in rows]
        problems = {info.id: problem for info, problem in infos if problem is not None}
        texts: dict[str, str | None] = {}
        logs: dict[str, list[Record]] = {info.id: [] for info, _ in infos}
        for row in self._read(
            "SELECT run_id, kind, at, event, choice, ending, practice, seed, text, room"
            " FROM records ORDER BY run_id, seq",
            (),
        ):
            log = logs.get(row[0])
            if log is None or row[0] in problems:
                continue
            try:
                log.append(_record(Record, row[1:]))
            except _Malformed as bad:
                problems[row[0]] = bad.problem()
        for info, _ in infos:
            problem = problems.get(info.id)
            if problem is not None:
                yield StoredRun(info, "", (), problem)
                continue
            if info.scenario_sha256 not in texts:
                rows = self._read(
                    "SELECT text FROM scenarios WHERE sha256 = ?", (info.scenario_sha256,)
                )
                texts[info.scenario_sha256] = _as_text(rows[0][0]) if rows else None
            text = texts[info.scenario_sha256]
            if text is None:
                missing = StoreError("results.problem.no_scenario")
                yield StoredRun(info, "", (), missing)
            else:
                yield StoredRun(info, text, tuple(logs[info.id]))

    def resume(self, run_id: str) -> tuple[RunInfo, Scenario, Run]:
        """Rebuild an unfinished run from its stored scenario text and log.

        The run comes back exactly as it was at its last stored record: same inbox, same
        deadlines (they are scenario times), and `run.now` is the scenario second to continue
        from. Keep appending its new records with `append` (or a `Recorder`).

        Takes the run's lease first (refused with `results.err.run_busy` while another
        process drives it); the scenario text must still match its sha256.
        """
        info = self.find_run(run_id)
        self.take_lease(info.id)
        try:
            stored = self.load_run(info.id)
            scenario = verified_scenario(stored.scenario_text, stored.info)
            from simulasi.engine import ReplayError, Run

            try:
                run = Run.replay(scenario, stored.records)
            except ReplayError as exc:
                raise StoreError("results.err.replay", run=stored.info.id, reason=exc) from None
        except BaseException:
            with contextlib.suppress(StoreError):
                self.release_lease(info.id)
            raise
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
    recorder.keep_alive()       # on every tick, also while paused: the lease's heartbeat
    recorder.release()          # leaving mid-run: it can be resumed at once
    ```
    """

    def __init__(self, store: ResultsStore, run_id: str, run: Run, stored: int) -> None:
        self.store = store
        self.run_id = run_id
        self.run = run
        self._stored = stored
        self._beat = store.clock()  # the wall time of the last renewal of the lease

    @classmethod
    def start(cls, store: ResultsStore, run: Run, **facts: Any) -> Recorder:
        """Create the run in the store with the records the run has so far."""
        log = run.log
        run_id = store.start_run(run.scenario, practice=run.practice, records=log, **facts)
        return cls(store, run_id, run, len(log))

    @classmethod
    def resume(cls, store: ResultsStore, run_id: str) -> Recorder:
        """Continue an unfinished run; `recorder.run.now` is where its clock stopped."""
        info, _scenario, run = store.resume(run_id)
        return cls(store, info.id, run, len(run.log))

    def commit(self) -> int:
        """Store the records the run made since the last commit (one transaction)."""
        log = self.run.log
        new = log[self._stored :]
        self.store.append(self.run_id, new)
        self._stored = len(log)
        if new:
            self._beat = self.store.clock()
        return len(new)

    def keep_alive(self) -> None:
        """Renew the lease if nothing was written for `HEARTBEAT_SECONDS` (a paused game, a
        slow time scale); LeaseLost if another process has taken the run over."""
        now = self.store.clock()
        if not self.run.ended and now - self._beat >= HEARTBEAT_SECONDS:
            self.store.renew_lease(self.run_id)
            self._beat = now

    def release(self) -> None:
        """Stop driving the run (it stays unfinished, and can be resumed at once)."""
        self.store.release_lease(self.run_id)


def _owner_id() -> str:
    """A new owner id for this process's leases: its computer, its pid, and random bits (so
    that two stores in one process differ, and a pid used again is not taken for this one)."""
    host = os.uname().nodename if hasattr(os, "uname") else ""
    return f"{host}/{os.getpid()}/{os.urandom(8).hex()}"


def _gone(owner: str) -> bool:
    """Is `owner` a process of this computer that no longer runs? Its lease is then free at
    once (a game killed and started again need not wait for the expiry). Any doubt (another
    computer, a pid that is in use, no way to ask) counts as alive: the lease then expires."""
    if os.name != "posix":
        return False
    host, _, rest = owner.partition("/")
    pid = rest.partition("/")[0]
    if host != os.uname().nodename or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


class _NewFiles:
    """The store's files that do not exist yet, so that a first open that fails (a full disk)
    can take away what it made, and leave no stray `-wal`/`-shm` beside an empty file."""

    def __init__(self, path: Path) -> None:
        self.paths = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "")]
        self.absent = [not p.exists() for p in self.paths]

    def failed(self, error: StoreError) -> StoreError:
        """`error` ended this first open: on a full disk, take away what it made. (Only
        then: a first open that fails otherwise, say after waiting for another process that is
        creating the same store, must not pull the file from under that process.)"""
        if error.key == "results.err.store_full":
            self.remove_if_empty()
        return error

    def remove_if_empty(self) -> None:
        """Remove the files this open created, if the database holds nothing yet (no page
        beyond the first, nothing in the WAL). A store that holds anything is never touched."""
        wal, _shm, db = self.paths
        if not self.absent[2]:
            return
        try:
            size = db.stat().st_size
            head = db.read_bytes()[:100] if size else b""
            if wal.exists() and wal.stat().st_size:
                return
        except OSError:
            return
        page = int.from_bytes(head[16:18], "big") if len(head) >= 18 else 0
        page = 65536 if page == 1 else page
        if size and (not page or size > page):
            return
        for made, file in zip(self.absent, self.paths, strict=True):
            if made:
                with contextlib.suppress(OSError):
                    file.unlink()


def _application_id(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def _identify(db: sqlite3.Connection, path: Path) -> None:
    """Is this our store (or a new, empty file)? Only reads: someone else's database is
    refused before its journal mode or anything else in it is changed."""
    app = _application_id(db)
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        str(row[0])
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    }
    if app == APPLICATION_ID:
        return
    if app == 0 and not tables and version == 0:
        return  # new: ours to set up
    if app == 0 and version >= 1 and tables >= FIRST_TABLES:
        return  # ours, made before the application id was set
    raise StoreError("results.err.store_foreign", path=path)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads, also on a read-only medium.

    A normal connection first (it cleans up its `-wal`/`-shm` when closed); where the folder
    cannot be written, SQLite's read-only mode, which reads a WAL database if its `-wal` and
    `-shm` are there; and when neither is (a store closed cleanly), the file as immutable. A
    store whose `-wal` is there without its `-shm` cannot be read safely there: it says so."""
    from urllib.parse import quote

    uri = "file:" + quote(str(path.resolve()))
    wal = Path(f"{path}-wal")
    attempts = [(str(path), False)]
    if _read_only_folder(path.parent) or not os.access(path, os.W_OK):
        attempts = [(uri + "?mode=ro", True)]
        if not wal.exists() or not wal.stat().st_size:
            attempts.append((uri + "?immutable=1", True))
    error: sqlite3.Error | None = None
    for target, as_uri in attempts:
        try:
            db = sqlite3.connect(target, uri=as_uri, isolation_level=None, timeout=BUSY_SECONDS)
        except sqlite3.Error as exc:
            error = exc
            continue
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            db.execute("PRAGMA query_only = ON")
            _identify(db, path)
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    "results.err.store_newer", path=path, version=version, known=SCHEMA_VERSION
                )
            if version == 0:
                raise StoreError("results.err.no_store", path=path)
        except sqlite3.Error as exc:
            db.close()
            error = exc
            continue
        except BaseException:
            db.close()
            raise
        return db
    assert error is not None
    raise _classify(error, path)


def scenario_from_text(text: str) -> Scenario | None:
    """Load a stored scenario text (None if it no longer loads, e.g. after an upgrade)."""
    from simulasi.scenario import load_scenario

    return load_scenario(text, file="<store>").scenario


def verified_scenario(text: str, info: RunInfo) -> Scenario:
    """The scenario a run used, from its stored text, if that text still is the one the run
    names by sha256 (a text edited in the store is not trusted) and still loads."""
    scenario = scenario_from_text(text)
    if scenario is None:
        raise StoreError("results.err.scenario_broken", run=info.id)
    if scenario.sha256 != info.scenario_sha256:
        raise StoreError("results.err.scenario_tampered", run=info.id[:12])
    return scenario


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip() and not _only_comments(s)]


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


class _Malformed(Exception):
    """A stored value of the wrong type (SQLite keeps whatever was put in a column)."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field)
        self.field = field
        self.value = repr(value)[:40]

    def problem(self) -> StoreError:
        return StoreError("results.problem.malformed", field=self.field, value=self.value)

    def error(self, run_id: object) -> StoreError:
        return StoreError(
            "results.err.malformed", run=str(run_id)[:12], field=self.field, value=self.value
        )


_TEXT_FIELDS = (
    "id",
    "trainee",
    "team",
    "agency",
    "workshop",
    "scenario_id",
    "scenario_sha256",
    "scenario_title",
)


def _number(field: str, value: Any) -> float:
    if type(value) is float or type(value) is int:
        number = float(value)
        if math.isfinite(number):
            return number
    raise _Malformed(field, value)


def _info(row: Sequence[Any]) -> RunInfo:
    """A stored run row as RunInfo; _Malformed for a value of the wrong type."""
    for i, field in enumerate(_TEXT_FIELDS):
        if type(row[i]) is not str:
            raise _Malformed(field, row[i])
    for i, field in ((10, "status"), (11, "started_at"), (13, "source")):
        if type(row[i]) is not str:
            raise _Malformed(field, row[i])
    if row[12] is not None and type(row[12]) is not str:
        raise _Malformed("ended_at", row[12])
    if type(row[9]) is not int:
        raise _Malformed("practice", row[9])
    return RunInfo(
        id=row[0],
        trainee=row[1],
        team=row[2],
        agency=row[3],
        workshop=row[4],
        scenario_id=row[5],
        scenario_sha256=row[6],
        scenario_title=row[7],
        time_scale=_number("time_scale", row[8]),
        practice=bool(row[9]),
        status=row[10],
        started_at=row[11],
        ended_at=row[12],
        source=row[13],
    )


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _info_as_far_as_it_goes(row: Sequence[Any]) -> RunInfo:
    """What can be shown of a run row with a malformed value: every value as text."""
    scale = row[8] if type(row[8]) in (int, float) else 0.0
    return RunInfo(
        id=_as_text(row[0]),
        trainee=_as_text(row[1]),
        team=_as_text(row[2]),
        agency=_as_text(row[3]),
        workshop=_as_text(row[4]),
        scenario_id=_as_text(row[5]),
        scenario_sha256=_as_text(row[6]),
        scenario_title=_as_text(row[7]),
        time_scale=float(scale),
        practice=row[9] == 1,
        status=_as_text(row[10]),
        started_at=_as_text(row[11]),
        ended_at=None if row[12] is None else _as_text(row[12]),
        source=_as_text(row[13]),
    )


def _info_or_problem(row: Sequence[Any]) -> tuple[RunInfo, StoreError | None]:
    try:
        return _info(row), None
    except _Malformed as bad:
        return _info_as_far_as_it_goes(row), bad.problem()


_RECORD_TEXTS = ((2, "event"), (3, "choice"), (4, "ending"), (7, "text"))


def _record(record: type[Record], row: Sequence[Any]) -> Record:
    """A stored row as a log record (`record` is the engine's Record, imported by the caller
    once per read rather than once per row); _Malformed for a value of the wrong type."""
    kind, at, event, choice, ending, practice, seed, text, room = row
    if type(at) is not float or not -math.inf < at < math.inf:
        at = _number("at", at)
    if (
        type(kind) is not str
        or (event is not None and type(event) is not str)
        or (choice is not None and type(choice) is not str)
        or (ending is not None and type(ending) is not str)
        or (text is not None and type(text) is not str)
    ):
        for i, field in ((0, "kind"), *_RECORD_TEXTS):
            if type(row[i]) is not str and (i == 0 or row[i] is not None):
                raise _Malformed(field, row[i])
    if practice is not None:
        if type(practice) is not int:
            raise _Malformed("practice", practice)
        practice = bool(practice)
    if seed is not None and type(seed) is not int:
        raise _Malformed("seed", seed)
    if room is not None and type(room) is not int:
        raise _Malformed("room", room)
    # An unknown kind is the replay's to report (as for a bundle's log).
    return record(cast("RecordKind", kind), at, event, choice, ending, practice, seed, text, room)
