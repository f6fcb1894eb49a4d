"""The SQL both stores share: the queries, the row <-> record mapping, the lease rules, the
unfinished runs, the room commands and the migration steps, written once.

`SqlStore` implements `ResultsStore` on any database that speaks this SQL; a store for one
database (`simulasi.store.sqlite.Store`, `simulasi.store.postgres.PostgresStore`) subclasses it
and supplies only what truly differs:

- connecting, `_transaction` (one write transaction, driver errors turned into `StoreError`, a
  duplicate key into `KeyTaken`) and `_read` (a query outside a write);
- `_execute` / `_execute_many`: the SQL here uses `?` placeholders, which a dialect may
  rewrite (PostgreSQL's driver wants `%s`);
- locking: `_LOCK_ROW` (what locks a run's row for the rest of a write, empty where the write
  transaction already holds the whole database) and `_lock_room` (what numbers a workshop's room
  commands one at a time);
- `_ORDER` (the insertion order of runs, for runs started in the same second) and
  `_BINARY` (a byte-wise comparison for id prefixes);
- the schema: `MIGRATIONS` (the steps in the dialect, one a schema version), `_locked_version`
  (the version read under the schema lock; a foreign database refused) and `_set_version`.

One driver per run: a process writes to an active run only while it holds the run's *lease*
(its owner id, a heartbeat and an expiry time). The lease is taken in the transaction that
stores the run's first records (or, for a resumed run, by `resume`), renewed by every write
(the game writes a `clock` record every few seconds) and by `renew_lease` when nothing else is
written (a paused game), and released when the run ends, is abandoned, or the process closes
the store. A run is offered for resume only when its lease was released or has expired
(`LEASE_SECONDS` after the last heartbeat, three heartbeat periods), or when its owner was a
process of this computer that no longer runs (the owner id names computer and pid; anything
in doubt counts as alive and waits for the expiry). A write from a process whose lease was
taken over is refused (`LeaseLost`), never appended. The rules need only a conditional update
in one transaction that serialises the writes to a run.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from simulasi.store.interface import (
    LEASE_SECONDS,
    LeaseLost,
    RunInfo,
    StoredRun,
    StoreError,
    Unfinished,
)
from simulasi.store.room import (
    PRESENCE_STATES,
    ROOM_KINDS,
    Presence,
    RoomCommand,
    presence_row,
    room_command,
)
from simulasi.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    # Imported where used: opening a store (the game does it before its first frame) must
    # not wait for the scenario models and the engine.
    from simulasi.engine import Record, Run
    from simulasi.engine.records import RecordKind
    from simulasi.scenario import Scenario


class KeyTaken(Exception):
    """A write broke a key of the schema (a run id already used): `reason` says how."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SqlStore(ABC):
    """A store of runs in an SQL database (see the module): everything but the dialect.

    `owner` names this process in the leases it takes (a new random id by default); `clock`
    gives the wall time in seconds for heartbeats and expiry (`time.time` by default; tests
    inject their own).
    """

    #: The steps from schema version n to n + 1, in this dialect.
    MIGRATIONS: ClassVar[tuple[str, ...]]
    #: What orders runs started in the same second: the order they were stored in.
    _ORDER: ClassVar[str]
    #: Appended to a query of a run's row, in a write, to lock that row until the commit.
    _LOCK_ROW: ClassVar[str] = ""
    #: Appended to a text column to compare it byte by byte (id prefixes).
    _BINARY: ClassVar[str] = ""

    def __init__(
        self,
        connection: Any,
        *,
        owner: str | None = None,
        clock: Callable[[], float] | None = None,
        read_only: bool = False,
    ) -> None:
        self._db = connection
        self.owner = owner or _owner_id()
        self.clock: Callable[[], float] = clock or time.time
        self.read_only = read_only

    # ------------------------------------------------------------------ the dialect

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the store is, for people (never with a password)."""

    @abstractmethod
    def cache_folder(self) -> Path:
        """A folder of this computer for caches that go with this store."""

    @abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[Any]:
        """One write transaction, all or nothing, on the connection it yields."""

    @abstractmethod
    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """The rows of a query outside any write; a failure as a StoreError."""

    def _execute(self, db: Any, sql: str, params: Sequence[Any] | None = ()) -> Any:
        """Run one statement in a write transaction and return its cursor. `params=None`: the
        statement has no placeholders (schema steps), and goes as it is."""
        return db.execute(sql) if params is None else db.execute(sql, params)

    def _execute_many(self, db: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        db.executemany(sql, rows)

    @abstractmethod
    def _lock_room(self, db: Any, workshop: str) -> None:
        """Hold, until the commit, the lock that numbers `workshop`'s room commands."""

    def _close_connection(self) -> None:
        self._db.close()

    @abstractmethod
    def _locked_version(self, db: Any) -> int:
        """In the migrating transaction: take the schema lock, then read the version (0: new);
        StoreError for a database that is not ours."""

    @abstractmethod
    def _set_version(self, db: Any, old: int, new: int) -> None:
        """In the migrating transaction: mark the database ours, at version `new`."""

    # ------------------------------------------------------------------ opening, closing

    def _migrate(self) -> None:
        """Bring the schema up to date in one transaction that holds the schema lock from
        its start: concurrent first openers wait for each other, and each one reads the
        version the previous one left. A crash midway leaves the old version intact."""
        with self._transaction() as db:
            old = version = self._locked_version(db)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    "results.err.store_newer",
                    path=self.location,
                    version=version,
                    known=SCHEMA_VERSION,
                )
            while version < SCHEMA_VERSION:
                for statement in statements(self.MIGRATIONS[version]):
                    self._execute(db, statement, None)
                version += 1
            self._set_version(db, old, version)

    def close(self) -> None:
        """Release the leases this process holds (its runs can be resumed at once), close."""
        if not self.read_only:
            with contextlib.suppress(StoreError), self._transaction() as db:
                self._execute(db, "DELETE FROM leases WHERE owner = ?", (self.owner,))
        self._close_connection()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            self._require(db, run_id)
            self._hold(db, run_id)

    def release_lease(self, run_id: str) -> None:
        """Stop driving a run (it can be resumed at once, by any process)."""
        with self._transaction() as db:
            self._execute(
                db, "DELETE FROM leases WHERE run_id = ? AND owner = ?", (run_id, self.owner)
            )

    def _take(self, db: Any, run_id: str) -> None:
        now = self.clock()
        row = self._execute(
            db, "SELECT owner, expires_at FROM leases WHERE run_id = ?", (run_id,)
        ).fetchone()
        if row is not None and row[0] != self.owner and float(row[1]) > now and not _gone(row[0]):
            raise StoreError("results.err.run_busy", run=run_id[:12], seconds=int(LEASE_SECONDS))
        self._execute(
            db,
            "INSERT INTO leases (run_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner,"
            " heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at",
            (run_id, self.owner, now, now + LEASE_SECONDS),
        )

    def _hold(self, db: Any, run_id: str) -> None:
        """Check, inside a write transaction, that this process drives the run, and renew.
        A lease of ours that expired but was not taken over is still ours."""
        row = self._execute(db, "SELECT owner FROM leases WHERE run_id = ?", (run_id,)).fetchone()
        if row is None or row[0] != self.owner:
            raise LeaseLost(run_id)
        now = self.clock()
        self._execute(
            db,
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
                self._execute(
                    db,
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
        except KeyTaken as exc:
            raise StoreError("results.err.run_exists", run=rid, reason=exc.reason) from None
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
            self._require(db, run_id)
            self._hold(db, run_id)
            row = self._execute(
                db, "SELECT max(seq) FROM records WHERE run_id = ?", (run_id,)
            ).fetchone()
            seq = 0 if row is None or row[0] is None else int(row[0]) + 1
            if self._insert(db, run_id, seq, records):
                self._execute(db, "DELETE FROM leases WHERE run_id = ?", (run_id,))

    def abandon_run(self, run_id: str) -> None:
        """Mark an unfinished run abandoned: it is no longer offered for resume. Refused
        (`results.err.run_busy`) while another process drives it."""
        with self._transaction() as db:
            self._require(db, run_id)
            self._take(db, run_id)
            self._execute(db, "DELETE FROM leases WHERE run_id = ?", (run_id,))
            self._execute(
                db,
                "UPDATE runs SET status = 'abandoned', ended_at = ?"
                " WHERE id = ? AND status = 'active'",
                (now_iso(), run_id),
            )

    def import_run(self, stored: StoredRun) -> bool:
        """Add a run from elsewhere (a bundle) unless a run with its id is already here."""
        info = stored.info
        with self._transaction() as db:
            self._put_scenario(
                db,
                info.scenario_sha256,
                info.scenario_id,
                info.scenario_title,
                stored.scenario_text,
            )
            added = self._execute(
                db,
                "INSERT INTO runs (id, workshop_id, trainee, team, agency, scenario_id,"
                " scenario_sha256, time_scale, practice, status, started_at, ended_at, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
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
            ).rowcount
            if not added:
                return False
            self._insert(db, info.id, 0, stored.records, mark_finished=False)
        return True

    def _insert(
        self,
        db: Any,
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
        if rows:
            self._execute_many(
                db,
                "INSERT INTO records (run_id, seq, kind, at, event, choice, ending, practice,"
                " seed, text, room) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        if ended and mark_finished:
            self._execute(
                db,
                "UPDATE runs SET status = 'finished', ended_at = ? WHERE id = ?",
                (now_iso(), run_id),
            )
        return ended

    def _require(self, db: Any, run_id: str) -> None:
        """The run exists; in a dialect that locks rows, its row stays locked until the
        transaction ends, so the writes to one run (and the lease checks that guard them)
        happen one after the other."""
        sql = "SELECT 1 FROM runs WHERE id = ?" + self._LOCK_ROW
        if not self._execute(db, sql, (run_id,)).fetchone():
            raise StoreError("results.err.no_run", run=run_id)

    def _put_scenario(self, db: Any, sha256: str, scenario_id: str, title: str, text: str) -> None:
        self._execute(
            db,
            "INSERT INTO scenarios (sha256, scenario_id, title, text) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING",
            (sha256, scenario_id, title, text),
        )

    def _workshop_id(self, db: Any, label: str) -> int | None:
        if not label:
            return None
        self._execute(
            db,
            "INSERT INTO workshops (label, created_at) VALUES (?, ?)"
            " ON CONFLICT (label) DO NOTHING",
            (label, now_iso()),
        )
        row = self._execute(db, "SELECT id FROM workshops WHERE label = ?", (label,)).fetchone()
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
        where: list[str] = []
        params: list[Any] = []
        if workshop is not None:
            where.append("coalesce(w.label, '') = ?")
            params.append(workshop)
        if status is not None:
            where.append("r.status = ?")
            params.append(status)
        sql = self._INFO_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY r.started_at, {self._ORDER}"
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
            f" WHERE {where} ORDER BY r.started_at, {self._ORDER}"
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
                "SELECT coalesce(sum(CASE WHEN kind = 'answer' THEN 1 ELSE 0 END), 0),"
                " coalesce(max(at), 0) FROM records WHERE run_id = ?",
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
            + f" WHERE {where} ORDER BY r.ended_at DESC, r.started_at DESC, {self._ORDER} DESC"
            + " LIMIT ?"
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

    def workshops(self) -> list[str]:
        return [row[0] for row in self._read("SELECT label FROM workshops ORDER BY id", ())]

    def find_run(self, prefix: str) -> RunInfo:
        """The run whose id is `prefix` or starts with it (a unique prefix is enough)."""
        if not prefix or any(c not in "0123456789abcdefABCDEF" for c in prefix):
            raise StoreError("results.err.no_run", run=prefix)
        rid = "r.id" + self._BINARY
        rows = self._read(
            self._INFO_SQL + f" WHERE {rid} >= ? AND {rid} < ? ORDER BY {rid} LIMIT 2",
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
        order = f" ORDER BY r.started_at, {self._ORDER}"
        rows = self._read(self._INFO_SQL + where + order, params)
        infos = [_info_or_problem(row) for row in rows]
        problems = {info.id: problem for info, problem in infos if problem is not None}
        logs: dict[str, list[Record]] = {info.id: [] for info, _ in infos}
        record_sql = (
            "SELECT c.run_id, c.kind, c.at, c.event, c.choice, c.ending, c.practice, c.seed,"
            " c.text, c.room FROM records c"
        )
        if workshop is not None:
            # The logs of the workshop's runs only, each found by its key (a store of many
            # workshops is not read whole for one).
            record_sql += (
                " WHERE c.run_id IN (SELECT r.id FROM runs r"
                " LEFT JOIN workshops w ON w.id = r.workshop_id WHERE coalesce(w.label, '') = ?)"
            )
        for row in self._read(record_sql + " ORDER BY c.run_id, c.seq", params):
            log = logs.get(row[0])
            if log is None or row[0] in problems:
                continue
            try:
                log.append(_record(Record, row[1:]))
            except _Malformed as bad:
                problems[row[0]] = bad.problem()
        texts: dict[str, str | None] = {}
        for info, _ in infos:
            problem = problems.get(info.id)
            if problem is not None:
                yield StoredRun(info, "", (), problem)
                continue
            if info.scenario_sha256 not in texts:
                found = self._read(
                    "SELECT text FROM scenarios WHERE sha256 = ?", (info.scenario_sha256,)
                )
                texts[info.scenario_sha256] = _as_text(found[0][0]) if found else None
            text = texts[info.scenario_sha256]
            if text is None:
                yield StoredRun(info, "", (), StoreError("results.problem.no_scenario"))
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

    # ------------------------------------------------------------------ the room

    def issue_command(
        self, workshop: str, kind: str, payload: str = "", *, issued_by: str = ""
    ) -> RoomCommand:
        """Append a room command for every game of `workshop`; the store numbers it (the
        workshop's next number, taken under the lock: two consoles never share one)."""
        if kind not in ROOM_KINDS:
            raise StoreError("results.err.room_kind", kind=kind)
        at = self.clock()
        with self._transaction() as db:
            self._lock_room(db, workshop)
            row = self._execute(
                db,
                "SELECT coalesce(max(seq), 0) FROM room_commands WHERE workshop = ?",
                (workshop,),
            ).fetchone()
            seq = int(row[0]) + 1
            self._execute(
                db,
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

    # ------------------------------------------------------------------ presence

    def set_presence(self, presence: Presence) -> None:
        """Write or refresh the row of a game that has no run yet; its heartbeat is now
        (`presence.updated_at` is ignored)."""
        if presence.state not in PRESENCE_STATES:
            raise ValueError(f"not a presence state: {presence.state!r}")
        p = presence
        with self._transaction() as db:
            self._execute(
                db,
                "INSERT INTO presence (game, workshop, trainee, team, agency, scenario_id,"
                " scenario_title, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (game) DO UPDATE SET workshop = excluded.workshop,"
                " trainee = excluded.trainee, team = excluded.team, agency = excluded.agency,"
                " scenario_id = excluded.scenario_id, scenario_title = excluded.scenario_title,"
                " state = excluded.state, updated_at = excluded.updated_at",
                (
                    p.game,
                    p.workshop,
                    p.trainee,
                    p.team,
                    p.agency,
                    p.scenario_id,
                    p.scenario_title,
                    p.state,
                    self.clock(),
                ),
            )

    def drop_presence(self, game: str) -> None:
        """Remove a game's row (its run started, or its trainee left); no row: nothing."""
        with self._transaction() as db:
            self._execute(db, "DELETE FROM presence WHERE game = ?", (game,))

    def presence(self, workshop: str) -> list[Presence]:
        """The games of `workshop` that have no run yet, stale ones too, oldest heartbeat
        first (a damaged row is left out: it is refreshed or dropped by its game)."""
        rows = self._read(
            "SELECT workshop, game, trainee, team, agency, scenario_id, scenario_title, state,"
            " updated_at FROM presence WHERE workshop = ? ORDER BY updated_at, game",
            (workshop,),
        )
        out = []
        for row in rows:
            with contextlib.suppress(ValueError):
                out.append(presence_row(tuple(row)))
        return out


# ---------------------------------------------------------------------- helpers


def now_iso() -> str:
    """Wall time now, ISO 8601 in UTC with seconds (what `started_at`/`ended_at` hold)."""
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def statements(script: str) -> list[str]:
    """The statements of a migration step (split at `;`; a piece of only comments dropped)."""
    return [s.strip() for s in script.split(";") if s.strip() and not _only_comments(s)]


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


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


# ---------------------------------------------------------------------- rows -> records


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
