"""The console's Textual app: the roster (a worker thread reads the store every second; the
UI thread only draws), the room's controls, the help and the projector view."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.render import measure
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Digits, Input, Static
from textual.worker import get_current_worker

from simulasi.console.roster import SORTS, Roster, RosterRow, arrange, rankings
from simulasi.i18n import decimal, t
from simulasi.store import StoreError
from simulasi.store.room import room_paused as paused_after

if TYPE_CHECKING:
    from simulasi.store.interface import ResultsStore

#: Seconds between two reads of the roster (the issue: at least every second).
REFRESH_SECONDS = 1.0
#: The roster's columns: what needs the facilitator's eye first, so that at 80 columns only
#: the facts that tell trainees apart (team, scenario, agency) are scrolled to.
COLUMNS = (
    "trainee",
    "state",
    "answered",
    "red_line",
    "urgent",
    "total",
    "team",
    "scenario",
    "agency",
)
#: Widths of the text columns: 60 trainees stay readable at 120 columns.
WIDTHS = {"trainee": 20, "team": 12, "agency": 16, "scenario": 18}


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # a name is one line, whatever was typed
    return text if len(text) <= width else text[: width - 1] + "…"


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def total_text(value: float | None, lang: str) -> str:
    """A total for people: a decimal comma in Indonesian, a point in English."""
    return decimal(value, lang, none="-")


def room_paused(store: ResultsStore, workshop: str) -> bool:
    """Whether the room's last pause/resume command was a pause."""
    return paused_after(store.room_commands(workshop))


