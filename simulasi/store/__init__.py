"""Persistence of runs and decision logs (docs/architecture.md, "Persistence").

The API the game uses:

- `Store.open(data_dir_or_None)`: open (or create) the store; `--data`, $SIMULASI_DATA, or
  the user data directory.
- `Recorder.start(store, run, trainee=..., team=..., agency=..., workshop=..., time_scale=...)`
  after `run.start(...)`; then `recorder.commit()` after every engine call (`advance`,
  `choose`, `pause`, `resume`, `finish`) and before showing what it returned. The records of
  one call are written in one transaction; a run whose log gets its `end` record becomes
  `finished`.
- `store.unfinished_runs()`: the runs to offer for resume; `Recorder.resume(store, run_id)`
  rebuilds one (same inbox, same deadlines; `recorder.run.now` is the scenario second to
  continue from) and keeps committing; `store.abandon_run(run_id)` stops offering it.
- Lower level: `store.start_run(...)`, `store.append(run_id, records)`,
  `store.load_run(run_id)`, `store.resume(run_id)`, `store.runs(workshop=...)`.

Scores are never stored: they are recomputed from the log and the stored scenario text.
"""

from simulasi.store.sqlite import (
    DB_NAME,
    Recorder,
    RunInfo,
    Store,
    StoredRun,
    StoreError,
    data_dir,
    scenario_from_text,
)

__all__ = [
    "DB_NAME",
    "Recorder",
    "RunInfo",
    "Store",
    "StoreError",
    "StoredRun",
    "data_dir",
    "scenario_from_text",
]
