"""The expression language of `when:` conditions: parse, type-check, analyse, compile.

A tiny language (docs/expressions.md), parsed by recursive descent and compiled to
Python closures: nothing is ever passed to `eval`. Every error carries the 0-based offset of
the offending token inside the expression, so diagnostics point at the exact column.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

Type = Literal["num", "bool"]


class ExprError(Exception):
    """A problem in an expression: `code` is SIM300/301/302/200, `offset` 0-based."""

    def __init__(self, code: str, key: str, offset: int, **params: object) -> None:
        super().__init__(key)
        self.code = code
        self.key = key
        self.offset = offset
        self.params = params


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "int", "name", "op", "(", ")", ".", "end"
    text: str
    pos: int


_OPS = ("==", "!=", "<=", ">=", "<", ">", "+", "-")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < n and source[j].isdigit():
                j += 1
            if j < n and (source[j].isalpha() or source[j] == "_" or source[j] == "."):
                raise ExprError("SIM300", "expr_bad_number", i, text=source[i : j + 1])
            tokens.append(Token("int", source[i:j], i))
            i = j
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i
            while j < n and source[j].isascii() and (source[j].isalnum() or source[j] == "_"):
                j += 1
            tokens.append(Token("name", source[i:j], i))
            i = j
        elif ch in "().":
            tokens.append(Token(ch, ch, i))
            i += 1
        else:
            for op in _OPS:
                if source.startswith(op, i):
                    tokens.append(Token("op", op, i))
                    i += len(op)
                    break
            else:
                if ch == "=":
                    raise ExprError("SIM300", "expr_single_equals", i)
                if source.startswith("&&", i) or source.startswith("||", i) or ch == "!":
                    raise ExprError("SIM300", "expr_c_operator", i, text=source[i : i + 2])
                raise ExprError("SIM300", "expr_bad_char", i, char=ch)
    tokens.append(Token("end", "", n))
    return tokens


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True, slots=True)
class Num:
    value: int
    pos: int


@dataclass(frozen=True, slots=True)
class BoolLit:
    value: bool
    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    func: Literal["visited", "chosen", "timed_out"]
    event: str
    choice: str | None
    pos: int
    arg_pos: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: Literal["-", "not"]
    operand: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "or", "and", comparisons, "+", "-"
    left: Node
    right: Node
    pos: int


Node = Num | BoolLit | Name | Call | Unary | Binary

_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_KEYWORDS = frozenset({"and", "or", "not", "true", "false", "visited", "chosen", "timed_out"})


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str, what: str) -> Token:
        if self.tok.kind != kind:
            raise self.unexpected(what)
        return self.take()

    def unexpected(self, expected: str) -> ExprError:
        """`expected` is a word of the messages' catalogue ("value", "event_id") or a token."""
        tok = self.tok
        if tok.kind == "end":
            return ExprError("SIM300", "expr_unexpected_end", tok.pos, expected=expected)
        return ExprError("SIM300", "expr_unexpected", tok.pos, token=tok.text, expected=expected)

    def is_word(self, word: str) -> bool:
        return self.tok.kind == "name" and self.tok.text == word

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ExprError("SIM300", "expr_empty", 0)
        node = self.parse_or()
        if self.tok.kind != "end":
            if self.tok.kind == "op" and self.tok.text in _COMPARISONS:
                raise ExprError("SIM300", "expr_chained", self.tok.pos)
            raise self.unexpected("and/or")
        return node

    def parse_or(self) -> Node:
        node = self.parse_and()
        while self.is_word("or"):
            pos = self.take().pos
            node = Binary("or", node, self.parse_and(), pos)
        return node

    def parse_and(self) -> Node:
        node = self.parse_not()
        while self.is_word("and"):
            pos = self.take().pos
            node = Binary("and", node, self.parse_not(), pos)
        return node

    def parse_not(self) -> Node:
        if self.is_word("not"):
            pos = self.take().pos
            return Unary("not", self.parse_not(), pos)
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        node = self.parse_sum()
        if self.tok.kind == "op" and self.tok.text in _COMPARISONS:
            op = self.take()
            node = Binary(op.text, node, self.parse_sum(), op.pos)
            if self.tok.kind == "op" and self.tok.text in _COMPARISONS:
                raise ExprError("SIM300", "expr_chained", self.tok.pos)
        return node

    def parse_sum(self) -> Node:
        node = self.parse_unary()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            op = self.take()
            node = Binary(op.text, node, self.parse_unary(), op.pos)
        return node

    def parse_unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text == "-":
            pos = self.take().pos
            return Unary("-", self.parse_unary(), pos)
        return self.parse_atom()

    def parse_atom(self) -> Node:
        tok = self.tok
        if tok.kind == "int":
            self.take()
            return Num(int(tok.text), tok.pos)
        if tok.kind == "(":
            self.take()
            node = self.parse_or()
            self.expect(")", ")")
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                self.take()
                return BoolLit(tok.text == "true", tok.pos)
            if tok.text in ("visited", "chosen", "timed_out"):
                return self.parse_call()
            if tok.text in _KEYWORDS:
                raise self.unexpected("value")
            self.take()
            return Name(tok.text, tok.pos)
        raise self.unexpected("value")

    def parse_call(self) -> Call:
        func = self.take()
        self.expect("(", "(")
        arg = self.expect("name", "event_id")
        choice: str | None = None
        if func.text == "chosen":
            self.expect(".", "dot_choice")
            choice = self.expect("name", "choice_id").text
        self.expect(")", ")")
        kind: Literal["visited", "chosen", "timed_out"]
        kind = (
            "visited"
            if func.text == "visited"
            else "chosen"
            if func.text == "chosen"
            else "timed_out"
        )
        return Call(kind, arg.text, choice, func.pos, arg.pos)


