"""The headless run: a scenario played from an answers file (docs/run-rules.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from simulasi.engine import EngineError, Run
from simulasi.guard import ANSWERS_MAX_BYTES, shown
from simulasi.i18n import t
from simulasi.scenario import Scenario
from simulasi.scenario.diagnostics import Diagnostic
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
    """A bad answers file or a bad answer: `message(lang)` names the answer.

    Every part of the message is in the reader's language: a detail is a catalogue key
    (`detail_key`, with `detail_params`) or a diagnostic of the YAML reader, rendered when
    the message is."""

    def __init__(
        self,
        key: str,
        n: int | None = None,
        line: int | None = None,
        *,
        diagnostic: Diagnostic | None = None,
        detail_key: str | None = None,
        detail_params: dict[str, Any] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.n = n
        self.line = line
        self.params = params
        self.diagnostic = diagnostic
        self.detail_key = detail_key
        self.detail_params = detail_params or {}

    def message(self, lang: str = "id") -> str:
        params = {k: shown(v) if isinstance(v, str) else v for k, v in self.params.items()}
        if self.diagnostic is not None:
            d = self.diagnostic
            params["detail"] = t("ans.at", lang, line=d.line, col=d.col, detail=d.message(lang))
        elif self.detail_key is not None:
            params["detail"] = t(self.detail_key, lang, **self.detail_params)
        detail = t(self.key, lang, **params)
        if self.n is None:
            return t("ans.malformed", lang, detail=detail) if self.key == "ans.fields" else detail
        return t("ans.item", lang, n=self.n, line=self.line, detail=detail)


def _text(value: Any) -> str | None:
    if isinstance(value, (YInt, YFloat)):
        return value.raw
    return value if isinstance(value, str) and value else None


def parse_answers(text: str, file: str = "<answers>") -> AnswerScript:
    """Read an answers file strictly: ids stay text (`no` is "no"), times are numbers."""
    # The command reads no more than the limit; text handed over directly is held to it too.
    # (A scenario has tens of decisions; a megabyte holds tens of thousands of answers.)
    if len(text) > ANSWERS_MAX_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > ANSWERS_MAX_BYTES:
            raise AnswersError(
                "ans.malformed",
                detail_key="guard.too_large",
                detail_params={"size": size, "limit": ANSWERS_MAX_BYTES},
            )
    try:
        root = read_tree(text, file)
    except TreeError as exc:
        raise AnswersError("ans.malformed", diagnostic=exc.diagnostic) from None
    practice: bool | None = None
    if isinstance(root, YMap):
        unknown = set(root) - {"answers", "practice"}
        if unknown:
            keys = ", ".join(shown(k) for k in sorted(unknown))
            raise AnswersError(
                "ans.malformed", detail_key="ans.d.unknown_keys", detail_params={"keys": keys}
            )
        if "practice" in root:
            if not isinstance(root["practice"], bool):
                raise AnswersError("ans.malformed", detail_key="ans.d.practice")
            practice = root["practice"]
        items = root.get("answers", YSeq(root.mark))
        if items is None:
            items = YSeq(root.mark)
    elif isinstance(root, YSeq):
        items = root
    elif root is None:
        items = YSeq(None)  # type: ignore[arg-type]
    else:
        raise AnswersError("ans.malformed", detail_key="ans.d.top")
    if not isinstance(items, YSeq):
        raise AnswersError("ans.malformed", detail_key="ans.d.list")
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
