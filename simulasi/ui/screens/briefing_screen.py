"""Briefing: role, situation, objectives, stakeholders and the rules of scoring, before the
clock starts."""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from scoring.score import KEY_CAP, KEY_FLOOR
from simulasi.i18n import decimal
from simulasi.scenario import Scenario
from simulasi.store import HEARTBEAT_SECONDS, StoreError
from simulasi.store.room import Presence, room_started
from simulasi.ui.format import cut
from simulasi.ui.literal import literal, reflow, visible
from simulasi.ui.screens.base import STYLES, GameScreen
from simulasi.ui.widgets.key_bar import KeyBar


class BriefingScreen(GameScreen[None]):
    """What the trainee needs to know before the first inject arrives."""

    CSS_PATH = STYLES / "briefing.tcss"
    AUTO_FOCUS = "#briefing--body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", show=False),
        Binding("escape", "back", show=False),
        Binding("f2", "switch_language", show=False),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        # `--lobby`: the last room command before this briefing opened; the first `start`
        # after it begins the run (None: no lobby, or the room had already started: Enter
        # begins).
        self.lobby_after: int | None = None
        self.late = False  # `--lobby`, but the room had started before this briefing opened
        self._lobby_read = False
        self._gone = False  # its presence row was removed: the run started or it was left

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
        self._open_lobby()
        if self.lobby_after is not None:
            begin = ("…", tr("game.briefing.waiting"))
        else:
            begin = ("Enter", tr("game.key.begin_late" if self.late else "game.key.begin"))
        yield KeyBar(
            [
                begin,
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
            name = cut(name, width)
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

    def _open_lobby(self) -> None:
        """In the lobby, once: wait for the room's next `start`, unless the room is already
        under way (a `start` after its last `end`): a trainee who opens the briefing late reads
        it and begins with Enter, as without the lobby."""
        if self._lobby_read or not self._waits():
            return
        self._lobby_read = True
        store, workshop = self.game.session.store, self.game.session.trainee.workshop
        assert store is not None
        try:
            commands = store.room_commands(workshop)
        except StoreError:
            self.lobby_after = 0
            return
        if room_started(commands):
            self.late = True
            return
        self.lobby_after = commands[-1].seq if commands else 0

    def on_mount(self) -> None:
        if self._present():
            self.heartbeat()
            self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        if self.lobby_after is not None:
            self.set_interval(1.0, self.poll_lobby)

    def on_unmount(self) -> None:
        self._leave_presence()

    # ------------------------------------------------------------------ presence

    def _present(self) -> bool:
        """Whether this briefing shows in the room's console: a game of a workshop, stored."""
        session = self.game.session
        return session.store is not None and bool(session.trainee.workshop)

    def heartbeat(self) -> None:
        """Write (or refresh) this game's presence row: in the lobby or reading the briefing.
        A store out of reach a moment is asked again at the next heartbeat."""
        if not self._present() or self._gone:
            return
        session = self.game.session
        trainee, doc = session.trainee, self.scenario.doc
        assert session.store is not None
        presence = Presence(
            workshop=trainee.workshop,
            game=session.game,
            trainee=trainee.name,
            team=trainee.team,
            agency=trainee.agency,
            scenario_id=self.scenario.id,
            scenario_title=visible(doc.title),
            state="lobby" if self.lobby_after is not None else "briefing",
            updated_at=0.0,
        )
        with contextlib.suppress(StoreError):
            session.store.set_presence(presence)

    def _leave_presence(self) -> None:
        """The run starts or the trainee leaves: the game no longer waits on a briefing."""
        session = self.game.session
        if self._present() and not self._gone:
            self._gone = True
            assert session.store is not None
            with contextlib.suppress(StoreError):
                session.store.drop_presence(session.game)

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

        self._leave_presence()
        self.game.switch_screen(PlayScreen(self.scenario))

    def action_back(self) -> None:
        """Back to the scenario list (Esc)."""
        self._leave_presence()
        self.game.pop_screen()

    async def action_switch_language(self) -> None:
        """Switch between Bahasa Indonesia and English (F2)."""
        session = self.game.session
        session.lang = "en" if session.lang == "id" else "id"
        await self.recompose()
