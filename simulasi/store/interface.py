"""What the game, the tools and the commands need from a results store, whatever keeps it.

Two stores implement it: `simulasi.store.sqlite.Store` (one file on this computer) and
`simulasi.store.postgres.PostgresStore` (a PostgreSQL database many hosts share), both on the
shared SQL layer of `simulasi.store.sql`. Open one with
`simulasi.store.opener.open_store(address)`; callers never see SQL or a driver's errors, only
`StoreError` (and `LeaseLost`) with a sentence to show. The values a store hands out
(`RunInfo`, `StoredRun`, `Unfinished`) and the `Recorder` that keeps a live run and its stored
log in step are defined here, beside the interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from simulasi.engine import Record, Run
    from simulasi.scenario import Scenario
    from simulasi.store.room import Presence, RoomCommand

#: Real seconds between two heartbeats of a driven run, at the latest.
HEARTBEAT_SECONDS = 10.0
#: A lease not renewed for this long has expired: its run may be taken over (resumed).
LEASE_SECONDS = 3 * HEARTBEAT_SECONDS


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
        from simulasi.store.reasons import engine_reason

        # An engine's refusal among the params (a replay) is said in `lang` too.
        params = {key: engine_reason(value, lang) for key, value in self.params.items()}
        return t(self.key, lang, **params)


class LeaseLost(StoreError):
    """This process no longer drives the run (another one took it over after our lease
    expired, or it was released): the write was refused and nothing was appended."""

    def __init__(self, run: str) -> None:
        super().__init__("results.err.lease_lost", run=run[:12])


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


class ResultsStore(Protocol):
    """One store of runs and their decision logs (see `simulasi.store` for the API)."""

    owner: str
    clock: Callable[[], float]
    read_only: bool

    @property
    def location(self) -> str:
        """Where the store is, for people: a file path, or an address without its password."""
        ...

    def cache_folder(self) -> Path:
        """A folder of this computer for caches that go with this store."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> ResultsStore: ...

    def __exit__(self, *exc: object) -> None: ...

    # leases
    def take_lease(self, run_id: str) -> None: ...

    def renew_lease(self, run_id: str) -> None: ...

    def release_lease(self, run_id: str) -> None: ...

    # writing
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
    ) -> str: ...

    def append(self, run_id: str, records: Sequence[Record]) -> None: ...

    def abandon_run(self, run_id: str) -> None: ...

    def import_run(self, stored: StoredRun) -> bool: ...

    # reading
    def runs(self, *, workshop: str | None = None, status: str | None = None) -> list[RunInfo]: ...

    def unfinished_runs(self, seat: str | None = None) -> list[RunInfo]: ...

    def unfinished_runs_of_seat(self, seat: str) -> list[RunInfo]: ...

    def unfinished(self, seat: str | None = None) -> list[Unfinished]: ...

    def recent_finished(self, seat: str | None = None, limit: int = 5) -> list[RunInfo]: ...

    def active_seats(self, workshop: str) -> set[str]: ...

    def workshops(self) -> list[str]: ...

    def find_run(self, prefix: str) -> RunInfo: ...

    def records(self, run_id: str) -> tuple[Record, ...]: ...

    def scenario_text(self, sha256: str) -> str: ...

    def load_run(self, run_id: str) -> StoredRun: ...

    def stored_runs(self, *, workshop: str | None = None) -> Iterator[StoredRun]: ...

    def resume(self, run_id: str) -> tuple[RunInfo, Scenario, Run]: ...

    # the room (`simulasi.store.room`)
    def issue_command(
        self, workshop: str, kind: str, payload: str = "", *, issued_by: str = ""
    ) -> RoomCommand: ...

    def room_commands(self, workshop: str, after: int = 0) -> list[RoomCommand]: ...

    def last_room_command(self, workshop: str) -> int: ...

    # games with no run yet (`simulasi.store.room.Presence`)
    def set_presence(self, presence: Presence) -> None: ...

    def drop_presence(self, game: str) -> None: ...

    def presence(self, workshop: str) -> list[Presence]: ...


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
