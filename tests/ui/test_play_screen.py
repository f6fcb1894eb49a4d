"""Pilot tests of the Play screen on a fake clock: arrivals, answers, timeouts, pause."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from scoring import score
from simulasi.engine import FakeClock
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.inbox import Inbox, InboxItem
from simulasi.ui.widgets.inject_view import InjectView, Scroller

SIZE = (80, 24)


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


async def test_a_run_starts_with_the_first_inject_selected(make_app: Any, open_play: Any) -> None:
    """Enter on Home and on the briefing starts the run: the first decision is in the inbox
    with its full countdown, and its inject and choices are on screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        assert play.run.started and not play.run.ended
        assert [p.event for p in play.run.pending] == ["vn_viral"]
        assert play.selected == "vn_viral"
        items = list(play.query_one(Inbox).query(InboxItem))
        assert len(items) == 1
        assert "300" in str(items[0].query_one(".inbox--countdown", Static).visual)
        assert len(play.offered) == 4


async def test_a_decision_is_answered_by_its_number_key(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """Key 2 answers the selected decision with its second choice at the clock's time, and
    the meters show the change with an arrow and a number (verifikasi: warga +6 in time)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 20)
        await pilot.press("2")
        await pilot.pause()
        answer = [r for r in play.run.log if r.kind == "answer"]
        assert [(r.event, r.choice, r.at) for r in answer] == [("vn_viral", "verifikasi", 20.0)]
        assert "▲6" in str(play.query_one("#play--meters", Static).visual)
        assert play.run.pending == []


async def test_a_number_without_a_choice_does_nothing(make_app: Any, open_play: Any) -> None:
    """Key 9 on a decision with four choices answers nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("9")
        await pilot.pause()
        assert not any(r.kind == "answer" for r in play.run.log)


async def test_a_decision_times_out_when_the_clock_passes_its_deadline(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """Advancing the fake clock past the deadline times the decision out; the feed says so."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 299)
        assert play.run.is_pending("vn_viral")
        await step(pilot, 2)
        assert not play.run.is_pending("vn_viral")
        fact = next(f for f in play.run.decisions if f.event == "vn_viral")
        assert fact.outcome == "timed_out" and fact.resolved == 300.0
        assert "habis waktu" in _text(play, "#play--feed")


async def test_two_pending_decisions_are_sorted_by_deadline_and_selectable(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """At second 30 two decisions wait: the sooner deadline is listed first, the selection
    stays on the message being read, Tab selects the other one, and a number key answers the
    selected one only."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 30)
        items = list(play.query_one(Inbox).query(InboxItem))
        assert [i.pending.event for i in items] == ["telepon_wartawan", "vn_viral"]
        assert play.selected == "vn_viral"
        await pilot.press("tab")
        await pilot.pause()
        assert play.selected == "telepon_wartawan"
        assert items[0].has_class("-selected") and not items[1].has_class("-selected")
        await pilot.press("1")
        await pilot.pause()
        assert [p.event for p in play.run.pending] == ["vn_viral"]


async def test_countdown_turns_urgent_with_text_not_only_colour(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """Near the deadline the countdown is marked `-urgent` and its text gains a `!`."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 280)
        item = next(i for i in play.query(InboxItem) if i.pending.event == "vn_viral")
        assert item.has_class("-urgent")
        assert "! 20" in str(item.query_one(".inbox--countdown", Static).visual)


async def test_pause_stops_the_clock_and_hides_the_inject(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """p pauses: the inject and choices are hidden, number keys answer nothing, the clock
    stands still and the pause is logged; p again shows them and resumes."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 10)
        await pilot.press("p")
        await pilot.pause()
        assert play.has_class("-paused") and clock.paused
        assert not play.query_one("#play--inject").display
        assert play.query_one("#play--paused").display
        assert "JEDA" in _text(play, "#play--header")
        await step(pilot, 500)
        assert clock.now() == 10.0 and play.run.is_pending("vn_viral")
        await pilot.press("1")
        await pilot.pause()
        assert not any(r.kind == "answer" for r in play.run.log)
        await pilot.press("p")
        await pilot.pause()
        assert play.query_one("#play--inject").display and not clock.paused
        assert [r.kind for r in play.run.log if r.kind in ("pause", "resume")] == [
            "pause",
            "resume",
        ]


async def test_arrivals_are_announced_and_ring_unless_the_bell_is_off(
    make_app: Any, open_play: Any, step: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new decision is announced in the status line and rings the bell; after b it no
    longer rings."""
    app = make_app(bell=True)
    rings: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        play = await open_play(pilot)
        assert len(rings) == 1  # the first inject at second 0
        assert "Pesan baru" in play.notice and "Voice note" in play.notice
        await pilot.press("b")
        await step(pilot, 30)
        assert len(rings) == 1 and not app.session.bell


async def test_the_run_ends_into_the_debrief(make_app: Any, open_play: Any, step: Any) -> None:
    """Letting every decision time out ends the run and opens the debrief."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        for _ in range(40):
            screen = await step(pilot, 60)
            if not isinstance(screen, PlayScreen):
                break
        assert type(app.screen).__name__ == "DebriefScreen"


async def test_practice_mode_has_no_countdown_and_f_finishes(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """With --practice the inbox shows no timer, nothing times out, and f ends the run
    once confirmed (y)."""
    app = make_app(practice=True)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 10_000)
        assert play.run.is_pending("vn_viral")
        countdown = play.query_one(InboxItem).query_one(".inbox--countdown", Static)
        assert "tanpa batas waktu" in str(countdown.visual)
        assert "LATIHAN" in _text(play, "#play--header")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert play.run.ended
        assert type(app.screen).__name__ == "DebriefScreen"


IMMEDIATE = """format: simulasi/1
id: segera
title: "Umpan balik segera"
summary: "x"
briefing: "x"
feedback: {mode}
stakeholders:
  - {{id: warga, name: "Warga", initial: 50}}
events:
  - id: e1
    at: 0
    channel: letter
    title: "Surat"
    deadline: 60
    choices:
      - {{id: a, text: "Jawab", rating: best, feedback: "Alasan [b]tepat[/b]"}}
    on_timeout: {{feedback: "diam"}}
  - id: e2
    at: 30
    channel: news
    title: "Berita"
    deadline: 60
    choices:
      - {{id: b, text: "Jawab juga", rating: best, feedback: "ok"}}
    on_timeout: {{feedback: "diam"}}
endings:
  - {{id: selesai, title: "Selesai"}}
"""


@pytest.mark.parametrize("mode", ["immediate", "debrief"])
async def test_feedback_after_a_choice_only_in_immediate_scenarios(
    make_app: Any, open_play: Any, tmp_path: Any, mode: str
) -> None:
    """`feedback: immediate` shows the choice's feedback (literally) right after it;
    `feedback: debrief` keeps it for the debrief."""
    path = tmp_path / "segera.yaml"
    path.write_text(IMMEDIATE.format(mode=mode), encoding="utf-8")
    app = make_app(paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await pilot.press("1")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert ("Alasan [b]tepat[/b]" in shown) == (mode == "immediate")


async def test_the_clock_stops_while_the_help_is_open(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """The help stops the clock (logged as a pause) and hides the message as the pause
    does; closing it resumes, and the time it was open is not counted."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 11)
        await pilot.press("question_mark")
        await pilot.pause()
        assert clock.paused and play.is_paused
        assert not play.query_one("#play--inject").display
        assert "bantuan" in _text(play, "#play--paused")  # not "press p"
        await step(pilot, 600)
        assert clock.now() == 11.0 and play.run.is_pending("vn_viral")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"
        assert not clock.paused and not play.is_paused
        assert play.query_one("#play--inject").display
        toggles = [(r.kind, r.at) for r in play.run.log if r.kind in ("pause", "resume")]
        assert toggles == [("pause", 11.0), ("resume", 11.0)]


def _in_view(screen: Any, widget: Any) -> bool:
    """Is `widget`'s top-left cell on screen and drawn by the widget itself (not covered by
    a notice or scrolled away)?"""
    region = widget.region
    if not region or not screen.region.contains(region.x, region.y):
        return False
    shown, _ = screen.get_widget_at(region.x, region.y)
    return bool(shown is widget)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_first_choice_is_in_view_on_the_first_event(
    make_app: Any, open_play: Any, size: tuple[int, int]
) -> None:
    """On the long first inject of the bundled scenario, without any scrolling: the inbox,
    the sender and title, and the first choice's key and the start of its text are on
    screen; at 80x24 a line says more is below, at 160x48 every choice fits."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        play = await open_play(pilot)
        await pilot.pause()
        assert play.selected is not None
        screen = app.screen
        item = play.query(".choices--item").first()
        for widget in (
            play.query_one(InboxItem).query_one(".inbox--title", Static),
            play.query_one(".inject--meta", Static),
            play.query_one(".inject--title", Static),
            item.query_one(".choices--key", Static),
            item.query_one(".choices--text", Static),
        ):
            assert _in_view(screen, widget), widget
        more = play.query_one(".choices--more", Static)
        assert more.display == (size == (80, 24))
        if more.display:
            assert _in_view(screen, more)
        else:
            last = play.query(".choices--item").last()
            assert screen.region.contains_region(last.region)


async def test_the_arrows_read_on_through_the_message_then_the_choices(
    make_app: Any, open_play: Any
) -> None:
    """At 80x24, down scrolls the message body to its end, then the choices; PgDn pages
    the choices; the hints go once there is nothing more below; the keys 1-9 still answer."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.pause()
        body = play.query_one(".inject--scroll", Scroller)
        choices = play.query_one(".choices--scroll", Scroller)
        assert body.more_below and choices.more_below
        await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y == 1 and choices.scroll_y == 0
        await pilot.press(*["down"] * 40)
        await pilot.pause()
        assert not body.more_below and choices.scroll_y > 0
        assert play.query_one(InjectView).border_subtitle == ""
        await pilot.press(*["pagedown"] * 10)
        await pilot.pause()
        assert not choices.more_below
        assert not play.query_one(".choices--more", Static).display
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert choices.more_below
        await pilot.press("1")
        await pilot.pause()
        assert any(r.kind == "answer" for r in play.run.log)


async def test_with_nothing_to_answer_the_latest_news_is_shown_in_full(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """An update only gets a notice and a feed line when it arrives; once no decision waits,
    the main area shows the latest update whole (sender, title, body), and the next decision
    takes its place."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 20)
        await pilot.press("4")  # vn_viral: forward the voice note -> hoaks_meluas 30 s later
        await step(pilot, 15)
        await pilot.press("4")  # telepon_wartawan, arrived at 30: answered
        await pilot.pause()
        assert play.run.pending == []
        assert not play.query(".inject--title")  # nothing has been said yet
        await step(pilot, 20)  # 55: hoaks_meluas has arrived, the inbox is empty
        titles = [str(s.visual) for s in play.query(".inject--title").results(Static)]
        assert titles == ["Voice note sudah di 60 grup WA dan TikTok"]
        body = str(play.query_one(".inject--body", Static).visual)
        assert "40 ribu tayangan" in body
        headings = [
            str(s.visual) for s in play.query("#play--inject .play--heading").results(Static)
        ]
        assert headings == ["Kabar terakhir"]
        assert not play.query_one("#play--waiting").display  # the news takes its room
        assert play.offered == []
        await step(pilot, 100)  # 155: pesan_bupati (at 150) is waiting for an answer
        assert play.selected == "pesan_bupati"
        assert not play.query("#play--inject .play--heading")
        assert play.offered


async def test_with_nothing_to_answer_space_goes_straight_to_the_next_arrival(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """Space does nothing while a decision waits; once the inbox is empty the key bar offers
    it instead of the number keys, and it moves the clock to the next arrival, which comes in
    at once with its own scenario time (vaksin: the journalist's call at 30 s)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert clock.now() == 0.0 and play.run.is_pending("vn_viral")
        await step(pilot, 20)
        await pilot.press("2")
        await pilot.pause()
        assert play.run.pending == []
        keys = _text(play, "#play--keys")
        assert "Spasi lanjut" in keys and "1-9" not in keys
        await pilot.press("space")
        await pilot.pause()
        assert clock.now() == play.run.now == 30.0
        assert [(p.event, p.arrived) for p in play.run.pending] == [("telepon_wartawan", 30.0)]
        # Only the new arrival is announced: the status line names it, nothing piles up.
        assert "Pesan baru" in play.notice and not app._notifications
        assert play.selected == "telepon_wartawan" and play.offered
        assert "1-9" in _text(play, "#play--keys")


async def _answer_ten_seconds_after_arrival(
    pilot: Any, step: Any, *, skip: bool
) -> tuple[Any, int]:
    """Play vaksin answering every decision with its first choice 10 s after it arrives;
    with nothing to answer, skip ahead (Space) or let the clock run. The finished run and
    how many skips moved the clock."""
    play = pilot.app.screen
    assert isinstance(play, PlayScreen)
    skips = 0
    for _ in range(300):
        if play.run.ended:
            break
        pending = play.run.pending
        if pending:
            due = pending[0].arrived + 10.0
            await step(pilot, max(0.0, due - play.clock.now()))
            if play.run.ended:
                break
            play.selected = pending[0].event
            play.refresh_view()
            await pilot.press("1")
        elif skip:
            before = play.clock.now()
            await pilot.press("space")
            skips += play.clock.now() > before
        else:  # the clock runs until the next arrival, as it would while the trainee waits
            arrival = play.run.next_arrival()
            assert arrival is not None
            await step(pilot, arrival - play.clock.now())
        await pilot.pause()
    assert play.run.ended
    return play.run, skips


async def test_skipping_ahead_changes_no_score(make_app: Any, open_play: Any, step: Any) -> None:
    """Skipping only shortens the wait: the same answers at the same delays after each
    arrival give the same log and the same ScoreCard as waiting for every arrival."""
    played = []
    for skip in (False, True):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_play(pilot)
            played.append(await _answer_ten_seconds_after_arrival(pilot, step, skip=skip))
    (waited, _), (skipped, skips) = played
    assert skips >= 3  # vaksin has quiet stretches between its arrivals
    assert list(skipped.log) == list(waited.log)
    assert score(skipped.scenario, skipped.log) == score(waited.scenario, waited.log)
