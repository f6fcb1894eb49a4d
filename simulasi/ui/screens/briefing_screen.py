"""Briefing: role, situation, objectives, stakeholders and the rules of scoring, before the
clock starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from scoring.score import KEY_CAP, KEY_FLOOR
from simulasi.i18n import decimal
from simulasi.scenario import Scenario
from simulasi.store import StoreError
from simulasi.ui.literal import literal, reflow, visible
from simulasi.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from simulasi.ui.app import SimulasiApp

STYLES = Path(__file__).parent.parent / "styles"


class BriefingScreen(Screen[None]):
    """What the trainee needs to know before the first inject arrives."""

    CSS_PATH = STYLES / "briefing.tcss"
    AUTO_FOCUS = "#briefing--body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", show=False),
        Binding("escape", "back", show=False),
        Binding("f2", "switch_language", show=False),
        Binding("question_mark", "help", show=False),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        # `--lobby`: the last room command before this briefing opened; the first `start`
        # after it begins the run (None: no lobby, Enter begins).
        self.lobby_after: int | None = None

    @property
    def game(self) -> SimulasiApp:
        return cast("SimulasiApp", self.app)

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        doc = self.scenario.doc
        session = self.game.session
        yield Static(literal(doc.title), id="briefing--title")
        with VerticalScroll(id="briefing--body"):
            if doc.role:
                yield Static(tr("game.briefing.role"), classes="briefing--heading")
                yield Static(literal(doc.role), classes="briefing--text")
            yield Static(tr("game.briefing.situation"), classes="briefing--heading")
            yield Static(literal(reflow(doc.briefing)), classes="briefing--text")
            if doc.objectives:
                yield Static(tr("game.briefing.objectives"), classes="briefing--heading")
                yield Static(
                    Content("\n").join(literal(f"• {o}") for o in doc.objectives),
                    classes="briefing--text",
                )
            yield Static(tr("game.briefing.stakeholders"), classes="briefing--heading")
            yield Static(self._stakeholders(), classes="briefing--text")
            yield Static(tr("game.briefing.rules"), classes="briefing--heading")
            rules = (
                "game.briefing.rules_practice" if session.practice else "game.briefing.rules_timed"
            )
            lang = self.game.lang
            cap = decimal(doc.scoring.critical_cap, lang, None)
            mark = decimal(doc.scoring.pass_mark, lang, None)
            yield Static(tr(rules, pass_mark=mark, cap=cap), classes="briefing--text")
            if any(holder.is_key for holder in doc.stakeholders):
                # The key-stakeholder floor: one lost key player caps the impact.
                yield Static(
                    tr("game.briefing.rules_key", floor=f"{KEY_FLOOR:g}", key_cap=f"{KEY_CAP:g}"),
                    classes="briefing--text",
                )
        begin = ("…", tr("game.briefing.waiting")) if self._waits() else None
        yield KeyBar(
            [
                begin or ("Enter", tr("game.key.begin")),
                ("↑↓", tr("game.key.scroll")),
                ("Esc", tr("game.key.back")),
                ("F2", tr("game.key.language")),
                ("?", tr("game.key.help")),
            ]
        )

    def _stakeholders(self) -> Content:
        tr = self.game.tr
        holders = self.scenario.doc.stakeholders
        width = min(34, max(len(visible(h.name)) for h in holders))
        lines = []
        for holder in holders:
            name = visible(holder.name)
            name = name if len(name) <= width else name[: width - 1] + "…"
            key = ("  " + tr("game.briefing.key_player"), "bold") if holder.is_key else ""
            lines.append(
                Content.assemble(
                    name.ljust(width),
                    "  ",
                    (tr("game.briefing.trust", value=f"{holder.initial:g}"), "bold"),
                    key,
                )
            )
        return Content("\n").join(lines)

    def _waits(self) -> bool:
        session = self.game.session
        return session.lobby and session.store is not None and bool(session.trainee.workshop)

    def on_mount(self) -> None:
        if not self._waits():
            return
        store, workshop = self.game.session.store, self.game.session.trainee.workshop
        assert store is not None
        try:
            self.lobby_after = store.last_room_command(workshop)
        except StoreError:
            self.lobby_after = 0
        self.set_interval(1.0, self.poll_lobby)

    def poll_lobby(self) -> None:
        """In the lobby, once a second: a `start` from the room begins the run."""
        store, workshop = self.game.session.store, self.game.session.trainee.workshop
        if self.lobby_after is None or store is None or not self.is_current:
            return
        try:
            commands = store.room_commands(workshop, after=self.lobby_after)
        except StoreError:
            return  # out of reach a moment: asked again in a second
        if any(command.kind == "start" for command in commands):
            self.lobby_after = None
            self._begin()

    def action_begin(self) -> None:
        """Start the clock and play (Enter); in the lobby, the room starts it."""
        if self.lobby_after is not None:
            return
        self._begin()

    def _begin(self) -> None:
        from simulasi.ui.screens.play_screen import PlayScreen

        self.game.switch_screen(PlayScreen(self.scenario))

    def action_back(self) -> None:
        """Back to the scenario list (Esc)."""
        self.game.pop_screen()

    async def action_switch_language(self) -> None:
        """Switch between Bahasa Indonesia and English (F2)."""
        session = self.game.session
        session.lang = "en" if session.lang == "id" else "id"
        await self.recompose()

    def action_help(self) -> None:
        """Show the keys of the game (?)."""
        from simulasi.ui.screens.help_modal import HelpModal

        self.game.push_screen(HelpModal())
