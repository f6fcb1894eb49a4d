"""SimulasiApp: Home -> Briefing -> Play -> Debrief -> Home, keyboard first, 80x24 and up."""

from __future__ import annotations

import os
import sqlite3
from pathlib import PurePath
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from simulasi.guard import shown
from simulasi.i18n import t
from simulasi.ui.screens.base import STYLES
from simulasi.ui.session import Session

LIGHT_THEME = "simulasi-light"
DARK_THEME = "simulasi-dark"

#: The game's two themes: Textual's, with colours dark (light theme) or light (dark theme)
#: enough that every text meets WCAG AA (4.5:1) on the backgrounds it is drawn on, also on a
#: projector (tests/ui/test_contrast.py measures each screen).
THEMES = (
    Theme(
        name=LIGHT_THEME,
        primary="#004578",
        secondary="#0178D4",
        accent="#8f4700",
        warning="#7a4f00",
        error="#a0203f",
        success="#1d6b35",
        foreground="#141414",
        background="#EDEDED",
        surface="#E4E4E4",
        panel="#D6D6D6",
        dark=False,
        variables={"block-cursor-background": "#004578"},
    ),
    Theme(
        name=DARK_THEME,
        primary="#005a9e",
        secondary="#004578",
        accent="#ffb44f",
        warning="#ffb44f",
        error="#ff7a93",
        success="#5fd384",
        foreground="#e8e8e8",
        dark=True,
        variables={"block-cursor-background": "#005a9e"},
    ),
)


#: Exit codes of the game (as of every command): a store that cannot keep the results is the
#: trainee's environment (2), anything else uncaught is a bug of ours (70).
EXIT_STORE = 2
EXIT_INTERNAL = 70


class SimulasiApp(App[None]):
    """The game. The session carries the scenarios, the trainee and the clock factory.

    Its exit contract: a store failure ends the game with one plain line and exit 2, an
    uncaught exception with one plain line and exit 70 (Textual's traceback, which shows local
    values such as trainee names, only with SIMULASI_DEBUG=1). The first failure decides the
    exit: quitting afterwards, or an error of a screen that was being closed, changes neither
    the code nor the line. The line is `exit_line`, printed by `simulasi play` once the
    terminal is restored (plain, never wrapped by Rich).
    """

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
        # Once for every screen: the help is the screen's (Play stops its clock meanwhile),
        # the theme the app's.
        Binding("question_mark", "screen.help", show=False),
        Binding("f3", "toggle_theme", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK_THEME
        self.failed = False  # a failure has set the exit code and its line
        self.exit_line: str | None = None

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Exit; after a failure, only the failure's code and line count."""
        if self.failed:
            return
        if return_code != 0:
            self.failed = True
            if message is not None:
                self.exit_line = message.plain if isinstance(message, Text) else str(message)
                message = None
        super().exit(result, return_code, message)

    def _handle_exception(self, error: Exception) -> None:
        """An exception nothing caught: one plain line and exit 2 (the store failed) or 70
        (a bug); Textual's own report, with its traceback, only with SIMULASI_DEBUG=1."""
        if os.environ.get("SIMULASI_DEBUG"):
            super()._handle_exception(error)
            self._return_code = EXIT_STORE if _store_failure(error) else EXIT_INTERNAL
            return
        if not self.failed:
            self.failed = True
            if _store_failure(error):
                code, line = EXIT_STORE, self.tr("game.store.failed", reason=_reason(error, self))
            else:
                code = EXIT_INTERNAL
                line = t("err.internal", self.lang, error=shown(f"{type(error).__name__}: {error}"))
            self._return_code = code
            self.exit_line = line
        self._exit = True
        self._exception_event.set()  # what a test's Pilot waits on; nothing is re-raised
        self._close_messages_no_wait()

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
        """Quit, as the screen on top says (its `quit_game`: in the middle of a run, it asks
        first); a screen without one (a question) leaves at once."""
        if not await self.run_action("screen.quit_game"):
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


def _store_failure(error: BaseException) -> bool:
    """Is this the store refusing (or failing to keep) a record?"""
    from simulasi.store import StoreError

    return isinstance(error, (StoreError, sqlite3.Error))


def _reason(error: BaseException, app: SimulasiApp) -> str:
    from simulasi.store import StoreError

    if isinstance(error, StoreError):
        return error.message(app.lang)
    return shown(str(error))
