"""The store's schema and its migrations.

The schema version lives in SQLite's `PRAGMA user_version`. Each migration takes the database
from version `n` to `n + 1` inside one transaction, so a crash during a migration leaves the
old version intact. A database written by a newer simulasi (a higher version than we know) is
refused rather than guessed at.
"""

from __future__ import annotations

#: MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the first schema.
    """
    CREATE TABLE workshops (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    -- The exact text a run used, addressed by its sha256: a debrief stays right after the
    -- file on disk is edited, and a hundred runs of one scenario store it once.
    CREATE TABLE scenarios (
        sha256 TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE runs (
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
    CREATE INDEX runs_status ON runs(status);
    CREATE INDEX runs_workshop ON runs(workshop_id);
    -- The decision log, one row per record, in log order (seq from 0).
    CREATE TABLE records (
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
    # 1 -> 2: the seat a run was played from (`simulasi serve`: the browser's session token),
    # so a trainee who reconnects is offered their own unfinished runs and nobody else's.
    """
    ALTER TABLE runs ADD COLUMN seat TEXT NOT NULL DEFAULT '';
    CREATE INDEX runs_seat ON runs(seat, status);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