class ConsoleApp(App[int]):
    """`simulasi console`: the room of one workshop, live."""

    TITLE = "simulasi console"
    CSS = """
    #console--header { height: auto; padding: 0 1; background: $boost; }
    #console--table { height: 1fr; }
    #console--empty { padding: 1 2; }
    #console--keys { height: auto; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", show=False),
        Binding("p", "pause", show=False),
        Binding("e", "end", show=False),
        Binding("m", "message", show=False),
        Binding("v", "projector", show=False),
        Binding("o", "sort", show=False),
        Binding("f", "filter", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "quit", show=False),
    ]

    def __init__(
        self,
        store: ResultsStore,
        workshop: str,
        *,
        lang: str = "id",
        opener: Callable[[], ResultsStore] | None = None,
        issued_by: str = "",
    ) -> None:
        """`store`: for the commands; `opener`: opens the store again for the reading
        thread (None: no thread, the roster is read when `refresh_roster` is called)."""
        super().__init__()
        self.store = store
        self.workshop = workshop
        self.lang = lang
        self._opener = opener
        self._issued_by = issued_by
        self._wake = threading.Event()
        self.rows: list[RosterRow] = []
        self.shown: list[RosterRow] = []
        self.sort = SORTS[0]
        self.scenario: str | None = None
        self.paused = False
        self.error: str | None = None
        self._roster = Roster(store, workshop)

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def compose(self) -> ComposeResult:
        yield Static("", id="console--header")
        yield Static(self.tr("console.empty"), id="console--empty")
        yield DataTable(id="console--table", zebra_stripes=True, cursor_type="row")
        yield Static("", id="console--keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in COLUMNS:
            table.add_column(self.tr(f"console.col.{key}"), key=key, width=WIDTHS.get(key))
        self._draw()
        if self._opener is not None:
            self._watch()

    def on_unmount(self) -> None:
        self._wake.set()

    # ------------------------------------------------------------------ reading

    @work(thread=True, exclusive=True, group="roster")
    def _watch(self) -> None:
        """Read the roster every second on a connection of this thread, hand it to the UI."""
        assert self._opener is not None
        worker = get_current_worker()
        try:
            store = self._opener()
        except StoreError as exc:
            self.call_from_thread(self.show_rows, None, False, exc.message(self.lang))
            return
        try:
            roster = Roster(store, self.workshop)
            while not worker.is_cancelled:
                try:
                    rows, paused, error = roster.read(), room_paused(store, self.workshop), None
                except StoreError as exc:
                    rows, paused, error = None, self.paused, exc.message(self.lang)
                if worker.is_cancelled:
                    break
                try:
                    self.call_from_thread(self.show_rows, rows, paused, error)
                except RuntimeError:  # the app is closing
                    break
                self._wake.wait(REFRESH_SECONDS)
        finally:
            store.close()

    def refresh_roster(self) -> None:
        """Read the roster now, on the UI thread (the tests; the thread does it live)."""
        try:
            rows = self._roster.read()
            paused = room_paused(self.store, self.workshop)
        except StoreError as exc:
            self.show_rows(None, self.paused, exc.message(self.lang))
            return
        self.show_rows(rows, paused, None)

    def show_rows(self, rows: list[RosterRow] | None, paused: bool, error: str | None) -> None:
        """Draw a roster read (None: the read failed; the last one stays, with the error)."""
        if rows is not None:
            self.rows = rows
        self.paused = paused
        self.error = error
        self._draw()

    # ------------------------------------------------------------------ drawing

    def _draw(self) -> None:
        tr = self.tr
        rows = self.rows
        counts = {state: sum(1 for r in rows if r.state == state) for state in _STATE_KEYS}
        header = Text()
        header.append(tr("console.title", workshop=self.workshop), "bold")
        if self.paused:
            header.append("   ")
            header.append(f" {tr('console.room_paused')} ", "bold reverse")
        header.append("\n" + tr("console.counts", total=len(rows), **counts))
        scenario = self.scenario if self.scenario is not None else tr("console.filter_all")
        header.append(
            "\n"
            + tr("console.sorted", sort=tr(f"console.sort.{self.sort}"))
            + " · "
            + tr("console.filter", scenario=scenario)
        )
        if self.error:
            header.append("\n" + tr("console.store_error", reason=self.error), "bold")
        self.query_one("#console--header", Static).update(header)
        self.shown = arrange(rows, self.sort, self.scenario)
        self.query_one("#console--empty").display = not self.shown
        table = self.query_one(DataTable)
        table.display = bool(self.shown)
        self._fill(table)
        if self.shown and not table.has_focus and self.screen is table.screen:
            table.focus()  # the arrows, PgUp/PgDn, Home/End scroll the roster
        pause_key = "console.key.resume" if self.paused else "console.key.pause"
        keys = [
            ("s", tr("console.key.start")),
            ("p", tr(pause_key)),
            ("e", tr("console.key.end")),
            ("m", tr("console.key.message")),
            ("v", tr("console.key.projector")),
            ("o", tr("console.key.sort")),
            ("f", tr("console.key.filter")),
            ("?", tr("console.key.help")),
            ("q", tr("console.key.quit")),
        ]
        bar = Text()
        for key, label in keys:  # one line at 120 columns (in both languages)
            bar.append(f" {key} ", "bold reverse")
            bar.append(f" {label} ")
        self.query_one("#console--keys", Static).update(bar)

    def _fill(self, table: DataTable[Text | str]) -> None:
        """Put the shown rows in the table, every second: the columns fit what is shown now,
        and the cursor and the view stay where the facilitator left them."""
        cursor, scroll_x, scroll_y = table.cursor_row, table.scroll_x, table.scroll_y
        # clear() moves the cursor to the top (its watcher would then scroll the view to
        # wherever the cursor is, even off the rows a mouse wheel scrolled to): not a move.
        table.set_reactive(DataTable.cursor_coordinate, Coordinate(0, 0))
        table.clear()  # keeps the columns, and scrolls to the top-left
        for column in table.columns.values():
            if column.auto_width:  # else as wide as the widest cell it ever showed
                column.content_width = measure(self.console, column.label, 1)
        for row in self.shown:
            table.add_row(*self._cells(row), key=row.run_id)
        if self.shown:
            row_index = min(cursor, len(self.shown) - 1)
            table.set_reactive(DataTable.cursor_coordinate, Coordinate(row_index, 0))
            table.scroll_to(scroll_x, scroll_y, animate=False, immediate=True)

    def _cells(self, row: RosterRow) -> list[Text | str]:
        tr = self.tr
        red = Text(tr("console.red_line.yes"), "bold red") if row.red_line else Text("-")
        total = total_text(row.total, self.lang)
        if row.passed is not None:
            total += " " + ("✓" if row.passed else "✗")
        return [
            _cut(row.trainee, WIDTHS["trainee"]),
            tr(f"console.state.{row.state}"),
            f"{row.answered}/{row.arrived}" if row.has_run else "-",
            red,
            _clock(row.urgent),
            total,
            _cut(row.team, WIDTHS["team"]),
            _cut(row.scenario_title, WIDTHS["scenario"]),
            _cut(row.agency, WIDTHS["agency"]),
        ]

    # ------------------------------------------------------------------ the room

    def _issue(self, kind: str, payload: str = "") -> bool:
        try:
            self.store.issue_command(self.workshop, kind, payload, issued_by=self._issued_by)
        except StoreError as exc:
            self.notify(exc.message(self.lang), severity="error", markup=False)
            return False
        self.notify(self.tr(f"console.sent.{kind}"), markup=False)
        return True

    def action_start(self) -> None:
        """Start the games waiting in the lobby, together (s)."""
        self._issue("start")

    def action_pause(self) -> None:
        """Pause every game of the workshop, or resume them (p)."""
        kind = "resume" if self.paused else "pause"
        if self._issue(kind):
            self.paused = kind == "pause"
            self._draw()

    def action_end(self) -> None:
        """End the exercise for everyone, once confirmed (e)."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._issue("end")

        self.push_screen(ConfirmEnd(self.lang), confirmed)

    def action_message(self) -> None:
        """A message to everyone (m)."""

        def send(text: str | None) -> None:
            if text and text.strip():
                self._issue("message", text.strip())

        self.push_screen(MessageInput(self.lang), send)

    def action_projector(self) -> None:
        self.push_screen(Projector(self))

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._draw()

    def action_filter(self) -> None:
        ids = sorted({r.scenario_id for r in self.rows})
        options: list[str | None] = [None, *ids]
        index = options.index(self.scenario) if self.scenario in options else 0
        self.scenario = options[(index + 1) % len(options)]
        self._draw()

    def action_help(self) -> None:
        self.push_screen(ConsoleHelp(self.lang))

    async def action_quit(self) -> None:
        self._wake.set()
        self.exit(0)


