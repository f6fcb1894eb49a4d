"""The narrative world clock of a scenario (display only) and other time labels."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulasi.scenario import Scenario


def world_time(scenario: Scenario, seconds: float) -> str:
    """The in-world time at scenario second `seconds`: `07.05 WIB`, or `+05:30` without a
    world clock (minutes and seconds since the start)."""
    clock = scenario.doc.world_clock
    if clock is None:
        whole = max(0, math.floor(seconds))
        return f"+{whole // 60:02d}:{whole % 60:02d}"
    hours, minutes = (int(part) for part in clock.start.replace(".", ":").split(":"))
    total = hours * 60 + minutes + math.floor(seconds * clock.minutes_per_second)
    return f"{(total // 60) % 24:02d}.{total % 60:02d} {clock.zone}"


def event_time(scenario: Scenario, event_id: str, seconds: float) -> str:
    """The world time shown for an event: its own `world_time` label when it has one."""
    event = scenario.events.get(event_id)
    if event is not None and event.world_time:
        return event.world_time
    return world_time(scenario, seconds)


def seconds_label(seconds: float) -> str:
    """Whole seconds left, rounded up so that `0` means really over: `245`."""
    return str(max(0, math.ceil(seconds - 1e-9)))
