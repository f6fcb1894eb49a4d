"""What the engine reports back from each call: small past-tense dataclasses.

They are read-only by convention, not frozen: a run makes dozens of them and a frozen
dataclass costs several times more to build (the engine benchmark counts every one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(slots=True)
class RunStarted:
    at: float
    practice: bool


@dataclass(slots=True)
class DecisionArrived:
    at: float
    event: str
    deadline: float | None  # None in practice mode


@dataclass(slots=True)
class UpdateArrived:
    """An update arrived and applied its effects ("updated")."""

    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(slots=True)
class EventSkipped:
    """A scheduled event whose `when` did not hold when its time came."""

    at: float
    event: str


@dataclass(slots=True)
class MetersDrifted:
    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(slots=True)
class DecisionAnswered:
    at: float
    event: str
    choice: str
    speed: float | None
    deltas: Mapping[str, float]


@dataclass(slots=True)
class DecisionTimedOut:
    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(slots=True)
class DecisionExpired:
    """Still pending when the run ended: scored like a timeout, no `next`/`end`."""

    at: float
    event: str
    deltas: Mapping[str, float]


@dataclass(slots=True)
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
