"""Can a condition ever hold? Can one ending's condition hold without an earlier one's?

A small, sound analysis of type-checked `when:` conditions, for `simulasi check`: a condition
is rewritten as an `or` of `and`-clauses of simple facts (`warga < 35`, `viral`, `not
chosen(e1.a)`), and a clause is impossible when two of its facts contradict each other:
bounds on one meter or int flag that leave no value (meters are real numbers in 0..100, int
flags whole numbers within their `min..max`), a bool flag or history fact both asserted and
denied, two different choices of one decision, or a choice of a decision that timed out.
Whatever the analysis cannot read (`warga + media > 100`, a comparison of two names) is a
fact that may hold, so "never" is only ever said when it is certain. Past a size limit the
analysis gives up (answers "may hold").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from simulasi.scenario import expr

#: Clauses kept while rewriting; a condition that needs more is not analysed.
MAX_CLAUSES = 256

_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


@dataclass(frozen=True, slots=True)
class Bound:
    """`name op value` on a meter or an int flag."""

    name: str
    op: str
    value: float
    text: str  # as the author would write it, for messages


@dataclass(frozen=True, slots=True)
class Fact:
    """A bool flag, a history call or anything opaque, asserted (`positive`) or denied."""

    key: tuple[str, ...]  # ("flag", id) | ("visited", e) | ("chosen", e, c) | ("timed_out", e)
    positive: bool
    text: str


Literal = Bound | Fact
Clause = tuple[Literal, ...]


class _TooBig(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why a clause can never hold: these two facts cannot both be true."""

    first: str
    second: str


def show(node: expr.Node) -> str:
    """The expression as an author would write it (canonical spacing, needed parentheses)."""
    return _show(node, 0)


_LEVEL = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "neg": 6, "atom": 7}


def _show(node: expr.Node, outer: int) -> str:
    if isinstance(node, expr.Num):
        text, level = str(node.value), _LEVEL["atom"]
    elif isinstance(node, expr.BoolLit):
        text, level = ("true" if node.value else "false"), _LEVEL["atom"]
    elif isinstance(node, expr.Name):
        text, level = node.id, _LEVEL["atom"]
    elif isinstance(node, expr.Call):
        arg = node.event if node.choice is None else f"{node.event}.{node.choice}"
        text, level = f"{node.func}({arg})", _LEVEL["atom"]
    elif isinstance(node, expr.Unary):
        if node.op == "not":
            text, level = "not " + _show(node.operand, _LEVEL["not"]), _LEVEL["not"]
        else:
            text, level = "-" + _show(node.operand, _LEVEL["neg"] + 1), _LEVEL["neg"]
    else:
        kind = node.op if node.op in ("or", "and", "+", "-") else "cmp"
        level = _LEVEL[kind]
        right_level = level + 1 if kind in ("+", "-", "cmp") else level
        text = f"{_show(node.left, level)} {node.op} {_show(node.right, right_level)}"
    return f"({text})" if level < outer else text


# ---------------------------------------------------------------- to clauses


def clauses(node: expr.Node, symbols: expr.Symbols) -> list[Clause] | None:
    """The condition as an `or` of `and`-clauses, or None when it is too big to rewrite."""
    try:
        return _dnf(node, True, symbols)
    except _TooBig:
        return None


def _dnf(node: expr.Node, positive: bool, symbols: expr.Symbols) -> list[Clause]:
    if isinstance(node, expr.Unary) and node.op == "not":
        return _dnf(node.operand, not positive, symbols)
    if isinstance(node, expr.BoolLit):
        return [()] if node.value is positive else []
    if isinstance(node, expr.Binary) and node.op in ("and", "or"):
        left = _dnf(node.left, positive, symbols)
        right = _dnf(node.right, positive, symbols)
        if (node.op == "or") is positive:  # an `or`, or a negated `and`
            result = left + right
        elif len(left) * len(right) > MAX_CLAUSES:
            raise _TooBig
        else:
            result = [a + b for a in left for b in right]
        if len(result) > MAX_CLAUSES:
            raise _TooBig
        return result
    return [(_literal(node, positive, symbols),)]


