"""A strict YAML reader: text -> plain containers that remember where every value stood.

PyYAML's own loaders resolve `yes/no/on/off` to booleans, keep the last of two duplicate keys
and expand aliases without bound. We read the event stream of the (C, where available) parser
and build the tree ourselves, in one iterative pass, so that:

- every mapping and sequence remembers the line and column of each key and value;
- duplicate keys, tags outside the core schema, too deep nesting and alias bombs are caught;
- plain scalars resolve by the YAML 1.2 core schema (`true/false`, numbers, `null`), so
  `jawaban: no` stays the text "no", and numbers keep the text they were written with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

try:  # The C parser is several times faster; fall back to the pure one where libyaml is absent.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from simulasi.guard import SCENARIO_MAX_BYTES
from simulasi.scenario.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a value starts (1-based) and how its scalar was written (for expression columns)."""

    line: int
    col: int
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" block; "" for collections
    end_line: int = 0


class YMap(dict[str, Any]):
    """A mapping that remembers the marks of its keys and values."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class YSeq(list[Any]):
    """A sequence that remembers the mark of each item."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: list[Mark] = []


class YInt(int):
    """An int that remembers how it was written (`title: 2024` is the text "2024")."""

    raw: str


class YFloat(float):
    """A float that remembers how it was written (`title: 1.50` is the text "1.50")."""

    raw: str


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds against hostile input (SIM107). Tools and benchmarks may raise them."""

    max_bytes: int = SCENARIO_MAX_BYTES
    max_depth: int = 64
    max_alias_uses: int = 10_000


class TreeError(Exception):
    """The text is not a tree we accept; carries one diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.key)
        self.diagnostic = diagnostic


