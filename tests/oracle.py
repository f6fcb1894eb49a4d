"""Independent reference implementation ("oracle") of a headless `simulasi` run.

Written from docs/run-rules.md, docs/expressions.md, the defaults of docs/format.md and
docs/scoring.md (with "The headless run") alone, for differential tests against the real
engine. Plain stdlib Python, written to be read, not to be fast.

Public API:
    OracleError: an invalid answer (event not pending, choice not available, time going
        backwards, answer after the run has ended).
    oracle_run(scenario, answers, practice=False) -> dict: the headless JSON result.

`scenario` is the scenario as a plain dict (what `yaml.safe_load` gives for a valid file); the
oracle applies every documented default itself. `answers` is a list of
`{"at": float, "event": str, "choice": str}` applied in order. The scenario is trusted to be
valid (the loader's job); a malformed scenario raises `ValueError`, never `OracleError`.

Ambiguities of the specification and the reading chosen here (most literal reading wins):

1. Updates and `end`. The format gives updates `set`, `add`, `effects` and `next` (rule 3) and
   never mentions `end` for them. If an update carries `end` anyway, it is honoured like a
   choice's: set, add, effects, schedule `next`, then end the run at once (named events do not
   arrive). Valid scenarios without it are unaffected.
2. Drift ticks at the instant of an `end`. Rule 6 says ticks apply "up to and including" the
   resolution time, which for an expired decision is the end time. An end by an answer or a
   timeout already comes after that instant's ticks (rule 10). For an end raised during the
   arrival phase (only possible through reading 1) the oracle applies the still-due ticks at that
   instant, in file order, before the expiries.
3. Pending decisions at the end expire in file order of their events (rule 8), not arrival order.
4. "Nothing is scheduled" (rule 8) counts every queued arrival, even one for an event that has
   already arrived (it will do nothing). This only moves the instant at which the run is
   considered ended, never the state, so no result differs; an answer in between is rejected
   either way (its event cannot be pending).
5. Practice mode expiry time: "the time of the last answer or arrival, whichever is later" uses
   the last answer actually applied and the last event that actually arrived (update or
   decision); a scheduled arrival skipped by `when` is not an arrival. With no answers only the
   arrivals count (and with neither, nothing can be pending).
6. In practice mode the run still ends by rule 8 (an `end`, or inbox empty and nothing
   scheduled) while answers remain; a later answer is then "after the run has ended".
   A choice's `when` is still enforced in practice mode.
7. Answer times: the first answer may be at any time >= 0; a negative time, or a time earlier
   than the previous answer's, is an `OracleError` ("time going backwards"). Equal times are
   allowed and share one instant (rule 4).
8. An answer exactly at its decision's deadline is accepted (rule 10: answers before timeouts of
   that instant); so is an answer to a decision that arrived at the same instant, including one
   that a previous answer at that instant named with delay 0.
9. `set` on an int flag is not clamped (an out-of-range constant is a load-time error); only
   `add` clamps to `min..max`, bounds absent meaning unbounded.
10. Float operation order, written as the spec's formulas: deadline = `p + D`, tick time
    = `p + G + 30 * j` evaluated as `(p + G) + 30*j`, timeliness = `0.5 + 0.5 * S / 100`, a
    scaled delta is `delta * t` added to the meter, durations "1m30s" = `1*60 + 30` (floats).
    Sums (speed, accuracy, rubric, impact, profile) run in arrival order, rubric mapping order
    and stakeholder file order respectively.
11. Speed formula when `L > G`: `100 * max(F, 2 ** (-(L - G) / H))` is used for any answered
    latency above golden (floating rounding could make `L` exceed `D` by an ulp).
12. Output order: `meters` in stakeholder file order; `criteria` in declared criteria order
    (restricted to criteria some answered choice rated); `events` in arrival order (zero-delay
    arrivals in their depth-first order). Every number is a float (ints converted).
13. In practice mode every event's `speed` and `gated_speed` are None (also for expired ones),
    as is the top-level `speed`; `latency` is still reported.
14. A queued arrival is keyed by the event only; several arrivals of different events at one
    instant run in file order of the events, whatever order they were scheduled in. A scheduled
    arrival whose `when` is false is consumed; the event may still arrive from another entry.
15. A duration string may also be a bare number ("90"); accepted forms are `Nm`, `Ns`, `NmNs`
    (N possibly fractional) besides plain numbers. Booleans are rejected.
16. A rubric value of 0 counts as "rated" both for accuracy (it is in the average) and for the
    criterion profile.
17. A choice or timeout with both `next` and `end`: the run ends at once, so its `next` events
    are not even queued (rule 4: "events it just named do not arrive"); a choice's `end` in
    practice mode also ends the run and expires the pending decisions at that instant.
18. An event's own `delay` applies only to arrivals by `next`; an `at` arrival ignores it. A
    named event with delay 0 arrives inline (never queued).
19. Ids are taken with `str()`; the caller passes ids as strings (the format's loader reads
    `id: no` as "no", where plain `yaml.safe_load` would give `False`).
20. In `chosen(e.c)` the choice id may be any identifier, even an expression keyword (choice ids
    have their own namespace). `and`/`or` evaluate both operands (evaluation is side-effect
    free, so this cannot change a result).
21. Every score is held to 0..100 right after its formula (README "Scores stay in 0..100"):
    a rubric accuracy, a stakeholder's credit, the impact (before its key-stakeholder cap), the
    speed and accuracy sub-scores, the total (before the critical cap) and each criterion of
    the profile. Evaluated literally, `100 * x / x` can round to 100.00000000000001, and a
    score held only at the end would feed that last bit into the total.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["OracleError", "oracle_run", "parse_duration", "parse_expression"]

INF = math.inf

DEFAULT_WEIGHTS = {"speed": 0.25, "accuracy": 0.45, "impact": 0.30}
DEFAULT_RATINGS = {"best": 100, "good": 70, "weak": 35, "harmful": 0}
DEFAULT_BANDS: list[dict[str, Any]] = [
    {"min": 85, "label": "Sangat Baik"},
    {"min": 70, "label": "Baik"},
    {"min": 55, "label": "Cukup"},
    {"min": 0, "label": "Kurang"},
]
DEFAULT_PASS_MARK = 70.0
DEFAULT_SPEED_FLOOR = 0.2
DEFAULT_CRITICAL_CAP = 54.0
DRIFT_PERIOD = 30.0


class OracleError(Exception):
    """An answer the engine must refuse (exit 2 in the headless CLI)."""


# ---------------------------------------------------------------------------------------------
# Durations
# ---------------------------------------------------------------------------------------------

_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$")


def parse_duration(value: Any) -> float:
    """Seconds from a number or a string like "90s", "5m", "1m30s"."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text)
        except ValueError:
            pass
        match = _DURATION.match(text)
        if match and text and (match.group(1) or match.group(2)):
            minutes = float(match.group(1)) if match.group(1) else 0.0
            seconds = float(match.group(2)) if match.group(2) else 0.0
            return minutes * 60 + seconds
    raise ValueError(f"not a duration: {value!r}")


