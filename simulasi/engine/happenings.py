"""What the engine reports back from each call: small past-tense dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunStarted:
    at: float
    practice: bool


@dataclass(frozen=True, slots=True)
class DecisionArrived:
    at: float
    event: str
    deadline: float | None  # None in practice mode


@dataclass(frozen=True, slots=True)
class UpdateArrived:
    """An update arrived and applied its effects ("updated")."""

    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class EventSkipped:
    """A scheduled event whose `when` did not hold when its time came."""

    at: float
    event: str


@dataclass(frozen=True, slots=True)
class MetersDrifted:
    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class DecisionAnswered:
    at: float
    event: str
    choice: str
    speed: float | None
    deltas: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class DecisionTimedOut:
    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class DecisionExpired:
    """Still pending when the run ended: scored like a timeout, no `next`/`end`."""

    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class RunEnded:
    at: float
    ending: str


Happening = (
    RunStarted
    | DecisionArrived
    | UpdateArrived
    | EventSkipped
    | MetersDrifted
    | DecisionAnswered
    | DecisionTimedOut
    | DecisionExpired
    | RunEnded
)
