"""The decision log: the single source of truth of a run.

Input records (`start`, `answer`, `clock`, `pause`, `resume`, `finish`, `message`) are what
the trainee, the room and the clock did (a pause or a message changes nothing in the run: it
is kept for the facilitator);
output records (`arrive`, `skip`, `drift`, `timeout`, `expire`, `end`) are what the engine
made of them. Replaying the inputs must give the outputs again, to the bit.

The `start` record may carry the run's `seed`, from which the order its choices are shown in
is drawn (`simulasi.engine.order`). A start without one, as in logs written before seeds
existed, shows every decision's choices in file order.

Room commands (the facilitator's console) reach a run as input records carrying `room`, the
command's sequence number in its workshop: `pause`, `resume`, `finish` (the room's end) and
`message` (whose `text` the trainee is shown). The `start` record's `room` is the last command
issued before the run began (older ones are not for it), so the highest `room` in a log is the
last command the run has applied, and a resumed run continues after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

RecordKind = Literal[
    "start",
    "arrive",
    "skip",
    "drift",
    "answer",
    "timeout",
    "expire",
    "clock",
    "pause",
    "resume",
    "finish",
    "end",
    "message",
]
INPUT_KINDS = frozenset({"start", "answer", "clock", "pause", "resume", "finish", "message"})
_KINDS = frozenset(get_args(RecordKind))


#: The fields a record may leave out (None), in the order of the tuple.
_OPTIONAL = ("event", "choice", "ending", "practice", "seed", "text", "room")


class LogFormatError(ValueError):
    """A stored record is not a record."""


class Record(NamedTuple):
    """One line of the decision log. `at` is in scenario seconds.

    A named tuple: immutable, compared field by field, and cheap to make (a run writes one
    for every arrival, tick and answer, and the engine benchmark counts them).
    """

    kind: RecordKind
    at: float
    event: str | None = None
    choice: str | None = None
    ending: str | None = None
    practice: bool | None = None
    seed: int | None = None  # `start` only: the seed of the shown order (None: file order)
    text: str | None = None  # `message` only: what the room said
    room: int | None = None  # the room command applied (`start`: the last one before the run)

    @property
    def is_input(self) -> bool:
        return self.kind in INPUT_KINDS

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "at": self.at}
        for name in _OPTIONAL:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Record:
        try:
            kind = data["kind"]
            at = data["at"]
        except (KeyError, TypeError) as exc:
            raise LogFormatError(f"record without kind/at: {data!r}") from exc
        if kind not in _KINDS:
            raise LogFormatError(f"unknown record kind {kind!r}")
        if isinstance(at, bool) or not isinstance(at, (int, float)):
            raise LogFormatError(f"record time is not a number: {at!r}")
        extra = set(data) - {"kind", "at", *_OPTIONAL}
        if extra:
            raise LogFormatError(f"unknown record fields {sorted(extra)}")
        for name in ("event", "choice", "ending", "text"):
            if data.get(name) is not None and not isinstance(data[name], str):
                raise LogFormatError(f"record field {name} is not text: {data[name]!r}")
        practice = data.get("practice")
        if practice is not None and not isinstance(practice, bool):
            raise LogFormatError(f"record field practice is not a bool: {practice!r}")
        seed = data.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise LogFormatError(f"record field seed is not an integer: {seed!r}")
        room = data.get("room")
        if room is not None and (isinstance(room, bool) or not isinstance(room, int)):
            raise LogFormatError(f"record field room is not an integer: {room!r}")
        return cls(
            kind,
            float(at),
            data.get("event"),
            data.get("choice"),
            data.get("ending"),
            practice,
            seed,
            data.get("text"),
            room,
        )
