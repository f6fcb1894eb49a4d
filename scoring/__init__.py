"""Scoring: (scenario, decision log) -> ScoreCard, exactly as docs/scoring.md defines it.

Pure: no Textual, Rich, store or UI imports (a test checks it in a subprocess).
"""

from scoring.card import EventScore, ScoreCard
from scoring.score import (
    ScoringError,
    gate,
    impact_credit,
    impact_of,
    score,
    score_run,
    total_of,
)

__all__ = [
    "EventScore",
    "ScoreCard",
    "ScoringError",
    "gate",
    "impact_credit",
    "impact_of",
    "score",
    "score_run",
    "total_of",
]
