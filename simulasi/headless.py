"""The headless run: a scenario played from an answers file (DESIGN "Headless run")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from simulasi.engine import EngineError, Run
from simulasi.i18n import t
from simulasi.scenario import Scenario
from simulasi.scenario.yamltree import TreeError, YFloat, YInt, YMap, YSeq, read_tree


@dataclass(frozen=True, slots=True)
class Answer:
    at: float
    event: str
    choice: str
    line: int


@dataclass(frozen=True, slots=True)
class AnswerScript:
    practice: bool | None
    answers: tuple[Answer, ...]


class AnswersError(Exception):
    """A bad answers file or a bad answer: `message(lang)` names the answer."""

    def __init__(
        self, key: str, n: int | None = None, line: int | None = None, **params: Any
    ) -> None:
        super().__init__(key)
        self.key = key
        self.n = n
        self.line = line
        self.params = params

    def message(self, lang: str = "id") -> str:
        detail = t(self.key, lang, **self.params)
        if self.n is None:
            return t("ans.malformed", lang, detail=detail) if self.key == "ans.fields" else detail
        return t("ans.item", lang, n=self.n, line=self.line, detail=detail)


def _text(value: Any) -> str | None:
    if isinstance(value, (YInt, YFloat)):
        return value.raw
    return value if isinstance(value, str) and value else None


def parse_answers(text: str, file: str = "<answers>") -> AnswerScript:
    """Read an answers file strictly: ids stay text (`no` is "no"), times are numbers."""
    try:
        root = read_tree(text, file)
    except TreeError as exc:
        raise AnswersError("ans.malformed", detail=exc.diagnostic.message("en")) from None
    practice: bool | None = None
    if isinstance(root, YMap):
        unknown = set(root) - {"answers", "practice"}
        if unknown:
            raise AnswersError(
                "ans.malformed", detail=f"unknown key(s) {', '.join(sorted(unknown))}"
            )
        if "practice" in root:
            if not isinstance(root["practice"], bool):
                raise AnswersError("ans.malformed", detail="practice must be true or false")
            practice = root["practice"]
        items = root.get("answers", YSeq(root.mark))
        if items is None:
            items = YSeq(root.mark)
    elif isinstance(root, YSeq):
        items = root
    elif root is None:
        items = YSeq(None)  # type: ignore[arg-type]
    else:
        raise AnswersError("ans.malformed", detail="expected a mapping with 'answers:'")
    if not isinstance(items, YSeq):
        raise AnswersError("ans.malformed", detail="'answers' must be a list")
    answers: list[Answer] = []
    for n, item in enumerate(items, start=1):
        line = items.marks[n - 1].line
        if not isinstance(item, YMap) or set(item) - {"at", "event", "choice"}:
            raise AnswersError("ans.fields", n, line)
        at, event, choice = item.get("at"), _text(item.get("event")), _text(item.get("choice"))
        if isinstance(at, bool) or not isinstance(at, (int, float)) or not math.isfinite(at):
            raise AnswersError("ans.fields", n, line)
        if event is None or choice is None:
            raise AnswersError("ans.fields", n, line)
        answers.append(Answer(float(at), event, choice, line))
    return AnswerScript(practice, tuple(answers))


def play(
    scenario: Scenario, script: AnswerScript, *, practice: bool = False, seed: int | None = None
) -> Run:
    """Apply the answers in order at their times, then let the run play to its end. Answers
    name choice ids, so `seed` (the order the choices would be shown in; None: file order)
    changes nothing but the run's start record."""
    run = Run(scenario, practice=practice, seed=seed)
    run.start(0.0)
    previous = 0.0
    for n, answer in enumerate(script.answers, start=1):
        shown = f"{answer.at:g}"
        if answer.at < previous:
            raise AnswersError("ans.backwards", n, answer.line, at=shown)
        if not run.ended:
            run.advance(answer.at)
        if run.ended:
            raise AnswersError("ans.ended", n, answer.line, at=shown)
        try:
            run.choose(answer.event, answer.choice, answer.at)
        except EngineError as exc:
            key = {
                "unknown_event": "ans.unknown_event",
                "unknown_choice": "ans.unknown_choice",
                "choice_unavailable": "ans.unavailable",
                "ended": "ans.ended",
                "time_backwards": "ans.backwards",
            }.get(exc.code, "ans.not_pending")
            raise AnswersError(
                key, n, answer.line, event=answer.event, choice=answer.choice, at=shown
            ) from None
        previous = answer.at
    if not run.ended:
        run.finish(previous)
    return run