# ---------------------------------------------------------------------------------------------
# Expressions: tokenizer, recursive-descent parser, evaluator
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|<|>|\+|-|\(|\)|\.))")
_KEYWORDS = {"and", "or", "not", "true", "false", "visited", "chosen", "timed_out"}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}

# AST nodes are tuples: ("num", int) ("bool", bool) ("name", id) ("visited", e)
# ("chosen", e, c) ("timed_out", e) ("not", x) ("and", a, b) ("or", a, b)
# ("cmp", op, a, b) ("bin", op, a, b) ("neg", x)
Node = tuple[Any, ...]


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"expression syntax error at {pos}: {text!r}")
        number, name, op = match.groups()
        if number is not None:
            tokens.append(("num", number))
        elif name is not None:
            tokens.append(("kw", name) if name in _KEYWORDS else ("name", name))
        else:
            tokens.append(("op", op))
        pos = match.end()
    tokens.append(("eof", ""))
    return tokens


class _Parser:
    """Recursive descent, loosest first: or; and; not; comparison; + -; unary -; atom."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, kind: str, value: str | None = None) -> str:
        token_kind, token_value = self.take()
        if token_kind != kind or (value is not None and token_value != value):
            raise ValueError(f"expression syntax error in {self.text!r}: expected {value or kind}")
        return token_value

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek()[0] != "eof":
            raise ValueError(f"expression syntax error in {self.text!r}: trailing {self.peek()}")
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.peek() == ("kw", "or"):
            self.take()
            node = ("or", node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.peek() == ("kw", "and"):
            self.take()
            node = ("and", node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        if self.peek() == ("kw", "not"):
            self.take()
            return ("not", self.not_expr())
        return self.comparison()

    def comparison(self) -> Node:
        left = self.additive()
        kind, value = self.peek()
        if kind == "op" and value in _COMPARISONS:
            self.take()
            right = self.additive()
            after_kind, after_value = self.peek()
            if after_kind == "op" and after_value in _COMPARISONS:
                raise ValueError(f"comparisons do not chain: {self.text!r}")
            return ("cmp", value, left, right)
        return left

    def additive(self) -> Node:
        node = self.unary()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            node = ("bin", op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        return self.atom()

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return ("num", int(value))
        if kind == "name":
            return ("name", value)
        if kind == "op" and value == "(":
            node = self.or_expr()
            self.expect("op", ")")
            return node
        if kind == "kw" and value in ("true", "false"):
            return ("bool", value == "true")
        if kind == "kw" and value in ("visited", "timed_out"):
            self.expect("op", "(")
            event = self.expect("name")
            self.expect("op", ")")
            return (value, event)
        if kind == "kw" and value == "chosen":
            self.expect("op", "(")
            event = self.expect("name")
            self.expect("op", ".")
            choice = self.expect_choice_id()
            self.expect("op", ")")
            return ("chosen", event, choice)
        raise ValueError(f"expression syntax error in {self.text!r}: unexpected {value!r}")

    def expect_choice_id(self) -> str:
        # Choice ids live in their own namespace, so a choice may even be called "not".
        kind, value = self.take()
        if kind not in ("name", "kw"):
            raise ValueError(f"expression syntax error in {self.text!r}: choice id expected")
        return value


def parse_expression(text: Any) -> Node:
    """Parse a `when:` expression (a YAML bool is accepted as the literal)."""
    if isinstance(text, bool):
        return ("bool", text)
    if not isinstance(text, str):
        raise ValueError(f"expression must be a string: {text!r}")
    return _Parser(text).parse()


# ---------------------------------------------------------------------------------------------
# Scenario, normalised with every default applied
# ---------------------------------------------------------------------------------------------


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


@dataclass
class _Outcome:
    """What a choice, a timeout or an update applies: set, add, effects, next, end."""

    set: dict[str, Any]
    add: dict[str, int]
    effects: dict[str, float]
    next: list[str]
    end: str | None

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> _Outcome:
        raw = raw or {}
        end = raw.get("end")
        return cls(
            set={str(k): v for k, v in (raw.get("set") or {}).items()},
            add={str(k): v for k, v in (raw.get("add") or {}).items()},
            effects={str(k): v for k, v in (raw.get("effects") or {}).items()},
            next=_as_list(raw.get("next")),
            end=None if end is None else str(end),
        )


@dataclass
class _Choice:
    id: str
    when: Node | None
    kind: str  # "rating" | "accuracy" | "rubric"
    rating: str | None
    accuracy: float | None
    rubric: dict[str, float]
    critical: bool
    outcome: _Outcome


@dataclass
class _Event:
    id: str
    index: int
    at: float | None
    delay: float
    when: Node | None
    weight: float
    outcome: _Outcome  # updates: set/add/effects/next(/end); decisions: unused
    is_decision: bool
    deadline: float = 0.0
    golden: float = 0.0
    half_life: float = 0.0
    drift: dict[str, float] = field(default_factory=dict)
    choices: dict[str, _Choice] = field(default_factory=dict)
    timeout: _Outcome | None = None
    timeout_accuracy: float = 0.0


@dataclass
class _Stakeholder:
    id: str
    initial: float
    weight: float
    key: bool


@dataclass
class _Flag:
    id: str
    type: str
    initial: Any
    low: int | None
    high: int | None


@dataclass
class _Scenario:
    id: str
    stakeholders: list[_Stakeholder]
    criteria: dict[str, float]  # id -> weight, declared order
    flags: dict[str, _Flag]
    events: list[_Event]
    by_id: dict[str, _Event]
    endings: list[tuple[str, Node | None]]
    weights: dict[str, float]
    pass_mark: float
    speed_floor: float
    critical_cap: float
    ratings: dict[str, float]
    bands: list[tuple[float, str]]


def _normalise(raw: dict[str, Any]) -> _Scenario:
    stakeholders = []
    for item in raw["stakeholders"]:
        power = item.get("power", 1)
        interest = item.get("interest", 1)
        weight = float(item["weight"]) if item.get("weight") is not None else power * interest
        key = item.get("key")
        stakeholders.append(
            _Stakeholder(
                id=str(item["id"]),
                initial=float(item.get("initial", 50)),
                weight=float(weight),
                key=bool(key) if key is not None else weight >= 6,
            )
        )
    criteria = {str(c["id"]): float(c.get("weight", 1)) for c in raw.get("criteria") or []}
    flags: dict[str, _Flag] = {}
    for item in raw.get("flags") or []:
        kind = item.get("type", "bool")
        default: Any = False if kind == "bool" else 0
        initial = item.get("initial", default)
        flags[str(item["id"])] = _Flag(
            str(item["id"]), kind, initial, item.get("min"), item.get("max")
        )
    events: list[_Event] = []
    for index, item in enumerate(raw["events"]):
        at = item.get("at")
        when = item.get("when")
        event = _Event(
            id=str(item["id"]),
            index=index,
            at=None if at is None else parse_duration(at),
            delay=parse_duration(item.get("delay", 0)),
            when=None if when is None else parse_expression(when),
            weight=float(item.get("weight", 1)),
            outcome=_Outcome.from_dict(item),
            is_decision=bool(item.get("choices")),
        )
        if event.is_decision:
            event.deadline = parse_duration(item["deadline"])
            golden = item.get("golden")
            event.golden = 0.3 * event.deadline if golden is None else parse_duration(golden)
            half_life = item.get("half_life")
            event.half_life = event.golden if half_life is None else parse_duration(half_life)
            event.drift = {str(k): v for k, v in (item.get("drift") or {}).items()}
            for choice in item["choices"]:
                event.choices[str(choice["id"])] = _choice(choice)
            timeout = item.get("on_timeout") or {}
            event.timeout = _Outcome.from_dict(timeout)
            event.timeout_accuracy = float(timeout.get("accuracy", 0))
        events.append(event)
    endings = []
    for item in raw["endings"]:
        when = item.get("when")
        endings.append((str(item["id"]), None if when is None else parse_expression(when)))
    scoring = raw.get("scoring") or {}
    weights = {**DEFAULT_WEIGHTS, **(scoring.get("weights") or {})}
    ratings = {**DEFAULT_RATINGS, **(scoring.get("ratings") or {})}
    bands: list[dict[str, Any]] = scoring.get("bands") or DEFAULT_BANDS
    return _Scenario(
        id=str(raw["id"]),
        stakeholders=stakeholders,
        criteria=criteria,
        flags=flags,
        events=events,
        by_id={e.id: e for e in events},
        endings=endings,
        weights={k: float(v) for k, v in weights.items()},
        pass_mark=float(scoring.get("pass_mark", DEFAULT_PASS_MARK)),
        speed_floor=float(scoring.get("speed_floor", DEFAULT_SPEED_FLOOR)),
        critical_cap=float(scoring.get("critical_cap", DEFAULT_CRITICAL_CAP)),
        ratings={k: float(v) for k, v in ratings.items()},
        bands=[(float(b["min"]), str(b["label"])) for b in bands],
    )


def _choice(raw: dict[str, Any]) -> _Choice:
    when = raw.get("when")
    if "rubric" in raw:
        kind = "rubric"
    elif "accuracy" in raw:
        kind = "accuracy"
    else:
        kind = "rating"
    return _Choice(
        id=str(raw["id"]),
        when=None if when is None else parse_expression(when),
        kind=kind,
        rating=raw.get("rating"),
        accuracy=float(raw["accuracy"]) if kind == "accuracy" else None,
        rubric={str(k): v for k, v in (raw.get("rubric") or {}).items()},
        critical=bool(raw.get("critical", False)),
        outcome=_Outcome.from_dict(raw),
    )


# ---------------------------------------------------------------------------------------------
# The run (rules 1-11 of docs/run-rules.md)
# ---------------------------------------------------------------------------------------------


@dataclass
class _Pending:
    arrival: float
    deadline: float
    next_tick: int = 1  # j of the next drift tick at arrival + golden + 30 j


@dataclass
class _Resolved:
    """One decision's fate: what the scoring needs."""

    event: str
    outcome: str  # answered | timed_out | expired
    choice: str | None
    arrived: float
    resolved: float


