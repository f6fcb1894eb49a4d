"""A one-line list of keys, in the trainee's language (Textual's Footer is English-only)."""

from __future__ import annotations

from collections.abc import Collection

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    """`key label · key label` at the bottom of a screen.

    Keys named in `optional` (also listed in the help) are left out, last first, when the line
    would not fit the bar's width: the keys a trainee needs at that moment stay readable at
    80 columns.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        keys: list[tuple[str, str]],
        *,
        optional: Collection[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[str, str]] = []
        self._optional: Collection[str] = ()
        self.set_keys(keys, optional=optional)

    def set_keys(self, keys: list[tuple[str, str]], *, optional: Collection[str] = ()) -> None:
        """Show `keys`, a list of (key, what it does); `optional` keys go first when short."""
        self._keys, self._optional = list(keys), optional
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        keys = self._keys
        width = self.content_size.width
        if width > 0:
            droppable = [key for key, _ in reversed(keys) if key in self._optional]
            while droppable and _width(keys) > width:
                gone = droppable.pop(0)
                keys = [pair for pair in keys if pair[0] != gone]
        parts: list[str | tuple[str, str] | Content] = []
        for index, (key, label) in enumerate(keys):
            if index:
                parts.append("  ")
            parts.append((key, "bold $text-accent"))
            parts.append(f" {label}")
        self.update(Content.assemble(*parts))


def _width(keys: list[tuple[str, str]]) -> int:
    gaps = 2 * max(0, len(keys) - 1)
    return sum(cell_len(key) + 1 + cell_len(label) for key, label in keys) + gaps
