"""Room commands: what the facilitator's console tells every game of a workshop.

The console appends a command to the store (`ResultsStore.issue_command`); the store numbers
the commands of each workshop 1, 2, 3, ... in the order they were issued, atomically, whatever
the number of consoles and hosts. Each game reads the commands after the last one it applied
(`ResultsStore.room_commands`) and applies each by writing it into its own run's log as a
record that carries the command's number (see `simulasi.engine.records`).

A game that has no run yet (its trainee reads the briefing, or waits on it for the room's
`start`) keeps a presence row in the store (`ResultsStore.set_presence`), refreshed every
heartbeat and removed when its run starts or the trainee leaves: the console's roster shows
it before its run exists.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def room_paused(commands: Iterable[RoomCommand]) -> bool:
    """Whether the room is paused after `commands` (in order): its last pause/resume is a
    pause."""
    toggles = [c.kind for c in commands if c.kind in ("pause", "resume")]
    return bool(toggles) and toggles[-1] == "pause"


def room_started(commands: Iterable[RoomCommand]) -> bool:
    """Whether the room is under way after `commands` (in order): a `start` was issued after
    the last `end` (a game opened now joins a room already started)."""
    started = False
    for command in commands:
        if command.kind == "start":
            started = True
        elif command.kind == "end":
            started = False
    return started


PresenceState = Literal["lobby", "briefing"]
PRESENCE_STATES: frozenset[str] = frozenset(get_args(PresenceState))


@dataclass(frozen=True)
class Presence:
    """A game of a workshop that has no run yet: its trainee is reading a briefing
    (`briefing`), or waiting on it for the room's start (`lobby`). `game` names the game (one
    per process); `updated_at` is its last heartbeat (wall time, Unix seconds): a row not
    refreshed for `LEASE_SECONDS` belongs to a game that went away."""

    workshop: str
    game: str
    trainee: str
    team: str
    agency: str
    scenario_id: str
    scenario_title: str
    state: PresenceState
    updated_at: float


def presence_row(row: tuple[object, ...]) -> Presence:
    """A `presence` row (workshop, game, trainee, team, agency, scenario_id, scenario_title,
    state, updated_at) as a Presence; ValueError for a row that is not one."""
    *texts, state, updated_at = row
    if (
        len(texts) != 7
        or not all(isinstance(text, str) for text in texts)
        or state not in PRESENCE_STATES
        or isinstance(updated_at, bool)
        or not isinstance(updated_at, (int, float))
    ):
        raise ValueError(f"not a presence row: {row!r}")
    workshop, game, trainee, team, agency, scenario_id, title = (str(t) for t in texts)
    return Presence(
        workshop,
        game,
        trainee,
        team,
        agency,
        scenario_id,
        title,
        state,  # type: ignore[arg-type]
        float(updated_at),
    )