def _literal(node: expr.Node, positive: bool, symbols: expr.Symbols) -> Literal:
    if isinstance(node, expr.Name):  # a bool flag
        return Fact(("flag", node.id), positive, node.id if positive else f"not {node.id}")
    if isinstance(node, expr.Call):
        key: tuple[str, ...] = (node.func, node.event)
        if node.choice is not None:
            key = (*key, node.choice)
        text = show(node)
        return Fact(key, positive, text if positive else f"not {text}")
    if isinstance(node, expr.Binary) and node.op in _FLIP:
        bound = _bound(node, positive, symbols)
        if bound is not None:
            return bound
        flag = _bool_compare(node, positive)
        if flag is not None:
            return flag
    text = show(node)
    return Fact(("opaque", text), positive, text if positive else f"not ({text})")


def _linear(node: expr.Node) -> tuple[str | None, float] | None:
    """`name + c`, `c - name`... as (name, constant) when the name appears once with sign +1;
    (None, c) for a constant; None for anything else."""
    if isinstance(node, expr.Num):
        return None, float(node.value)
    if isinstance(node, expr.Name):
        return node.id, 0.0
    if isinstance(node, expr.Unary) and node.op == "-":
        inner = _linear(node.operand)
        if inner is None or inner[0] is not None:
            return None
        return None, -inner[1]
    if isinstance(node, expr.Binary) and node.op in ("+", "-"):
        left, right = _linear(node.left), _linear(node.right)
        if left is None or right is None:
            return None
        if node.op == "-" and right[0] is not None:
            return None  # `c - name`: the name's sign flips; not analysed
        if left[0] is not None and right[0] is not None:
            return None
        sign = 1.0 if node.op == "+" else -1.0
        return left[0] or right[0], left[1] + sign * right[1]
    return None


def _bound(node: expr.Binary, positive: bool, symbols: expr.Symbols) -> Bound | None:
    left, right = _linear(node.left), _linear(node.right)
    if left is None or right is None:
        return None
    op = node.op if positive else _FLIP[node.op]
    if left[0] is not None and right[0] is None:
        name, value = left[0], right[1] - left[1]
    elif left[0] is None and right[0] is not None:
        name, value, op = right[0], left[1] - right[1], _MIRROR[op]
    else:
        return None
    if name not in symbols.meters and symbols.flags.get(name) != "int":
        return None
    shown = int(value) if float(value).is_integer() else value
    return Bound(name, op, value, f"{name} {op} {shown}")


def _bool_compare(node: expr.Binary, positive: bool) -> Fact | None:
    """`viral == true`, `false != viral`: a bool flag compared with a constant."""
    if node.op not in ("==", "!="):
        return None
    for name, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(name, expr.Name) and isinstance(other, expr.BoolLit):
            holds = other.value if node.op == "==" else not other.value
            truth = holds if positive else not holds
            return Fact(("flag", name.id), truth, name.id if truth else f"not {name.id}")
    return None


# ---------------------------------------------------------------- contradictions


def conflict(clause: Clause, symbols: expr.Symbols) -> Conflict | None:
    """Two facts of the clause that cannot hold together, or None when it may hold."""
    facts: dict[tuple[str, ...], Fact] = {}
    for literal in clause:
        if not isinstance(literal, Fact):
            continue
        other = facts.get(literal.key)
        if other is not None and other.positive != literal.positive:
            return Conflict(other.text, literal.text)
        facts.setdefault(literal.key, literal)
    found = _history_conflict(list(facts.values()))
    if found is not None:
        return found
    by_name: dict[str, list[Bound]] = {}
    for literal in clause:
        if isinstance(literal, Bound):
            by_name.setdefault(literal.name, []).append(literal)
    for name, bounds in by_name.items():
        found = _bounds_conflict(name, bounds, symbols)
        if found is not None:
            return found
    return None


def _history_conflict(facts: Sequence[Fact]) -> Conflict | None:
    chosen: dict[str, Fact] = {}
    timed_out: dict[str, Fact] = {}
    not_visited: dict[str, Fact] = {}
    for fact in facts:
        kind, event = fact.key[0], fact.key[1] if len(fact.key) > 1 else ""
        if kind == "chosen" and fact.positive:
            if event in chosen:
                return Conflict(chosen[event].text, fact.text)  # one answer per decision
            chosen[event] = fact
        elif kind == "timed_out" and fact.positive:
            timed_out[event] = fact
        elif kind == "visited" and not fact.positive:
            not_visited[event] = fact
    for event, fact in chosen.items():
        if event in timed_out:
            return Conflict(fact.text, timed_out[event].text)
        if event in not_visited:
            return Conflict(fact.text, not_visited[event].text)
    for event, fact in timed_out.items():
        if event in not_visited:
            return Conflict(fact.text, not_visited[event].text)
    return None


