"""Unfinished runs (the game was closed or killed mid-run): continue one, or let it go.

The list is the store's (`Store.unfinished`): runs that no live process drives."""

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
    from simulasi.store import Unfinished


class ResumeModal(GameModal[tuple[str, str] | None]):
    """Dismissed with `("resume", run_id)`, `("abandon", run_id)` or None (Esc)."""

    AUTO_FOCUS = "#resume--list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", show=False),
        Binding("a,delete", "abandon", show=False),
        Binding("escape", "close", show=False),
    ]

    def __init__(self, runs: list[Unfinished]) -> None:
        super().__init__()
        self.runs = runs

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        with Vertical(id="resume--box", classes="modal--box"):
            yield Static(tr("game.resume.title"), classes="modal--title")
            yield Static(tr("game.resume.text"))
            yield ListView(
                *(ListItem(Static(self._line(run))) for run in self.runs), id="resume--list"
            )
            yield Static(tr("game.resume.keys"), classes="modal--hint")

    def _line(self, run: Unfinished) -> Content:
        # Imported here: Home (which imports this module) starts without the scoring code.
        from scoring.exports.common import local_time

        game = self.game
        tr, zone = game.tr, game.session.zone
        info = run.info
        # The workshop's wall clock, not UTC; how far the run got, in words.
        local = local_time(info.started_at, zone)
        when = local.strftime("%d-%m %H.%M") if local is not None else "—"
        when = f"{when} {zone}"
        minutes, seconds = divmod(int(run.reached), 60)
        reached = (
            tr("game.resume.ran_minutes", minutes=minutes, seconds=seconds)
            if minutes
            else tr("game.resume.ran_seconds", seconds=seconds)
        )
        return Content.assemble(
            (visible(info.trainee) or tr("game.play.anonymous"), "bold"),
            "  ·  ",
            visible(info.scenario_title),
            "\n  ",
            (
                tr("game.resume.facts", when=when, answered=run.answered, reached=reached),
                "$text-muted",
            ),
        )

    def _chosen(self) -> str | None:
        index = self.query_one("#resume--list", ListView).index
        if index is None or not self.runs:
            return None
        return self.runs[index].info.id

    @on(ListView.Selected, "#resume--list")
    def action_resume(self) -> None:
        """Continue the highlighted run (Enter, r)."""
        run_id = self._chosen()
        if run_id is not None:
            self.dismiss(("resume", run_id))

    def action_abandon(self) -> None:
        """Stop offering the highlighted run (a, Delete), once confirmed: it stays in the
        store, unscored, and can never be continued."""
        from simulasi.ui.screens.quit_modal import QuitModal

        run_id = self._chosen()
        if run_id is None:
            return
        run = next(run for run in self.runs if run.info.id == run_id)
        name = visible(run.info.trainee) or self.game.tr("game.play.anonymous")

        def abandon(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(("abandon", run_id))

        self.app.push_screen(QuitModal(question="abandon", name=name), abandon)

    def action_close(self) -> None:
        """Not now: back to the scenario list (Esc)."""
        self.dismiss(None)
