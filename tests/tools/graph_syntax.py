"""Small structural readers for the graph outputs: Mermaid flowcharts and Graphviz DOT.

They accept exactly the subset `simulasi graph` writes, and fail loudly (ValueError) on
anything else, so a test that parses the output also checks that it is well formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Parsed:
    """Nodes with their attributes (shape and label), edges with theirs."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    classes: dict[str, set[str]] = field(default_factory=dict)  # class name -> node ids
    styled_links: set[int] = field(default_factory=set)
    groups: list[list[str]] = field(default_factory=list)  # rank=same groups / subgraphs


# ---------------------------------------------------------------- Mermaid

_SHAPES = [  # (opening, closing, shape name), longest openings first
    ('[/"', '"/]', "parallelogram"),
    ('(["', '"])', "stadium"),
    ('(("', '"))', "circle"),
    ('["', '"]', "box"),
    ('("', '")', "rounded"),
]
_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_LINK = re.compile(
    rf'^(?P<src>{_ID}) (?P<arrow>-->|-\.->|---)(?:\|"(?P<label>[^"]*)"\|)? (?P<dst>{_ID})$'
)


def _label_ok(text: str) -> bool:
    """A quoted Mermaid label: no raw quote; `#` only as an entity code (`#35;`, `#quot;`)."""
    if '"' in text:
        return False
    return all(re.match(r"#(\d+|[a-z]+);", text[i:]) for i, c in enumerate(text) if c == "#")


def parse_mermaid(text: str) -> Parsed:
    lines = text.splitlines()
    if not lines or lines[0] != "flowchart LR":
        raise ValueError("a Mermaid flowchart starts with 'flowchart LR'")
    out = Parsed()
    depth = 0
    links = 0
    pending_classes: list[tuple[str, list[str]]] = []
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        if line.startswith("subgraph "):
            match = re.fullmatch(rf'subgraph ({_ID})\["([^"]*)"\]', line)
            if not match or not _label_ok(match.group(2)):
                raise ValueError(f"line {number}: bad subgraph: {line}")
            depth += 1
            out.groups.append([])
            continue
        if line == "end":
            if depth == 0:
                raise ValueError(f"line {number}: 'end' without 'subgraph'")
            depth -= 1
            continue
        if line.startswith("direction "):
            if line not in ("direction LR", "direction TB") or depth == 0:
                raise ValueError(f"line {number}: bad direction")
            continue
        if line.startswith("classDef "):
            if not re.fullmatch(rf"classDef {_ID} [a-z-]+:[^ ,]+(,[a-z-]+:[^,]+)*", line):
                raise ValueError(f"line {number}: bad classDef: {line}")
            out.classes.setdefault(line.split()[1], set())
            continue
        if line.startswith("class "):
            match = re.fullmatch(rf"class ({_ID}(?:,{_ID})*) ({_ID})", line)
            if not match:
                raise ValueError(f"line {number}: bad class line: {line}")
            pending_classes.append((match.group(2), match.group(1).split(",")))
            continue
        if line.startswith("linkStyle "):
            match = re.fullmatch(r"linkStyle (\d+(?:,\d+)*) \S.*", line)
            if not match:
                raise ValueError(f"line {number}: bad linkStyle: {line}")
            out.styled_links |= {int(i) for i in match.group(1).split(",")}
            continue
        link = _LINK.match(line)
        if link:
            label = link.group("label") or ""
            if not _label_ok(label):
                raise ValueError(f"line {number}: bad link label: {label}")
            out.edges.append(
                (
                    link.group("src"),
                    link.group("dst"),
                    {"arrow": link.group("arrow"), "label": label},
                )
            )
            links += 1
            continue
        node = re.match(rf"({_ID})(.*)$", line)
        if not node:
            raise ValueError(f"line {number}: not a Mermaid statement: {line}")
        node_id, rest = node.groups()
        for opening, closing, shape in _SHAPES:
            if rest.startswith(opening) and rest.endswith(closing):
                label = rest[len(opening) : len(rest) - len(closing)]
                if not _label_ok(label):
                    raise ValueError(f"line {number}: bad label: {label}")
                if node_id in out.nodes:
                    raise ValueError(f"line {number}: node {node_id} defined twice")
                out.nodes[node_id] = {"shape": shape, "label": label}
                if depth:
                    out.groups[-1].append(node_id)
                break
        else:
            raise ValueError(f"line {number}: unknown node shape: {line}")
    if depth:
        raise ValueError("a subgraph is not closed")
    for src, dst, _ in out.edges:
        for end in (src, dst):
            if end not in out.nodes:
                raise ValueError(f"link to an undefined node {end}")
    for name, ids in pending_classes:
        if name not in out.classes:
            raise ValueError(f"class {name} is not defined")
        for node_id in ids:
            if node_id not in out.nodes:
                raise ValueError(f"class on an undefined node {node_id}")
        out.classes[name] |= set(ids)
    if any(i >= links for i in out.styled_links):
        raise ValueError("linkStyle names a link that does not exist")
    return out


