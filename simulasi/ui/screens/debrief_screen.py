"""Debrief: the ending and the result, then every decision explained, the criterion profile
and the stakeholders over time. Reads the ScoreCard; computes no score itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from scoring import EventScore, ScoreCard, score_run
from scoring.options import other_choices, rating_of
from simulasi.engine import Run
from simulasi.ui.format import bar, cut, number
from simulasi.ui.literal import literal, reflow, visible
from simulasi.ui.screens.base import STYLES, GameScreen
from simulasi.ui.widgets.key_bar import KeyBar
from simulasi.ui.worldclock import event_time

if TYPE_CHECKING:
    from simulasi.scenario import Choice, Event


#: Levels of a trend line, low to high.
BLOCKS = "▁▂▃▄▅▆▇█"


def trend(values: list[float], width: int) -> str:
    """`values` as a line of `width` blocks on one fixed 0..100 scale (each cell the mean of
    its share of the values): the same trust looks the same in every row."""
    if not values or width <= 0:
        return ""
    cells = []
    for cell in range(width):
        start = cell * len(values) // width
        end = max((cell + 1) * len(values) // width, start + 1)
        share = values[start:end]
        mean = max(0.0, min(100.0, sum(share) / len(share)))
        cells.append(BLOCKS[min(len(BLOCKS) - 1, int(mean / 100 * len(BLOCKS)))])
    return "".join(cells)


class Trend(Static):
    """A trust meter over the run, on the 0..100 scale (Textual's Sparkline scales each
    row to its own minimum and maximum)."""

    def __init__(self, values: list[float], *, classes: str = "") -> None:
        super().__init__("", classes=classes)
        self.values = values

    def render(self) -> Content:
        return Content(trend(self.values, self.content_size.width))


class DebriefScreen(GameScreen[None]):
    """What happened and why, for one ended run."""

    CSS_PATH = STYLES / "debrief.tcss"
    AUTO_FOCUS = "#debrief--body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,h", "home", show=False),
        Binding("s", "scoreboard", show=False),
    ]

    def __init__(
        self,
        run: Run,
        card: ScoreCard | None = None,
        *,
        workshop: str = "",
        trainee: tuple[str, ...] = (),
        reopened: bool = False,
    ) -> None:
        """`trainee`: the name, team and agency of who played (empty parts left out);
        `reopened`: a result opened again from Home, which leaves Home's form as it is."""
        super().__init__()
        self.reopened = reopened
        self.run = run
        self.card = card if card is not None else score_run(run)
        self.workshop = workshop  # whose scoreboard `s` opens
        self.trainee = tuple(part for part in trainee if part.strip())

    def compose(self) -> ComposeResult:
        tr, lang = self.game.tr, self.game.lang
        card, scenario = self.card, self.run.scenario
        ending = scenario.endings.get(card.ending)
        yield Static(
            Content.assemble((tr("game.debrief.title"), "bold"), "  ·  ", literal(scenario.title)),
            id="debrief--title",
        )
        with VerticalScroll(id="debrief--body"):
            with Vertical(id="debrief--summary"):
                if self.trainee:
                    who = "  ·  ".join(visible(part) for part in self.trainee)
                    yield Static(
                        Content.assemble((tr("game.debrief.trainee", who=who), "bold")),
                        id="debrief--trainee",
                    )
                if ending is not None:
                    yield Static(literal(ending.title or ending.id, "bold"), id="debrief--ending")
                    if ending.text.strip():
                        yield Static(literal(reflow(ending.text)), classes="debrief--text")
                verdict = "game.debrief.passed" if card.passed else "game.debrief.failed"
                yield Static(
                    Content.assemble(
                        (tr("game.debrief.total"), "bold"),
                        " ",
                        (number(card.total, lang), "bold"),
                        "  ·  ",
                        literal(card.band, "bold"),
                        "  ·  ",
                        (tr(verdict), "bold reverse"),
                        "  ",
                        tr("game.debrief.pass_mark", mark=f"{card.pass_mark:g}"),
                    ),
                    id="debrief--total",
                    classes="-passed" if card.passed else "-failed",
                )
                yield Static(
                    tr(
                        "game.debrief.subscores",
                        speed=number(card.speed, lang),
                        accuracy=number(card.accuracy, lang),
                        impact=number(card.impact, lang),
                    ),
                    id="debrief--subscores",
                )
                if card.practice:
                    yield Static(tr("game.debrief.practice"), classes="debrief--note")
                if card.critical:
                    yield Static(tr("game.debrief.critical"), id="debrief--critical")
                if card.impact_capped:
                    yield Static(tr("game.debrief.impact_capped"), classes="debrief--note")
            yield Static(tr("game.debrief.decisions"), classes="debrief--heading")
            if not card.practice:
                yield Static(tr("game.debrief.gate_note"), classes="debrief--note")
            for index, event_score in enumerate(card.events, start=1):
                yield self._decision(index, event_score)
            if card.criteria:
                yield Static(tr("game.debrief.criteria"), classes="debrief--heading")
                yield Static(self._criteria(), id="debrief--criteria")
            yield Static(tr("game.debrief.meters"), classes="debrief--heading")
            yield from self._sparklines()
        keys = [("Enter", tr("game.key.home")), ("↑↓", tr("game.key.scroll"))]
        if self.game.session.store is not None:
            keys.append(("s", tr("game.key.scoreboard")))
        yield KeyBar(keys)

    def _decision(self, index: int, score: EventScore) -> Vertical:
        tr, lang = self.game.tr, self.game.lang
        scenario = self.run.scenario
        event = scenario.events[score.event]
        rows: list[Static] = [
            Static(
                Content.assemble(
                    (f"{index}. ", "bold"),
                    (event_time(scenario, event.id, score.arrived), "bold"),
                    "  ",
                    literal(event.title or event.id, "bold"),
                ),
                classes="debrief--event-title",
            )
        ]
        choice = scenario.choices.get((event.id, score.choice or ""))
        if choice is not None:
            rows.append(self._labelled("game.debrief.your_choice", choice))
            why = choice.feedback
        else:
            rows.append(Static(tr(f"game.debrief.outcome.{score.outcome}"), classes="debrief--why"))
            why = event.on_timeout.feedback if event.on_timeout is not None else ""
        if why.strip():
            rows.append(Static(literal(" ".join(why.split())), classes="debrief--why"))
        if score.critical:
            rows.append(Static(tr("game.debrief.red_line"), classes="debrief--red-line"))
        best_rows, taught = self._best(event, choice, score.closed)
        rows += best_rows
        rows += self._others(event, taught | {score.choice or ""}, score.closed)
        latency = number(score.latency, lang)
        speed = number(score.gated_speed, lang)
        if score.speed is not None and score.gated_speed != score.speed:
            # The accuracy gate lowered it: show both, so a fast wrong answer is understood.
            speed = f"{number(score.speed, lang)} → {speed}"
        # A message never answered has no response time (the seconds until it expired are
        # not one).
        numbers = "game.debrief.numbers" if choice is not None else "game.debrief.unanswered"
        rows.append(
            Static(
                tr(numbers, latency=latency, speed=speed, accuracy=number(score.accuracy, lang)),
                classes="debrief--numbers",
            )
        )
        classes = "debrief--event" + (" -critical" if score.critical else "")
        return Vertical(*rows, classes=classes)

    def _best(
        self, event: Event, chosen: Choice | None, closed: tuple[str, ...]
    ) -> tuple[list[Static], set[str]]:
        """The model answer with why, unless it was the trainee's. When it was not on offer at
        the time (its `when` did not hold), it is marked so, after the best of what was. With
        the ids of the choices shown."""
        scenario = self.run.scenario
        best = scenario.best_choice(event)
        shown: list[tuple[str, Choice]] = []
        if best is not None and best.id in closed:
            best_open = scenario.best_choice(event, exclude=closed)
            if best_open is not None and not _same_choice(best_open, chosen):
                shown.append(("game.debrief.best_open", best_open))
            shown.append(("game.debrief.best_closed", best))
        elif best is not None and not _same_choice(best, chosen):
            shown.append(("game.debrief.best_choice", best))
        rows = []
        for key, answer in shown:
            rows.append(self._labelled(key, answer))
            if answer.feedback.strip():
                why = literal(" ".join(answer.feedback.split()))
                rows.append(Static(why, classes="debrief--why"))
        return rows, {answer.id for _, answer in shown}

    def _others(self, event: Event, taught: set[str], closed: tuple[str, ...]) -> list[Static]:
        """Every other choice, in the order the run showed them, with its rating and why: a
        trainee who was right also learns why the tempting alternatives were wrong."""
        others = other_choices(self.run.scenario, event, self.run.seed, taught)
        if not others:
            return []
        tr = self.game.tr
        rows = [Static(tr("game.debrief.others"), classes="debrief--others")]
        for other in others:
            text = visible(" ".join(other.text.split()))
            parts: list[str | tuple[str, str]] = ["• ", *self._rating(other), " ", text]
            if other.id in closed:
                parts += [" ", (tr("game.debrief.not_open"), "italic")]
            rows.append(Static(Content.assemble(*parts), classes="debrief--other"))
            if other.feedback.strip():
                why = literal(" ".join(other.feedback.split()))
                rows.append(Static(why, classes="debrief--why -other"))
        return rows

    def _rating(self, choice: Choice) -> list[str | tuple[str, str]]:
        """`[Lemah]`, `[Merugikan · GARIS MERAH]`: the one label set of the debrief."""
        tr = self.game.tr
        label = tr(f"rating.{rating_of(self.run.scenario, choice)}")
        if choice.critical:
            label += f" · {tr('rating.critical')}"
        return [(f"[{label}]", "bold $text-error" if choice.critical else "bold $text-accent")]

    def _labelled(self, key: str, choice: Choice) -> Static:
        return Static(
            Content.assemble(
                (self.game.tr(key), "bold"),
                " ",
                *self._rating(choice),
                " ",
                visible(" ".join(choice.text.split())),
            ),
            classes="debrief--choice",
        )

    def _criteria(self) -> Content:
        names = {c.id: c.name for c in self.run.scenario.doc.criteria}
        width = min(30, max(len(visible(names.get(k, k))) for k in self.card.criteria))
        lines = []
        for key, value in self.card.criteria.items():
            name = visible(names.get(key, key))
            name = cut(name, width)
            lines.append(
                Content.assemble(
                    name.ljust(width),
                    " ",
                    (bar(value), "$text-accent"),
                    " ",
                    number(value, self.game.lang),
                )
            )
        return Content("\n").join(lines)

    def _sparklines(self) -> ComposeResult:
        history = self.run.meter_history
        lang = self.game.lang
        for holder in self.run.scenario.doc.stakeholders:
            values = [meters[holder.id] for _, meters in history] or [holder.initial]
            final = self.card.meters.get(holder.id, values[-1])
            name = visible(holder.name)
            name = cut(name, 24)
            label = Content.assemble(
                name.ljust(24),
                " ",
                f"{number(holder.initial, lang)} → ",
                (number(final, lang), "bold"),
            )
            with Horizontal(classes="debrief--meter"):
                yield Static(label, classes="debrief--meter-label")
                yield Trend(values, classes="debrief--sparkline")

    def action_home(self) -> None:
        """Back to the scenario list (Enter). The run is over: Home no longer carries this
        trainee's name, team and agency into the next run (a shared laptop); the workshop
        stays."""
        if not self.reopened:
            trainee = self.game.session.trainee
            trainee.name = trainee.team = trainee.agency = ""
        self.game.pop_screen()

    def action_scoreboard(self) -> None:
        """Open the workshop's scoreboard, recomputed from the stored logs (s)."""
        from simulasi.store import StoreError
        from simulasi.ui.screens.scoreboard_screen import ScoreboardScreen

        store = self.game.session.store
        if store is None:
            return
        try:
            screen = ScoreboardScreen(store, self.workshop)
        except StoreError as exc:
            self.game.notify(exc.message(self.game.lang), severity="error")
            return
        self.game.push_screen(screen)


def _same_choice(answer: Choice, chosen: Choice | None) -> bool:
    return chosen is not None and answer.id == chosen.id
