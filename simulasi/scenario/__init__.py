"""The `simulasi/1` scenario format: strict loading, expressions and lint.

Pure: no Textual, Rich, store or UI imports here (a test checks it in a subprocess).
"""

from simulasi.scenario.compiled import Scenario, Weights
from simulasi.scenario.diagnostics import CODES, Diagnostic, ScenarioError, Severity
from simulasi.scenario.loader import LoadResult, load_scenario, load_scenario_or_raise
from simulasi.scenario.models import (
    Choice,
    Ending,
    Event,
    ScenarioDoc,
    Stakeholder,
)
from simulasi.scenario.schema import json_schema
from simulasi.scenario.yamltree import Limits

__all__ = [
    "CODES",
    "Choice",
    "Diagnostic",
    "Ending",
    "Event",
    "Limits",
    "LoadResult",
    "Scenario",
    "ScenarioDoc",
    "ScenarioError",
    "Severity",
    "Stakeholder",
    "Weights",
    "json_schema",
    "load_scenario",
    "load_scenario_or_raise",
]
