"""Self-check of tests/strategies.py: every drawn scenario obeys the format's error rules.

The checks here are written independently of the generator (plain Python, own tokenizer and
type checker for expressions), so a generator bug shows up as a failing assertion rather than
as a mysterious engine failure later.
"""

from __future__ import annotations

import re
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from strategies import scenarios, yaml_text

ID = re.compile(r"[a-z][a-z0-9_]*")
SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
DURATION = re.compile(r"(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?")
RESERVED = {"and", "or", "not", "true", "false", "visited", "chosen", "timed_out"}
TOP_KEYS = {
    "format",
    "id",
    "title",
    "summary",
    "language",
    "role",
    "briefing",
    "objectives",
    "world_clock",
    "feedback",
    "stakeholders",
    "criteria",
    "flags",
    "scoring",
    "events",
    "endings",
}
EVENT_KEYS = {
    "id",
    "at",
    "delay",
    "when",
    "channel",
    "from",
    "title",
    "body",
    "world_time",
    "weight",
    "effects",
    "set",
    "add",
    "next",
    "deadline",
    "golden",
    "half_life",
    "drift",
    "choices",
    "on_timeout",
}
DECISION_ONLY = {"deadline", "golden", "half_life", "drift", "on_timeout", "weight"}
CHOICE_KEYS = {
    "id",
    "text",
    "rating",
    "accuracy",
    "rubric",
    "critical",
    "when",
    "effects",
    "set",
    "add",
    "next",
    "end",
    "feedback",
}
TIMEOUT_KEYS = {"accuracy", "effects", "set", "add", "next", "end", "feedback"}
CHANNELS = {
    "whatsapp",
    "social",
    "news",
    "phone",
    "email",
    "meeting",
    "tv",
    "sms",
    "letter",
    "radio",
}


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def seconds(value: object) -> float:
    """A duration in seconds; fails the test on a malformed one."""
    if is_number(value):
        return float(value)  # type: ignore[arg-type]
    assert isinstance(value, str), value
    match = DURATION.fullmatch(value)
    assert match and value, f"bad duration {value!r}"
    minutes, secs = match.groups()
    return 60 * int(minutes or 0) + float(secs or 0)


# --------------------------------------------------------------------------------------
# Expressions: tokenizer and typed recursive-descent parser, straight from the format text
# --------------------------------------------------------------------------------------

TOKEN = re.compile(r"\s*(?:(\d+)|([a-z][a-z0-9_]*)|(==|!=|<=|>=|<|>|\+|-|\(|\)|\.))")


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = TOKEN.match(text, pos)
        assert match, f"bad character in {text!r} at {pos}"
        tokens.append(match.group(match.lastindex or 0))
        pos = match.end()
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        assert depth >= 0, f"unbalanced parentheses in {text!r}"
    assert depth == 0, f"unbalanced parentheses in {text!r}"
    return tokens