# ---------------------------------------------------------------- DOT

_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<arrow>->)|(?P<word>[A-Za-z0-9_.]+)|(?P<punct>[{}\[\];,=]))'
)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ValueError(f"unexpected text at {position}: {text[position : position + 20]!r}")
        out.append(match.group(match.lastgroup or ""))
        position = match.end()
    return out


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])
    return token


class _DotParser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.out = Parsed()
        self.declared: set[str] = set()

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected!r}, found {token!r} (token {self.i})")
        self.i += 1
        return token

    def is_id(self, token: str | None) -> bool:
        return token is not None and (
            token.startswith('"') or re.fullmatch(r"[\w.]+", token) is not None
        )

    def graph(self) -> Parsed:
        self.take("digraph")
        if self.is_id(self.peek()):
            self.take()
        self.block(None)
        if self.peek() is not None:
            raise ValueError("text after the closing brace")
        for src, dst, _ in self.out.edges:
            for end in (src, dst):
                if end not in self.declared:
                    raise ValueError(f"edge to an undeclared node {end}")
        for group in self.out.groups:
            for node in group:
                if node not in self.declared:
                    raise ValueError(f"group with an undeclared node {node}")
        return self.out

    def attrs(self) -> dict[str, str]:
        out: dict[str, str] = {}
        self.take("[")
        while self.peek() != "]":
            key = self.take()
            self.take("=")
            value = self.take()
            if not self.is_id(key) or not self.is_id(value):
                raise ValueError(f"bad attribute {key}={value}")
            out[_unquote(key)] = _unquote(value)
            if self.peek() in (",", ";"):
                self.take()
        self.take("]")
        return out

    def block(self, group: list[str] | None) -> None:
        self.take("{")
        while self.peek() != "}":
            self.statement(group)
        self.take("}")
        if self.peek() == ";":
            self.take()

    def statement(self, group: list[str] | None) -> None:
        token = self.peek()
        if token == "subgraph":
            self.take()
            if self.is_id(self.peek()):
                self.take()
            inner: list[str] = []
            self.out.groups.append(inner)
            self.block(inner)
            return
        if token == "{":
            inner = []
            self.out.groups.append(inner)
            self.block(inner)
            return
        if token in ("node", "edge", "graph"):
            self.take()
            self.attrs()
            self.take(";")
            return
        first = self.take()
        if not self.is_id(first):
            raise ValueError(f"expected a statement, found {first!r}")
        if self.peek() == "=":
            self.take()
            self.take()
            self.take(";")
            return
        if self.peek() == "->":
            self.take()
            second = self.take()
            attrs = self.attrs() if self.peek() == "[" else {}
            self.take(";")
            self.out.edges.append((_unquote(first), _unquote(second), attrs))
            return
        attrs = self.attrs() if self.peek() == "[" else {}
        self.take(";")
        name = _unquote(first)
        if attrs:
            if name in self.out.nodes:
                raise ValueError(f"node {name} declared twice")
            self.out.nodes[name] = attrs
            self.declared.add(name)
        elif group is None:
            raise ValueError(f"bare node {name} outside a group")
        if group is not None:
            group.append(name)


def parse_dot(text: str) -> Parsed:
    return _DotParser(text).graph()
