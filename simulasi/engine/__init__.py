"""The run engine: a pure state machine over a compiled scenario.

No Textual, Rich, store or UI imports here (a test checks it in a subprocess). Time comes in
as `now`, in scenario seconds.
"""

from simulasi.engine.clock import Clock, FakeClock, MonotonicClock
from simulasi.engine.happenings import (
    DecisionAnswered,
    DecisionArrived,
    DecisionExpired,
    DecisionTimedOut,
    EventSkipped,
    Happening,
    MetersDrifted,
    RunEnded,
    RunStarted,
    UpdateArrived,
)
from simulasi.engine.order import in_shown_order, shown_order
from simulasi.engine.records import INPUT_KINDS, LogFormatError, Record
from simulasi.engine.run import DecisionFact, EngineError, Pending, ReplayError, Run
from simulasi.engine.timing import speed_credit, timeliness

__all__ = [
    "INPUT_KINDS",
    "Clock",
    "DecisionAnswered",
    "DecisionArrived",
    "DecisionExpired",
    "DecisionFact",
    "DecisionTimedOut",
    "EngineError",
    "EventSkipped",
    "FakeClock",
    "Happening",
    "LogFormatError",
    "MetersDrifted",
    "MonotonicClock",
    "Pending",
    "Record",
    "ReplayError",
    "Run",
    "RunEnded",
    "RunStarted",
    "UpdateArrived",
    "in_shown_order",
    "shown_order",
    "speed_credit",
    "timeliness",
]
