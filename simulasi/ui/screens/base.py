"""What every screen of the game shares: the app as `game`, the styles folder, the help and
the quit key.

`?` and F3 are bound once, on the app: `?` runs the screen's `help` action (the keys of the
game; Play stops the clock meanwhile), F3 switches the theme. The quit keys (Ctrl+Q, Ctrl+C,
Esc on Home) run the screen's `quit_game` action: it leaves the game, unless the screen has
to ask first (a run in the middle). A modal has neither: `?` does nothing under a question,
and the quit keys leave at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from simulasi.ui.app import SimulasiApp

#: The stylesheets of the screens (`CSS_PATH`): a screen brings its own when first shown.
STYLES = Path(__file__).parent.parent / "styles"

ResultType = TypeVar("ResultType")


class GameScreen(Screen[ResultType]):
    """A full screen of the game."""

    @property
    def game(self) -> SimulasiApp:
        """The app, with the session and the catalogue (`tr`)."""
        return cast("SimulasiApp", self.app)

    def action_help(self) -> None:
        """Show the keys of the game (?)."""
        from simulasi.ui.screens.help_modal import HelpModal

        self.game.push_screen(HelpModal())

    def action_quit_game(self) -> None:
        """Leave the game (Ctrl+Q); a screen that must ask first says so here."""
        self.game.exit()


class GameModal(ModalScreen[ResultType]):
    """A question or a list over a screen of the game, in the modals' styles."""

    CSS_PATH = STYLES / "modals.tcss"

    @property
    def game(self) -> SimulasiApp:
        """The app, with the session and the catalogue (`tr`)."""
        return cast("SimulasiApp", self.app)
