"""The game's change detection is Textual's: `var`s whose watchers draw, and the paused state
a `var` the screen's `-paused` class follows (never the class read back)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.reactive import Reactive

from simulasi.engine import FakeClock
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.feed import Feed
from simulasi.ui.widgets.inbox import Inbox
from simulasi.ui.widgets.meters import Meters

SIZE = (80, 24)
OpenPlay = Callable[[Pilot[None]], Awaitable[PlayScreen]]
Step = Callable[[Pilot[None], float], Awaitable[PlayScreen]]


def test_the_state_that_is_drawn_is_held_in_vars() -> None:
    for owner, name in [
        (PlayScreen, "paused"),
        (PlayScreen, "inject_key"),
        (PlayScreen, "idle"),
        (PlayScreen, "has_news"),
        (Feed, "shown_count"),
        (Meters, "values"),
        (Inbox, "shown_ids"),
        (HomeScreen, "detail"),
    ]:
        assert isinstance(owner.__dict__[name], Reactive), (owner, name)


def _count_updates(widget: Any) -> list[object]:
    """Record every `update` of a Static (each one lays out and draws it again)."""
    calls: list[object] = []
    update = widget.update

    def counted(*args: object, **kwargs: object) -> None:
        calls.append(args)
        update(*args, **kwargs)

    widget.update = counted
    return calls


async def test_the_paused_class_follows_the_paused_state(
    make_app: Callable[..., SimulasiApp], open_play: OpenPlay, clock: FakeClock
) -> None:
    """p sets `paused` (and the class with it); the class is never what is read."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert play.paused and play.has_class("-paused") and clock.paused
        play.remove_class("-paused")  # a class taken away by hand does not resume the run
        assert play.is_paused
        await pilot.press("p")
        await pilot.pause()
        assert not play.paused and not play.has_class("-paused") and not clock.paused


async def test_feed_meters_and_inbox_draw_only_what_changed(
    make_app: Callable[..., SimulasiApp], open_play: OpenPlay, step: Step
) -> None:
    """A tick that changes nothing draws nothing again; an arrival draws the feed and the
    inbox once."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        feed = play.query_one(Feed)
        meters = play.query_one(Meters)
        inbox = play.query_one(Inbox)
        drawn_feed, drawn_meters = _count_updates(feed), _count_updates(meters)
        mounted: list[tuple[str, ...]] = []

        def remember(ids: tuple[str, ...]) -> None:
            mounted.append(ids)

        inbox.watch(inbox, "shown_ids", remember, init=False)
        play.refresh_view()
        play.refresh_view()
        assert drawn_feed == [] and drawn_meters == [] and mounted == []
        before = len(play.run.feed)
        for _ in range(60):
            await step(pilot, 5)
            if len(play.run.feed) > before:
                break
        assert len(play.run.feed) > before
        assert len(drawn_feed) == 1 and feed.shown_count == len(play.run.feed)
        assert mounted[-1] == tuple(p.event for p in play.run.pending)
        assert meters.values == dict(play.run.meters)
