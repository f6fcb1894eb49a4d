"""Stakeholder trust meters: name, value and the last change with an arrow (never colour
alone)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from simulasi.i18n import decimal
from simulasi.ui.format import cut
from simulasi.ui.literal import visible

if TYPE_CHECKING:
    from simulasi.scenario import Scenario


def change_label(delta: float, lang: str = "id") -> str:
    """`▲3`, `▼12`, `▲0,5` (`▲0.5` in English) or empty when nothing changed."""
    if abs(delta) < 0.05:
        return ""
    arrow = "▲" if delta > 0 else "▼"
    size = abs(delta)
    number = f"{size:.0f}" if abs(size - round(size)) < 0.05 else decimal(size, lang)
    return f"{arrow}{number}"


class Meters(Static):
    """One line per stakeholder: `Bupati Sukamaju     68 ▲3`."""

    #: The values shown, by stakeholder: drawn again only when one changes.
    values: var[dict[str, float]] = var(dict, init=False)

    def __init__(self, scenario: Scenario, lang: str = "id", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scenario = scenario
        self._lang = lang
        self._last: dict[str, float] = {}

    def show(self, meters: Mapping[str, float]) -> None:
        """Show `meters`; a value that differs from the one shown becomes the last change."""
        self.values = {**self.values, **meters}

    def validate_values(self, values: dict[str, float]) -> dict[str, float]:
        """A value within 1e-9 of the one shown is the one shown (no change to draw)."""
        shown = self.values
        return {
            key: shown[key] if key in shown and abs(shown[key] - value) <= 1e-9 else value
            for key, value in values.items()
        }

    def watch_values(self, old: dict[str, float], new: dict[str, float]) -> None:
        for key, value in new.items():
            if key in old and old[key] != value:
                self._last[key] = value - old[key]
        self.update(self._content())

    def _content(self) -> Content:
        lines: list[Content] = []
        width = max(12, (self.size.width or 30) - 10)
        for holder in self._scenario.doc.stakeholders:
            value = self.values.get(holder.id, holder.initial)
            name = visible(holder.name)
            name = cut(name, width)
            delta = self._last.get(holder.id, 0.0)
            style = "$text-success" if delta > 0 else "$text-error" if delta < 0 else ""
            lines.append(
                Content.assemble(
                    name.ljust(width),
                    (f"{value:4.0f}", "bold"),
                    " ",
                    (change_label(delta, self._lang).ljust(4), style),
                )
            )
        return Content("\n").join(lines)

    def on_resize(self) -> None:
        self.update(self._content())
