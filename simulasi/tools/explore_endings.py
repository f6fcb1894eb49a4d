"""Which values of the ending meters an ending can tell apart: an exact abstraction.

The explorer leaves the meters only endings read out of its states; the analysis carries their
values along every path (`simulasi.tools.analysis`). Most of those values lead to the same
ending, so they are grouped into classes, per state, without losing anything:

- At a finished state, the ending is chosen by its conditions (docs/run-rules.md, rule 9). What
  the run's flags and history already decide is evaluated first (three-valued: a meter is
  unknown); only the comparisons `meter OP number` that can still change the outcome split a
  meter into intervals. A *cut* `c` separates the values below `c` from those at or above it.
- A move changes a meter by a sequence of clamped additions, each one monotone (also in
  floating point), so whether the value after the move is at least `c` is whether the value
  before is at least one exact number `p`, found by stepping through floats: `c`'s preimage.
  The cuts of a state are the preimages of the cuts of every state after it.

Two values with no cut between them then reach the same class after every move, and the same
ending at every finish: a class can stand for all of them. A scenario whose ending conditions
compare a meter with anything but a number (`warga > media`, `warga + media > 100`) keeps the
exact values instead (`EndingClasses.exact`).
"""

from __future__ import annotations

import functools
import math
import struct
from bisect import bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from simulasi.scenario import Scenario, expr
from simulasi.tools.conditions import EndContext

#: A meter's cuts, ascending; one per ending meter make a state's cuts.
Cuts = tuple[float, ...]
StateCuts = tuple[Cuts, ...]


class _Unknown:
    """A value the conditions cannot know yet: it depends on a meter."""


UNKNOWN = _Unknown()
_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
#: `number OP meter` read as `meter OP' number`.
_MIRROR = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _partial(node: expr.Node, context: EndContext, meters: frozenset[str]) -> object:
    """The value of `node` at a finished run with `context`, or UNKNOWN if it depends on a
    meter (the same semantics as `expr.compile_expr`, with three-valued `and`/`or`/`not`)."""
    if isinstance(node, expr.Num):
        return node.value
    if isinstance(node, expr.BoolLit):
        return node.value
    if isinstance(node, expr.Name):
        return UNKNOWN if node.id in meters else context.flags[node.id]
    if isinstance(node, expr.Call):
        if node.func == "visited":
            return node.event in context.visited
        if node.func == "timed_out":
            return node.event in context.timed_out
        return (node.event, node.choice or "") in context.chosen
    if isinstance(node, expr.Unary):
        inner = _partial(node.operand, context, meters)
        if inner is UNKNOWN:
            return UNKNOWN
        return (not inner) if node.op == "not" else -inner  # type: ignore[operator]
    left = _partial(node.left, context, meters)
    if node.op in ("and", "or"):
        absorbing = node.op == "or"  # true absorbs `or`, false absorbs `and`
        if left is not UNKNOWN and bool(left) is absorbing:
            return left
        right = _partial(node.right, context, meters)
        if left is UNKNOWN:
            return right if right is not UNKNOWN and bool(right) is absorbing else UNKNOWN
        return right
    right = _partial(node.right, context, meters)
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if node.op == "+":
        return left + right  # type: ignore[operator]
    if node.op == "-":
        return left - right  # type: ignore[operator]
    return _COMPARE[node.op](left, right)


def _supported(node: expr.Node, meters: frozenset[str]) -> bool:
    """Whether every meter in `node` is compared directly with something that reads no meter."""

    def reads_meter(sub: expr.Node) -> bool:
        return any(isinstance(n, expr.Name) and n.id in meters for n in expr.walk(sub))

    if isinstance(node, expr.Name):
        return node.id not in meters
    if isinstance(node, expr.Unary):
        return _supported(node.operand, meters)
    if isinstance(node, expr.Binary):
        if node.op in _COMPARE:
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(side, expr.Name) and side.id in meters:
                    return not reads_meter(other)
        return _supported(node.left, meters) and _supported(node.right, meters)
    return True