def _bounds_conflict(name: str, bounds: list[Bound], symbols: expr.Symbols) -> Conflict | None:
    """The two bounds on `name` that leave no value, if there are any."""
    whole = symbols.flags.get(name) == "int"
    if whole:
        low, high = symbols.flag_bounds.get(name, (None, None))
        domain = (
            -math.inf if low is None else float(low),
            math.inf if high is None else float(high),
        )
    else:
        domain = (0.0, 100.0)
    if _interval_possible(bounds, domain, whole):
        return None
    # Name the two facts that clash (a bound alone against the domain is SIM303's business).
    for i, first in enumerate(bounds):
        for second in bounds[i + 1 :]:
            if not _interval_possible([first, second], domain, whole):
                return Conflict(first.text, second.text)
    return Conflict(bounds[0].text, " and ".join(b.text for b in bounds[1:]))


def _interval_possible(bounds: Sequence[Bound], domain: tuple[float, float], whole: bool) -> bool:
    """Whether some value in `domain` (whole numbers when `whole`) meets every bound."""
    low, low_open = domain[0], False
    high, high_open = domain[1], False
    excluded: set[float] = set()
    for bound in bounds:
        op, value = bound.op, bound.value
        if op in (">", ">=", "=="):
            strict = op == ">"
            if value > low or (value == low and strict):
                low, low_open = value, strict
        if op in ("<", "<=", "=="):
            strict = op == "<"
            if value < high or (value == high and strict):
                high, high_open = value, strict
        if op == "!=":
            excluded.add(value)
    if whole:
        # The least and greatest whole numbers inside the bounds.
        if math.isfinite(low):
            low = math.floor(low) + 1 if low_open or not float(low).is_integer() else low
            low = float(math.ceil(low))
        if math.isfinite(high):
            high = math.ceil(high) - 1 if high_open or not float(high).is_integer() else high
            high = float(math.floor(high))
        if low > high:
            return False
        if math.isfinite(low) and math.isfinite(high) and high - low < len(excluded):
            count = int(high - low) + 1
            return any(low + k not in excluded for k in range(count))
        return True
    if low > high or (low == high and (low_open or high_open)):
        return False
    return not (low == high and low in excluded)


def never_holds(node: expr.Node, symbols: expr.Symbols) -> Conflict | None:
    """Why the condition can never hold (the conflict of its first clause), or None when it
    may hold or is too big to tell."""
    found = clauses(node, symbols)
    if not found:
        return None  # `false` itself (constant: SIM303) or too big to analyse
    first: Conflict | None = None
    for clause in found:
        reason = conflict(clause, symbols)
        if reason is None:
            return None
        first = first or reason
    return first


@dataclass
class Budget:
    """How many clauses the analyses of one file may still examine: a bound on `check`'s
    time however many endings a file has. Once spent, the answer is "may hold"."""

    left: int = 2_000
    negations: dict[int, list[Clause] | None] = field(default_factory=dict)


def implied_by(
    node: expr.Node,
    earlier: Sequence[expr.Node],
    symbols: expr.Symbols,
    budget: Budget | None = None,
) -> bool | None:
    """Whether `node` can never hold unless one of `earlier` holds too (True), may hold
    alone (False), or the analysis gives up (None)."""
    budget = budget or Budget()
    own = clauses(node, symbols)
    if own is None:
        return None
    budget.left -= len(own)
    combined = [c for c in own if conflict(c, symbols) is None]
    for other in earlier:
        if not combined:
            break
        if id(other) not in budget.negations:
            budget.negations[id(other)] = _negated(other, symbols)
        negated = budget.negations[id(other)]
        if negated is None:
            return None
        product = [a + b for a in combined for b in negated]
        budget.left -= len(product)
        if budget.left < 0:
            return None
        # Drop what already clashes, so the product stays small.
        combined = [c for c in product if conflict(c, symbols) is None]
        if len(combined) > MAX_CLAUSES:
            return None
    return not combined


def _negated(node: expr.Node, symbols: expr.Symbols) -> list[Clause] | None:
    try:
        return _dnf(node, False, symbols)
    except _TooBig:
        return None
