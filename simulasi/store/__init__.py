"""Persistence of runs and decision logs (docs/architecture.md, "Persistence").

The API the game uses:

- `open_store(address_or_None)`: open (or create) the store at an address: `--data`, else
  $SIMULASI_DATA, else the user data directory. A `postgresql://user@host/db` address opens
  the PostgreSQL store (`simulasi.store.postgres`, the optional extra `simulasi[postgres]`),
  anything else a data folder with the SQLite store (`Store.open`). Both implement
  `ResultsStore` (`simulasi.store.interface`); callers see no SQL and no driver error, only
  `StoreError` with a sentence to show.
- `Recorder.start(store, run, trainee=..., team=..., agency=..., workshop=..., time_scale=...)`
  after `run.start(...)`; then `recorder.commit()` after every engine call (`advance`,
  `choose`, `pause`, `resume`, `finish`) and before showing what it returned. The records of
  one call are written in one transaction; a run whose log gets its `end` record becomes
  `finished`.
- One process drives a run at a time (a lease, see `simulasi.store.sql`): call
  `recorder.keep_alive()` on every tick (also while paused) and `recorder.release()` when
  leaving mid-run; a write after another process took the run over raises `LeaseLost`.
- `store.unfinished()` / `store.unfinished_runs()`: the runs to offer for resume (not
  finished, not abandoned, and not driven by a live process); `Recorder.resume(store, run_id)`
  takes the lease and rebuilds one (same inbox, same deadlines; `recorder.run.now` is the
  scenario second to continue from) and keeps committing; `store.abandon_run(run_id)` stops
  offering it.
- `open_store(data, read_only=True)`: for the result commands; also on a read-only medium.
- Lower level: `store.start_run(...)`, `store.append(run_id, records)`,
  `store.load_run(run_id)`, `store.resume(run_id)`, `store.runs(workshop=...)`.

Scores are never stored: they are recomputed from the log and the stored scenario text.
"""

from simulasi.store.interface import (
    HEARTBEAT_SECONDS,
    LEASE_SECONDS,
    LeaseLost,
    Recorder,
    ResultsStore,
    RunInfo,
    StoredRun,
    StoreError,
    Unfinished,
)
from simulasi.store.opener import open_store
from simulasi.store.sql import scenario_from_text, verified_scenario
from simulasi.store.sqlite import DB_NAME, Store, data_dir

__all__ = [
    "DB_NAME",
    "HEARTBEAT_SECONDS",
    "LEASE_SECONDS",
    "LeaseLost",
    "Recorder",
    "ResultsStore",
    "RunInfo",
    "Store",
    "StoreError",
    "StoredRun",
    "Unfinished",
    "data_dir",
    "open_store",
    "scenario_from_text",
    "verified_scenario",
]
