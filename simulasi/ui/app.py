"""SimulasiApp: Home -> Briefing -> Play -> Debrief -> Home, keyboard first, 80x24 and up."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from simulasi.i18n import t
from simulasi.ui.session import Session

STYLES = Path(__file__).parent / "styles"

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class SimulasiApp(App[None]):
    """The game. The session carries the scenarios, the trainee and the clock factory."""

    # Home's styles come with the app's: it is the first screen, and a screen's own CSS_PATH
    # would have Textual parse the stylesheet and restyle every widget once more before the
    # first frame. The other screens bring their own file when they are first shown.
    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "base.tcss", STYLES / "home.tcss"]
    # The command palette and Textual's own footer speak English only: every text a trainee
    # reads comes from our catalogue, so both are off and screens show a KeyBar instead.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", show=False, priority=True),
        Binding("ctrl+c", "quit", show=False, priority=True),
        Binding("f3", "toggle_theme", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.theme = DARK_THEME

    @property
    def lang(self) -> str:
        return self.session.lang

    def tr(self, key: str, **params: object) -> str:
        """The text of `key` in the session's language."""
        return t(key, self.session.lang, **params)

    def get_default_screen(self) -> Screen[None]:
        """Home is the first screen on the stack (not pushed over an empty one: that would be
        a screen composed, styled and drawn for nothing before the first frame)."""
        from simulasi.ui.screens.home_screen import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.title = "simulasi"

    async def action_quit(self) -> None:
        """Quit; in the middle of a run, ask first."""
        from simulasi.ui.screens.play_screen import PlayScreen

        screen = self.screen
        if isinstance(screen, PlayScreen) and not screen.run.ended:
            screen.action_quit()
            return
        self.exit()

    def watch_app_focus(self, focus: bool) -> None:
        """The app got the keyboard back: if no widget has focus, give it to the screen's
        first field (`AUTO_FOCUS`).

        Served to a browser, Textual's web driver starts the app blurred, before Home is
        composed: Home's AUTO_FOCUS is skipped and nothing had focus to restore, so the first
        key (Tab) only focused the list and typed letters went nowhere."""
        if not focus or not self.screen_stack:
            return
        screen = self.screen
        if screen.focused is not None or not screen.AUTO_FOCUS:
            return
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable:
                screen.set_focus(widget, scroll_visible=False, from_app_focus=True)
                return

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme (F3)."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def ring(self) -> None:
        """Ring the terminal bell if the trainee has not turned it off."""
        if self.session.bell:
            self.bell()
