"""The selected inject, dressed by its channel: a chat bubble, a post, a clipping, a call,
a memo. Everything the scenario wrote is shown literally."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from simulasi.i18n import t
from simulasi.scenario import Event
from simulasi.ui.literal import literal, reflow

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


class InjectView(Vertical):
    """One event: channel and sender, world time, title and body."""

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
        if event.body.strip():
            yield Static(literal(reflow(event.body)), classes="inject--body")