def _add_cuts(
    node: expr.Node,
    context: EndContext,
    meters: frozenset[str],
    out: dict[str, set[float]],
) -> None:
    """The cuts of the comparisons in `node` whose outcome is not known yet."""
    if _partial(node, context, meters) is not UNKNOWN:
        return
    if isinstance(node, expr.Unary):
        _add_cuts(node.operand, context, meters, out)
        return
    if not isinstance(node, expr.Binary):
        return
    if node.op in _COMPARE:
        for side, other, op in (
            (node.left, node.right, node.op),
            (node.right, node.left, _MIRROR[node.op]),
        ):
            if isinstance(side, expr.Name) and side.id in meters:
                value = float(_partial(other, context, meters))  # type: ignore[arg-type]
                cuts = out.setdefault(side.id, set())
                above = math.nextafter(value, math.inf)
                if op in ("<", ">="):  # m >= v
                    cuts.add(value)
                elif op in ("<=", ">"):  # m > v: m >= the next float
                    cuts.add(above)
                else:
                    cuts.update((value, above))
                return
    _add_cuts(node.left, context, meters, out)
    _add_cuts(node.right, context, meters, out)


_DOUBLE = struct.Struct(">d")
_WORD = struct.Struct(">Q")


def _bits(value: float) -> int:
    """A float's bits as an integer: for values >= 0 they sort as the floats do."""
    return int(_WORD.unpack(_DOUBLE.pack(value))[0])


def _float(bits: int) -> float:
    return float(_DOUBLE.unpack(_WORD.pack(bits))[0])


_TOP = _bits(100.0)


@functools.lru_cache(maxsize=1 << 14)
def _preimage(cut: float, delta: float) -> float | None:
    """The least value `x` in 0..100 with `clamp(x + delta) >= cut` (the engine's arithmetic),
    or None when every value, or none, is. Float addition is monotone: a search over the floats
    between 0 and 100 finds it exactly. It starts at `cut - delta`, the answer give or take a
    few floats, and widens a bracket from there (doubling the step) before halving it."""
    if 0.0 + delta >= cut or 100.0 + delta < cut:
        return None
    low, high = 0, _TOP  # 0.0 + delta < cut <= 100.0 + delta
    guess = cut - delta
    start = 0 if guess <= 0.0 else _TOP if guess >= 100.0 else _bits(guess)
    step = 1
    if _float(start) + delta >= cut:
        high = start
        while high - step > low:
            if _float(high - step) + delta >= cut:
                high, step = high - step, step * 2
            else:
                low = high - step
                break
    else:
        low = start
        while low + step < high:
            if _float(low + step) + delta >= cut:
                high = low + step
                break
            low, step = low + step, step * 2
    while high - low > 1:
        middle = (low + high) // 2
        if _float(middle) + delta >= cut:
            high = middle
        else:
            low = middle
    return _float(high)


@dataclass(frozen=True)
class EndingClasses:
    """The cuts of a scenario's ending meters (`names`, in the analysis's order)."""

    scenario: Scenario
    names: tuple[str, ...]
    exact: bool  # the conditions compare a meter with something else: keep exact values
    every_ending: bool  # cut for every ending's condition, not only the chosen one's
    conditions: tuple[expr.Node, ...]  # the endings' conditions, in file order, parsed once

    @classmethod
    def of(
        cls, scenario: Scenario, names: Sequence[str], *, every_ending: bool = False
    ) -> EndingClasses:
        meters = frozenset(names)
        conditions = tuple(expr.parse(e.when) for e in scenario.doc.endings if e.when)
        exact = not all(_supported(node, meters) for node in conditions)
        return cls(scenario, tuple(names), exact, every_ending, conditions)

    def at_end(self, context: EndContext) -> StateCuts:
        """The cuts at a finished state: those of the comparisons that can still change the
        ending chosen (with `every_ending`: that can change any ending's condition)."""
        out: dict[str, set[float]] = {}
        if context.forced is None or self.every_ending:
            meters = frozenset(self.names)
            for node in self.conditions:
                value = _partial(node, context, meters)
                if value is UNKNOWN:
                    _add_cuts(node, context, meters, out)
                elif value and not self.every_ending:
                    break  # this ending is chosen, whatever the meters
        return tuple(
            tuple(sorted(c for c in out.get(name, ()) if 0.0 < c <= 100.0)) for name in self.names
        )

    @staticmethod
    def before(ops: Sequence[float], cuts: Cuts) -> set[float]:
        """The cuts before a move that changes the meter by `ops` (clamped additions, in
        order), from those after it."""
        out: set[float] = set()
        for cut in cuts:
            at = cut
            for delta in reversed(ops):
                found = _preimage(at, delta)
                if found is None:
                    break
                at = found
            else:
                out.add(at)
        return out

    def key(self, values: Sequence[float], cuts: StateCuts) -> Hashable:
        """The class of `values` at a state with `cuts`."""
        if self.exact:
            return tuple(values)
        return tuple(map(bisect_right, cuts, values))
