"""The inbox: pending decisions soonest deadline first, each with a live countdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from simulasi.i18n import t
from simulasi.ui.format import gauge
from simulasi.ui.literal import visible
from simulasi.ui.worldclock import seconds_label

if TYPE_CHECKING:
    from simulasi.engine import Pending
    from simulasi.scenario import Scenario

URGENT_SECONDS = 30.0
URGENT_SHARE = 0.2
WARNING_SHARE = 0.5


def countdown_state(remaining: float, deadline: float) -> str:
    """`urgent`, `warning` or `calm`: how close a decision is to its deadline."""
    share = remaining / deadline if deadline > 0 else 0.0
    if remaining <= URGENT_SECONDS or share <= URGENT_SHARE:
        return "urgent"
    if share <= WARNING_SHARE:
        return "warning"
    return "calm"


def countdown_bar(remaining: float, deadline: float, width: int) -> str:
    """A bar of `width` cells, full when the decision arrives and empty at its deadline."""
    return gauge(remaining / deadline if deadline > 0 else 0.0, max(1, width))


class InboxItem(Vertical):
    """One pending decision: its title, then a countdown bar with the seconds left."""

    def __init__(self, pending: Pending, title: str, lang: str) -> None:
        super().__init__(classes="inbox--item")
        self.pending = pending
        self._title = title
        self._lang = lang
        self._now = pending.arrived
        self._number = 1
        self.selected = False

    def compose(self) -> ComposeResult:
        yield Static(Content(visible(self._title)), classes="inbox--title")
        yield Countdown()

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def show_time(self, now: float, number: int, selected: bool) -> None:
        """Redraw at scenario time `now`; `number` is the item's place (1-based)."""
        self._now, self._number, self.selected = now, number, selected
        if self.is_mounted:
            self._draw()

    def _draw(self) -> None:
        now, number = self._now, self._number
        self.set_class(self.selected, "-selected")
        title = self.query_one(".inbox--title", Static)
        title.update(Content.assemble((f"{number}. ", "bold"), visible(self._title)))
        countdown = self.query_one(Countdown)
        deadline = self.pending.deadline
        for state in ("urgent", "warning", "calm"):
            self.remove_class(f"-{state}")
        if deadline is None:  # practice: no timers
            countdown.update_text(t("game.inbox.no_timer", self._lang))
            return
        remaining = deadline - now
        total = deadline - self.pending.arrived
        state = countdown_state(remaining, total)
        self.add_class(f"-{state}")
        label = t(f"game.inbox.left_{state}", self._lang, seconds=seconds_label(remaining))
        countdown.show(remaining, total, label)


class Countdown(Static):
    """A countdown bar and the seconds left with their unit, which are never cut ("300 dtk",
    not "300"): the bar takes what is left of the width it is painted at. Painting computes it
    from the widget's size at that moment, so a width that changes between two ticks (a new
    item laid out, a selection moved, a class that changes the padding) never cuts the unit."""

    def __init__(self) -> None:
        super().__init__("", classes="inbox--countdown")
        self._shown: tuple[float, float, str] | None = None

    def show(self, remaining: float, total: float, label: str) -> None:
        self._shown = (remaining, total, label)
        self.update(self._content())

    def update_text(self, text: str) -> None:
        """A line without a timer (practice)."""
        self._shown = None
        self.update(Content(text))

    def render(self) -> RenderResult:
        return self._content() if self._shown is not None else super().render()

    def _content(self) -> Content:
        assert self._shown is not None
        remaining, total, label = self._shown
        width = max(1, (self.content_size.width or 24) - cell_len(label) - 1)
        return Content(f"{countdown_bar(remaining, total, width)} {label}")


class Inbox(Vertical):
    """The pending decisions; the selected one is marked `-selected`."""

    #: The pending decisions shown, in order: their items are mounted anew only when these
    #: change (the countdowns are redrawn at every tick).
    shown_ids: var[tuple[str, ...]] = var((), init=False)

    def __init__(self, scenario: Scenario, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scenario = scenario
        self._lang = lang
        self._pending: list[Pending] = []
        self._items: list[InboxItem] = []

    def compose(self) -> ComposeResult:
        yield Static(t("game.inbox.empty", self._lang), classes="inbox--empty")

    def show(self, pending: list[Pending], selected: str | None, now: float) -> None:
        """Show `pending` (already sorted by deadline) at time `now`, marking `selected`."""
        self._pending = pending
        self.shown_ids = tuple(p.event for p in pending)
        self.query_one(".inbox--empty").display = not pending
        self._redraw(selected, now)

    def watch_shown_ids(self) -> None:
        for item in self._items:
            item.remove()
        events = self._scenario.events
        self._items = [
            InboxItem(p, events[p.event].title or p.event, self._lang) for p in self._pending
        ]
        self.mount_all(self._items)

    def _redraw(self, selected: str | None, now: float) -> None:
        for number, item in enumerate(self._items, start=1):
            item.show_time(now, number, item.pending.event == selected)
