"""Golden tests: `*.test.yaml` files that pin what a scenario does on chosen paths.

```yaml
scenario: hoaks-vaksin-mr.yaml        # optional: NAME.test.yaml tests NAME.yaml
cases:
  - name: "jalur terbaik lulus"
    practice: false                   # optional
    steps:
      - answer: {at: 0, event: vn_viral, choice: verifikasi}
      - advance: 30                   # let 30 scenario seconds pass ("end": play to the end)
      - expect: {pending: [telepon_wartawan], meters: {warga: {min: 55}}}
      - expect: {ending: imunisasi_berlanjut, passed: true, total: {min: 85}}
```

`answer` plays at an absolute scenario time; `advance` lets time pass. An `expect` on the
result (`ending`, `total`, `speed`, `accuracy`, `impact`, `passed`, `band`, `critical`: whether
a red-line choice was taken) first plays the run to its end as `simulasi run` does after its
last answer (every remaining decision times out). Other expectations read the run as it stands:
`pending` (the exact set of decisions waiting), `meters` (`{min, max}`, or a number), `flags`,
and `event: {id, outcome, choice}` (`outcome`: answered, timed_out, expired or pending for a
decision; arrived for an update; not_arrived for either).

Test files are read with the scenario loader's strict YAML reader, so every problem points to
`file:line`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulasi.engine import EngineError, Run
from simulasi.guard import SCENARIO_MAX_BYTES, TooLarge, file_problem, read_bounded
from simulasi.i18n import t
from simulasi.scenario import Scenario, load_scenario
from simulasi.scenario.diagnostics import Diagnostic
from simulasi.scenario.yamltree import TreeError, YFloat, YInt, YMap, YSeq, read_tree

SUFFIX = ".test.yaml"
EXACT = 1e-9  # a bare number in `meters` or `total` matches within this
RESULT_KEYS = ("ending", "total", "speed", "accuracy", "impact", "passed", "band", "critical")
EXPECT_KEYS = (*RESULT_KEYS, "pending", "meters", "flags", "event")
OUTCOMES = ("answered", "timed_out", "expired", "pending", "arrived", "not_arrived")


class GoldenError(Exception):
    """A test file that is not a valid golden test: where, and what is wrong."""

    def __init__(self, file: str, line: int, text: str, **params: Any) -> None:
        super().__init__(text)
        self.file = file
        self.line = line
        self.text = text  # the catalogue key of the message
        self.params = params

    def message(self, lang: str) -> str:
        params = dict(self.params)
        diagnostic = params.pop("diagnostic", None)
        if isinstance(diagnostic, Diagnostic):  # the YAML reader's, in the reader's language
            params["detail"] = diagnostic.message(lang)
        return f"{self.file}:{self.line}: {t(self.text, lang, **params)}"


@dataclass(frozen=True)
class Step:
    kind: str  # "answer", "advance" or "expect"
    line: int
    value: Any  # answer: (at, event, choice); advance: seconds or None (end); expect: dict


@dataclass(frozen=True)
class Case:
    name: str
    line: int
    practice: bool
    steps: tuple[Step, ...]


@dataclass
class GoldenFile:
    path: Path
    scenario_path: Path
    cases: list[Case]


@dataclass
class Failure:
    """One step that did not go as written: its number (1-based), line and what differed."""

    step: int
    kind: str
    line: int
    messages: list[str]


@dataclass
class CaseResult:
    case: Case
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# ---------------------------------------------------------------- reading


def _text(value: Any) -> str | None:
    if isinstance(value, (YInt, YFloat)):
        return value.raw
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _line(container: YMap | YSeq, key: str | int) -> int:
    if isinstance(container, YMap):
        mark = container.value_marks.get(str(key), container.mark)
    else:
        mark = container.marks[int(key)] if int(key) < len(container.marks) else container.mark
    return mark.line


def load_golden(path: Path) -> GoldenFile:
    """Read and check a golden test file (raises GoldenError, OSError for a missing file)."""
    file = str(path)
    try:
        # A fifo or a device is refused (OSError), a huge file read no further than a
        # scenario's limit.
        text = read_bounded(path, SCENARIO_MAX_BYTES).decode("utf-8")
    except TooLarge as exc:
        raise GoldenError(file, 1, "guard.too_large", size=exc.size, limit=exc.limit) from None
    except UnicodeDecodeError:
        raise GoldenError(file, 1, "tools.golden.err.not_utf8") from None
    try:
        root = read_tree(text, file)
    except TreeError as exc:
        d = exc.diagnostic
        raise GoldenError(file, d.line, "tools.golden.err.yaml", diagnostic=d) from None
    if not isinstance(root, YMap):
        raise GoldenError(file, 1, "tools.golden.err.top")
    _only(root, ("scenario", "cases"), file)
    scenario_name = _text(root.get("scenario"))
    if "scenario" in root and scenario_name is None:
        raise GoldenError(file, _line(root, "scenario"), "tools.golden.err.scenario")
    if scenario_name is None:
        scenario_name = path.name[: -len(SUFFIX)] + ".yaml" if path.name.endswith(SUFFIX) else ""
    cases_node = root.get("cases")
    if not isinstance(cases_node, YSeq) or not cases_node:
        raise GoldenError(file, _line(root, "cases"), "tools.golden.err.cases")
    cases = [_case(item, _line(cases_node, i), file) for i, item in enumerate(cases_node)]
    return GoldenFile(path, path.parent / scenario_name, cases)


def _only(node: YMap, allowed: tuple[str, ...], file: str) -> None:
    for key in node:
        if key not in allowed:
            line = node.key_marks.get(key, node.mark).line
            raise GoldenError(
                file, line, "tools.golden.err.unknown_key", name=key, allowed=", ".join(allowed)
            )


def _case(node: Any, line: int, file: str) -> Case:
    if not isinstance(node, YMap):
        raise GoldenError(file, line, "tools.golden.err.case")
    _only(node, ("name", "practice", "steps"), file)
    name = _text(node.get("name")) or f"#{line}"
    practice = node.get("practice", False)
    if not isinstance(practice, bool):
        raise GoldenError(file, _line(node, "practice"), "tools.golden.err.practice")
    steps_node = node.get("steps")
    if not isinstance(steps_node, YSeq) or not steps_node:
        raise GoldenError(file, _line(node, "steps"), "tools.golden.err.steps")
    steps = [_step(item, _line(steps_node, i), file) for i, item in enumerate(steps_node)]
    return Case(name, line, practice, tuple(steps))


def _step(node: Any, line: int, file: str) -> Step:
    if not isinstance(node, YMap) or len(node) != 1:
        raise GoldenError(file, line, "tools.golden.err.step")
    kind = next(iter(node))
    value = node[kind]
    line = node.key_marks[kind].line  # the step's own line (`- expect:`), not its value's
    if kind == "answer":
        if not isinstance(value, YMap):
            raise GoldenError(file, line, "tools.golden.err.answer")
        _only(value, ("at", "event", "choice"), file)
        at, event, choice = (
            _number(value.get("at")),
            _text(value.get("event")),
            _text(value.get("choice")),
        )
        if at is None or event is None or choice is None:
            raise GoldenError(file, line, "tools.golden.err.answer")
        return Step(kind, line, (at, event, choice))
    if kind == "advance":
        if value == "end":
            return Step(kind, line, None)
        seconds = _number(value)
        if seconds is None or seconds < 0:
            raise GoldenError(file, line, "tools.golden.err.advance")
        return Step(kind, line, seconds)
    if kind == "expect":
        if not isinstance(value, YMap) or not value:
            raise GoldenError(file, line, "tools.golden.err.expect")
        _only(value, EXPECT_KEYS, file)
        return Step(kind, line, _expectation(value, file))
    raise GoldenError(file, line, "tools.golden.err.step")


def _range(value: Any, file: str, line: int, what: str) -> tuple[float, float]:
    """`{min, max}` (either optional) or a bare number (that number, within EXACT)."""
    number = _number(value)
    if number is not None:
        return number - EXACT, number + EXACT
    if isinstance(value, YMap) and value and set(value) <= {"min", "max"}:
        low, high = _number(value.get("min", -math.inf)), _number(value.get("max", math.inf))
        if ("min" in value and low is None) or ("max" in value and high is None):
            raise GoldenError(file, line, "tools.golden.err.range", what=what)
        return (
            -math.inf if "min" not in value else float(low or 0.0),
            math.inf if "max" not in value else float(high or 0.0),
        )
    raise GoldenError(file, line, "tools.golden.err.range", what=what)


def _expectation(node: YMap, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        line = _line(node, key)
        if key in ("total", "speed", "accuracy", "impact"):
            out[key] = _range(value, file, line, key)
        elif key in ("ending", "band"):
            text = _text(value)
            if text is None:
                raise GoldenError(file, line, "tools.golden.err.text", what=key)
            out[key] = text
        elif key in ("passed", "critical"):
            if not isinstance(value, bool):
                raise GoldenError(file, line, "tools.golden.err.bool", what=key)
            out[key] = value
        elif key == "pending":
            if not isinstance(value, YSeq) or any(_text(v) is None for v in value):
                raise GoldenError(file, line, "tools.golden.err.pending")
            out[key] = [_text(v) for v in value]
        elif key == "meters":
            if not isinstance(value, YMap):
                raise GoldenError(file, line, "tools.golden.err.meters")
            out[key] = {m: _range(v, file, _line(value, m), m) for m, v in value.items()}
        elif key == "flags":
            if not isinstance(value, YMap) or any(
                not isinstance(v, (bool, int)) for v in value.values()
            ):
                raise GoldenError(file, line, "tools.golden.err.flags")
            out[key] = {f: (v if isinstance(v, bool) else int(v)) for f, v in value.items()}
        elif key == "event":
            if not isinstance(value, YMap) or _text(value.get("id")) is None:
                raise GoldenError(file, line, "tools.golden.err.event")
            _only(value, ("id", "outcome", "choice"), file)
            outcome = _text(value.get("outcome"))
            if "outcome" in value and outcome not in OUTCOMES:
                raise GoldenError(
                    file, line, "tools.golden.err.outcome", allowed=", ".join(OUTCOMES)
                )
            out[key] = {
                "id": _text(value["id"]),
                "outcome": outcome,
                "choice": _text(value.get("choice")) if "choice" in value else ...,
            }
    return out


def check_ids(golden: GoldenFile, scenario: Scenario) -> None:
    """Every id a test names exists in the scenario (raises GoldenError at its line)."""
    file = str(golden.path)
    for case in golden.cases:
        for step in case.steps:
            if step.kind == "answer":
                _, event, choice = step.value
                _known_choice(scenario, event, choice, file, step.line)
            elif step.kind == "expect":
                expect = step.value
                names: list[tuple[str, str]] = (
                    [("ending", expect["ending"])] if ("ending" in expect) else []
                )
                names += [("event", e) for e in expect.get("pending", [])]
                names += [("stakeholder", m) for m in expect.get("meters", {})]
                names += [("flag", f) for f in expect.get("flags", {})]
                if "event" in expect:
                    names.append(("event", expect["event"]["id"]))
                    choice = expect["event"]["choice"]
                    if isinstance(choice, str):
                        _known_choice(scenario, expect["event"]["id"], choice, file, step.line)
                tables = {
                    "ending": scenario.endings,
                    "event": scenario.events,
                    "stakeholder": scenario.stakeholders,
                    "flag": scenario.flags,
                }
                for kind, name in names:
                    if name not in tables[kind]:
                        raise GoldenError(
                            file, step.line, "tools.golden.err.unknown_id", kind=kind, id=name
                        )


def _known_choice(scenario: Scenario, event: str, choice: str, file: str, line: int) -> None:
    if event not in scenario.events:
        raise GoldenError(file, line, "tools.golden.err.unknown_id", kind="event", id=event)
    if (event, choice) not in scenario.choices:
        raise GoldenError(
            file, line, "tools.golden.err.unknown_id", kind="choice", id=f"{event}.{choice}"
        )


# ---------------------------------------------------------------- running


def run_case(scenario: Scenario, case: Case, lang: str = "id") -> CaseResult:
    """Play a case step by step; the first step that fails stops it."""
    from scoring import ScoreCard, score_run

    result = CaseResult(case)
    run = Run(scenario, practice=case.practice)
    run.start(0.0)
    card: ScoreCard | None = None
    for number, step in enumerate(case.steps, start=1):
        messages: list[str] = []
        try:
            if step.kind == "answer":
                at, event, choice = step.value
                if run.ended:
                    raise EngineError("ended", "")
                if at > run.now:
                    run.advance(at)
                run.choose(event, choice, at)
            elif step.kind == "advance":
                if step.value is None:
                    if not run.ended:
                        run.finish(run.now)
                elif not run.ended:
                    run.advance(run.now + step.value)
            else:
                expect = step.value
                if any(key in expect for key in RESULT_KEYS):
                    if not run.ended:
                        run.finish(run.now)
                    card = card or score_run(run)
                messages = _compare(run, card, expect, lang)
        except EngineError as exc:
            messages = [_engine_message(exc, step, lang)]
        if messages:
            result.failures.append(Failure(number, step.kind, step.line, messages))
            break
    return result


def _engine_message(exc: EngineError, step: Step, lang: str) -> str:
    if step.kind == "answer":
        at, event, choice = step.value
        key = {
            "not_pending": "tools.golden.fail.not_pending",
            "choice_unavailable": "tools.golden.fail.unavailable",
            "time_backwards": "tools.golden.fail.backwards",
            "ended": "tools.golden.fail.ended",
        }.get(exc.code, "tools.golden.fail.engine")
        return t(key, lang, event=event, choice=choice, at=f"{at:g}", detail=str(exc))
    return t("tools.golden.fail.engine", lang, detail=str(exc))


def _mismatch(lang: str, what: str, expected: Any, actual: Any) -> str:
    return t("tools.golden.fail.mismatch", lang, what=what, expected=expected, actual=actual)


def _range_text(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if high - low <= 2 * EXACT:
        return f"{(low + high) / 2:g}"
    parts = []
    if low != -math.inf:
        parts.append(f">= {low:g}")
    if high != math.inf:
        parts.append(f"<= {high:g}")
    return " ".join(parts)


def _compare(run: Run, card: Any, expect: dict[str, Any], lang: str) -> list[str]:
    out: list[str] = []
    if card is not None:
        for key in ("ending", "band", "passed", "critical"):
            if key in expect and getattr(card, key) != expect[key]:
                out.append(_mismatch(lang, key, expect[key], getattr(card, key)))
        for key in ("total", "speed", "accuracy", "impact"):
            if key in expect:
                low, high = expect[key]
                value = getattr(card, key)
                if value is None or not low <= value <= high:
                    out.append(_mismatch(lang, key, _range_text(expect[key]), value))
    if "pending" in expect:
        actual = sorted(p.event for p in run.pending)
        if sorted(expect["pending"]) != actual:
            out.append(_mismatch(lang, "pending", sorted(expect["pending"]), actual))
    for meter, bounds in expect.get("meters", {}).items():
        value = run.meters[meter]
        if not bounds[0] <= value <= bounds[1]:
            out.append(_mismatch(lang, f"meters.{meter}", _range_text(bounds), value))
    for flag, wanted in expect.get("flags", {}).items():
        value = run.flags[flag]
        if value != wanted or isinstance(value, bool) != isinstance(wanted, bool):
            out.append(_mismatch(lang, f"flags.{flag}", wanted, value))
    if "event" in expect:
        out += _compare_event(run, expect["event"], lang)
    return out


def _compare_event(run: Run, wanted: dict[str, Any], lang: str) -> list[str]:
    event_id = wanted["id"]
    fact = run.decision(event_id)
    if fact is None:
        # An update has no outcome of its own: it arrived, or not (yet).
        outcome = "arrived" if event_id in run.visited else "not_arrived"
        choice = None
    else:
        outcome = fact.outcome or "pending"
        choice = fact.choice
    out = []
    if wanted["outcome"] is not None and wanted["outcome"] != outcome:
        out.append(_mismatch(lang, f"event {event_id} outcome", wanted["outcome"], outcome))
    if wanted["choice"] is not ... and wanted["choice"] != choice:
        out.append(_mismatch(lang, f"event {event_id} choice", wanted["choice"], choice))
    return out


@dataclass
class FileResult:
    path: Path
    error: str | None  # the file (or its scenario) could not be used
    results: list[CaseResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)


def run_file(path: Path, lang: str = "id") -> FileResult:
    """Load a golden test file and its scenario, and run every case."""
    try:
        golden = load_golden(path)
    except GoldenError as exc:
        return FileResult(path, exc.message(lang))
    except OSError as exc:
        reason = file_problem(exc, lang)
        return FileResult(path, t("tools.golden.err.read", lang, path=path, reason=reason))
    scenario_path = golden.scenario_path
    try:
        loaded = load_scenario(scenario_path)
    except OSError:
        return FileResult(path, t("tools.golden.err.no_scenario", lang, path=scenario_path))
    if loaded.scenario is None:
        first = loaded.errors[0].format(lang) if loaded.errors else ""
        return FileResult(path, t("tools.golden.err.bad_scenario", lang, detail=first))
    try:
        check_ids(golden, loaded.scenario)
    except GoldenError as exc:
        return FileResult(path, exc.message(lang))
    return FileResult(path, None, [run_case(loaded.scenario, c, lang) for c in golden.cases])


def golden_files(paths: list[Path]) -> list[Path]:
    """The golden test files named, or found in the folders named, in order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*" + SUFFIX) if p.is_file()))
        else:
            out.append(path)
    return out


def format_failure(file: Path, case: Case, failure: Failure, lang: str) -> list[str]:
    """Lines a facilitator reads: where, which case and step, what differed."""
    head = t(
        "tools.golden.failure",
        lang,
        file=file,
        line=failure.line,
        case=case.name,
        step=failure.step,
        kind=failure.kind,
    )
    return [head, *(f"    {m}" for m in failure.messages)]