def parse(source: str) -> Node:
    """Parse an expression; raises ExprError (SIM300) with the offset of the problem."""
    return _Parser(source).parse()


# ---------------------------------------------------------------- names and types


@dataclass(frozen=True, slots=True)
class Symbols:
    """What names mean in a scenario: numbers (meters, int flags) and bools (bool flags)."""

    meters: frozenset[str]
    flags: Mapping[str, Literal["bool", "int"]]
    flag_bounds: Mapping[str, tuple[int | None, int | None]]
    events: frozenset[str]
    decisions: Mapping[str, frozenset[str]]  # decision id -> its choice ids


def walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Unary):
        yield from walk(node.operand)
    elif isinstance(node, Binary):
        yield from walk(node.left)
        yield from walk(node.right)


def check(node: Node, symbols: Symbols) -> Type:
    """Resolve names and references and return the type; raises ExprError."""
    if isinstance(node, Num):
        return "num"
    if isinstance(node, BoolLit):
        return "bool"
    if isinstance(node, Name):
        if node.id in symbols.meters:
            return "num"
        flag_type = symbols.flags.get(node.id)
        if flag_type is not None:
            return "num" if flag_type == "int" else "bool"
        raise ExprError("SIM301", "expr_unknown_name", node.pos, name=node.id)
    if isinstance(node, Call):
        if node.func == "visited":
            if node.event not in symbols.events:
                raise ExprError("SIM200", "expr_unknown_event", node.arg_pos, name=node.event)
        elif node.event not in symbols.decisions:
            key = "expr_unknown_event" if node.event not in symbols.events else "expr_not_decision"
            raise ExprError("SIM200", key, node.arg_pos, name=node.event, func=node.func)
        elif node.choice is not None and node.choice not in symbols.decisions[node.event]:
            raise ExprError(
                "SIM200", "expr_unknown_choice", node.arg_pos, name=node.choice, event=node.event
            )
        return "bool"
    if isinstance(node, Unary):
        operand = check(node.operand, symbols)
        wanted: Type = "bool" if node.op == "not" else "num"
        if operand != wanted:
            raise ExprError("SIM302", f"expr_type_{node.op}", node.pos, got=operand)
        return wanted
    left, right = check(node.left, symbols), check(node.right, symbols)
    if node.op in ("and", "or"):
        if left != "bool" or right != "bool":
            raise ExprError("SIM302", "expr_type_logic", node.pos, op=node.op)
        return "bool"
    if node.op in ("+", "-"):
        if left != "num" or right != "num":
            raise ExprError("SIM302", "expr_type_arith", node.pos, op=node.op)
        return "num"
    if left != right:
        raise ExprError("SIM302", "expr_type_compare", node.pos, op=node.op, left=left, right=right)
    if left == "bool" and node.op not in ("==", "!="):
        raise ExprError("SIM302", "expr_type_order", node.pos, op=node.op)
    return "bool"


# ---------------------------------------------------------------- constant analysis

Interval = tuple[float, float]


def _interval(node: Node, symbols: Symbols) -> Interval:
    if isinstance(node, Num):
        return (node.value, node.value)
    if isinstance(node, Name):
        if node.id in symbols.meters:
            return (0.0, 100.0)
        bound_low, bound_high = symbols.flag_bounds.get(node.id, (None, None))
        return (
            -math.inf if bound_low is None else bound_low,
            math.inf if bound_high is None else bound_high,
        )
    if isinstance(node, Unary):
        low, high = _interval(node.operand, symbols)
        return (-high, -low)
    assert isinstance(node, Binary)
    (a, b), (c, d) = _interval(node.left, symbols), _interval(node.right, symbols)
    if node.op == "+":
        return (a + c, b + d)
    return (a - d, b - c)