class Parser:
    """Returns the type ("num" or "bool") of an expression, asserting it is well formed."""

    def __init__(self, text: str, scope: dict[str, Any]) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.scope = scope

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        assert token is not None, f"unexpected end of {self.text!r}"
        if expected is not None:
            assert token == expected, f"expected {expected!r}, got {token!r} in {self.text!r}"
        self.pos += 1
        return token

    def parse(self) -> str:
        kind = self.or_()
        assert self.peek() is None, f"trailing {self.peek()!r} in {self.text!r}"
        return kind

    def or_(self) -> str:
        kind = self.and_()
        while self.peek() == "or":
            self.take()
            assert kind == "bool" and self.and_() == "bool", f"`or` on non-bool: {self.text!r}"
        return kind

    def and_(self) -> str:
        kind = self.not_()
        while self.peek() == "and":
            self.take()
            assert kind == "bool" and self.not_() == "bool", f"`and` on non-bool: {self.text!r}"
        return kind

    def not_(self) -> str:
        if self.peek() == "not":
            self.take()
            assert self.not_() == "bool", f"`not` on non-bool: {self.text!r}"
            return "bool"
        return self.comparison()

    def comparison(self) -> str:
        left = self.additive()
        op = self.peek()
        if op not in {"==", "!=", "<", "<=", ">", ">="}:
            return left
        self.take()
        right = self.additive()
        assert left == right, f"comparison of {left} with {right}: {self.text!r}"
        assert left == "num" or op in {"==", "!="}, f"ordering of bools: {self.text!r}"
        assert self.peek() not in {"==", "!=", "<", "<=", ">", ">="}, f"chain: {self.text!r}"
        return "bool"

    def additive(self) -> str:
        kind = self.unary()
        while self.peek() in {"+", "-"}:
            self.take()
            assert kind == "num" and self.unary() == "num", f"+/- on non-number: {self.text!r}"
        return kind

    def unary(self) -> str:
        if self.peek() == "-":
            self.take()
            assert self.unary() == "num", f"unary minus on non-number: {self.text!r}"
            return "num"
        return self.atom()

    def atom(self) -> str:
        token = self.take()
        if token == "(":
            kind = self.or_()
            self.take(")")
            return kind
        if token.isdigit():
            return "num"
        if token in {"true", "false"}:
            return "bool"
        if token in {"visited", "timed_out"}:
            self.take("(")
            event = self.take()
            self.take(")")
            pool = self.scope["events"] if token == "visited" else self.scope["decisions"]
            assert event in pool, f"{token}({event}) names no such event: {self.text!r}"
            return "bool"
        if token == "chosen":
            self.take("(")
            event = self.take()
            self.take(".")
            choice = self.take()
            self.take(")")
            assert choice in self.scope["decisions"].get(event, ()), (
                f"chosen({event}.{choice}) names no such choice: {self.text!r}"
            )
            return "bool"
        assert token in self.scope["types"], f"unknown name {token!r} in {self.text!r}"
        return str(self.scope["types"][token])


def check_expression(text: object, scope: dict[str, Any]) -> None:
    assert isinstance(text, str) and text.strip(), f"bad expression {text!r}"
    assert Parser(text, scope).parse() == "bool", f"condition is not a bool: {text!r}"


# --------------------------------------------------------------------------------------
# Scenario validator
# --------------------------------------------------------------------------------------


def check_text(value: object) -> None:
    assert isinstance(value, str) and value.strip(), f"empty text {value!r}"


