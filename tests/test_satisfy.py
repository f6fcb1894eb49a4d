"""The analysis behind "this condition can never hold" and "this ending is shadowed".

It must be sound (never call a condition impossible that some state satisfies: a Hypothesis
property tries states at and around every constant), and it must find the cases authors
write: bounds that leave no value, `x and not x`, two choices of one decision.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulasi.scenario import expr, satisfy

SYMBOLS = expr.Symbols(
    meters=frozenset({"warga", "media"}),
    flags={"viral": "bool", "rilis": "int", "bebas": "int"},
    flag_bounds={"rilis": (0, 5), "bebas": (None, None)},
    events=frozenset({"e1", "e2"}),
    decisions={"e1": frozenset({"a", "b"})},
)


def _node(source: str) -> expr.Node:
    node = expr.parse(source)
    assert expr.check(node, SYMBOLS) == "bool"
    return node


@pytest.mark.parametrize(
    ("source", "first", "second"),
    [
        ("warga < 35 and warga > 60", "warga < 35", "warga > 60"),
        ("viral and not viral", "viral", "not viral"),
        ("warga >= 50 and (viral and warga < 50)", "warga >= 50", "warga < 50"),
        ("not (warga >= 35 or viral) and warga > 60", "warga < 35", "warga > 60"),
        ("rilis > 2 and rilis < 3", "rilis > 2", "rilis < 3"),
        ("rilis == 2 and rilis != 2", "rilis == 2", "rilis != 2"),
        ("chosen(e1.a) and chosen(e1.b)", "chosen(e1.a)", "chosen(e1.b)"),
        ("chosen(e1.a) and timed_out(e1)", "chosen(e1.a)", "timed_out(e1)"),
        ("timed_out(e1) and not visited(e1)", "timed_out(e1)", "not visited(e1)"),
        ("viral == true and viral == false", "viral", "not viral"),
        ("warga + 10 > 50 and warga < 30", "warga > 40", "warga < 30"),
        ("(warga > 60 or viral) and warga < 10 and not viral", "warga > 60", "warga < 10"),
    ],
)
def test_conditions_that_can_never_hold_are_found_with_their_reason(
    source: str, first: str, second: str
) -> None:
    """Each is impossible, and the reason names the two facts that clash."""
    clash = satisfy.never_holds(_node(source), SYMBOLS)
    assert clash == satisfy.Conflict(first, second)


@pytest.mark.parametrize(
    "source",
    [
        "warga < 35 or warga > 60",
        "warga > 35 and warga < 36",  # 35.5: meters are real numbers
        "warga >= 50 and warga <= 50",
        "viral and warga > 10",
        "chosen(e1.a) and visited(e1)",
        "chosen(e1.a) and not chosen(e1.b)",
        "warga + media > 150 and warga < 60",  # not analysed: may hold
        "bebas > 100 and bebas < 1000",
        "rilis != 2 and rilis >= 2",
    ],
)
def test_conditions_that_may_hold_are_left_alone(source: str) -> None:
    assert satisfy.never_holds(_node(source), SYMBOLS) is None


def test_shadowing() -> None:
    """`warga >= 70` only holds when `warga >= 50` does; `warga >= 40` may hold alone; two
    earlier endings may cover one together."""
    high, wide = _node("warga >= 70"), _node("warga >= 50")
    assert satisfy.implied_by(high, [wide], SYMBOLS) is True
    assert satisfy.implied_by(_node("warga >= 40"), [wide], SYMBOLS) is False
    both = [_node("warga >= 50 and viral"), _node("warga >= 50 and not viral")]
    assert satisfy.implied_by(high, both, SYMBOLS) is True
    assert satisfy.implied_by(high, both[:1], SYMBOLS) is False


def test_show_writes_what_the_author_would() -> None:
    for source in ("not (viral or warga < 3)", "warga - (media - 2) > 1", "chosen(e1.a)"):
        assert satisfy.show(expr.parse(source)) == source


def test_too_big_to_rewrite_is_not_judged() -> None:
    """An `and` of many `or`s explodes when rewritten: the analysis says "may hold"."""
    source = " and ".join(f"(warga > {i} or media > {i})" for i in range(12))
    assert satisfy.clauses(_node(source), SYMBOLS) is None
    assert satisfy.never_holds(_node(source), SYMBOLS) is None


# ------------------------------------------------------------------ soundness


@dataclass
class _State:
    meters: dict[str, float]
    flags: dict[str, bool | int]
    visited: set[str] = field(default_factory=set)
    chosen: set[tuple[str, str]] = field(default_factory=set)
    timed_out: set[str] = field(default_factory=set)


_ATOMS = st.sampled_from(
    ["viral", "visited(e1)", "visited(e2)", "chosen(e1.a)", "chosen(e1.b)", "timed_out(e1)"]
)
_OPS = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])


@st.composite
def _comparison(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["warga", "media", "rilis", "bebas"]))
    shift = draw(st.sampled_from(["", " + 5", " - 3"]))
    return f"{name}{shift} {draw(_OPS)} {draw(st.integers(0, 100))}"


def _conditions() -> st.SearchStrategy[str]:
    leaf = st.one_of(_ATOMS, _comparison())
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.builds(lambda a: f"not ({a})", inner),
            st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
            st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        ),
        max_leaves=6,
    )


def _states(source: str) -> list[_State]:
    """States at and around every constant of the condition, and every history."""
    numbers = {int(t.text) for t in expr.tokenize(source) if t.kind == "int"}
    points = sorted({v + d for v in numbers for d in (-8, -5.5, -3, -0.5, 0, 0.5, 3, 5, 5.5, 8)})
    meters = [p for p in points if 0 <= p <= 100][:12] or [50.0]
    ints = sorted({int(p) for p in points if float(p).is_integer()}) or [0]
    histories = [
        (set(), set(), set()),
        ({"e1"}, set(), set()),
        ({"e1"}, {("e1", "a")}, set()),
        ({"e1"}, {("e1", "b")}, set()),
        ({"e1"}, set(), {"e1"}),
        ({"e1", "e2"}, {("e1", "a")}, set()),
        ({"e2"}, set(), set()),
    ]
    states = []
    for warga, media, rilis, bebas, viral, history in itertools.product(
        meters,
        meters[:4],
        [i for i in ints if 0 <= i <= 5][:4] or [0],
        ints[:4],
        (True, False),
        histories,
    ):
        visited, chosen, timed_out = history
        states.append(
            _State(
                {"warga": warga, "media": media},
                {"viral": viral, "rilis": rilis, "bebas": bebas},
                set(visited),
                set(chosen),
                set(timed_out),
            )
        )
    return states


@settings(max_examples=200)
@given(_conditions())
def test_never_holds_is_sound(source: str) -> None:
    """A condition called impossible is false in every state tried."""
    node = _node(source)
    if satisfy.never_holds(node, SYMBOLS) is None:
        return
    compiled = expr.compile_expr(node, SYMBOLS)
    for state in _states(source):
        assert not compiled(state), (source, state)


@settings(max_examples=200)
@given(_conditions(), _conditions())
def test_implied_by_is_sound(source: str, earlier: str) -> None:
    """When an ending is called shadowed, every state that meets it meets the earlier one."""
    node, other = _node(source), _node(earlier)
    if satisfy.implied_by(node, [other], SYMBOLS) is not True:
        return
    this, that = expr.compile_expr(node, SYMBOLS), expr.compile_expr(other, SYMBOLS)
    for state in _states(f"{source} {earlier}"):
        assert not this(state) or that(state), (source, earlier, state)
