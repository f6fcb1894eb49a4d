"""A one-line list of keys, in the trainee's language (Textual's Footer is English-only)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    """`key label · key label` at the bottom of a screen."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, keys: list[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_keys(keys)

    def set_keys(self, keys: list[tuple[str, str]]) -> None:
        """Show `keys`, a list of (key, what it does)."""
        parts: list[str | tuple[str, str] | Content] = []
        for index, (key, label) in enumerate(keys):
            if index:
                parts.append("  ")
            parts.append((key, "bold $accent"))
            parts.append(f" {label}")
        self.update(Content.assemble(*parts))