def check_scenario(doc: dict[str, Any]) -> None:
    assert set(doc) <= TOP_KEYS, set(doc) - TOP_KEYS
    assert doc["format"] == "simulasi/1"
    assert isinstance(doc["id"], str) and SCENARIO_ID.fullmatch(doc["id"])
    for key in ("title", "summary", "briefing"):
        check_text(doc[key])
    assert doc.get("language", "id") in {"id", "en"}
    assert doc.get("feedback", "debrief") in {"debrief", "immediate"}
    if "world_clock" in doc:
        clock = doc["world_clock"]
        assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", clock["start"])
        assert clock["zone"] in {"WIB", "WITA", "WIT"}
        assert is_number(clock["minutes_per_second"]) and clock["minutes_per_second"] > 0

    stakeholders = doc["stakeholders"]
    criteria = doc.get("criteria", [])
    flags = doc.get("flags", [])
    events = doc["events"]
    endings = doc["endings"]
    assert 1 <= len(stakeholders) <= 3
    assert len(criteria) <= 3
    assert len(flags) <= 2
    assert events
    assert 1 <= len(endings) <= 3

    # One shared namespace.
    all_ids = [x["id"] for group in (stakeholders, criteria, flags, events, endings) for x in group]
    assert len(all_ids) == len(set(all_ids)), f"duplicate ids {all_ids}"
    for ident in all_ids:
        assert isinstance(ident, str) and ID.fullmatch(ident) and ident not in RESERVED, ident

    for s in stakeholders:
        check_text(s["name"])
        initial = s.get("initial", 50)
        assert is_number(initial) and 0 <= initial <= 100
        for key in ("power", "interest"):
            assert s.get(key, 1) in {1, 2, 3} and not isinstance(s.get(key, 1), bool)
        if "weight" in s:
            assert is_number(s["weight"]) and s["weight"] > 0
        if "key" in s:
            assert isinstance(s["key"], bool)
    for k in criteria:
        check_text(k["name"])
        if "weight" in k:
            assert is_number(k["weight"]) and k["weight"] > 0
    flag_types: dict[str, str] = {}
    int_bounds: dict[str, tuple[int | None, int | None]] = {}
    for f in flags:
        assert f["type"] in {"bool", "int"}
        flag_types[f["id"]] = f["type"]
        if f["type"] == "bool":
            assert isinstance(f.get("initial", False), bool)
            assert "min" not in f and "max" not in f
        else:
            initial = f.get("initial", 0)
            assert isinstance(initial, int) and not isinstance(initial, bool)
            low, high = f.get("min"), f.get("max")
            assert low is None or low <= initial
            assert high is None or initial <= high
            int_bounds[f["id"]] = (low, high)

    event_ids = {e["id"] for e in events}
    ending_ids = {e["id"] for e in endings}
    stake_ids = {s["id"] for s in stakeholders}
    crit_ids = {k["id"] for k in criteria}
    decisions = {e["id"]: [c["id"] for c in e["choices"]] for e in events if "choices" in e}
    types: dict[str, str] = {sid: "num" for sid in stake_ids}
    types.update({fid: "num" if t == "int" else "bool" for fid, t in flag_types.items()})
    scope = {"events": event_ids, "decisions": decisions, "types": types}

    def check_effects(effects: object, low: float, high: float) -> None:
        assert isinstance(effects, dict) and effects
        for sid, delta in effects.items():
            assert sid in stake_ids, f"effects on unknown stakeholder {sid}"
            assert is_number(delta) and low <= delta <= high

    def check_outcome(item: dict[str, Any]) -> None:
        if "effects" in item:
            check_effects(item["effects"], -30, 30)
        for fid, value in item.get("set", {}).items():
            assert fid in flag_types, f"set on unknown flag {fid}"
            if flag_types[fid] == "bool":
                assert isinstance(value, bool)
            else:
                assert isinstance(value, int) and not isinstance(value, bool)
                low, high = int_bounds[fid]
                assert (low is None or value >= low) and (high is None or value <= high)
        for fid, value in item.get("add", {}).items():
            assert flag_types.get(fid) == "int", f"add on non-int flag {fid}"
            assert isinstance(value, int) and not isinstance(value, bool)
        if "next" in item:
            targets = item["next"] if isinstance(item["next"], list) else [item["next"]]
            assert targets and all(t in event_ids for t in targets), targets
        if item.get("end") is not None:
            assert item["end"] in ending_ids, item["end"]
        if "feedback" in item:
            check_text(item["feedback"])

    assert any("at" in e for e in events), "no scheduled event"
    for e in events:
        assert set(e) <= EVENT_KEYS, set(e) - EVENT_KEYS
        check_text(e["title"])
        if "at" in e:
            assert 0 <= seconds(e["at"]) <= 100
        if "delay" in e:
            assert 0 <= seconds(e["delay"]) <= 30
        if "when" in e:
            check_expression(e["when"], scope)
        if "channel" in e:
            assert e["channel"] in CHANNELS
        if "choices" not in e:
            assert not (set(e) & DECISION_ONLY), f"update with {set(e) & DECISION_ONLY}"
            check_outcome(e)
            continue
        choices = e["choices"]
        assert 1 <= len(choices) <= 3
        choice_ids = [c["id"] for c in choices]
        assert len(choice_ids) == len(set(choice_ids))
        for cid in choice_ids:
            assert isinstance(cid, str) and ID.fullmatch(cid) and cid not in RESERVED, cid
        deadline = seconds(e["deadline"])
        assert 5 <= deadline <= 120
        if "golden" in e:
            assert 0 < seconds(e["golden"]) <= deadline
        if "half_life" in e:
            assert seconds(e["half_life"]) > 0
        if "weight" in e:
            assert is_number(e["weight"]) and e["weight"] > 0
        if "drift" in e:
            check_effects(e["drift"], -5, 5)
        for c in choices:
            assert set(c) <= CHOICE_KEYS, set(c) - CHOICE_KEYS
            check_text(c["text"])
            kinds = [k for k in ("rating", "accuracy", "rubric") if k in c]
            assert len(kinds) == 1, f"choice {c['id']} has {kinds}"
            if "rating" in c:
                assert c["rating"] in {"best", "good", "weak", "harmful"}
            if "accuracy" in c:
                assert is_number(c["accuracy"]) and 0 <= c["accuracy"] <= 100
            if "rubric" in c:
                assert crit_ids and c["rubric"], "rubric without criteria"
                for kid, value in c["rubric"].items():
                    assert kid in crit_ids and value in {0, 0.33, 0.67, 1}
                    assert not isinstance(value, bool)
            if "critical" in c:
                assert isinstance(c["critical"], bool)
            if "when" in c:
                check_expression(c["when"], scope)
            check_outcome(c)
        timeout = e["on_timeout"]
        assert isinstance(timeout, dict) and set(timeout) <= TIMEOUT_KEYS
        if "accuracy" in timeout:
            assert is_number(timeout["accuracy"]) and 0 <= timeout["accuracy"] <= 100
        check_outcome(timeout)

    assert any("when" not in e for e in endings), "no fallback ending"
    for e in endings:
        check_text(e["title"])
        check_text(e["text"])
        if "when" in e:
            check_expression(e["when"], scope)

    scoring = doc.get("scoring", {})
    assert set(scoring) <= {
        "weights",
        "pass_mark",
        "speed_floor",
        "critical_cap",
        "ratings",
        "bands",
    }
    assert set(scoring.get("weights", {})) <= {"speed", "accuracy", "impact"}
    assert all(is_number(v) and v > 0 for v in scoring.get("weights", {}).values())
    assert 0 <= scoring.get("pass_mark", 70) <= 100
    assert 0 <= scoring.get("speed_floor", 0.2) <= 1
    assert 0 <= scoring.get("critical_cap", 54) <= 100
    assert set(scoring.get("ratings", {})) <= {"best", "good", "weak", "harmful"}
    if "bands" in scoring:
        mins = [b["min"] for b in scoring["bands"]]
        assert mins[-1] == 0, mins
        assert all(a > b for a, b in pairwise(mins)), mins
        for band in scoring["bands"]:
            check_text(band["label"])


