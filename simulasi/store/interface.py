"""What the game, the tools and the commands need from a results store, whatever keeps it.

Two stores implement it: `simulasi.store.sqlite.Store` (one file on this computer) and
`simulasi.store.postgres.PostgresStore` (a PostgreSQL database many hosts share). Open one
with `simulasi.store.opener.open_store(address)`; callers never see SQL or a driver's
errors, only `StoreError` (and `LeaseLost`) with a sentence to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from simulasi.engine import Record, Run
    from simulasi.scenario import Scenario
    from simulasi.store.room import RoomCommand
    from simulasi.store.sqlite import RunInfo, StoredRun, Unfinished


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
