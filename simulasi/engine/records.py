"""The decision log: the single source of truth of a run.

Input records (`start`, `answer`, `clock`, `pause`, `resume`, `finish`) are what the trainee
and the clock did (a pause changes nothing in the run: it is kept for the facilitator);
output records (`arrive`, `skip`, `drift`, `timeout`, `expire`, `end`) are what the engine
made of them. Replaying the inputs must give the outputs again, to the bit.

The `start` record may carry the run's `seed`, from which the order its choices are shown in
is drawn (`simulasi.engine.order`). A start without one, as in logs written before seeds
existed, shows every decision's choices in file order.
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
]
INPUT_KINDS = frozenset({"start", "answer", "clock", "pause", "resume", "finish"})
_KINDS = frozenset(get_args(RecordKind))


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

    @property
    def is_input(self) -> bool:
        return self.kind in INPUT_KINDS

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "at": self.at}
        for name in ("event", "choice", "ending", "practice", "seed"):
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
        extra = set(data) - {"kind", "at", "event", "choice", "ending", "practice", "seed"}
        if extra:
            raise LogFormatError(f"unknown record fields {sorted(extra)}")
        for name in ("event", "choice", "ending"):
            if data.get(name) is not None and not isinstance(data[name], str):
                raise LogFormatError(f"record field {name} is not text: {data[name]!r}")
        practice = data.get("practice")
        if practice is not None and not isinstance(practice, bool):
            raise LogFormatError(f"record field practice is not a bool: {practice!r}")
        seed = data.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise LogFormatError(f"record field seed is not an integer: {seed!r}")
        return cls(
            kind,
            float(at),
            data.get("event"),
            data.get("choice"),
            data.get("ending"),
            practice,
            seed,
        )