@settings(max_examples=200)
@given(scenarios())
def test_generated_scenarios_obey_the_format(doc: dict[str, Any]) -> None:
    """Every drawn scenario passes the independent error-rule checks and survives YAML."""
    check_scenario(doc)
    assert yaml.safe_load(yaml_text(doc)) == doc


@settings(max_examples=50)
@given(scenarios(max_events=1))
def test_max_events_is_respected(doc: dict[str, Any]) -> None:
    """`max_events` bounds the number of events; one event is then always scheduled."""
    assert len(doc["events"]) == 1
    assert "at" in doc["events"][0]


def test_parser_rejects_ill_typed_expressions() -> None:
    """The checker itself has teeth: known-bad expressions fail it."""
    scope = {"events": {"e1"}, "decisions": {"e1": ["no"]}, "types": {"warga": "num", "f": "bool"}}
    check_expression("not (warga < 3) and chosen(e1.no) or f == true", scope)
    for bad in (
        "warga and true",
        "1 < 2 < 3",
        "(warga > 1",
        "f < true",
        "nobody > 1",
        "chosen(e1.yes)",
        "warga + 1",
        "not warga",
    ):
        try:
            check_expression(bad, scope)
        except AssertionError:
            continue
        raise AssertionError(f"accepted {bad!r}")
