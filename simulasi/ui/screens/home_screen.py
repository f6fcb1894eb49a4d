"""Home: pick a scenario, say who you are, and go to its briefing; or continue a run the
game was closed in the middle of (the store keeps it).

Home is the game's first frame, so it paints before the scenarios are loaded: the list says
it is loading, a thread worker loads the files (importing the scenario models on the way) and
the list is filled when it is done. Until then Enter does nothing, and the unfinished runs are
offered only once the list is there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.reactive import var
from textual.widgets import Input, OptionList, Static
from textual.worker import Worker, WorkerState

from simulasi.ui.literal import literal, visible
from simulasi.ui.screens.base import GameScreen
from simulasi.ui.screens.resume_modal import ResumeModal
from simulasi.ui.session import ScenarioEntry, load_entries, remember, remembered_entries
from simulasi.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from simulasi.store import StoredRun, Unfinished
    from simulasi.ui.recent import Recent

_FIELDS = ("name", "team", "agency", "workshop")
_MAX_DIAGNOSTICS = 8


class HomeScreen(GameScreen[None]):
    """The scenario list, the selected scenario's details and the trainee's form.

    Its styles (`home.tcss`) are loaded with the app's, see `SimulasiApp.CSS_PATH`."""

    AUTO_FOCUS = "#home--list"
    #: The highlighted scenario's summary and objectives (or why it cannot be played), as
    #: shown: the pane is updated only when the text changes (an update lays out and draws
    #: the screen again). Text and styles change together: the styles follow the text.
    detail: var[Content | str] = var("", init=False)
    #: The runs finished last (F5), scored by a worker after the first frame.
    _recent: tuple[Recent, ...] = ()
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "switch_language", show=False),
        Binding("f4", "offer_unfinished", show=False),
        Binding("f5", "recent", show=False),
        Binding("escape", "app.quit", show=False),
        # Priority: the list would take PgUp/PgDn to jump to its first or last scenario.
        Binding("pagedown", "read_detail(1)", show=False, priority=True),
        Binding("pageup", "read_detail(-1)", show=False, priority=True),
        # Priority: handled the moment the key arrives, so letters that come in the same
        # instant (a slow connection to `simulasi serve` delivers keys in bursts) reach the
        # field Tab moved to, not the one it left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        game = self.game
        tr = game.tr
        session = game.session
        if session.to_load is not None and session.cache is not None:
            # Files unchanged since the last start: the list is there in the first frame.
            remembered = remembered_entries(session.to_load, session.cache)
            if remembered is not None:
                session.entries, session.to_load = remembered, None
        yield Static(tr("game.home.title"), id="home--title")
        with Vertical(id="home--body"):
            yield Static(tr("game.home.pick"), classes="home--label")
            loading = Static(tr("game.home.loading"), id="home--loading")
            loading.display = self.scenarios_loading
            yield loading
            # One OptionList, not a ListView of items: a widget per scenario would cost the
            # first frame a style, layout and render pass each.
            yield OptionList(
                *(self._entry_line(e) for e in game.session.entries), id="home--list", markup=False
            )
            detail = VerticalScroll(id="home--detail")
            # Not in the focus chain: Tab goes from the list straight to the name, as the key
            # bar says; PgUp/PgDn scroll the detail from anywhere on Home.
            detail.can_focus = False
            with detail:
                yield Static(self.detail, id="home--summary")
            with Grid(id="home--form"):
                trainee = game.session.trainee
                for field in _FIELDS:
                    yield Static(tr(f"game.home.{field}"), classes="home--field-label")
                    yield Input(
                        getattr(trainee, field),
                        placeholder=tr(f"game.home.{field}_hint"),
                        id=f"home--{field}",
                        classes="home--input",
                        # Served to a browser, the workshop is the facilitator's to set.
                        disabled=field == "workshop" and bool(session.seat),
                    )
        yield KeyBar(self._keys(), optional=("F5",), id="home--keys")

    def _keys(self) -> list[tuple[str, str]]:
        tr = self.game.tr
        keys = [("↑↓", tr("game.key.pick")), ("Tab", tr("game.key.form"))]
        keys += [("Enter", tr("game.key.start")), ("F2", tr("game.key.language"))]
        more = []
        if self._unfinished_count():
            more.append(("F4", tr("game.key.unfinished")))
        if self._recent:
            more.append(("F5", tr("game.key.recent")))
        if more:
            # 80 columns hold one more key only if Tab (as everywhere) is not spelled out.
            keys = [k for k in keys if k[0] != "Tab"] + more
        return [*keys, ("?", tr("game.key.help")), ("Esc", tr("game.key.quit"))]

    def _set_keys(self) -> None:
        # With both F4 and F5, 80 columns leave F5 to the help.
        self.query_one("#home--keys", KeyBar).set_keys(self._keys(), optional=("F5",))

    @property
    def scenarios_loading(self) -> bool:
        """Are the scenarios still being loaded (the list is empty until then)?"""
        return self.game.session.to_load is not None

    def _unfinished_count(self) -> int:
        store = self.game.session.store
        if store is None:
            return 0
        from simulasi.store import StoreError

        try:
            seat = self.game.session.seat
            return len(store.unfinished_runs_of_seat(seat) if seat else store.unfinished_runs())
        except StoreError:
            return 0

    def _entry_line(self, entry: ScenarioEntry) -> Content:
        tr = self.game.tr
        facts = entry.facts
        if facts is None:
            return Content.assemble(
                ("✗ ", "bold $text-error"),
                visible(entry.path.name),
                ("  " + tr("game.home.broken", n=len(entry.load().errors)), "$text-error"),
            )
        size = f"  {tr('game.home.facts', n=facts.decisions, minutes=facts.minutes)}"
        # One line each: a long title is shortened (with …) before the facts would wrap.
        title = Content(visible(facts.title))
        room = self._line_width() - 2 - cell_len(size)
        if title.cell_length > room:
            title = title.truncate(max(room, 1), ellipsis=True)
        return Content.assemble(("• ", "bold"), title, (size, "$text-muted"))

    def _line_width(self) -> int:
        """The cells a scenario's line has in the list (less the option's padding)."""
        listing = self.query_one_optional("#home--list", OptionList)
        if listing is not None and listing.size.width:
            return listing.scrollable_content_region.width - 2
        # Not laid out yet (the first frame): the screen less the body's and option's padding,
        # and the scrollbar of a list longer than its 8 rows.
        scrollbar = 2 if len(self.game.session.entries) > 8 else 0
        return self.app.size.width - 4 - scrollbar

    @on(Resize)
    def _fit_lines(self) -> None:
        """Shorten (or lengthen) the titles to the list's new width."""
        listing = self.query_one_optional("#home--list", OptionList)
        if listing is None:  # being composed again (F2)
            return
        for index, entry in enumerate(self.game.session.entries[: listing.option_count]):
            line = self._entry_line(entry)
            if str(listing.get_option_at_index(index).prompt) != line.plain:
                listing.replace_option_prompt_at_index(index, line)

    def on_mount(self) -> None:
        self._lang = self.game.lang
        self._show_detail(0)
        session = self.game.session
        if session.to_load is None:
            self._ready()
        else:
            # After the first frame: the trainee sees Home at once, the list follows.
            self.call_after_refresh(self._load, list(session.to_load))
        self.call_after_refresh(self._read_recent)

    @work(thread=True, exit_on_error=False, group="home-load")
    def _load(self, paths: list[Path]) -> list[ScenarioEntry]:
        """Load the scenario files (a thread: the screen stays responsive meanwhile) and
        remember what Home shows of them for the next start."""
        entries = load_entries(paths)
        cache = self.game.session.cache
        if cache is not None:
            remember(entries, cache)
        return entries

    def _read_recent(self) -> None:
        """Read the runs finished last (here: the store's connection is this thread's) and
        leave their scoring to a worker."""
        store = self.game.session.store
        if store is None:
            return
        from simulasi.store import StoreError
        from simulasi.ui.recent import read_recent

        try:
            known = tuple(result.info.id for result in self._recent)
            runs = read_recent(store, self.game.session.seat, known)
        except StoreError as exc:
            self.game.notify(exc.message(self.game.lang), severity="error")
            return
        if runs:
            self._score_recent(runs, self.game.lang)
        elif runs is not None and self._recent:
            self._recent = ()
            self._set_keys()

    @work(thread=True, exit_on_error=False, group="home-recent", exclusive=True)
    def _score_recent(self, runs: list[StoredRun], lang: str) -> list[Recent]:
        """Replay and score the recent results (a thread: scoring is not for the first frame)."""
        from simulasi.ui.recent import score_recent

        return score_recent(runs, lang)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "home-recent" and event.state == WorkerState.SUCCESS:
            self._recent = tuple(cast("list[Recent]", event.worker.result))
            self._set_keys()
            return
        if event.worker.group not in ("home-load", "home-recent"):
            return
        if event.state == WorkerState.ERROR:
            # A bug of ours (a file that cannot be read is skipped, a broken one listed):
            # one line and exit 70, as `simulasi` says any internal error.
            from rich.text import Text

            from simulasi.i18n import t

            error = event.worker.error
            line = t("err.internal", self.game.lang, error=f"{type(error).__name__}: {error}")
            self.game.exit(return_code=70, message=Text(line))
            return
        if event.state != WorkerState.SUCCESS:
            return
        entries = cast("list[ScenarioEntry]", event.worker.result)
        session = self.game.session
        session.entries = entries
        listing = self.query_one("#home--list", OptionList)
        listing.add_options(self._entry_line(e) for e in entries)
        self.query_one("#home--loading", Static).display = False
        session.to_load = None  # loaded and listed
        listing.highlighted = 0 if entries else None
        self._show_detail(0)
        self._ready()

    def _ready(self) -> None:
        """The list is there: go straight back into a run (`--resume`), or offer the
        unfinished ones."""
        session = self.game.session
        if session.resume_latest:
            # `play --resume`: straight back into the most recent unfinished run.
            session.resume_latest = False
            runs = self._unfinished()
            if runs:
                self._resume(runs[0].info.id)
            else:
                self.game.notify(self.game.tr("game.resume.none"), severity="warning")
            return
        self.action_offer_unfinished(quiet=True)

    def _unfinished(self) -> list[Unfinished]:
        store = self.game.session.store
        if store is None:
            return []
        from simulasi.store import StoreError

        try:
            # In a served game (a browser's seat), only that browser's own runs.
            return store.unfinished(self.game.session.seat or None)
        except StoreError as exc:
            self.game.notify(exc.message(self.game.lang), severity="error")
            return []

    def action_offer_unfinished(self, quiet: bool = False) -> None:
        """List the unfinished runs to continue or abandon (F4; by itself on start)."""
        runs = self._unfinished()
        if not runs:
            if not quiet:
                self.game.notify(self.game.tr("game.resume.none"))
            return
        self.game.push_screen(ResumeModal(runs), self._unfinished_chosen)

    async def _unfinished_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        what, run_id = choice
        if what == "resume":
            self._resume(run_id)
            return
        from simulasi.store import StoreError

        store = self.game.session.store
        assert store is not None  # the modal is only offered with a store
        try:
            store.abandon_run(run_id)
        except StoreError as exc:
            self.game.notify(exc.message(self.game.lang), severity="error")
            return
        self.game.notify(self.game.tr("game.resume.abandoned"))
        await self._recompose_keeping_place()
        self.action_offer_unfinished(quiet=True)

    def _resume(self, run_id: str) -> None:
        """Open Play on a stored run: its stored scenario text, inbox and deadlines."""
        from simulasi.engine import Run
        from simulasi.store import Recorder, StoreError
        from simulasi.ui.screens.play_screen import PlayScreen

        game = self.game
        store = game.session.store
        assert store is not None
        try:
            info, scenario, stored_run = store.resume(run_id)
        except StoreError as exc:
            game.notify(exc.message(game.lang), severity="error")
            return
        # Replayed with history, so the debrief draws the meters from the very start.
        run = Run.replay(scenario, stored_run.log, history=True)
        recorder = Recorder(store, info.id, run, len(run.log))
        game.push_screen(
            PlayScreen(
                scenario,
                recorder,
                trainee_name=info.trainee,
                team=info.team,
                agency=info.agency,
                workshop=info.workshop,
                time_scale=info.time_scale,
            )
        )

    async def on_screen_resume(self) -> None:
        # The language may have been switched on the briefing: speak it here too.
        if self._lang != self.game.lang:
            await self._recompose_keeping_place()
        else:  # a run may have been finished or left unfinished meanwhile
            self._set_keys()
        self.call_after_refresh(self._read_recent)
        # After a finished run the debrief has let go of who played: the form shows the
        # session's trainee (empty then), not the last person's identity.
        trainee = self.game.session.trainee
        for field in _FIELDS:
            box = self.query_one(f"#home--{field}", Input)
            if box.value.strip() != getattr(trainee, field):
                box.value = getattr(trainee, field)
        # Back on Home the trainee is choosing a scenario: ↑↓ move in the list (as the key
        # bar says), also when the briefing was opened with Enter in a field of the form.
        self.query_one("#home--list", OptionList).focus()

    async def _recompose_keeping_place(self) -> None:
        index = self._index()
        self._lang = self.game.lang
        await self.recompose()
        listing = self.query_one("#home--list", OptionList)
        if self.game.session.entries:
            listing.highlighted = index
        listing.focus()
        self._show_detail(index)

    @on(OptionList.OptionHighlighted, "#home--list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(event.option_index)

    def _index(self) -> int:
        """The place of the highlighted scenario in the list (0 when there is none)."""
        return self.query_one("#home--list", OptionList).highlighted or 0

    def _show_detail(self, index: int) -> None:
        entries = self.game.session.entries
        if not entries:
            self._set_detail("" if self.scenarios_loading else self.game.tr("game.home.none"))
            return
        entry = entries[min(index, len(entries) - 1)]
        self._set_detail(self._detail(entry))

    def _set_detail(self, detail: Content | str) -> None:
        self.detail = detail

    def watch_detail(self, detail: Content | str) -> None:
        self.query_one("#home--summary", Static).update(detail)

    def _detail(self, entry: ScenarioEntry) -> Content:
        tr, lang = self.game.tr, self.game.lang
        facts = entry.facts
        if facts is None:
            lines = [Content.styled(tr("game.home.broken_help", path=str(entry.path)), "bold")]
            errors = entry.load().errors
            lines += [literal(d.format(lang)) for d in errors[:_MAX_DIAGNOSTICS]]
            if len(errors) > _MAX_DIAGNOSTICS:
                lines.append(Content(tr("game.home.more", n=len(errors) - _MAX_DIAGNOSTICS)))
            return Content("\n").join(lines)
        lines = [literal(" ".join(facts.summary.split()))]
        if facts.objectives:
            lines += [Content(""), Content.styled(tr("game.home.objectives"), "bold")]
            lines += [Content("• ") + literal(" ".join(o.split())) for o in facts.objectives]
        return Content("\n").join(lines)

    @on(Input.Changed, ".home--input")
    def _typed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("home--")
        if field in _FIELDS:
            setattr(self.game.session.trainee, field, event.value.strip())

    @on(OptionList.OptionSelected, "#home--list")
    @on(Input.Submitted, ".home--input")
    def action_start(self) -> None:
        """Open the briefing of the highlighted scenario (Enter)."""
        from simulasi.ui.screens.briefing_screen import BriefingScreen

        game = self.game
        entries = game.session.entries
        if not entries:
            return
        entry = entries[self._index()]
        if not game.session.trainee.name:
            game.notify(game.tr("game.home.need_name"), severity="warning")
            self.query_one("#home--name", Input).focus()
            return
        try:
            # Known from the cache until now: the scenario is loaded in full here.
            scenario = entry.scenario
        except OSError as exc:
            game.notify(game.tr("game.home.unreadable", reason=exc.strerror), severity="error")
            return
        if scenario is None:
            game.notify(game.tr("game.home.cannot_start"), severity="error")
            self._show_detail(self._index())
            return
        game.push_screen(BriefingScreen(scenario))

    async def action_switch_language(self) -> None:
        """Switch between Bahasa Indonesia and English (F2)."""
        session = self.game.session
        session.lang = "en" if session.lang == "id" else "id"
        await self._recompose_keeping_place()

    def action_read_detail(self, pages: int) -> None:
        """Page through the highlighted scenario's summary and objectives (PgUp/PgDn)."""
        detail = self.query_one("#home--detail", VerticalScroll)
        if pages > 0:
            detail.scroll_page_down(animate=False)
        else:
            detail.scroll_page_up(animate=False)

    def action_recent(self) -> None:
        """List the runs finished last; one's debrief opens again (F5)."""
        from simulasi.ui.screens.recent_modal import RecentModal

        if not self._recent:
            self.game.notify(self.game.tr("game.recent.none"))
            return
        self.game.push_screen(RecentModal(list(self._recent)), self._recent_chosen)

    def _recent_chosen(self, result: Recent | None) -> None:
        """Open the chosen result's debrief, as recomputed from its log (read-only)."""
        from simulasi.ui.screens.debrief_screen import DebriefScreen

        if result is None or result.run is None or result.card is None:
            return
        info = result.info
        self.game.push_screen(
            DebriefScreen(
                result.run,
                result.card,
                workshop=info.workshop,
                trainee=(info.trainee, info.team, info.agency),
                reopened=True,
            )
        )
