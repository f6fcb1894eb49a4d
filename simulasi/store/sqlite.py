"""The SQLite store: runs and their decision logs in one file, safe against a killed process.

The queries, the lease rules and the row mapping are the shared SQL layer's
(`simulasi.store.sql`); this module adds what is SQLite's own: the file (found in the data
folder, identified by `PRAGMA application_id` before anything in it is changed, read-only on a
read-only medium), its failures told apart (a full disk, a read-only medium, a damaged or
foreign file), and the transactions.

Every write is one transaction (`BEGIN IMMEDIATE ... COMMIT`, which takes the database's write
lock at once, so the lease check and the write it guards are one step) on a WAL database with
`synchronous=FULL`: when `append` returns, the records are on disk, and a process killed at
any moment leaves either all the records of a call or none of them. The schema version lives
in `PRAGMA user_version`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from simulasi.store.interface import StoreError
from simulasi.store.schema import APPLICATION_ID, FIRST_TABLES, MIGRATIONS, SCHEMA_VERSION
from simulasi.store.sql import KeyTaken, SqlStore

DB_NAME = "simulasi.db"
ENV_DATA = "SIMULASI_DATA"
#: How long a process waits for another one's write to finish before giving up.
BUSY_SECONDS = 30.0
#: Below this much free space an I/O error while opening is a full disk.
_NEARLY_FULL = 1 << 20
#: The constraint errors of a key already taken (a run id used twice).
_KEY_ERRORS = frozenset({"SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"})


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already undone it itself."""
    if db.in_transaction:
        # When even this fails the connection is unusable; the original error says why.
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


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


class Store(SqlStore):
    """One SQLite file of runs. Use `Store.open(...)`; close it (or use `with`).

    `owner` names this process in the leases it takes (a new random id by default); `clock`
    gives the wall time in seconds for heartbeats and expiry (`time.time` by default; tests
    inject their own).
    """

    MIGRATIONS = MIGRATIONS
    _ORDER = "r.rowid"

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        owner: str | None = None,
        clock: Callable[[], float] | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(connection, owner=owner, clock=clock, read_only=read_only)
        self.path = path
        self._db: sqlite3.Connection = connection

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
        """Migrate (see `SqlStore._migrate`), unless the store is up to date: then it is only
        read."""
        db = self._db
        current = int(db.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
        if current and _application_id(db) == APPLICATION_ID:
            return
        super()._migrate()

    def _locked_version(self, db: sqlite3.Connection) -> int:
        # `BEGIN IMMEDIATE` has taken the write lock already.
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        # Checked again under the lock: a file that has tables but no version is someone
        # else's database.
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError("results.err.store_foreign", path=self.path)
        return version

    def _set_version(self, db: sqlite3.Connection, old: int, new: int) -> None:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {new}")

    @property
    def location(self) -> str:
        """The store's file, for people."""
        return str(self.path)

    def cache_folder(self) -> Path:
        """The data folder: caches that go with this store live beside it."""
        return self.path.parent

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all or nothing. Every SQLite failure on the way (a damaged
        file, a full disk, a read-only or locked file) becomes a StoreError; a key already
        taken becomes KeyTaken for the caller that expects it."""
        if self.read_only:
            raise StoreError("results.err.store_readonly", path=self.path)
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc) from None
        try:
            yield db
        except sqlite3.IntegrityError as exc:
            _rollback(db)
            if getattr(exc, "sqlite_errorname", "") in _KEY_ERRORS:
                raise KeyTaken(str(exc)) from None
            raise self._failure(exc) from None
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

    def _lock_room(self, db: sqlite3.Connection, workshop: str) -> None:
        """Nothing to take: `BEGIN IMMEDIATE` holds the whole database until the commit."""
        return None

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        return _classify(exc, self.path)

    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError("results.err.store_corrupt", path=self.path, reason=exc) from None


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
