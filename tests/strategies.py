"""Hypothesis strategies that build valid `simulasi/1` scenarios.

Every scenario is built by construction (no `filter`, no `assume`), so drawing one is cheap and
never rejected. The result is a plain dict shaped like `yaml.safe_load` output; `yaml_text`
turns it into the text a facilitator would write. Warnings (unreachable events, constant
conditions, missing feedback, ...) are allowed and even likely: only error-level rules of
docs/format.md are guaranteed.

Public API:
    scenarios(max_events=6) -> SearchStrategy[dict]
    yaml_text(scenario) -> str
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple, TypeVar

import yaml
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

__all__ = ["scenarios", "yaml_text"]

Scenario = dict[str, Any]
T = TypeVar("T")

# Choice ids live in their own namespace per event. The YAML 1.1 boolean words are in the pool
# on purpose: the format requires `id: no` to be the string "no".
_CHOICE_IDS = ("c1", "c2", "c3", "no", "yes", "on", "off", "tunda", "verifikasi")
# Realistic stakeholder ids; no other id kind uses them, so the shared namespace stays unique.
_STAKEHOLDER_IDS = ("warga", "media", "dinkes", "dprd", "sekolah", "s1", "s2")
_CHANNELS = (
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
)
_RATINGS = ("best", "good", "weak", "harmful")
_RUBRIC_VALUES = (0, 0.33, 0.67, 1)
_TEXTS = (
    "Hoaks vaksin MR",
    "Klarifikasi resmi dari Dinkes",
    "no",
    "yes",
    "off",
    "Rapat koordinasi: 07.30 WIB",
    "Warga panik — antre di puskesmas",
    'Voice note: "3 murid meninggal"',
    "- bukan daftar",
    "#bukan komentar",
    "Press release",
)
_SAFE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:!?'-éü"

# Operator precedence of the expression language, loosest first; atoms bind tightest.
_OR, _AND, _NOT, _CMP, _ADD, _NEG, _ATOM = range(1, 8)
_EXPR_DEPTH = 3


# --------------------------------------------------------------------------------------
# Cached strategy builders
# --------------------------------------------------------------------------------------
# Building a strategy is cheap, validating it is not: a fresh `st.integers(0, 3)` per draw
# doubled the time per scenario. Every strategy drawn inside the composite is built once here.

_BOOL = st.booleans()
_FRACTION = st.floats(0, 1, exclude_min=True, allow_nan=False, allow_infinity=False)


@cache
def _ints(low: int, high: int) -> SearchStrategy[int]:
    return st.integers(low, high)


@cache
def _pick_cached(items: tuple[Any, ...]) -> SearchStrategy[Any]:
    return st.sampled_from(items)


def _pick(items: Sequence[T]) -> SearchStrategy[T]:
    """`st.sampled_from`, cached by the items (which must be hashable)."""
    return _pick_cached(tuple(items))


@cache
def _subset_cached(
    items: tuple[Any, ...], min_size: int, max_size: int | None
) -> SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size, unique=True)


def _subset(
    items: Sequence[T], min_size: int = 0, max_size: int | None = None
) -> SearchStrategy[list[T]]:
    """Distinct items, in drawn order."""
    return _subset_cached(tuple(items), min_size, max_size)


# --------------------------------------------------------------------------------------
# Scalars
# --------------------------------------------------------------------------------------


@cache
def _text() -> SearchStrategy[str]:
    """A non-empty, non-blank text field, sometimes a YAML-1.1 boolean word."""
    generated = st.builds(
        lambda head, tail: head + tail,
        st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        st.text(alphabet=_SAFE_ALPHABET, max_size=20).map(str.rstrip),
    )
    return st.one_of(st.sampled_from(_TEXTS), generated)


@cache
def _number(low: float, high: float) -> SearchStrategy[int | float]:
    """An int or a float in the closed range [low, high]."""
    ints = st.integers(int(-(-low // 1)), int(high // 1))
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
    halves = st.integers(int(low * 2), int(high * 2)).map(lambda n: n / 2)
    return st.one_of(ints, halves, floats)


@cache
def _positive(high: float) -> SearchStrategy[int | float]:
    """A number in (0, high]."""
    return st.one_of(
        st.integers(1, int(high)),
        st.floats(0, high, exclude_min=True, allow_nan=False, allow_infinity=False),
    )


def _duration(draw: DrawFn, seconds: float) -> int | float | str:
    """`seconds` as a number or, when it is a whole positive number, as "90s", "5m", "1m30s"."""
    forms: list[int | float | str] = [seconds]
    if seconds == int(seconds) and seconds > 0:
        whole = int(seconds)
        forms.append(whole)
        forms.append(f"{whole}s")
        minutes, rest = divmod(whole, 60)
        if minutes and not rest:
            forms.append(f"{minutes}m")
        elif minutes:
            forms.append(f"{minutes}m{rest}s")
    return forms[draw(_ints(0, len(forms) - 1))]


@cache
def _seconds(low: int, high: int) -> SearchStrategy[float]:
    """A duration in [low, high], mostly whole seconds so the string forms get used."""
    return st.one_of(
        st.integers(low, high).map(float),
        st.integers(low * 2, high * 2).map(lambda n: n / 2),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


# --------------------------------------------------------------------------------------
# Name context
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _IntFlag:
    id: str
    low: int | None
    high: int | None


@dataclass
class _Names:
    """What expressions and references may name; filled in as the scenario is built."""

    stakeholders: list[str] = field(default_factory=list)
    bool_flags: list[str] = field(default_factory=list)
    int_flags: list[_IntFlag] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    # decision id -> its choice ids
    decisions: dict[str, list[str]] = field(default_factory=dict)
    endings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Expressions, well typed by construction
# --------------------------------------------------------------------------------------


class _Expr(NamedTuple):
    text: str
    prec: int
    # Value of a numeric expression made only of literals, else None.
    const: int | None = None
    # (low, high) for a bare stakeholder or int flag: a constant compared with it stays inside.
    bounds: tuple[int | None, int | None] | None = None


def _wrap(draw: DrawFn, expr: _Expr, need: int) -> _Expr:
    """Parenthesise `expr` when its precedence is too loose for the slot, sometimes anyway."""
    if expr.prec < need or (expr.prec < _ATOM and draw(_ints(0, 5)) == 0):
        return _Expr(f"({expr.text})", _ATOM, expr.const, expr.bounds)
    return expr


def _num_expr(draw: DrawFn, names: _Names, depth: int) -> _Expr:
    atoms: list[str] = ["literal"]
    if names.stakeholders:
        atoms.append("stakeholder")
    if names.int_flags:
        atoms.append("int_flag")
    kinds = atoms + (["add", "neg"] if depth > 0 else [])
    kind = draw(_pick(kinds))
    if kind == "literal":
        value = draw(_ints(0, 100))
        return _Expr(str(value), _ATOM, const=value)
    if kind == "stakeholder":
        return _Expr(draw(_pick(names.stakeholders)), _ATOM, bounds=(0, 100))
    if kind == "int_flag":
        flag = draw(_pick(names.int_flags))
        return _Expr(flag.id, _ATOM, bounds=(flag.low, flag.high))
    if kind == "neg":
        # Operand is an atom or parenthesised: "-(-a)" rather than "--a".
        inner = _wrap(draw, _num_expr(draw, names, depth - 1), _ATOM)
        const = None if inner.const is None else -inner.const
        return _Expr(f"-{inner.text}", _NEG, const=const)
    left = _wrap(draw, _num_expr(draw, names, depth - 1), _ADD)
    right = _wrap(draw, _num_expr(draw, names, depth - 1), _NEG)
    op = draw(_pick(["+", "-"]))
    const = None
    if left.const is not None and right.const is not None:
        const = left.const + right.const if op == "+" else left.const - right.const
    return _Expr(f"{left.text} {op} {right.text}", _ADD, const=const)


def _fit_constant(draw: DrawFn, names: _Names, bare: _Expr, other: _Expr) -> _Expr:
    """Keep a constant compared with a bare meter or int flag inside that name's range.

    The format makes a constant outside an int flag's min..max a load-time error; meters get the
    same care so a cautious checker has nothing to object to.
    """
    if bare.bounds is None or other.const is None:
        return other
    low, high = bare.bounds
    if (low is None or other.const >= low) and (high is None or other.const <= high):
        return other
    lo = 0 if low is None else max(0, low)
    hi = lo + 20 if high is None else high
    if lo <= hi:
        value = draw(_ints(lo, hi))
        return _Expr(str(value), _ATOM, const=value)
    if names.stakeholders:
        return _Expr(draw(_pick(names.stakeholders)), _ATOM, bounds=(0, 100))
    # Only negative values are in range: spell one with unary minus.
    value = draw(_ints(max(-100, low if low is not None else -100), hi))
    return _Expr(f"-{-value}", _NEG, const=value)


def _bool_expr(draw: DrawFn, names: _Names, depth: int) -> _Expr:
    atoms: list[str] = []
    if names.bool_flags:
        atoms.append("bool_flag")
    if names.events:
        atoms.append("visited")
    if names.decisions:
        atoms += ["chosen", "timed_out"]
    kinds = atoms + (["or", "and", "not", "cmp_num", "cmp_bool"] if depth > 0 else [])
    # `true`/`false` make constant conditions (a warning only); keep them rare but present.
    if not kinds or draw(_ints(0, 7)) == 0:
        return _Expr(draw(_pick(["true", "false"])), _ATOM)
    kind = draw(_pick(kinds))
    if kind == "bool_flag":
        return _Expr(draw(_pick(names.bool_flags)), _ATOM)
    if kind == "visited":
        return _Expr(f"visited({draw(_pick(names.events))})", _ATOM)
    if kind == "chosen":
        event = draw(_pick(sorted(names.decisions)))
        choice = draw(_pick(names.decisions[event]))
        return _Expr(f"chosen({event}.{choice})", _ATOM)
    if kind == "timed_out":
        return _Expr(f"timed_out({draw(_pick(sorted(names.decisions)))})", _ATOM)
    if kind in ("or", "and"):
        prec = _OR if kind == "or" else _AND
        left = _wrap(draw, _bool_expr(draw, names, depth - 1), prec)
        right = _wrap(draw, _bool_expr(draw, names, depth - 1), prec + 1)
        return _Expr(f"{left.text} {kind} {right.text}", prec)
    if kind == "not":
        inner = _wrap(draw, _bool_expr(draw, names, depth - 1), _NOT)
        return _Expr(f"not {inner.text}", _NOT)
    spaced = draw(_BOOL)
    if kind == "cmp_num":
        left = _num_expr(draw, names, depth - 1)
        right = _num_expr(draw, names, depth - 1)
        right = _fit_constant(draw, names, left, right)
        left = _fit_constant(draw, names, right, left)
        op = draw(_pick(["==", "!=", "<", "<=", ">", ">="]))
    else:
        left = _bool_expr(draw, names, depth - 1)
        right = _bool_expr(draw, names, depth - 1)
        op = draw(_pick(["==", "!="]))
    # Comparisons do not chain, so both sides must bind tighter than a comparison.
    left, right = _wrap(draw, left, _ADD), _wrap(draw, right, _ADD)
    sep = " " if spaced else ""
    return _Expr(f"{left.text}{sep}{op}{sep}{right.text}", _CMP)


def _condition(draw: DrawFn, names: _Names) -> str:
    return _bool_expr(draw, names, draw(_ints(0, _EXPR_DEPTH))).text


# --------------------------------------------------------------------------------------
# Scenario parts
# --------------------------------------------------------------------------------------


def _stakeholder(draw: DrawFn, sid: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": sid, "name": draw(_text())}
    if draw(_ints(0, 4)):
        item["initial"] = draw(_number(0, 100))
    for key in ("power", "interest"):
        if draw(_BOOL):
            item[key] = draw(_ints(1, 3))
    if draw(_BOOL):
        item["weight"] = draw(_positive(9))
    if draw(_BOOL):
        item["key"] = draw(_BOOL)
    if draw(_ints(0, 3)) == 0:
        item["description"] = draw(_text())
    return item


def _flag(draw: DrawFn, fid: str, names: _Names) -> dict[str, Any]:
    if draw(_BOOL):
        names.bool_flags.append(fid)
        item: dict[str, Any] = {"id": fid, "type": "bool"}
        if draw(_ints(0, 3)):
            item["initial"] = draw(_BOOL)
        return item
    initial = draw(_ints(-3, 10))
    low = draw(_ints(initial - 5, initial)) if draw(_BOOL) else None
    high = draw(_ints(initial, initial + 10)) if draw(_BOOL) else None
    item = {"id": fid, "type": "int", "initial": initial}
    if low is not None:
        item["min"] = low
    if high is not None:
        item["max"] = high
    names.int_flags.append(_IntFlag(fid, low, high))
    return item


def _effects(draw: DrawFn, names: _Names, low: float, high: float) -> dict[str, Any]:
    chosen = draw(_subset(names.stakeholders, 1))
    return {sid: draw(_number(low, high)) for sid in chosen}


def _set_values(draw: DrawFn, names: _Names) -> dict[str, Any]:
    flags = [*names.bool_flags, *(f.id for f in names.int_flags)]
    chosen = draw(_subset(flags, 1))
    values: dict[str, Any] = {}
    for fid in chosen:
        int_flag = next((f for f in names.int_flags if f.id == fid), None)
        if int_flag is None:
            values[fid] = draw(_BOOL)
        else:
            low = -5 if int_flag.low is None else int_flag.low
            high = 15 if int_flag.high is None else int_flag.high
            values[fid] = draw(_ints(low, high))
    return values


def _add_values(draw: DrawFn, names: _Names) -> dict[str, Any]:
    chosen = draw(_subset(names.int_flags, 1))
    return {f.id: draw(_ints(-3, 3)) for f in chosen}


def _next(draw: DrawFn, names: _Names) -> str | list[str]:
    targets = draw(_subset(names.events, 1, 3))
    if len(targets) == 1 and draw(_BOOL):
        return targets[0]
    return targets


def _outcome(draw: DrawFn, names: _Names, item: dict[str, Any]) -> None:
    """Optional `set`, `add`, `effects`, `next`, `end`, `feedback` of a choice or timeout."""
    if draw(_BOOL):
        item["effects"] = _effects(draw, names, -30, 30)
    if (names.bool_flags or names.int_flags) and draw(_ints(0, 2)) == 0:
        item["set"] = _set_values(draw, names)
    if names.int_flags and draw(_ints(0, 2)) == 0:
        item["add"] = _add_values(draw, names)
    if draw(_ints(0, 2)) == 0:
        item["next"] = _next(draw, names)
    end_kind = draw(_ints(0, 9))
    if end_kind < 2:
        item["end"] = draw(_pick(names.endings))
    elif end_kind == 2:
        item["end"] = None  # written as `end: null` in the format's own example
    if draw(_BOOL):
        item["feedback"] = draw(_text())


def _choice(draw: DrawFn, names: _Names, cid: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": cid, "text": draw(_text())}
    kinds = ["rating", "accuracy"] + (["rubric"] if names.criteria else [])
    kind = draw(_pick(kinds))
    if kind == "rating":
        item["rating"] = draw(_pick(_RATINGS))
    elif kind == "accuracy":
        item["accuracy"] = draw(_number(0, 100))
    else:
        rated = draw(_subset(names.criteria, 1))
        item["rubric"] = {k: draw(_pick(_RUBRIC_VALUES)) for k in rated}
    if draw(_ints(0, 3)) == 0:
        item["critical"] = draw(_BOOL)
    if draw(_ints(0, 3)) == 0:
        item["when"] = _condition(draw, names)
    _outcome(draw, names, item)
    return item


def _on_timeout(draw: DrawFn, names: _Names) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if draw(_BOOL):
        item["accuracy"] = draw(_number(0, 100))
    _outcome(draw, names, item)
    return item


@dataclass
class _Plan:
    """The skeleton of an event, drawn before any expression can refer to it."""

    id: str
    at: float | None
    choice_ids: list[str]


def _event(draw: DrawFn, names: _Names, plan: _Plan) -> dict[str, Any]:
    item: dict[str, Any] = {"id": plan.id}
    if plan.at is not None:
        item["at"] = _duration(draw, plan.at)
    if draw(_ints(0, 3)) == 0:
        item["delay"] = _duration(draw, draw(_seconds(0, 30)))
    if draw(_ints(0, 3)) == 0:
        item["when"] = _condition(draw, names)
    if draw(_BOOL):
        item["channel"] = draw(_pick(_CHANNELS))
    if draw(_BOOL):
        item["from"] = draw(_text())
    item["title"] = draw(_text())
    item["body"] = draw(_text())
    if draw(_ints(0, 3)) == 0:
        item["world_time"] = f"{draw(_ints(0, 23)):02d}.{draw(_ints(0, 59)):02d} WIB"
    if not plan.choice_ids:
        # An update: only arrival effects and follow-ups, never decision keys.
        if draw(_BOOL):
            item["effects"] = _effects(draw, names, -30, 30)
        if (names.bool_flags or names.int_flags) and draw(_ints(0, 2)) == 0:
            item["set"] = _set_values(draw, names)
        if names.int_flags and draw(_ints(0, 2)) == 0:
            item["add"] = _add_values(draw, names)
        if draw(_ints(0, 2)) == 0:
            item["next"] = _next(draw, names)
        return item
    if draw(_ints(0, 2)) == 0:
        item["weight"] = draw(_positive(5))
    deadline = draw(_seconds(5, 120))
    item["deadline"] = _duration(draw, deadline)
    if draw(_BOOL):
        # A fraction of the deadline keeps 0 < golden <= deadline without filtering.
        golden = deadline * draw(_FRACTION) if draw(_BOOL) else float(draw(_ints(1, int(deadline))))
        if draw(_ints(0, 3)) == 0:
            golden = deadline
        item["golden"] = _duration(draw, golden)
    if draw(_ints(0, 2)) == 0:
        item["half_life"] = _duration(draw, draw(_seconds(1, 120)))
    if draw(_ints(0, 2)) == 0:
        item["drift"] = _effects(draw, names, -5, 5)
    item["choices"] = [_choice(draw, names, cid) for cid in plan.choice_ids]
    item["on_timeout"] = _on_timeout(draw, names)
    return item


def _plans(draw: DrawFn, max_events: int) -> list[_Plan]:
    count = draw(_ints(1, max_events))
    has_at = [draw(_BOOL) for _ in range(count)]
    has_at[draw(_ints(0, count - 1))] = True  # at least one scheduled event
    plans: list[_Plan] = []
    used_at: list[float] = []
    for index, scheduled in enumerate(has_at):
        at: float | None = None
        if scheduled:
            # Reuse an earlier time now and then: ties exercise the ordering rules.
            if used_at and draw(_ints(0, 2)) == 0:
                at = draw(_pick(used_at))
            else:
                at = draw(_seconds(0, 100))
            used_at.append(at)
        choice_ids: list[str] = []
        if draw(_ints(0, 3)):
            choice_ids = draw(_subset(_CHOICE_IDS, 1, 3))
        plans.append(_Plan(f"e{index + 1}", at, choice_ids))
    return plans


def _scoring(draw: DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if draw(_BOOL):
        keys = draw(_subset(("speed", "accuracy", "impact")))
        item["weights"] = {k: draw(_positive(3)) for k in keys}
    if draw(_BOOL):
        item["pass_mark"] = draw(_number(0, 100))
    if draw(_BOOL):
        item["speed_floor"] = draw(_number(0, 1))
    if draw(_BOOL):
        item["critical_cap"] = draw(_number(0, 100))
    if draw(_BOOL):
        keys = draw(_subset(_RATINGS))
        item["ratings"] = {k: draw(_number(0, 100)) for k in keys}
    if draw(_BOOL):
        upper = draw(_subset(range(1, 101), 0, 3))
        mins: list[int | float] = [*sorted(upper, reverse=True), 0]
        item["bands"] = [{"min": m, "label": draw(_text())} for m in mins]
    return item


@cache
def _scenario_id() -> SearchStrategy[str]:
    return st.builds(
        lambda head, tail: head + tail,
        st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=12),
    )


@st.composite
def _scenario(draw: DrawFn, max_events: int) -> Scenario:
    names = _Names()
    names.stakeholders = draw(_subset(_STAKEHOLDER_IDS, 1, 3))
    names.criteria = [f"k{i + 1}" for i in range(draw(_ints(0, 3)))]
    flag_ids = [f"f{i + 1}" for i in range(draw(_ints(0, 2)))]
    plans = _plans(draw, max_events)
    names.events = [p.id for p in plans]
    names.decisions = {p.id: p.choice_ids for p in plans if p.choice_ids}
    names.endings = [f"end{i + 1}" for i in range(draw(_ints(1, 3)))]

    doc: Scenario = {
        "format": "simulasi/1",
        "id": draw(_scenario_id()),
        "title": draw(_text()),
        "summary": draw(_text()),
    }
    if draw(_BOOL):
        doc["language"] = draw(_pick(["id", "en"]))
    if draw(_BOOL):
        doc["role"] = draw(_text())
    doc["briefing"] = draw(_text())
    if draw(_ints(0, 2)) == 0:
        doc["objectives"] = [draw(_text()) for _ in range(draw(_ints(1, 2)))]
    if draw(_ints(0, 2)) == 0:
        hh, mm = draw(_ints(0, 23)), draw(_ints(0, 59))
        doc["world_clock"] = {
            "start": f"{hh:02d}:{mm:02d}",
            "zone": draw(_pick(["WIB", "WITA", "WIT"])),
            "minutes_per_second": draw(_positive(5)),
        }
    if draw(_BOOL):
        doc["feedback"] = draw(_pick(["debrief", "immediate"]))
    doc["stakeholders"] = [_stakeholder(draw, sid) for sid in names.stakeholders]
    if names.criteria:
        doc["criteria"] = []
        for kid in names.criteria:
            criterion: dict[str, Any] = {"id": kid, "name": draw(_text())}
            if draw(_BOOL):
                criterion["weight"] = draw(_positive(5))
            doc["criteria"].append(criterion)
    if flag_ids:
        doc["flags"] = [_flag(draw, fid, names) for fid in flag_ids]
    if draw(_ints(0, 2)) == 0:
        doc["scoring"] = _scoring(draw)
    doc["events"] = [_event(draw, names, plan) for plan in plans]

    fallback = draw(_ints(0, len(names.endings) - 1))
    endings: list[dict[str, Any]] = []
    for index, eid in enumerate(names.endings):
        ending: dict[str, Any] = {"id": eid, "title": draw(_text())}
        if index != fallback and draw(_ints(0, 3)):
            ending["when"] = _condition(draw, names)
        ending["text"] = draw(_text())
        endings.append(ending)
    doc["endings"] = endings
    return doc


def scenarios(max_events: int = 6) -> SearchStrategy[Scenario]:
    """Valid `simulasi/1` scenarios as plain dicts (what `yaml.safe_load` gives).

    Args:
        max_events: most events a scenario may have (at least 1).

    Returns:
        A strategy whose scenarios satisfy every error-level rule of the format; they may
        still draw warnings (unreachable events, constant conditions, missing feedback).
    """
    if max_events < 1:
        raise ValueError("max_events must be at least 1")
    return _scenario(max_events)


def yaml_text(scenario: Scenario) -> str:
    """The scenario as YAML text, keys in the order they were built."""
    return yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True)
