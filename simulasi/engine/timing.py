"""Speed credit and timeliness (docs/scoring.md), shared by the engine and the scorer."""

from __future__ import annotations


def speed_credit(latency: float, golden: float, half_life: float, floor: float) -> float:
    """S_e of an answer the run accepted `latency` seconds after arrival: 100 up to golden,
    then halving every half-life, never below `100 * floor`.

    Only answers the engine accepted are scored here, and it accepts them up to the deadline
    (`now <= arrival + deadline`); the latency is not compared with the deadline again,
    because `now - arrival` can exceed `deadline` by a rounding error (155.3 - 95.3 is
    60.000000000000014) and an accepted answer must never score like a timeout.
    """
    if latency <= golden:
        return 100.0
    decay: float = 2.0 ** (-(latency - golden) / half_life)
    return 100.0 * max(floor, decay)


def timeliness(speed: float | None) -> float:
    """t_e = 0.5 + 0.5 * S_e / 100: how much of a choice's goodwill an answer earns.
    Practice runs (no speed) earn all of it."""
    if speed is None:
        return 1.0
    return 0.5 + 0.5 * speed / 100.0
