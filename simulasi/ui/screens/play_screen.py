"""Play: the inbox, the selected inject and its choices, the meters and the feed, under the
clock. The screen owns the run; the app's clock factory gives it its clock.

Every engine call is committed to the store (when the session has one) before its consequence
is shown: `_commit` sits between the engine and `_handle`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Static

from simulasi.engine import (
    DecisionAnswered,
    DecisionArrived,
    DecisionTimedOut,
    Happening,
    Record,
    Run,
    UpdateArrived,
)
from simulasi.scenario import Choice, Scenario
from simulasi.store import Recorder, StoreError
from simulasi.store.room import RoomCommand, room_paused
from simulasi.ui.literal import visible
from simulasi.ui.screens.base import STYLES, GameScreen
from simulasi.ui.widgets.choice_list import ChoiceList, ChoiceMade
from simulasi.ui.widgets.feed import Feed
from simulasi.ui.widgets.inbox import Inbox
from simulasi.ui.widgets.inject_view import InjectView, Scroller
from simulasi.ui.widgets.key_bar import KeyBar
from simulasi.ui.widgets.meters import Meters
from simulasi.ui.worldclock import event_time, world_time

#: Redraws a second: the clock is read at each one (the issue asks for 4-10 Hz).
TICK_HZ = 5
#: Real seconds an arrival notice stays: long enough to read, short enough not to pile up.
NOTICE_SECONDS = 4
#: Scenario seconds between two `clock` records: a resumed run loses at most this much time.
MARK_SECONDS = 5.0
#: Below this many rows the choices sit closer together (`-compact`), so more of them show.
COMPACT_ROWS = 32
#: The smallest window the game is played in: below it the game pauses itself (logged like
#: any pause) and says how large the window must be, and resumes once it is large enough.
MIN_SIZE = (80, 24)
#: Keys the key bar leaves out (the bell first) when the line is wider than the terminal:
#: the help lists them, and the message's border says when there is more to read below.
OPTIONAL_KEYS = ("b", "↑↓")
#: While an update is read, only the bell may go (the arrows read on through it).
READING_OPTIONAL_KEYS = ("b",)


class PlayScreen(GameScreen[None]):
    """One run of one scenario."""

    CSS_PATH = STYLES / "play.tcss"
    # Nothing takes the focus: the screen's keys scroll the message and its choices.
    AUTO_FOCUS = ""
    # Below COMPACT_ROWS rows the choices sit closer together (`-compact`). (Textual declares
    # this attribute without ClassVar, so it is overridden the same way.)
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-compact"),
        (COMPACT_ROWS, "-roomy"),
    ]
    #: Is the clock stopped (p, the help, a question, the room, a small window)? The screen
    #: carries the class `-paused` meanwhile (the message and its choices are hidden).
    paused: var[bool] = var(False, toggle_class="-paused")
    #: What the message area shows: the decision or update, the choices on offer, the update
    #: being read. The area is drawn again only when this changes (`watch_inject_key`).
    inject_key: var[tuple[object, ...] | None] = var(None, init=False)
    #: Nothing to answer: the key bar offers the skip instead of the number keys.
    idle: var[bool] = var(False, init=False)
    #: Some update has arrived: the key bar offers `u`.
    has_news: var[bool] = var(False, init=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
        # Tab moves through the inbox; the arrows read on through the message, then its
        # choices (one reading order, as if they were one page); PgUp/PgDn page.
        Binding("shift+tab,k", "select(-1)", show=False, priority=True),
        Binding("tab,j", "select(1)", show=False, priority=True),
        Binding("down", "read(1)", show=False),
        Binding("up", "read(-1)", show=False),
        Binding("pagedown", "read_page(1)", show=False),
        Binding("pageup", "read_page(-1)", show=False),
        Binding("p", "pause", show=False),
        Binding("b", "toggle_bell", show=False),
        Binding("f", "finish", show=False),
        Binding("space,n", "skip_ahead", show=False),
        Binding("u", "read_updates", show=False),
        Binding("q", "quit", show=False),
        Binding("escape", "back", show=False),
    ]

    def __init__(
        self,
        scenario: Scenario,
        recorder: Recorder | None = None,
        *,
        trainee_name: str | None = None,
        workshop: str | None = None,
        time_scale: float | None = None,
        team: str | None = None,
        agency: str | None = None,
    ) -> None:
        """Play `scenario` from its start, or continue the stored run of `recorder`."""
        super().__init__()
        self.scenario = scenario
        # Replaced in on_mount, once the session (practice or not) can be read from the app.
        self.run: Run = recorder.run if recorder is not None else Run(scenario, history=True)
        self.recorder = recorder
        self._resumed = recorder is not None
        self._marked = 0.0  # the scenario second of the last `clock` record
        # Who plays and for which workshop: the stored run's, when it is resumed.
        self._who = (trainee_name, workshop)
        self._from = (team, agency)
        self._time_scale = time_scale
        self.trainee_name = ""
        self.workshop = ""
        self.team = ""
        self.agency = ""
        self.selected: str | None = None
        self._timer: Timer | None = None
        self.offered: list[Choice] = []  # the choices on keys 1-9, as shown
        # What is mounted: the selected message and its choices, or the latest update and
        # no choices (None while neither is shown).
        self._parts: tuple[InjectView, ChoiceList | None] | None = None
        # The store refused a record: from then on nothing is applied or shown as accepted.
        self._failed = False
        # Reading the updates that have arrived (u), newest first: the one shown instead of
        # the selected decision (None: not reading).
        self.reading: str | None = None
        # The room (the facilitator's console): ticks counted to poll once a second, and the
        # last room command this run applied (None until the first poll reads it).
        self._room_ticks = 0
        self._room_seq: int | None = None
        # Why the game paused itself (the help or a question open, the window too small):
        # it resumes once none is left. Empty when the trainee paused (p) or nothing did.
        self._holds: set[str] = set()
        self._notice_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        scenario = self.scenario
        yield Static("", id="play--header")
        with Horizontal(id="play--body"):
            with Vertical(id="play--side"):
                yield Static(tr("game.play.inbox"), classes="play--heading")
                yield Inbox(scenario, self.game.lang, id="play--inbox")
                yield Static(tr("game.play.meters"), classes="play--heading")
                yield Meters(scenario, self.game.lang, id="play--meters")
                # The latest arrival or timeout, in the layout (never over anything).
                yield Static("", id="play--notice")
                yield Static(tr("game.play.feed"), classes="play--heading")
                with VerticalScroll(id="play--feed-box"):
                    yield Feed(scenario, self.game.lang, id="play--feed")
            with Vertical(id="play--main"):
                yield Static(tr("game.play.waiting"), id="play--waiting")
                yield Static(tr("game.play.paused_note"), id="play--paused")
                yield Vertical(id="play--inject")
        yield KeyBar(self._keys(), optional=OPTIONAL_KEYS, id="play--keys")

    def watch_idle(self) -> None:
        self._update_keys()

    def watch_has_news(self) -> None:
        self._update_keys()

    def _update_keys(self) -> None:
        optional = OPTIONAL_KEYS if self.reading is None else READING_OPTIONAL_KEYS
        self.query_one("#play--keys", KeyBar).set_keys(self._keys(), optional=optional)

    def _keys(self) -> list[tuple[str, str]]:
        tr = self.game.tr
        if self.reading is not None:
            # Reading an update: the number keys do nothing until the trainee is back.
            keys = [
                ("u", tr("game.key.older_update")),
                ("Esc", tr("game.key.back_to_decision")),
                ("↑↓", tr("game.key.scroll")),
            ]
        elif self.idle:
            # Nothing to answer: the number keys do nothing, the skip is what helps.
            keys = [(tr("game.key.space"), tr("game.key.skip")), ("↑↓", tr("game.key.scroll"))]
            if self.has_news:
                keys.append(("u", tr("game.key.updates")))
        else:
            keys = [
                ("1-9", tr("game.key.choose")),
                ("Tab", tr("game.key.decision")),
                ("↑↓", tr("game.key.scroll")),
            ]
            if self.has_news:
                keys.append(("u", tr("game.key.updates")))
        keys.append(("p", tr("game.key.resume" if self.is_paused else "game.key.pause")))
        if self.run.practice:
            keys.append(("f", tr("game.key.finish")))
        keys.append(
            ("b", tr("game.key.bell_off" if self.game.session.bell else "game.key.bell_on"))
        )
        keys += [("?", tr("game.key.help")), ("q", tr("game.key.quit"))]
        return keys

    # ------------------------------------------------------------------ the clock

    def on_mount(self) -> None:
        session = self.game.session
        name, workshop = self._who
        scale = session.time_scale if self._time_scale is None else self._time_scale
        self.trainee_name = session.trainee.name if name is None else name
        self.workshop = session.trainee.workshop if workshop is None else workshop
        team, agency = self._from
        self.team = session.trainee.team if team is None else team
        self.agency = session.trainee.agency if agency is None else agency
        if self._resumed:
            # Same inbox and deadlines: the clock continues at the second the run reached.
            self.clock = session.clock_factory(scale, self.run.now)
            self.clock.pause()  # it stands still while the room is read
            self._marked = self.run.now
            toggles = [r.kind for r in self.run.log if r.kind in ("pause", "resume")]
            left_paused = bool(toggles) and toggles[-1] == "pause"
            if self._room_was_paused():
                # Left during the room's pause: it comes back held by the room, and goes
                # on with the room's resume (applied in order with any it missed).
                self._hold_for_room(log=not left_paused)
            elif left_paused:
                # Left while paused (the quit question pauses): the game comes back
                # running, and the log says so.
                self.clock.resume()
                self._handle(self._commit(self.run.resume(self.clock.now())))
            else:
                self.clock.resume()
        else:
            # The seed of the order the choices are shown in: drawn now, logged at the start.
            seed = session.seed_source()
            self.run = Run(self.scenario, practice=session.practice, history=True, seed=seed)
            self.clock = session.clock_factory(scale, 0.0)
            happenings = self.run.start(self.clock.now(), room=self._room_baseline())
            if session.store is not None:
                trainee = session.trainee
                try:
                    self.recorder = Recorder.start(
                        session.store,
                        self.run,
                        trainee=trainee.name,
                        team=trainee.team,
                        agency=trainee.agency,
                        workshop=trainee.workshop,
                        time_scale=scale,
                        seat=session.seat,
                    )
                except StoreError as exc:
                    self._store_failed(exc)
                    return
            self._handle(happenings)
            if self._room_was_paused():  # begun in a paused room: held until it resumes
                self._hold_for_room(log=True)
        self._update_keys()  # the run of this session is known now (practice: `f`)
        self.refresh_view()
        self._timer = self.set_interval(1 / TICK_HZ, self.tick)
        self._check_size()

    def on_resize(self) -> None:
        self._check_size()
        if not self._failed and self.run.started and not self.run.ended:
            self._draw_header(max(self.run.now, 0.0))

    def _check_size(self) -> None:
        """Below MIN_SIZE the game pauses itself and says how large the window must be."""
        if self._failed or self.run.ended or not self.run.started:
            return
        width, height = self.app.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and "size" not in self._holds:
            self.hold("size")
        elif not small and "size" in self._holds:
            self.release("size")
        self._draw_paused_note()

    def hold(self, reason: str) -> None:
        """Stop the clock for `reason` (logged as a pause); a game the trainee paused stays
        as it is, and is not resumed by `release`."""
        if self._failed or self.run.ended:
            return
        if not self.is_paused:
            self._set_paused(True)
            if self._failed:
                return
            self._holds.add(reason)
        elif self._holds:
            self._holds.add(reason)
        self._draw_paused_note()

    def release(self, reason: str) -> None:
        """`reason` no longer holds the game: the last one to go resumes it (logged)."""
        if reason not in self._holds:
            return
        self._holds.discard(reason)
        if not self._holds and self.is_paused and not self._failed and not self.run.ended:
            self._set_paused(False)
        if not self._failed and not self.run.ended:
            self._draw_paused_note()

    def _draw_paused_note(self) -> None:
        if "size" in self._holds:
            width, height = self.app.size
            note = self.game.tr(
                "game.play.too_small",
                min_w=MIN_SIZE[0],
                min_h=MIN_SIZE[1],
                w=width,
                h=height,
            )
        elif "room" in self._holds:  # the facilitator paused the room
            note = self.game.tr("game.play.room_note")
        elif self._holds:  # the help or a question is open: closing it resumes
            note = self.game.tr("game.play.held_note")
        else:
            note = self.game.tr("game.play.paused_note")
        self.query_one("#play--paused", Static).update(note)

    def _commit(self, happenings: list[Happening]) -> list[Happening]:
        """Put the records of the last engine call on disk; only then may they be shown."""
        if self.recorder is not None:
            try:
                self.recorder.commit()
            # The store converts errors of BEGIN/COMMIT; a failing INSERT (disk full, I/O
            # error) still reaches us as sqlite3.Error.
            except (StoreError, sqlite3.Error) as exc:
                self._store_failed(exc)
                return []
        return happenings

    def _store_failed(self, exc: StoreError | sqlite3.Error) -> None:
        """The disk refused a record: stop here and say so, rather than play on unrecorded."""
        self._failed = True
        if self._timer is not None:
            self._timer.stop()
        self.recorder = None
        reason = exc.message(self.game.lang) if isinstance(exc, StoreError) else str(exc)
        message = self.game.tr("game.store.failed", reason=reason)
        # A Text, so a path with brackets in the reason is printed as it is, not as markup.
        self.game.exit(return_code=2, message=Text(message))

    def leave(self) -> None:
        """Quit mid-run: keep the second reached, so the run resumes there next time, and
        let go of the run (any game may resume it at once)."""
        self.mark_time()
        if self._failed:
            return  # the failure's exit (code 2 and its line) stands
        if self.recorder is not None:
            with contextlib.suppress(StoreError):
                self.recorder.release()
        self.game.exit()

    def mark_time(self) -> None:
        """Log the second the run reached (`clock` record), so a resumed run continues there."""
        if self._failed or self.recorder is None or self.run.ended or not self.run.started:
            return
        now = max(self.clock.now(), self.run.now)
        self._handle(self._commit(self.run.advance(now, record=True)))
        self._marked = now

    @property
    def is_paused(self) -> bool:
        return self.paused

    def tick(self) -> None:
        """Read the clock, let the run catch up, redraw what changed."""
        if self._failed:
            return
        if self.recorder is not None and not self.run.ended:
            try:  # the lease's heartbeat, also while paused
                self.recorder.keep_alive()
            except StoreError as exc:
                self._store_failed(exc)
                return
            self._room_ticks += 1
            if self._room_ticks % TICK_HZ == 1:  # once a second, also while paused
                self.apply_room()
        if self._failed or self.run.ended or self.is_paused:
            return
        now = self.clock.now()
        mark = self.recorder is not None and now - self._marked >= MARK_SECONDS
        happenings = self.run.advance(now, record=mark)
        if mark:
            self._marked = now
        self._handle(self._commit(happenings))
        self.refresh_view()

    # ------------------------------------------------------------------ the room

    def _room_baseline(self) -> int | None:
        """The last room command of the workshop before this run starts (not for this run)."""
        store = self.game.session.store
        if store is None or not self.workshop:
            return None
        try:
            return store.last_room_command(self.workshop)
        except StoreError:
            return None

    def _room_was_paused(self) -> bool:
        """Whether the room was paused as of the last room command this run knows (the last
        one it applied, or the one before it began). The commands after it are applied in
        order at the next poll."""
        store = self.game.session.store
        if self._failed or self.recorder is None or store is None or not self.workshop:
            return False
        try:
            applied = [r.room for r in self.run.log if r.room is not None]
            # A run from before the room: only what is issued from now on is for it.
            upto = max(applied) if applied else store.last_room_command(self.workshop)
            commands = store.room_commands(self.workshop)
        except StoreError:
            return False  # out of reach a moment: the first poll reads the room again
        self._room_seq = upto
        return room_paused(c for c in commands if c.seq <= upto)

    def _hold_for_room(self, *, log: bool) -> None:
        """Hold the game for the room's pause (`log`: the run is not paused in its log yet)."""
        self.clock.pause()
        if log:
            self._handle(self._commit(self.run.pause(max(self.clock.now(), self.run.now))))
            if self._failed:
                return
        self.paused = True
        self._holds.add("room")
        self._draw_paused_note()

    def apply_room(self) -> None:
        """Apply, in order, the room's commands issued after the last one this run applied
        (read from its own log, so a resumed or reconnected game catches up)."""
        if self._failed or self.recorder is None or not self.workshop or self.run.ended:
            return
        store = self.recorder.store
        try:
            if self._room_seq is None:
                applied = [r.room for r in self.run.log if r.room is not None]
                # A run from before the room: only what is issued from now on is for it.
                self._room_seq = max(applied) if applied else store.last_room_command(self.workshop)
            commands = store.room_commands(self.workshop, after=self._room_seq)
        except StoreError:
            return  # the store is out of reach a moment: read again at the next poll
        for command in commands:
            if self._failed or self.run.ended:
                return
            self._apply_command(command)
            self._room_seq = command.seq

    def _apply_command(self, command: RoomCommand) -> None:
        """Log one room command in the run (its number in `room`), then show it."""
        run, seq = self.run, command.seq
        if command.kind == "pause":
            # The room holds the game like the help does: `p` cannot undo it, and it goes on
            # only when the room resumes and nothing else holds it.
            if not self.is_paused:
                # The clock stops first: the time the record takes to reach the disk is part
                # of the pause, so the room's resume is logged at the pause's second.
                self.clock.pause()
                self._handle(self._commit(run.pause(max(self.clock.now(), run.now), room=seq)))
                if self._failed:
                    return
                self.paused = True
            self._holds.add("room")
            self._draw_paused_note()
        elif command.kind == "resume":
            if "room" in self._holds:
                self._holds.discard("room")
                if not self._holds and self.is_paused:
                    now = max(self.clock.now(), run.now)  # the second the clock stopped at
                    self.clock.resume()
                    self._handle(self._commit(run.resume(now, room=seq)))
                    if self._failed:
                        return
                    self.paused = False
                self._draw_paused_note()
        elif command.kind == "message":
            now = max(self.clock.now(), run.now)
            self._handle(self._commit(run.message(now, command.payload, room=seq)))
            if not self._failed:
                self.game.notify(
                    visible(command.payload),
                    title=self.game.tr("game.notify.room"),
                    markup=False,
                    timeout=NOTICE_SECONDS * 3,
                )
        elif command.kind == "end":
            self._handle(self._commit(run.finish(max(self.clock.now(), run.now), room=seq)))
            return
        else:
            return  # `start` is for games waiting in the lobby
        if not self._failed and not run.ended:
            self._update_keys()
            self.refresh_view()

    def _handle(self, happenings: list[Happening]) -> None:
        if self._failed:
            return
        tr = self.game.tr
        rang = False
        # One notice at a time, the latest: several would pile up over the inbox and the
        # meters at 80x24 (a notice is posted, not shown at once: only the last one goes).
        notice: tuple[str, str, Literal["information", "warning"]] | None = None
        for happening in happenings:
            # New messages are announced (and ring); a timeout only warns.
            if isinstance(happening, DecisionArrived):
                notice = (happening.event, tr("game.notify.arrived"), "information")
                rang = True
            elif isinstance(happening, UpdateArrived):
                notice = (happening.event, tr("game.notify.update"), "information")
                rang = True
            elif isinstance(happening, DecisionTimedOut):
                title = tr("game.notify.timed_out")
                if happening.event == self.selected:
                    # The message on screen is gone: say so, and what is shown instead.
                    following = [p.event for p in self.run.pending]
                    if following:
                        name = self.scenario.events[following[0]]
                        title = tr(
                            "game.notify.timed_out_next", next=visible(name.title or name.id)
                        )
                notice = (happening.event, title, "warning")
        if rang:
            self.game.ring()
        if self.run.ended:
            self._show_debrief()  # notices about a run that is over would cover the debrief
        elif notice is not None:
            self._notice(*notice)

    def _notice(
        self, event_id: str, title: str, severity: Literal["information", "warning"] = "information"
    ) -> None:
        """The latest arrival or timeout, in a status line of its own between the meters and
        the feed: it replaces the one before and covers nothing (notices over the screen
        piled up on the inbox and the meters at 80x24). Gone after NOTICE_SECONDS."""
        event = self.scenario.events[event_id]
        line = self.query_one("#play--notice", Static)
        line.update(Content.assemble((title, "bold"), "\n", visible(event.title or event.id)))
        line.set_class(severity == "warning", "-warning")
        line.display = True
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(NOTICE_SECONDS, self._clear_notice)

    def _clear_notice(self) -> None:
        self.query_one("#play--notice", Static).display = False

    @property
    def notice(self) -> str:
        """The status line's text ("" when none is shown)."""
        line = self.query_one("#play--notice", Static)
        return str(line.visual) if line.display else ""

    def _show_debrief(self) -> None:
        from simulasi.ui.screens.debrief_screen import DebriefScreen

        if self._timer is not None:
            self._timer.stop()
        # The run can end under the help or the quit question: close them first, so the
        # debrief replaces this screen and not the modal.
        while self.game.screen is not self and len(self.game.screen_stack) > 1:
            self.game.pop_screen()
        # Notices of the last moments (an arrival, a timeout) are about a run that is over.
        self.game.clear_notifications()
        who = (self.trainee_name, self.team, self.agency)
        self.game.switch_screen(DebriefScreen(self.run, workshop=self.workshop, trainee=who))

    # ------------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        """Redraw header, inbox, inject, meters and feed for the clock's current time."""
        run = self.run
        if self._failed or run.ended:
            return
        now = max(run.now, 0.0)
        pending = run.pending
        ids = [p.event for p in pending]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        idle = not pending and not self.is_paused
        feed = run.feed
        news = self._updates(feed)
        self.idle, self.has_news = idle, bool(news)  # the key bar follows (watchers)
        self._draw_header(now)
        self.query_one(Inbox).show(pending, self.selected, now)
        self.query_one(Meters).show(run.meters)
        self.query_one(Feed).show(feed)
        self._draw_inject(feed, news)

    def _draw_header(self, now: float) -> None:
        """Title · name · clock [· LATIHAN] [· JEDA]: the clock and the labels are never cut;
        when the line is too long the title is shortened first, then the name."""
        tr = self.game.tr
        sep = "  ·  "
        tail: list[str | tuple[str, str]] = [sep, (world_time(self.scenario, now), "bold")]
        if self.run.practice:
            tail += [sep, (tr("game.play.practice"), "bold")]
        if self.is_paused:
            tail += [sep, (tr("game.play.paused"), "bold reverse")]
        title = visible(self.scenario.title)
        name = visible(self.trainee_name or tr("game.play.anonymous"))
        header = self.query_one("#play--header", Static)
        width = header.content_size.width or max(self.app.size.width - 2, 0)
        room = width - sum(cell_len(p if isinstance(p, str) else p[0]) for p in tail)
        room -= cell_len(sep)
        # The name keeps up to 24 cells while the title shrinks (to 12 at least); then the
        # name shrinks too.
        name_room = min(cell_len(name), max(room - 12, 24, 0))
        name = _cut(name, max(min(name_room, room - 1), 1))
        title = _cut(title, max(room - cell_len(name), 1))
        parts: list[str | tuple[str, str]] = [(title, "bold"), sep, name, *tail]
        header.update(Content.assemble(*parts))

    def _draw_inject(self, feed: list[Record], news: list[tuple[str, float]]) -> None:
        selected = self.selected
        # The choices on offer, in the order this run shows them (keys 1-9 follow it).
        available = self.run.shown_choices(selected) if selected else []
        reading = self.reading
        latest = news[0] if news and selected is None else None
        # Redrawn only when what it shows changes: a new update counts only while updates are
        # read (its heading numbers them), not under a decision the trainee may be scrolling.
        self.inject_key = (
            selected or latest,
            tuple(available),
            reading,
            len(news) if reading else 0,
        )

    def watch_inject_key(self) -> None:
        """Draw the message area anew: what it shows has changed."""
        selected, reading = self.selected, self.reading
        news = self._updates(self.run.feed)
        available = self.run.shown_choices(selected) if selected else []
        latest = news[0] if news and selected is None else None
        box = self.query_one("#play--inject", Vertical)
        box.remove_children()
        # The latest update, when there is one, takes the room of the "nothing waiting" note
        # (the inbox says it is empty).
        self.query_one("#play--waiting").display = (
            selected is None and latest is None and reading is None
        )
        self.offered = []
        self._parts = None
        if reading is not None:
            # An update that has arrived, read in full while decisions wait (u): what the
            # decisions need may be in it. No choices are on the keys meanwhile.
            place = [update for update, _ in news].index(reading)
            update_id, at = news[place]
            label = Static(
                self.game.tr("game.play.reading", n=place + 1, total=len(news)),
                classes="play--heading",
            )
            when = event_time(self.scenario, update_id, at)
            view = InjectView(self.scenario.events[update_id], when, self.game.lang)
            view.add_class("-reading")  # no choices under it: the body may take more room
            box.mount(label, view)
            self._parts = (view, None)
            return
        if selected is None:
            if latest is not None:
                # Nothing to answer: the latest news can be read in full meanwhile (the feed
                # and the notice only name it).
                update, at = self.scenario.events[latest[0]], latest[1]
                label = Static(self.game.tr("game.play.latest_update"), classes="play--heading")
                when = event_time(self.scenario, update.id, at)
                shown = InjectView(update, when, self.game.lang)
                box.mount(label, shown)
                self._parts = (shown, None)
            return
        event = self.scenario.events[selected]
        arrived = next(p.arrived for p in self.run.pending if p.event == selected)
        choices = [self.scenario.choices[(selected, c)] for c in available][:9]
        self.offered = choices
        tr = self.game.tr
        heading = tr("game.play.choices" if choices else "game.play.no_choices")
        inject = InjectView(event, event_time(self.scenario, selected, arrived), self.game.lang)
        listing = ChoiceList(choices, heading, tr("game.play.more_choices"))
        box.mount(inject, listing)
        self._parts = (inject, listing)

    def _updates(self, feed: list[Record]) -> list[tuple[str, float]]:
        """The updates (not decisions) that have arrived, newest first, with their times."""
        events = self.scenario.events
        found = []
        for record in reversed(feed):
            event = events.get(record.event or "")
            if record.kind == "arrive" and event is not None and not event.is_decision:
                found.append((event.id, record.at))
        return found

    # ------------------------------------------------------------------ reading

    @on(Scroller.Changed)
    def _scrolled(self) -> None:
        self._update_hints()

    def _update_hints(self) -> None:
        """Say where more is below the fold: in the message's bottom edge, under the choices."""
        if self._parts is None:
            return
        inject, listing = self._parts
        if (scroller := inject.scroller) is not None:
            more = scroller.more_below
            inject.border_subtitle = self.game.tr("game.play.more_text") if more else ""
        if listing is not None and (scroller := listing.scroller) is not None:
            listing.show_more(scroller.more_below)

    def _reading_order(self) -> list[Scroller]:
        """The message's scrolling area, then the choices' (once they are composed)."""
        if self._parts is None:
            return []
        scrollers = [part.scroller for part in self._parts if part is not None]
        return [scroller for scroller in scrollers if scroller is not None]

    def action_read(self, lines: int) -> None:
        """Read on (down) or back (up): the message first, then its choices."""
        if self.is_paused:
            return
        order = self._reading_order()
        if lines < 0:
            order.reverse()
        for scroller in order:
            if (lines > 0 and scroller.more_below) or (lines < 0 and scroller.scroll_y > 0):
                scroller.scroll_relative(y=lines, animate=False)
                return

    def action_read_page(self, pages: int) -> None:
        """A page of the choices (PgDn, PgUp); of the message once the choices are at
        their end or start."""
        if self.is_paused:
            return
        # The choices first: they are what a page key is for.
        order = list(reversed(self._reading_order()))
        for scroller in order:
            if pages > 0 and scroller.more_below:
                scroller.scroll_page_down(animate=False)
                return
            if pages < 0 and scroller.scroll_y > 0:
                scroller.scroll_page_up(animate=False)
                return

    # ------------------------------------------------------------------ actions

    def action_choose(self, number: int) -> None:
        """Answer the selected decision with the choice on key `number` (1-9), as shown."""
        if (
            self._failed
            or self.is_paused
            or self.run.ended
            or self.selected is None
            or self.reading is not None
        ):
            return
        choices = self.offered
        if not 1 <= number <= len(choices):
            return
        event_id, choice = self.selected, choices[number - 1]
        now = self.clock.now()
        # Time runs to `now` first: the decision may have timed out a moment ago.
        self._handle(self._commit(self.run.advance(now)))
        if self._failed or self.run.ended or not self.run.is_pending(event_id):
            self.refresh_view()
            return
        if choice.id not in self.run.shown_choices(event_id):
            self.refresh_view()
            return
        happenings = self._commit(self.run.choose(event_id, choice.id, now))
        answered = any(isinstance(h, DecisionAnswered) for h in happenings)
        if answered and self.scenario.doc.feedback == "immediate" and choice.feedback.strip():
            self.game.clear_notifications()
            self.game.notify(
                visible(choice.feedback.strip()),
                title=self.game.tr("game.notify.feedback"),
                markup=False,
                timeout=12,
            )
        self._handle(happenings)
        self.refresh_view()

    @on(ChoiceMade)
    def _clicked(self, message: ChoiceMade) -> None:
        self.action_choose(message.number)

    def action_select(self, step: int) -> None:
        """Select the next (Tab) or previous (Shift+Tab) decision in the inbox."""
        if self.reading is not None and not self.is_paused:
            # Back from the updates to the decision that was selected.
            self._stop_reading()
            return
        ids = [p.event for p in self.run.pending]
        if not ids or self.is_paused:
            return
        index = ids.index(self.selected) if self.selected in ids else 0
        self.selected = ids[(index + step) % len(ids)]
        self.refresh_view()

    def action_read_updates(self) -> None:
        """Read the updates that have arrived, newest first, while decisions wait (u); after
        the oldest, back to the selected decision."""
        if self.is_paused or self.run.ended:
            return
        news = self._updates(self.run.feed)
        if not news:
            return
        ids = [update for update, _ in news]
        following = 0 if self.reading not in ids else ids.index(self.reading) + 1
        if following >= len(ids):
            self._stop_reading()
            return
        self.game.clear_notifications()  # the notices named what is now read in full
        self.reading = ids[following]
        self._update_keys()
        self.refresh_view()

    def _stop_reading(self) -> None:
        self.reading = None
        self._update_keys()
        self.refresh_view()

    def action_pause(self) -> None:
        """Stop the clock and hide the inject and choices; press again to resume (p)."""
        if self._failed or self.run.ended or self._holds:
            return
        self._set_paused(not self.is_paused)

    def _set_paused(self, paused: bool) -> None:
        """Pause or resume the run, logged (the engine's pause/resume records) before shown."""
        if paused:
            # The clock stops first: the time the record takes to reach the disk is part of
            # the pause, not of the scenario (the resume is logged at the pause's second).
            self.clock.pause()
            self._handle(self._commit(self.run.pause(max(self.clock.now(), self.run.now))))
            if self._failed:
                return
            self.paused = True
        else:
            now = max(self.clock.now(), self.run.now)  # the second the clock stopped at
            self.clock.resume()
            self._handle(self._commit(self.run.resume(now)))
            if self._failed:
                return
            self.paused = False
        self._update_keys()
        self.refresh_view()

    def action_skip_ahead(self) -> None:
        """Nothing to answer: go straight to the next arrival instead of waiting for it
        (Space, n). Only the wait is shorter: with no decision pending there is no deadline,
        drift or speed to change, and every arrival keeps its scenario time."""
        run = self.run
        if self._failed or run.ended or self.is_paused or run.pending:
            return
        arrival = run.next_arrival()
        if arrival is None or arrival <= self.clock.now():
            return
        # The notices so far are about what is already in the feed; kept, they would pile up
        # over the inbox and meters as the trainee skips from one arrival to the next.
        self.game.clear_notifications()
        self.clock.skip_to(arrival)
        self.tick()

    def action_toggle_bell(self) -> None:
        """Turn the bell for new messages off or on (b)."""
        session = self.game.session
        session.bell = not session.bell
        self.game.notify(
            self.game.tr("game.notify.bell_on" if session.bell else "game.notify.bell_off")
        )
        self._update_keys()

    def action_finish(self) -> None:
        """Practice mode: I'm done; what is still pending expires (f), once confirmed."""
        from simulasi.ui.screens.quit_modal import QuitModal

        if self._failed or not self.run.practice or self.run.ended:
            return
        self.game.clear_notifications()
        self.hold("question")

        def finish(confirmed: bool | None) -> None:
            self.release("question")
            if confirmed and not self._failed and not self.run.ended:
                self._handle(self._commit(self.run.finish(self.clock.now())))

        self.game.push_screen(QuitModal(question="finish"), finish)

    def action_help(self) -> None:
        """Show the keys of the game (?); the clock stops while they are shown."""
        from simulasi.ui.screens.help_modal import HelpModal

        self.game.clear_notifications()
        self.hold("help")
        self.game.push_screen(HelpModal(), lambda _: self.release("help"))

    def action_back(self) -> None:
        """Esc: back from reading an update to the decision; otherwise as q."""
        if self.reading is not None and not self.is_paused:
            self._stop_reading()
            return
        self.action_quit()

    def action_quit(self) -> None:
        """Ask before leaving a run that has not ended (q, Esc); the clock stops meanwhile."""
        from simulasi.ui.screens.quit_modal import QuitModal

        if isinstance(self.game.screen, QuitModal):
            return  # already asked (ctrl+q under the question)
        self.game.clear_notifications()  # notices would cover the question at 80x24
        self.hold("question")

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.leave()
            else:
                self.release("question")

        self.game.push_screen(QuitModal(), leave)

    def action_quit_game(self) -> None:
        """Ctrl+Q: in the middle of a run, ask first (as q does)."""
        if self.run.ended:
            self.game.exit()
        else:
            self.action_quit()


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in … when shortened."""
    if cell_len(text) <= width:
        return text
    kept = ""
    for char in text:
        if cell_len(kept + char) > width - 1:
            break
        kept += char
    return kept.rstrip() + "…"
