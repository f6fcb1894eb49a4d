"""Clocks map real time to scenario seconds. The engine never reads one: callers pass `now`.

Scenario seconds are real seconds divided by the time scale `k` (k = 1.5 gives 50 % more
time), and they stand still while paused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    """What the game needs of a clock."""

    def now(self) -> float: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def skip_to(self, now: float) -> None: ...
    @property
    def paused(self) -> bool: ...


class MonotonicClock:
    """Scenario time from a monotonic source (injectable for tests), with pause and resume."""

    def __init__(
        self,
        time_scale: float = 1.0,
        *,
        start_at: float = 0.0,
        source: Callable[[], float] = time.monotonic,
    ) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be > 0")
        self._scale = time_scale
        self._source = source
        self._origin = source()
        self._offset = start_at  # scenario seconds already elapsed (a resumed run)
        self._paused_at: float | None = None

    @property
    def time_scale(self) -> float:
        return self._scale

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def now(self) -> float:
        real = self._paused_at if self._paused_at is not None else self._source()
        return self._offset + (real - self._origin) / self._scale

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._source()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._origin += self._source() - self._paused_at
            self._paused_at = None

    def skip_to(self, now: float) -> None:
        """Jump forward to scenario second `now` (the trainee has nothing to do until then);
        never backwards. Time runs on from there at the same pace."""
        ahead = now - self.now()
        if ahead > 0:
            self._offset += ahead


class FakeClock:
    """A clock the test moves by hand: no test sleeps."""

    def __init__(self, start_at: float = 0.0) -> None:
        self._now = start_at
        self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move scenario time forward (ignored while paused, like a real clock)."""
        if not self._paused:
            self._now += seconds

    def set(self, now: float) -> None:
        self._now = now

    def skip_to(self, now: float) -> None:
        if now > self._now:
            self._now = now

    def pause(self) -> None:
        self._paused = True

    def resume(self) -> None:
        self._paused = False
