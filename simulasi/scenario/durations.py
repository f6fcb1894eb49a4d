"""Durations in scenario seconds: `90`, `12.5`, `"90s"`, `"5m"`, `"1m30s"`."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"\s*(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s?)?\s*\Z")


def parse_duration(value: object) -> float:
    """Seconds as a float; raises ValueError with a short reason for anything else."""
    if isinstance(value, bool):
        raise ValueError("bool")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not value.strip() or match is None or match.group(0).strip() == "":
            raise ValueError("format")
        minutes, secs = match.group(1), match.group(2)
        if minutes is None and secs is None:
            raise ValueError("format")
        seconds = float(minutes or 0) * 60 + float(secs or 0)
    else:
        raise ValueError("type")
    if not math.isfinite(seconds):
        raise ValueError("finite")
    return seconds


def format_duration(seconds: float) -> str:
    """`1m30s` style, for messages and generated files."""
    whole = round(seconds)
    if abs(seconds - whole) > 1e-9:
        return f"{seconds:g}s"
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes}m{secs}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"
