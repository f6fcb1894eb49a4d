"""Scoreboard: the workshop's ranking and its team and agency aggregates, recomputed from the
stored logs exactly as `simulasi scoreboard` does (scores are never stored as truth).

The stored runs are read when the screen is made (a store that cannot be read keeps the
debrief, with a notice); every log is replayed and scored in a thread worker, so the screen
shows at once and says it is counting until the table is there."""

from __future__ import annotations

from typing import ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from scoring.scoreboard import GroupStats, Scoreboard, build_scoreboard
from simulasi.i18n import decimal
from simulasi.store.interface import ResultsStore as Store
from simulasi.store.results import finished_entries
from simulasi.ui.format import fit, number
from simulasi.ui.literal import literal, visible
from simulasi.ui.screens.base import STYLES, GameScreen
from simulasi.ui.widgets.key_bar import KeyBar

#: Cells of the name columns at 80x24; a longer name is cut with `…`, never wrapped.
NAME_WIDTH = 18
TEAM_WIDTH = 12


class ScoreboardScreen(GameScreen[None]):
    """The ranking of one workshop's finished runs (practice runs left out, as on the CLI)."""

    CSS_PATH = STYLES / "scoreboard.tcss"
    AUTO_FOCUS = "#scoreboard--body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,s", "back", show=False),
    ]

    def __init__(self, store: Store, workshop: str) -> None:
        super().__init__()
        self.workshop = workshop
        # Read here (a StoreError reaches the debrief); scored in the worker.
        self._runs = list(store.stored_runs(workshop=workshop))
        self.board: Scoreboard | None = None  # None until the worker has built it

    def compose(self) -> ComposeResult:
        tr = self.game.tr
        label = self.workshop or tr("game.scoreboard.no_workshop")
        yield Static(
            Content.assemble((tr("game.scoreboard.title"), "bold"), "  ·  ", literal(label)),
            id="scoreboard--title",
        )
        with VerticalScroll(id="scoreboard--body"):
            yield Static(
                tr("game.scoreboard.loading"), id="scoreboard--loading", classes="scoreboard--note"
            )
        yield KeyBar([("Esc", tr("game.key.back")), ("↑↓", tr("game.key.scroll"))])

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, group="scoreboard")
    def build(self) -> Scoreboard:
        """Replay and score every stored log, rank and aggregate (a thread: the screen is up
        and answers its keys meanwhile). A failure here is a bug: the app's one line, exit 70."""
        return build_scoreboard(finished_entries(self._runs))

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "scoreboard" or event.state != WorkerState.SUCCESS:
            return
        self.board = cast(Scoreboard, event.worker.result)
        body = self.query_one("#scoreboard--body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._table(self.board))

    def _table(self, board: Scoreboard) -> ComposeResult:
        tr = self.game.tr
        if not board.ranking:
            yield Static(tr("game.scoreboard.empty"), classes="scoreboard--note")
        else:
            yield Static(self._ranking(board), id="scoreboard--ranking")
            yield Static(
                tr(
                    "game.scoreboard.counts",
                    ranked=board.count,
                    trainees=tr(
                        "game.scoreboard.trainee_one"
                        if board.count == 1
                        else "game.scoreboard.trainee_many"
                    ),
                    passed=board.passed,
                    mean=number(board.mean, self.game.lang),
                    best=number(board.best, self.game.lang),
                ),
                classes="scoreboard--note",
            )
            yield Static(tr("game.scoreboard.teams"), classes="scoreboard--heading")
            yield Static(self._groups(board.teams), id="scoreboard--teams")
            yield Static(tr("game.scoreboard.agencies"), classes="scoreboard--heading")
            yield Static(self._groups(board.agencies), id="scoreboard--agencies")
        if board.practice_left_out:
            yield Static(
                tr("game.scoreboard.practice_out", n=board.practice_left_out),
                classes="scoreboard--note",
            )
        if board.unscored:
            yield Static(
                tr("game.scoreboard.unscored", n=len(board.unscored)),
                classes="scoreboard--note",
            )

    def _ranking(self, board: Scoreboard) -> Content:
        tr, lang = self.game.tr, self.game.lang
        head = (
            f"{'#':>3} {fit(tr('game.scoreboard.trainee'), NAME_WIDTH)} "
            f"{fit(tr('game.scoreboard.team'), TEAM_WIDTH)} "
            f"{tr('game.scoreboard.total'):>6} {tr('game.scoreboard.accuracy'):>6} "
            f"{tr('game.scoreboard.speed'):>6}  {tr('game.scoreboard.passed')}"
        )
        lines = [Content.styled(head, "bold")]
        sections = board.sections
        # Scenarios have their own pass marks: each is ranked on its own, as in the exports.
        for section in sections:
            if len(sections) > 1:
                mark = decimal(section.pass_mark, self.game.lang, None)
                title = tr("results.doc.section", title="", mark=mark)
                lines.append(Content.assemble((visible(section.title), "bold"), " ", title.strip()))
            for ranked in section.ranking:
                card = ranked.card
                mark = "!" if card.critical else " "
                verdict = tr("game.debrief.passed" if ranked.passed else "game.debrief.failed")
                lines.append(
                    Content(
                        f"{ranked.rank:>2}{mark} {fit(visible(ranked.facts.trainee), NAME_WIDTH)} "
                        f"{fit(visible(ranked.facts.team), TEAM_WIDTH)} "
                        f"{number(card.total, lang):>6} {number(card.accuracy, lang):>6} "
                        f"{number(card.speed, lang):>6}  {verdict}"
                    )
                )
        if any(r.card.critical for r in board.ranking):
            lines.append(Content(tr("game.scoreboard.critical_legend")))
        return Content("\n").join(lines)

    def _groups(self, groups: tuple[GroupStats, ...]) -> Content:
        tr, lang = self.game.tr, self.game.lang
        width = NAME_WIDTH + TEAM_WIDTH + 1
        head = (
            f"{fit(tr('game.scoreboard.group'), width)} {tr('game.scoreboard.count'):>6} "
            f"{tr('game.scoreboard.mean'):>6} {tr('game.scoreboard.best'):>6}"
        )
        lines = [Content.styled(head, "bold")]
        for group in groups:
            name = visible(group.name) if group.name else tr("game.scoreboard.none_given")
            lines.append(
                Content(
                    f"{fit(name, width)} {group.count:>6} "
                    f"{number(group.mean, lang):>6} {number(group.best, lang):>6}"
                )
            )
        return Content("\n").join(lines)

    def action_back(self) -> None:
        """Back to the debrief (Esc)."""
        self.game.pop_screen()