class _Run:
    """A pure run state machine driven by `advance(target)` and `answer(...)`.

    `self.t` is the current instant; `self.stage` says how far that instant has been processed:
    0 = nothing yet, 1 = arrivals and drift ticks done (answers may come), 2 = timeouts done.
    """

    def __init__(self, scenario: _Scenario, practice: bool) -> None:
        self.sc = scenario
        self.practice = practice
        self.meters = {s.id: s.initial for s in scenario.stakeholders}
        self.flags: dict[str, Any] = {f.id: f.initial for f in scenario.flags.values()}
        self.queue: list[tuple[float, int]] = [
            (e.at, e.index) for e in scenario.events if e.at is not None
        ]
        self.arrived: set[str] = set()
        self.pending: dict[str, _Pending] = {}
        self.log: list[_Resolved] = []  # decisions, appended at arrival, filled at resolution
        self.entries: dict[str, _Resolved] = {}
        self.timed_out: set[str] = set()
        self.chosen: set[tuple[str, str]] = set()
        self.ended = False
        self.end_ending: str | None = None
        self.t = 0.0
        self.stage = 0
        self.last_arrival: float | None = None
        self._check_natural_end()

    # ----- expressions -----------------------------------------------------------------------

    def evaluate(self, node: Node) -> Any:
        kind = node[0]
        if kind in ("num", "bool"):
            return node[1]
        if kind == "name":
            name = node[1]
            if name in self.meters:
                return self.meters[name]
            if name in self.flags:
                return self.flags[name]
            raise ValueError(f"unknown name in expression: {name}")
        if kind == "visited":
            return node[1] in self.arrived
        if kind == "chosen":
            return (node[1], node[2]) in self.chosen
        if kind == "timed_out":
            return node[1] in self.timed_out
        if kind == "not":
            return not self.evaluate(node[1])
        if kind == "and":
            left = self.evaluate(node[1])
            right = self.evaluate(node[2])
            return left and right
        if kind == "or":
            left = self.evaluate(node[1])
            right = self.evaluate(node[2])
            return left or right
        if kind == "neg":
            return -self.evaluate(node[1])
        if kind == "bin":
            left, right = self.evaluate(node[2]), self.evaluate(node[3])
            return left + right if node[1] == "+" else left - right
        if kind == "cmp":
            return _compare(node[1], self.evaluate(node[2]), self.evaluate(node[3]))
        raise ValueError(f"bad expression node {node!r}")

    def holds(self, node: Node | None) -> bool:
        return node is None or bool(self.evaluate(node))

    # ----- state changes ---------------------------------------------------------------------

    def _change_meter(self, stakeholder: str, delta: float) -> None:
        self.meters[stakeholder] = min(100.0, max(0.0, self.meters[stakeholder] + delta))

    def _apply(self, outcome: _Outcome, timeliness: float | None) -> None:
        """set, then add, then effects; positive effects scaled when `timeliness` is given."""
        for flag, value in outcome.set.items():
            self.flags[flag] = value
        for flag, delta in outcome.add.items():
            spec = self.sc.flags[flag]
            value = self.flags[flag] + delta
            if spec.low is not None:
                value = max(spec.low, value)
            if spec.high is not None:
                value = min(spec.high, value)
            self.flags[flag] = value
        for stakeholder, change in outcome.effects.items():
            if timeliness is not None and change > 0:
                change = change * timeliness
            self._change_meter(stakeholder, change)

    def _follow(self, outcome: _Outcome, now: float) -> None:
        """Schedule `next` (delay 0 arrives right now, depth first), or end the run (rule 4)."""
        if outcome.end is not None:
            # "then `end` ... ends the run at once (events it just named do not arrive)".
            self._end(now, outcome.end)
            return
        for name in outcome.next:
            event = self.sc.by_id[name]
            if event.delay == 0:
                # Rule 10: arrives right after what named it, before the rest of the instant.
                self._arrive(event, now)
                if self.ended:
                    return
            else:
                self.queue.append((now + event.delay, event.index))

    def _arrive(self, event: _Event, now: float) -> None:
        if self.ended or event.id in self.arrived or not self.holds(event.when):
            return
        self.arrived.add(event.id)
        self.last_arrival = now
        if event.is_decision:
            deadline = now + event.deadline
            self.pending[event.id] = _Pending(arrival=now, deadline=deadline)
            entry = _Resolved(event.id, "", None, now, now)
            self.log.append(entry)
            self.entries[event.id] = entry
        else:
            self._apply(event.outcome, None)
            self._follow(event.outcome, now)

    def _tick_time(self, event_id: str) -> float:
        event = self.sc.by_id[event_id]
        pending = self.pending[event_id]
        return pending.arrival + event.golden + DRIFT_PERIOD * pending.next_tick

    def _apply_due_ticks(self, now: float) -> None:
        """Drift ticks due at or before `now`, file order of their events."""
        if self.practice:
            return
        for event in self.sc.events:
            if event.id not in self.pending or not event.drift:
                continue
            while self._tick_time(event.id) <= now:
                for stakeholder, delta in event.drift.items():
                    self._change_meter(stakeholder, delta)
                self.pending[event.id].next_tick += 1

    def _resolve(self, event_id: str, outcome: str, now: float, choice: str | None) -> None:
        del self.pending[event_id]
        entry = self.entries[event_id]
        entry.outcome = outcome
        entry.choice = choice
        entry.resolved = now

    def _end(self, now: float, ending: str | None) -> None:
        """End the run at `now`; pending decisions expire in file order (rule 8)."""
        self._apply_due_ticks(now)  # reading 2 of the docstring; a no-op after answers/timeouts
        self.ended = True
        self.end_ending = ending
        for event in self.sc.events:
            if event.id in self.pending:
                self._resolve(event.id, "expired", now, None)
                assert event.timeout is not None
                self._apply(event.timeout, None)

    def _check_natural_end(self) -> None:
        if not self.ended and not self.pending and not self.queue:
            self.ended = True

    # ----- time ------------------------------------------------------------------------------

    def _next_instant(self) -> float | None:
        times = [time for time, _ in self.queue]
        if not self.practice:
            for event_id, pending in self.pending.items():
                times.append(pending.deadline)
                if self.sc.by_id[event_id].drift:
                    times.append(self._tick_time(event_id))
        return min(times) if times else None

    def _arrivals_and_ticks(self, now: float) -> None:
        due = sorted(entry for entry in self.queue if entry[0] <= now)
        for entry in sorted(due, key=lambda item: item[1]):
            if self.ended:
                return
            if entry in self.queue:
                self.queue.remove(entry)
                self._arrive(self.sc.events[entry[1]], now)
        if not self.ended:
            self._apply_due_ticks(now)

    def _timeouts(self, now: float) -> None:
        for event in self.sc.events:
            if self.ended:
                return
            pending = self.pending.get(event.id)
            if pending is None or pending.deadline > now:
                continue
            self._resolve(event.id, "timed_out", pending.deadline, None)
            self.timed_out.add(event.id)
            assert event.timeout is not None
            self._apply(event.timeout, None)
            self._follow(event.timeout, pending.deadline)

    def advance(self, target: float) -> None:
        """Process every happening up to `target`; at `target` stop before its timeouts."""
        while not self.ended:
            if self.stage == 1:
                if self.t == target:
                    return
                if not self.practice:
                    self._timeouts(self.t)
                self.stage = 2
                self._check_natural_end()
                continue
            upcoming = self._next_instant()
            if upcoming is None or upcoming > target:
                if target != INF:
                    self.t, self.stage = target, 1
                return
            self.t = max(self.t, upcoming)
            self._arrivals_and_ticks(self.t)
            self.stage = 1
            self._check_natural_end()

    # ----- answers ---------------------------------------------------------------------------

    def answer(self, at: float, event_id: str, choice_id: str) -> None:
        if self.ended:
            raise OracleError(f"answer {event_id}.{choice_id} at {at}: the run has ended")
        self.advance(at)
        if self.ended:
            raise OracleError(f"answer {event_id}.{choice_id} at {at}: the run has ended")
        pending = self.pending.get(event_id)
        if pending is None:
            raise OracleError(f"answer {event_id}.{choice_id} at {at}: event not pending")
        event = self.sc.by_id[event_id]
        choice = event.choices.get(choice_id)
        if choice is None or not self.holds(choice.when):
            raise OracleError(f"answer {event_id}.{choice_id} at {at}: choice not available")
        if self.practice:
            timeliness = 1.0
        else:
            speed = _speed(event, at - pending.arrival, self.sc.speed_floor)
            timeliness = 0.5 + 0.5 * speed / 100
        self._resolve(event_id, "answered", at, choice_id)
        self.chosen.add((event_id, choice_id))
        self._apply(choice.outcome, timeliness)
        self._follow(choice.outcome, at)
        self._check_natural_end()

    def finish(self, last_answer: float | None) -> None:
        """Headless: after the last answer, run until the run ends."""
        self.advance(INF)
        if self.practice and not self.ended:
            moments = [m for m in (last_answer, self.last_arrival) if m is not None]
            self._end(max(moments) if moments else self.t, None)
        if not self.ended:
            raise AssertionError("run did not end")

    def ending(self) -> str:
        if self.end_ending is not None:
            return self.end_ending
        for ending_id, when in self.sc.endings:
            if when is not None and self.holds(when):
                return ending_id
        for ending_id, when in self.sc.endings:
            if when is None:
                return ending_id
        raise ValueError("no fallback ending")


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


