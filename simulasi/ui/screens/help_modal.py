"""The keys of the game, in the trainee's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from simulasi.ui.screens.base import GameModal

#: (key, catalogue key of what it does), in the order a trainee needs them; a key that has a
#: name in the trainee's language (Space) is a catalogue key too.
KEYS = (
    ("↑ ↓", "game.help.pick"),
    ("Enter", "game.help.start"),
    ("1 … 9", "game.help.choose"),
    ("Tab  j k", "game.help.decision"),
    ("u", "game.help.updates"),
    ("↑ ↓ PgUp PgDn", "game.help.scroll"),
    ("p", "game.help.pause"),
    ("b", "game.help.bell"),
    ("f", "game.help.finish"),
    ("game.key.space_n", "game.help.skip"),
    ("F4  F5", "game.help.unfinished"),
    ("s", "game.help.scoreboard"),
    ("F2", "game.help.language"),
    ("F3", "game.help.theme"),
    ("?", "game.help.help"),
    ("q  Esc", "game.help.quit"),
)


class HelpModal(GameModal[None]):
    """A list of the keys; any of Esc, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        lines = [
            Content.assemble((_key(tr, key).ljust(15), "bold $text-accent"), tr(text))
            for key, text in KEYS
        ]
        with Vertical(id="help--box", classes="modal--box"):
            yield Static(tr("game.help.title"), classes="modal--title")
            yield Static(Content("\n").join(lines), id="help--keys")
            yield Static(tr("game.help.close"), classes="modal--hint")

    def action_close(self) -> None:
        """Close the help (Esc)."""
        self.dismiss(None)


def _key(tr: Callable[[str], str], key: str) -> str:
    return tr(key) if key.startswith("game.") else key
