"""Speed credit and timeliness (DESIGN "Scoring"), shared by the engine and the scorer."""

from __future__ import annotations


def speed_credit(
    latency: float, golden: float, deadline: float, half_life: float, floor: float
) -> float:
    """S_e of an answer given `latency` seconds after arrival: 100 up to golden, then halving
    every half-life, never below `100 * floor` while the deadline holds; 0 after it."""
    if latency <= golden:
        return 100.0
    if latency <= deadline:
        decay: float = 2.0 ** (-(latency - golden) / half_life)
        return 100.0 * max(floor, decay)
    return 0.0


def timeliness(speed: float | None) -> float:
    """t_e = 0.5 + 0.5 * S_e / 100: how much of a choice's goodwill an answer earns.
    Practice runs (no speed) earn all of it."""
    if speed is None:
        return 1.0
    return 0.5 + 0.5 * speed / 100.0
