"""Diagnostics: what the loader and the lint say about a scenario file.

A diagnostic carries a code of docs/format.md's table, a severity, a position and a message key
with its parameters; the text is rendered in Bahasa Indonesia or English on demand, so one
load can be reported in either language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from simulasi.guard import shown
from simulasi.scenario.messages import render, yaml_problem


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop a scenario from loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


#: Every code, its severity and a one-line description (docs/format.md, "Diagnostic codes").
CODES: dict[str, tuple[Severity, str]] = {
    "SIM100": (Severity.ERROR, "YAML syntax error"),
    "SIM101": (Severity.ERROR, "duplicate key"),
    "SIM102": (Severity.ERROR, "unknown key"),
    "SIM103": (Severity.ERROR, "missing required key"),
    "SIM104": (Severity.ERROR, "wrong type or value out of range"),
    "SIM105": (Severity.ERROR, "duplicate id"),
    "SIM106": (Severity.ERROR, "invalid id"),
    "SIM107": (Severity.ERROR, "input too large, too deep, or alias expansion too big"),
    "SIM108": (Severity.ERROR, "YAML tag outside the core schema"),
    "SIM200": (Severity.ERROR, "reference to an unknown id"),
    "SIM201": (Severity.WARNING, "event can never arrive"),
    "SIM202": (Severity.WARNING, "ending can never be reached"),
    "SIM203": (Severity.ERROR, "no fallback ending"),
    "SIM205": (Severity.WARNING, "every choice of a decision has a condition"),
    "SIM300": (Severity.ERROR, "expression syntax error"),
    "SIM301": (Severity.ERROR, "unknown name in an expression"),
    "SIM302": (Severity.ERROR, "type error in an expression"),
    "SIM303": (Severity.WARNING, "condition is constant"),
    "SIM400": (Severity.ERROR, "invalid or non-positive duration"),
    "SIM401": (Severity.ERROR, "golden longer than deadline"),
    "SIM402": (Severity.WARNING, "deadline shorter than the reading time"),
    "SIM500": (Severity.WARNING, "choice without feedback"),
    "SIM501": (Severity.WARNING, "decision without a best choice"),
    "SIM503": (Severity.WARNING, "flag never read, or never set"),
    "SIM504": (Severity.WARNING, "stakeholder never affected"),
    "SIM505": (Severity.WARNING, "choices of one decision rate different criteria"),
    "SIM506": (Severity.WARNING, "best choice gives itself away by its length"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a scenario file, at a 1-based line and column."""

    code: str
    file: str
    line: int
    col: int
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "id") -> str:
        """The message in `lang` ("id" or "en"). Values from the file (a key, an id, a
        value) are shown with their control characters made visible: a message is one line."""
        params = {k: shown(v) if isinstance(v, str) else v for k, v in self.params.items()}
        problem = params.get("problem")
        # The parser's own (English) phrase, paraphrased in the reader's language.
        parser = self.key in ("syntax", "not_printable") and isinstance(problem, str)
        if parser and not str(problem).startswith("U+"):
            params["problem"] = yaml_problem(str(problem), lang)
        return render(self.key, params, lang)

    def format(self, lang: str = "id") -> str:
        """The `file:line:col: severity CODE message` line of `simulasi check`."""
        return (
            f"{shown(self.file)}:{self.line}:{self.col}: {self.severity.value} {self.code} "
            f"{self.message(lang)}"
        )

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message(lang),
        }


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.code)


class ScenarioError(Exception):
    """Raised by `load_scenario_or_raise` when a file has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0].format("en") if errors else "invalid scenario"
        super().__init__(first)
