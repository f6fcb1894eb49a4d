"""The selected inject, dressed by its channel: a chat bubble, a post, a clipping, a call,
a memo. Everything the scenario wrote is shown literally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from simulasi.i18n import t
from simulasi.ui.literal import literal, reflow

if TYPE_CHECKING:
    from simulasi.scenario import Event

#: How each channel looks (a CSS class of the inject): the issue's five looks.
CHANNEL_LOOK = {
    "whatsapp": "chat",
    "sms": "chat",
    "social": "post",
    "news": "clipping",
    "tv": "clipping",
    "radio": "clipping",
    "phone": "call",
    "email": "memo",
    "letter": "memo",
    "meeting": "memo",
}


class Scroller(VerticalScroll, can_focus=False):
    """A scrolling area the screen's keys drive (it never takes the focus). It says when
    what is below its fold may have changed (scrolled, resized, new content)."""

    class Changed(Message):
        """The scroll position, the size or the content size changed."""

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._changed, init=False)
        self.watch(self, "virtual_size", self._changed, init=False)

    def on_resize(self) -> None:
        self._changed()

    def _changed(self) -> None:
        self.post_message(self.Changed())

    @property
    def more_below(self) -> bool:
        """Is part of the content below the visible area?"""
        return self.scroll_y < self.max_scroll_y - 0.5


class InjectView(Vertical):
    """One event: channel and sender, world time, title and body. The body scrolls in a
    height-limited area, so the choices below stay in view on a small terminal; the sender
    and title never scroll away."""

    def __init__(self, event: Event, when: str, lang: str, *, id: str | None = None) -> None:
        look = CHANNEL_LOOK.get(event.channel or "", "memo")
        super().__init__(id=id, classes=f"inject -{look}")
        self._event = event
        self._when = when
        self._lang = lang

    def compose(self) -> ComposeResult:
        event = self._event
        channel = t(f"game.channel.{event.channel or 'none'}", self._lang)
        sender = f" · {event.sender}" if event.sender else ""
        yield Static(literal(f"{channel}{sender} · {self._when}"), classes="inject--meta")
        yield Static(literal(event.title or event.id, "bold"), classes="inject--title")
        with Scroller(classes="inject--scroll"):
            if event.body.strip():
                yield Static(literal(reflow(event.body)), classes="inject--body")

    @property
    def scroller(self) -> Scroller | None:
        """The body's scrolling area (None until composed, or while being removed)."""
        found = self.query(".inject--scroll").results(Scroller)
        return next(iter(found), None)