_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = re.compile(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    {"!", *(f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq"))}
)


#: Digits an integer may have: far more than any duration, weight or meter needs, and far
#: fewer than Python refuses to read (4,300) or a float can hold (309).
MAX_INT_DIGITS = 30


class _NumberTooLong(Exception):
    """An integer literal with more than MAX_INT_DIGITS digits (located by `read_tree`)."""

    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _number(text: str) -> Any:
    if _INT.match(text):
        _check_length(text.lstrip("+-"))
        value: Any = YInt(int(text))
    elif _INT_OCT.match(text):
        _check_length(text[2:])
        value = YInt(int(text[2:], 8))
    elif _INT_HEX.match(text):
        _check_length(text[2:])
        value = YInt(int(text[2:], 16))
    elif _FLOAT.match(text) or _FLOAT_SPECIAL.match(text):
        lowered = text.lower().replace(".inf", "inf").replace(".nan", "nan")
        value = YFloat(float(lowered))
    else:
        return None
    value.raw = text
    return value


def _check_length(digits: str) -> None:
    """An integer's digits are read only when there are few enough of them."""
    if len(digits) > MAX_INT_DIGITS:
        raise _NumberTooLong(len(digits))


def resolve_plain(text: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema; anything else stays text."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "+-.":
        number = _number(text)
        if number is not None:
            return number
    return text


def _tagged(tag: str, text: str, file: str, mark: Mark) -> Any:
    kind = tag[len(_CORE) :]
    if kind == "str":
        return text
    if kind == "null" and text in _NULLS:
        return None
    if kind == "bool" and (text in _TRUE or text in _FALSE):
        return text in _TRUE
    if kind in ("int", "float"):
        number = _number(text)
        if number is not None:
            return float(number) if kind == "float" else number
    raise TreeError(
        Diagnostic(
            "SIM104", file, mark.line, mark.col, "tag_value", {"tag": f"!!{kind}", "value": text}
        )
    )


class _Frame:
    __slots__ = ("anchor", "container", "depth_weight", "key", "key_mark", "uses")

    def __init__(self, container: YMap | YSeq, anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.key: str | None = None  # for mappings: the key waiting for its value
        self.key_mark: Mark | None = None
        self.uses = 0  # alias uses in the full expansion of this container


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` as the facilitator wrote it: `!!python/object`."""
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _mark(event: Any, style: str = "") -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1, style, event.end_mark.line + 1)


def _error(file: str, mark: Mark, what: str, **params: Any) -> TreeError:
    code = {
        "syntax": "SIM100",
        "duplicate_key": "SIM101",
        "too_deep": "SIM107",
        "too_many_aliases": "SIM107",
        "recursive_alias": "SIM107",
        "tag": "SIM108",
        "complex_key": "SIM104",
        "several_documents": "SIM100",
        "not_printable": "SIM107",
        "number_too_long": "SIM107",
    }[what]
    return TreeError(Diagnostic(code, file, mark.line, mark.col, what, params))


def read_tree(text: str, file: str = "<scenario>", limits: Limits | None = None) -> Any:
    """Parse one YAML document into YMap/YSeq/scalars, or raise `TreeError`."""
    limits = limits or Limits()
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, alias uses inside it)
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    total_uses = 0
    documents = 0

    def attach(value: Any, mark: Mark, uses: int) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        frame = stack[-1]
        frame.uses += uses
        container = frame.container
        if isinstance(container, YSeq):
            container.append(value)
            container.marks.append(mark)
        elif frame.key is None:
            # `value` is a key.
            if isinstance(value, (YMap, YSeq)):
                raise _error(file, mark, "complex_key")
            key = value.raw if isinstance(value, (YInt, YFloat)) else value
            if key is None:
                key = ""
            elif not isinstance(key, str):
                key = "true" if key is True else "false" if key is False else str(key)
            if key in container:
                first = container.key_marks[key]
                raise _error(file, mark, "duplicate_key", key=key, line=first.line)
            frame.key, frame.key_mark = key, mark
        else:
            key = frame.key
            container[key] = value
            assert frame.key_mark is not None
            container.key_marks[key] = frame.key_mark
            container.value_marks[key] = mark
            frame.key = None

    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
    try:
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                style = event.style or ""
                mark = _mark(event, style)
                tag = event.tag
                if tag is not None and tag not in _ALLOWED_TAGS:
                    raise _error(file, mark, "tag", tag=_short_tag(tag))
                try:
                    if tag is not None and tag != "!":
                        value = _tagged(tag, event.value, file, mark)
                    elif style == "" and event.implicit[0]:
                        value = resolve_plain(event.value)
                    else:
                        value = event.value
                except _NumberTooLong as exc:
                    raise _error(
                        file, mark, "number_too_long", digits=exc.digits, limit=MAX_INT_DIGITS
                    ) from None
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 0)
                attach(value, mark, 0)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = _mark(event)
                tag = event.tag
                if tag is not None and tag not in _ALLOWED_TAGS:
                    raise _error(file, mark, "tag", tag=_short_tag(tag))
                if len(stack) >= limits.max_depth:
                    raise _error(file, mark, "too_deep", limit=limits.max_depth)
                container: YMap | YSeq = (
                    YMap(mark) if kind is yaml.MappingStartEvent else YSeq(mark)
                )
                if stack and stack[-1].key is None and isinstance(stack[-1].container, YMap):
                    raise _error(file, mark, "complex_key")
                stack.append(_Frame(container, event.anchor))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, frame.uses)
                attach(frame.container, frame.container.mark, frame.uses)
            elif kind is yaml.AliasEvent:
                mark = _mark(event)
                if event.anchor not in anchors:
                    # libyaml reports undefined aliases itself; an anchor still open is recursive.
                    raise _error(file, mark, "recursive_alias", anchor=event.anchor)
                value, inner = anchors[event.anchor]
                uses = 1 + inner
                total_uses += uses
                if total_uses > limits.max_alias_uses:
                    raise _error(file, mark, "too_many_aliases", limit=limits.max_alias_uses)
                attach(value, mark, uses)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error(file, _mark(event), "several_documents")
    except yaml.reader.ReaderError as exc:
        # libyaml refuses control characters before parsing; point at the character itself.
        offset = min(exc.position, len(text))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        raise _error(file, Mark(line, col), "not_printable", problem=f"U+{char:04X}") from None
    except yaml.MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        line = problem_mark.line + 1 if problem_mark else 1
        col = problem_mark.column + 1 if problem_mark else 1
        problem = exc.problem or exc.context or "?"
        key = "not_printable" if "special characters" in problem else "syntax"
        raise _error(file, Mark(line, col), key, problem=problem) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for its errors
        raise _error(file, Mark(1, 1), "syntax", problem=str(exc)) from None
    return root if have_root else None
