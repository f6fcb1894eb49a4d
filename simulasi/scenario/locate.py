"""From a path in the document (pydantic's `loc`) back to a line and column in the file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulasi.scenario.yamltree import Mark, YMap, YSeq


class Locator:
    """Finds marks in the tree `read_tree` built; falls back to the nearest enclosing value."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def _walk(self, path: Sequence[Any]) -> tuple[list[Any], list[Mark], Mark | None]:
        """Containers along the path, their marks, and the key mark of the last step."""
        node = self.root
        nodes = [node]
        marks = [getattr(node, "mark", Mark(1, 1))]
        key_mark: Mark | None = None
        for step in path:
            if isinstance(node, YMap) and isinstance(step, str) and step in node:
                key_mark = node.key_marks[step]
                marks.append(node.value_marks[step])
                node = node[step]
            elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node):
                key_mark = None
                marks.append(node.marks[step])
                node = node[step]
            else:
                continue  # a union branch name or a key that is absent: stay where we are
            nodes.append(node)
        return nodes, marks, key_mark

    def value(self, *path: Any) -> Mark:
        """The mark of the value at `path`, or of the nearest parent that exists."""
        return self._walk(path)[1][-1]

    def key(self, *path: Any) -> Mark:
        """The mark of the key of the last step (the value's mark for sequence items)."""
        _, marks, key_mark = self._walk(path)
        return key_mark if key_mark is not None and self.has(*path) else marks[-1]

    def has(self, *path: Any) -> bool:
        node = self.root
        for step in path:
            if _has_step(node, step):
                node = node[step]
            else:
                return False
        return True

    def resolve(self, loc: Sequence[Any]) -> tuple[Any, ...]:
        """The part of a pydantic `loc` that names real keys and indexes of the document."""
        node = self.root
        path: list[Any] = []
        for step in loc:
            if _has_step(node, step):
                node = node[step]
            else:
                continue
            path.append(step)
        return tuple(path)

    def expression(self, path: Sequence[Any], offset: int) -> Mark:
        """The mark of character `offset` inside the scalar at `path`, where it can be known."""
        mark = self.value(*path)
        if mark.style in ("", "'", '"') and mark.end_line == mark.line:
            shift = 0 if mark.style == "" else 1
            return Mark(mark.line, mark.col + shift + offset, mark.style, mark.end_line)
        return mark


def _has_step(node: Any, step: Any) -> bool:
    """Whether `step` is a key of the mapping or an index of the sequence `node`."""
    if isinstance(node, YMap):
        return isinstance(step, str) and step in node
    if isinstance(node, YSeq):
        return isinstance(step, int) and 0 <= step < len(node)
    return False
