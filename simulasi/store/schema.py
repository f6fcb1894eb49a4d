"""The store's schema and its migrations.

The schema version lives in SQLite's `PRAGMA user_version`, and `PRAGMA application_id` says
the file is ours. All the migrations a database needs run in one transaction that takes the
write lock first (`BEGIN IMMEDIATE`) and reads the version only then, so any number of
processes opening a new store at once create it exactly once; the DDL is idempotent (`IF NOT
EXISTS`) as well. A crash during a migration leaves the old version intact. A database written
by a newer simulasi (a higher version than we know) is refused rather than guessed at.
"""

from __future__ import annotations

#: MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the first schema.
    """
    CREATE TABLE IF NOT EXISTS workshops (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    -- The exact text a run used, addressed by its sha256: a debrief stays right after the
    -- file on disk is edited, and a hundred runs of one scenario store it once.
    CREATE TABLE IF NOT EXISTS scenarios (
        sha256 TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS runs (
        id TEXT PRIMARY KEY,
        workshop_id INTEGER REFERENCES workshops(id),
        trainee TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        scenario_id TEXT NOT NULL,
        scenario_sha256 TEXT NOT NULL REFERENCES scenarios(sha256),
        time_scale REAL NOT NULL DEFAULT 1.0,
        practice INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('active', 'finished', 'abandoned')),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        source TEXT NOT NULL DEFAULT 'game'
    );
    CREATE INDEX IF NOT EXISTS runs_status ON runs(status);
    CREATE INDEX IF NOT EXISTS runs_workshop ON runs(workshop_id);
    -- The decision log, one row per record, in log order (seq from 0).
    CREATE TABLE IF NOT EXISTS records (
        run_id TEXT NOT NULL REFERENCES runs(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        at REAL NOT NULL,
        event TEXT,
        choice TEXT,
        ending TEXT,
        practice INTEGER,
        PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    """,
    # 1 -> 2: who drives an active run (one process at a time). No row: nobody (released, or
    # the run was imported); a row whose `expires_at` has passed: its owner went silent.
    """
    CREATE TABLE IF NOT EXISTS leases (
        run_id TEXT PRIMARY KEY REFERENCES runs(id),
        owner TEXT NOT NULL,
        heartbeat_at REAL NOT NULL,
        expires_at REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2 -> 3: the seed of the order a run shows its choices in (start records only; NULL in
    # every other record, and in the start records of runs stored before: file order).
    """
    ALTER TABLE records ADD COLUMN seed INTEGER;
    """,
    # 3 -> 4: the seat a run was played from (`simulasi serve`: the browser's session token),
    # so a trainee who reconnects is offered their own unfinished runs and nobody else's.
    """
    ALTER TABLE runs ADD COLUMN seat TEXT NOT NULL DEFAULT '';
    CREATE INDEX IF NOT EXISTS runs_seat ON runs(seat, status);
    """,
    # 4 -> 5: the room. The facilitator's commands to every game of a workshop, numbered from
    # 1 per workshop (label) in the order issued; a record that applies one carries its number
    # (`room`), and a message record its text.
    """
    ALTER TABLE records ADD COLUMN text TEXT;
    ALTER TABLE records ADD COLUMN room INTEGER;
    CREATE TABLE IF NOT EXISTS room_commands (
        workshop TEXT NOT NULL,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '',
        issued_at REAL NOT NULL,
        issued_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (workshop, seq)
    ) WITHOUT ROWID;
    """,
    # 5 -> 6: the games of a workshop that have no run yet (a trainee reading the briefing,
    # or waiting on it for the room's start), one row per game, with its last heartbeat.
    """
    CREATE TABLE IF NOT EXISTS presence (
        game TEXT PRIMARY KEY,
        workshop TEXT NOT NULL,
        trainee TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        scenario_id TEXT NOT NULL DEFAULT '',
        scenario_title TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        updated_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS presence_workshop ON presence(workshop);
    """,
)

#: `PRAGMA application_id` of a simulasi store ("SIMU"): a file is ours if it carries this, or
#: (stores made before it was set) a schema version and our tables.
APPLICATION_ID = 0x53494D55
#: The tables of the first schema: with `user_version` >= 1 they mark a store of ours.
FIRST_TABLES = frozenset({"workshops", "scenarios", "runs", "records"})

SCHEMA_VERSION = len(MIGRATIONS)