# ---------------------------------------------------------------------------------------------
# Scoring (docs/scoring.md)
# ---------------------------------------------------------------------------------------------


def _speed(event: _Event, latency: float, floor: float) -> float:
    """S_e of an answer after `latency` seconds."""
    if latency <= event.golden:
        return 100.0
    return 100 * max(floor, 2 ** (-(latency - event.golden) / event.half_life))


def _gate(accuracy: float) -> float:
    if accuracy < 40:
        return 0.0
    if accuracy < 70:
        return (accuracy - 40) / 30
    return 1.0


def _choice_accuracy(sc: _Scenario, choice: _Choice) -> float:
    if choice.kind == "rubric":
        numerator = sum(sc.criteria[k] * r for k, r in choice.rubric.items())
        denominator = sum(sc.criteria[k] for k in choice.rubric)
        value = _held(100 * numerator / denominator)
    elif choice.kind == "accuracy":
        assert choice.accuracy is not None
        value = choice.accuracy
    else:
        assert choice.rating is not None
        value = sc.ratings[choice.rating]
    if choice.critical:
        value = min(value, 20.0)
    return float(value)


def _held(score: float) -> float:
    """`score` held to 0..100 (decision 21)."""
    return min(100.0, max(0.0, score))


def _stakeholder_score(b: float, m: float) -> float:
    """g for one stakeholder with start `b` and final meter `m`."""
    if m >= b:
        return 50.0 if b == 100 else _held(50 + 50 * (m - b) / (100 - b))
    return _held(50 * m / b)


