"""Histograms drawn with plain text, for a terminal without Rich."""

from __future__ import annotations

from collections.abc import Sequence

BAR = "█"


def bin_counts(
    values: Sequence[float], low: float = 0.0, high: float = 100.0, bins: int = 10
) -> list[int]:
    """How many values fall in each of `bins` equal bins over [low, high] (the last bin
    includes `high`; values outside go to the nearest end)."""
    counts = [0] * bins
    width = (high - low) / bins
    for value in values:
        index = int((value - low) // width) if width else 0
        counts[min(max(index, 0), bins - 1)] += 1
    return counts


def histogram(
    values: Sequence[float],
    *,
    low: float = 0.0,
    high: float = 100.0,
    bins: int = 10,
    width: int = 40,
) -> list[str]:
    """One line per bin: its range, a bar as long as its share of the tallest bin, the count."""
    counts = bin_counts(values, low, high, bins)
    tallest = max(counts, default=0)
    step = (high - low) / bins
    lines = []
    for i, count in enumerate(counts):
        start, end = low + i * step, low + (i + 1) * step
        bar = BAR * (round(width * count / tallest) if tallest else 0)
        if count and not bar:
            bar = "▏"  # a bin that is not empty never looks empty
        lines.append(f"{start:5.0f}–{end:<4.0f}│{bar} {count}".rstrip())
    return lines
