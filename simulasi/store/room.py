"""Room commands: what the facilitator's console tells every game of a workshop.

The console appends a command to the store (`ResultsStore.issue_command`); the store numbers
the commands of each workshop 1, 2, 3, ... in the order they were issued, atomically, whatever
the number of consoles and hosts. Each game reads the commands after the last one it applied
(`ResultsStore.room_commands`) and applies each by writing it into its own run's log as a
record that carries the command's number (see `simulasi.engine.records`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

RoomKind = Literal["start", "pause", "resume", "end", "message"]
ROOM_KINDS: frozenset[str] = frozenset(get_args(RoomKind))


@dataclass(frozen=True)
class RoomCommand:
    """One command of a workshop's room. `at` is the wall time (Unix seconds) it was issued;
    `payload` is a message's text (empty for the other kinds)."""

    workshop: str
    seq: int
    kind: RoomKind
    payload: str
    at: float
    issued_by: str


def room_command(row: tuple[object, ...]) -> RoomCommand:
    """A `room_commands` row (workshop, seq, kind, payload, issued_at, issued_by) as a command;
    ValueError for a row that is not one."""
    workshop, seq, kind, payload, at, issued_by = row
    if (
        not isinstance(workshop, str)
        or isinstance(seq, bool)
        or not isinstance(seq, int)
        or kind not in ROOM_KINDS
        or not isinstance(payload, str)
        or isinstance(at, bool)
        or not isinstance(at, (int, float))
        or not isinstance(issued_by, str)
    ):
        raise ValueError(f"not a room command: {row!r}")
    return RoomCommand(workshop, seq, kind, payload, float(at), issued_by)  # type: ignore[arg-type]