def _impact(sc: _Scenario, meters: dict[str, float]) -> float:
    numerator = 0.0
    denominator = 0.0
    key_below = False
    for holder in sc.stakeholders:
        m = meters[holder.id]
        g = _stakeholder_score(holder.initial, m)
        numerator += holder.weight * g
        denominator += holder.weight
        if holder.key and m < 25:
            key_below = True
    impact = _held(numerator / denominator)
    return min(impact, 40.0) if key_below else impact


def _score(run: _Run) -> dict[str, Any]:
    sc = run.sc
    practice = run.practice
    events_out: list[dict[str, Any]] = []
    weight_sum = 0.0
    speed_sum = 0.0
    accuracy_sum = 0.0
    any_critical = False
    profile_num: dict[str, float] = {}
    profile_den: dict[str, float] = {}
    for entry in run.log:
        event = sc.by_id[entry.event]
        latency = entry.resolved - entry.arrived
        critical = False
        if entry.outcome == "answered":
            assert entry.choice is not None
            choice = event.choices[entry.choice]
            speed = _speed(event, latency, sc.speed_floor)
            accuracy = _choice_accuracy(sc, choice)
            critical = choice.critical
            if choice.kind == "rubric":
                for criterion, rating in choice.rubric.items():
                    profile_num[criterion] = profile_num.get(criterion, 0.0) + event.weight * rating
                    profile_den[criterion] = profile_den.get(criterion, 0.0) + event.weight
        else:
            speed = 0.0
            accuracy = event.timeout_accuracy
        any_critical = any_critical or critical
        gated = speed * _gate(accuracy)
        weight_sum += event.weight
        speed_sum += event.weight * gated
        accuracy_sum += event.weight * accuracy
        events_out.append(
            {
                "event": entry.event,
                "outcome": entry.outcome,
                "choice": entry.choice,
                "arrived": float(entry.arrived),
                "resolved": float(entry.resolved),
                "latency": float(latency),
                "speed": None if practice else float(speed),
                "gated_speed": None if practice else float(gated),
                "accuracy": float(accuracy),
                "critical": critical,
            }
        )
    speed_total = _held(speed_sum / weight_sum if weight_sum else 0.0)
    accuracy_total = _held(accuracy_sum / weight_sum if weight_sum else 0.0)
    impact = _impact(sc, run.meters)
    w_s, w_a, w_i = sc.weights["speed"], sc.weights["accuracy"], sc.weights["impact"]
    if practice:
        total = _held((w_a * accuracy_total + w_i * impact) / (w_a + w_i))
    else:
        total = _held((w_s * speed_total + w_a * accuracy_total + w_i * impact) / (w_s + w_a + w_i))
    if any_critical:
        total = min(total, sc.critical_cap)
    passed = total >= sc.pass_mark and not any_critical
    band = next(label for low, label in sc.bands if low <= total)
    criteria = {
        k: _held(100 * profile_num[k] / profile_den[k]) for k in sc.criteria if k in profile_num
    }
    return {
        "scenario": sc.id,
        "ending": run.ending(),
        "practice": practice,
        "passed": passed,
        "band": band,
        "total": float(total),
        "speed": None if practice else float(speed_total),
        "accuracy": float(accuracy_total),
        "impact": float(impact),
        "meters": {s.id: float(run.meters[s.id]) for s in sc.stakeholders},
        "criteria": criteria,
        "events": events_out,
    }


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def oracle_run(
    scenario: dict[str, Any], answers: list[dict[str, Any]], practice: bool = False
) -> dict[str, Any]:
    """Play `scenario` headless with `answers` and return the ScoreCard as a JSON-ready dict.

    Args:
        scenario: the scenario as parsed from YAML (a plain dict).
        answers: `{"at", "event", "choice"}` items, applied in order.
        practice: practice mode (no deadlines, timeouts, drift or speed score).

    Returns:
        The headless JSON result, keys in the documented order, floats unrounded.

    Raises:
        OracleError: an answer the engine must refuse.
    """
    sc = _normalise(scenario)
    run = _Run(sc, practice)
    previous: float | None = None
    for answer in answers:
        at = float(answer["at"])
        event_id, choice_id = str(answer["event"]), str(answer["choice"])
        if math.isnan(at) or at < 0 or (previous is not None and at < previous):
            raise OracleError(f"answer {event_id}.{choice_id}: time {at} goes backwards")
        run.answer(at, event_id, choice_id)
        previous = at
    run.finish(previous)
    return _score(run)
