"""The ScoreCard: every number of a run's result, frozen, with a JSON form."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class EventScore(BaseModel):
    """The score of one decision that arrived."""

    model_config = ConfigDict(frozen=True)

    event: str
    outcome: Literal["answered", "timed_out", "expired"]
    choice: str | None
    arrived: float
    resolved: float
    latency: float
    speed: float | None  # S_e before the gate; None in practice mode
    gated_speed: float | None  # S'_e = S_e * g(A_e)
    accuracy: float  # A_e, after the critical cap
    critical: bool
    weight: float
    deltas: dict[str, float]  # meter changes this decision caused (its choice or timeout, drift)
    closed: tuple[str, ...] = ()  # choices not on offer when it was resolved (`when` false)

    def headless_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "outcome": self.outcome,
            "choice": self.choice,
            "arrived": self.arrived,
            "resolved": self.resolved,
            "latency": self.latency,
            "speed": self.speed,
            "gated_speed": self.gated_speed,
            "accuracy": self.accuracy,
            "critical": self.critical,
        }


class ScoreCard(BaseModel):
    """A run's result. Recomputed from the log whenever needed, never stored as truth."""

    model_config = ConfigDict(frozen=True)

    scenario: str
    ending: str
    practice: bool
    passed: bool
    band: str
    total: float
    speed: float | None
    accuracy: float
    impact: float
    meters: dict[str, float]
    criteria: dict[str, float]
    events: tuple[EventScore, ...]
    critical: bool  # some answered choice was a red line
    total_capped: bool  # the critical cap lowered the total
    impact_capped: bool  # a key stakeholder ended below 25
    stakeholder_credit: dict[str, float]  # g per stakeholder, the parts of the impact
    end_time: float
    pass_mark: float

    def headless_json(self) -> dict[str, Any]:
        """The JSON of `simulasi run --json`: exactly the fields of docs/scoring.md, in order."""
        return {
            "scenario": self.scenario,
            "ending": self.ending,
            "practice": self.practice,
            "passed": self.passed,
            "band": self.band,
            "total": self.total,
            "speed": self.speed,
            "accuracy": self.accuracy,
            "impact": self.impact,
            "meters": dict(self.meters),
            "criteria": dict(self.criteria),
            "events": [e.headless_json() for e in self.events],
        }
