"""Recent results (F5 on Home): the runs finished last, newest first; Enter opens one's
debrief again, recomputed from its stored log (read-only: nothing is stored by looking)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ListItem, ListView, Static

from simulasi.ui.literal import visible
from simulasi.ui.screens.base import GameModal

if TYPE_CHECKING:
    from simulasi.ui.recent import Recent


class RecentModal(GameModal["Recent | None"]):
    """Dismissed with the result to open, or None (Esc)."""

    AUTO_FOCUS = "#recent--list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f5", "close", show=False),
    ]

    def __init__(self, results: list[Recent]) -> None:
        super().__init__()
        self.results = results

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        with Vertical(id="recent--box", classes="modal--box"):
            yield Static(tr("game.recent.title"), classes="modal--title")
            yield Static(tr("game.recent.text"))
            yield ListView(
                *(ListItem(Static(self._line(result))) for result in self.results),
                id="recent--list",
            )
            yield Static(tr("game.recent.keys"), classes="modal--hint")

    def _line(self, result: Recent) -> Content:
        from scoring.exports.common import local_time
        from simulasi.i18n import decimal

        game = self.game
        tr, zone, lang = game.tr, game.session.zone, game.lang
        info, card = result.info, result.card
        local = local_time(info.ended_at, zone)
        when = f"{local:%d-%m %H.%M} {zone}" if local is not None else "—"
        if card is None:
            facts = tr("game.recent.problem", when=when, reason=result.problem)
        else:
            verdict = tr("game.recent.passed" if card.passed else "game.recent.failed")
            kind = tr("game.recent.practice") if card.practice else ""
            facts = tr(
                "game.recent.facts",
                when=when,
                total=decimal(card.total, lang),
                verdict=verdict + kind,
            )
        return Content.assemble(
            (visible(info.trainee) or tr("game.play.anonymous"), "bold"),
            "  ·  ",
            visible(info.scenario_title),
            "\n  ",
            (facts, "$text-muted"),
        )

    @on(ListView.Selected, "#recent--list")
    def _open(self) -> None:
        """Open the highlighted result's debrief (Enter)."""
        index = self.query_one("#recent--list", ListView).index
        if index is None or not self.results:
            return
        result = self.results[index]
        if result.card is None:
            game = self.game
            game.notify(game.tr("game.recent.cannot_open"), severity="warning")
            return
        self.dismiss(result)

    def action_close(self) -> None:
        """Back to the scenario list (Esc)."""
        self.dismiss(None)
