"""Leaving in the middle of a run: asked, never by accident."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from simulasi.ui.screens.base import GameModal


class QuitModal(GameModal[bool]):
    """Yes leaves the game, No (the default) goes back to the run. The same question for
    the other irreversible keys: `question="finish"` (f in practice), `"abandon"` (a)."""

    AUTO_FOCUS = "#quit--no"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "leave", show=False),
        Binding("n,escape", "stay", show=False),
    ]

    def __init__(self, question: str = "quit", **params: object) -> None:
        super().__init__()
        self.question = question
        self.params = params

    def compose(self) -> ComposeResult:
        game = self.game
        tr = game.tr
        base = f"game.{self.question}"
        if self.question == "quit":
            # With a store the run is saved and offered again on the next start: say so.
            text = "game.quit.text" if game.session.store is None else "game.quit.text_saved"
        else:
            text = f"{base}.text"
        with Vertical(id="quit--box", classes="modal--box"):
            yield Static(tr(f"{base}.title", **self.params), classes="modal--title")
            yield Static(tr(text, **self.params), id="quit--text", markup=False)
            with Horizontal(id="quit--buttons"):
                yield Button(tr(f"{base}.yes"), id="quit--yes", variant="error")
                yield Button(tr(f"{base}.no"), id="quit--no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit--yes")

    def action_leave(self) -> None:
        """Leave the game (y)."""
        self.dismiss(True)

    def action_stay(self) -> None:
        """Go back to the run (n, Esc)."""
        self.dismiss(False)