_STATE_KEYS = ("lobby", "briefing", "playing", "paused", "finished", "disconnected", "abandoned")


class ConfirmEnd(ModalScreen[bool]):
    """Ending the exercise cannot be undone: y ends it, n or Esc does not."""

    DEFAULT_CSS = """
    ConfirmEnd { align: center middle; }
    ConfirmEnd > Vertical { width: 70; height: auto; border: thick $error; padding: 1 2;
        background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t("console.confirm.end", self.lang), "bold"))
            yield Static("")
            yield Static(
                t("console.confirm.yes", self.lang) + "    " + t("console.confirm.no", self.lang)
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class MessageInput(ModalScreen[str | None]):
    """The text of a message to everyone: Enter sends it, Esc does not."""

    DEFAULT_CSS = """
    MessageInput { align: center middle; }
    MessageInput > Vertical { width: 76; height: auto; border: thick $accent; padding: 1 2;
        background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("console.message.prompt", self.lang))
            yield Input(max_length=280, id="console--message")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConsoleHelp(ModalScreen[None]):
    """The console's keys."""

    DEFAULT_CSS = """
    ConsoleHelp { align: center middle; }
    ConsoleHelp > Vertical { width: 84; height: auto; max-height: 100%; border: thick $accent;
        padding: 0 2; background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        text = Text()
        text.append(t("console.help.title", lang) + "\n\n", "bold")
        for key in ("s", "p", "e", "m", "v", "o", "f", "q"):
            text.append(f" {key} ", "bold reverse")
            text.append(f"  {t(f'console.help.{key}', lang)}\n")
        text.append(" ? ", "bold reverse")
        text.append(f"  {t('console.help.close', lang)}")
        with Vertical():
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)


class Projector(Screen[None]):
    """For the room's projector: one ranking per scenario in big digits; names or teams only
    (n), for privacy. It follows the roster as it refreshes."""

    DEFAULT_CSS = """
    Projector { background: $background; }
    #projector--title { height: auto; padding: 0 2; text-style: bold; }
    .projector--scenario { height: auto; padding: 1 2 0 2; text-style: bold; color: $accent; }
    .projector--row { height: 3; layout: horizontal; padding: 0 2; }
    .projector--rank { width: 8; }
    .projector--name { width: 1fr; content-align: left middle; text-style: bold; }
    .projector--total { width: auto; min-width: 14; }
    #projector--keys { dock: bottom; height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "names", show=False),
        Binding("escape,v", "back", show=False),
        Binding("q", "back", show=False),
    ]

    def __init__(self, console: ConsoleApp) -> None:
        super().__init__()
        self.console = console
        self.names = True
        self._key: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="projector--title")
        yield VerticalScroll(id="projector--list")
        yield Static("", id="projector--keys")

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(REFRESH_SECONDS, self.redraw)

    def redraw(self) -> None:
        lang, console = self.console.lang, self.console
        ranked = rankings(console.rows)
        key = (self.names, tuple((title, tuple(r for r in rows)) for title, _, rows in ranked))
        if key == self._key:
            return
        self._key = key
        shown = t("console.projector.names" if self.names else "console.projector.teams", lang)
        self.query_one("#projector--title", Static).update(
            t("console.projector.title", lang, workshop=console.workshop) + f"  ·  {shown}"
        )
        box = self.query_one("#projector--list", VerticalScroll)
        box.remove_children()
        parts: list[Static | Vertical] = []
        if not ranked:
            parts.append(Static(t("console.projector.empty", lang), classes="projector--scenario"))
        for title, mark, rows in ranked:
            mark_text = "-" if mark is None else f"{mark:g}"
            parts.append(
                Static(
                    t("console.projector.scenario", lang, title=title, mark=mark_text),
                    classes="projector--scenario",
                )
            )
            for place, row in enumerate(rows, 1):
                who = row.trainee if self.names else row.team
                who = _cut(who or row.team or row.trainee, 40)
                if row.red_line:  # as on the scoreboard: ranked below the runs without one
                    who += "  !"
                line = Vertical(
                    Digits(str(place), classes="projector--rank"),
                    Static(Text(who), classes="projector--name"),
                    Digits(
                        total_text(row.total or 0.0, self.console.lang), classes="projector--total"
                    ),
                    classes="projector--row",
                )
                parts.append(line)
        box.mount_all(parts)
        keys = Text()
        for k, label in (("n", "console.key.names"), ("v", "console.key.back")):
            keys.append(f" {k} ", "bold reverse")
            keys.append(f" {t(label, lang)}  ")
        self.query_one("#projector--keys", Static).update(keys)

    def action_names(self) -> None:
        self.names = not self.names
        self.redraw()

    def action_back(self) -> None:
        self.dismiss(None)