def constant_value(node: Node, symbols: Symbols) -> bool | None:
    """True/False when a (type-checked, bool) condition can never change, else None.

    Meters are known to stay in 0..100 and int flags in their bounds, so `warga >= 0` is
    found constant as well as `1 == 1`.
    """
    if isinstance(node, BoolLit):
        return node.value
    if isinstance(node, (Name, Call)):
        return None
    if isinstance(node, Unary):
        inner = constant_value(node.operand, symbols)
        return None if inner is None else not inner
    assert isinstance(node, Binary)
    if node.op in ("and", "or"):
        left, right = constant_value(node.left, symbols), constant_value(node.right, symbols)
        absorbing = node.op == "or"  # true absorbs `or`, false absorbs `and`
        if left is absorbing or right is absorbing:
            return absorbing
        if left is not None and right is not None:
            return not absorbing
        return None
    if isinstance(node.left, (Num, Name, Unary, Binary)) and _is_num(node.left, symbols):
        (a, b), (c, d) = _interval(node.left, symbols), _interval(node.right, symbols)
        same_point = a == b == c == d
        table: dict[str, tuple[bool, bool]] = {  # (always true, always false)
            "<": (b < c, a >= d),
            "<=": (b <= c, a > d),
            ">": (a > d, b <= c),
            ">=": (a >= d, b < c),
            "==": (same_point, b < c or a > d),
            "!=": (b < c or a > d, same_point),
        }
        always, never = table[node.op]
        return True if always else False if never else None
    left_b, right_b = constant_value(node.left, symbols), constant_value(node.right, symbols)
    if left_b is None or right_b is None:
        return None
    return (left_b == right_b) if node.op == "==" else (left_b != right_b)


def _is_num(node: Node, symbols: Symbols) -> bool:
    if isinstance(node, Num):
        return True
    if isinstance(node, Name):
        return node.id in symbols.meters or symbols.flags.get(node.id) == "int"
    if isinstance(node, Unary):
        return node.op == "-"
    if isinstance(node, Binary):
        return node.op in ("+", "-")
    return False


# ---------------------------------------------------------------- evaluation


class State(Protocol):
    """What a condition reads: the engine's run state satisfies this."""

    @property
    def meters(self) -> Mapping[str, float]: ...
    @property
    def flags(self) -> Mapping[str, bool | int]: ...
    @property
    def visited(self) -> frozenset[str] | set[str]: ...
    @property
    def chosen(self) -> frozenset[tuple[str, str]] | set[tuple[str, str]]: ...
    @property
    def timed_out(self) -> frozenset[str] | set[str]: ...


Compiled = Callable[[State], object]

_CMP: dict[str, Callable[[object, object], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,  # type: ignore[dict-item]
    "<=": operator.le,  # type: ignore[dict-item]
    ">": operator.gt,  # type: ignore[dict-item]
    ">=": operator.ge,  # type: ignore[dict-item]
}


def compile_expr(node: Node, symbols: Symbols) -> Compiled:
    """A closure evaluating a checked expression against a run state."""
    if isinstance(node, Num):
        number = node.value
        return lambda s: number
    if isinstance(node, BoolLit):
        truth = node.value
        return lambda s: truth
    if isinstance(node, Name):
        name = node.id
        if name in symbols.meters:
            return lambda s: s.meters[name]
        return lambda s: s.flags[name]
    if isinstance(node, Call):
        event = node.event
        if node.func == "visited":
            return lambda s: event in s.visited
        if node.func == "timed_out":
            return lambda s: event in s.timed_out
        pair = (event, node.choice or "")
        return lambda s: pair in s.chosen
    if isinstance(node, Unary):
        inner = compile_expr(node.operand, symbols)
        if node.op == "not":
            return lambda s: not inner(s)
        return lambda s: -inner(s)  # type: ignore[operator]
    left, right = compile_expr(node.left, symbols), compile_expr(node.right, symbols)
    if node.op == "and":
        return lambda s: left(s) and right(s)
    if node.op == "or":
        return lambda s: left(s) or right(s)
    if node.op == "+":
        return lambda s: left(s) + right(s)  # type: ignore[operator]
    if node.op == "-":
        return lambda s: left(s) - right(s)  # type: ignore[operator]
    compare = _CMP[node.op]
    return lambda s: compare(left(s), right(s))


def out_of_range_constants(node: Node, symbols: Symbols) -> list[tuple[Num, str]]:
    """Constants compared with an int flag that lie outside its `min..max` (a load error:
    `rilis == 12` when `rilis` is at most 10 is a typo, not a condition)."""
    found: list[tuple[Num, str]] = []
    for sub in walk(node):
        if not isinstance(sub, Binary) or sub.op not in _COMPARISONS:
            continue
        for name, other in ((sub.left, sub.right), (sub.right, sub.left)):
            if not isinstance(name, Name) or symbols.flags.get(name.id) != "int":
                continue
            value: int | None = None
            literal: Num | None = None
            if isinstance(other, Num):
                literal, value = other, other.value
            elif isinstance(other, Unary) and other.op == "-" and isinstance(other.operand, Num):
                literal, value = other.operand, -other.operand.value
            if literal is None or value is None:
                continue
            low, high = symbols.flag_bounds.get(name.id, (None, None))
            if (low is not None and value < low) or (high is not None and value > high):
                found.append((literal, name.id))
    return found
