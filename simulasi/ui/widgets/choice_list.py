"""The choices of the selected decision on keys 1-9; unavailable ones are not shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from simulasi.ui.literal import visible
from simulasi.ui.widgets.inject_view import Scroller

if TYPE_CHECKING:
    from simulasi.scenario import Choice


class ChoiceMade(Message):
    """The trainee clicked a choice (keys are handled by the screen)."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class ChoiceItem(Horizontal):
    """`1  text of the choice`, the text wrapped beside its number."""

    def __init__(self, number: int, choice: Choice) -> None:
        super().__init__(classes="choices--item")
        self.number = number
        self._text = " ".join(choice.text.split())

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f" {self.number} ", "bold reverse"), classes="choices--key")
        yield Static(Content(visible(self._text)), classes="choices--text")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(ChoiceMade(self.number))


class ChoiceList(Vertical):
    """The available choices, numbered from 1 in the order given (the run's shown order), in
    their own scrolling area under the heading; `more` is the line shown under them while some
    are below the fold."""

    def __init__(
        self, choices: list[Choice], heading: str, more: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="choices")
        self.choices = choices[:9]
        self._heading = heading
        self._more = more

    def compose(self) -> ComposeResult:
        yield Static(self._heading, classes="choices--heading")
        with Scroller(classes="choices--scroll"):
            for number, choice in enumerate(self.choices, start=1):
                yield ChoiceItem(number, choice)
        more = Static(self._more, classes="choices--more")
        more.display = False
        yield more

    @property
    def scroller(self) -> Scroller | None:
        """The choices' scrolling area (None until composed, or while being removed)."""
        found = self.query(".choices--scroll").results(Scroller)
        return next(iter(found), None)

    def show_more(self, shown: bool) -> None:
        """Show or hide the line saying that more is below."""
        for line in self.query(".choices--more"):
            line.display = shown
