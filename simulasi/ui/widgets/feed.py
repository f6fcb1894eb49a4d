"""The feed: updates and past decisions with their world-clock time, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from simulasi.i18n import t
from simulasi.ui.literal import visible
from simulasi.ui.worldclock import event_time, world_time

if TYPE_CHECKING:
    from simulasi.engine import Record
    from simulasi.scenario import Scenario


class Feed(Static):
    """What happened so far, one line each, newest on top."""

    #: How many records are shown: the feed is drawn again only when one was added.
    shown_count: var[int] = var(-1, init=False)

    def __init__(self, scenario: Scenario, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scenario = scenario
        self._lang = lang
        self._records: list[Record] = []

    def show(self, records: list[Record]) -> None:
        """Show the run's feed records (redrawn only when a record was added)."""
        self._records = records
        self.shown_count = len(records)

    def watch_shown_count(self) -> None:
        lines = [self._line(r) for r in reversed(self._records)]
        self.update(Content("\n").join(lines) if lines else Content(""))

    def _line(self, record: Record) -> Content:
        scenario, lang = self._scenario, self._lang
        event = scenario.events.get(record.event or "")
        title = visible(event.title or event.id) if event is not None else ""
        if record.kind == "arrive" and event is not None:
            when = event_time(scenario, event.id, record.at)
            key = "game.feed.arrive_decision" if event.is_decision else "game.feed.arrive_update"
        else:
            when = world_time(scenario, record.at)
            key = f"game.feed.{record.kind}"
        if record.kind == "message":  # the room's message: its text, shown literally
            title = visible(record.text or "")
        if record.kind == "end":
            ending = scenario.endings.get(record.ending or "")
            title = visible(ending.title or ending.id) if ending is not None else ""
        return Content.assemble((when, "bold"), " ", t(key, lang), " ", title)
