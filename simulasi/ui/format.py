"""How the game writes numbers and sizes for people: scores, bars and names cut to fit.

One module for every screen and widget (the debrief, the scoreboard, the inbox, the meters),
so a score reads the same wherever it is shown."""

from __future__ import annotations

from simulasi.i18n import decimal

#: Cells of a criterion's bar on the debrief.
BAR_WIDTH = 20


def number(value: float | None, lang: str) -> str:
    """A score for people: one decimal, a decimal comma in Indonesian, `—` when absent."""
    return decimal(value, lang)


def gauge(share: float, width: int) -> str:
    """`share` (0..1, clamped) of `width` cells filled."""
    filled = round(min(1.0, max(0.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A 0..100 value as a bar of `width` cells."""
    return gauge(max(0.0, min(100.0, value)) / 100, width)


def cut(text: str, width: int) -> str:
    """`text` (already made visible) in at most `width` characters, ending in `…` when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` characters with `…`, padded to `width`: a column of a table."""
    return cut(text, width).ljust(width)
