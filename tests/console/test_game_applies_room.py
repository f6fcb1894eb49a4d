"""Each game applies the room's commands within a second of polling: pause, resume, message,
end, each logged in its run with the command's number, so replay and scoring stay exact."""

from __future__ import annotations

from typing import Any

from console_support import WORKSHOP, MakeGame, one_second, open_play

from scoring import score
from simulasi.engine import Run
from simulasi.store import Store
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.feed import Feed

SIZE = (80, 24)


def _texts(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_two_games_receive_pause_resume_message_and_end(
    store: Store, make_game: MakeGame
) -> None:
    store.issue_command(WORKSHOP, "end")  # issued before the runs began: not for them
    (app_a, clock_a), (app_b, clock_b) = make_game(store, "Ani"), make_game(store, "Budi")
    async with app_a.run_test(size=SIZE) as pa, app_b.run_test(size=SIZE) as pb:
        games = [(pa, clock_a), (pb, clock_b)]
        plays = [await open_play(pa), await open_play(pb)]
        for pilot, clock in games:
            for _ in range(12):
                await one_second(pilot, clock)
        assert not any(p.is_paused for p in plays)

        store.issue_command(WORKSHOP, "pause", issued_by="fasilitator")
        for pilot, clock in games:
            await one_second(pilot, clock)
        assert all(p.is_paused for p in plays)
        paused_at = [p.run.now for p in plays]
        for pilot, clock in games:  # a long pause: the scenario clock stands still
            for _ in range(30):
                await one_second(pilot, clock)
        assert [p.clock.now() for p in plays] == paused_at

        store.issue_command(WORKSHOP, "resume")
        store.issue_command(WORKSHOP, "message", "Lanjutkan, [b]waktu[/b] 10 menit")
        for pilot, clock in games:
            await one_second(pilot, clock)
        assert not any(p.is_paused for p in plays)
        for pilot, play in zip((pa, pb), plays, strict=True):
            assert "Lanjutkan, [b]waktu[/b] 10 menit" in _texts(pilot.app)
            feed = str(play.query_one(Feed).render())
            assert "Lanjutkan, [b]waktu[/b] 10 menit" in feed

        store.issue_command(WORKSHOP, "end")
        for pilot, clock in games:
            await one_second(pilot, clock)
        assert isinstance(pa.app.screen, DebriefScreen)
        assert isinstance(pb.app.screen, DebriefScreen)
        cards = [pa.app.screen.card, pb.app.screen.card]

    for play, card, at in zip(plays, cards, paused_at, strict=True):
        assert play.recorder is not None
        info = store.find_run(play.recorder.run_id)
        assert info.status == "finished"
        log = store.records(info.id)
        rooms = [(r.kind, r.room) for r in log if r.room is not None]
        assert rooms == [
            ("start", 1),
            ("pause", 2),
            ("resume", 3),
            ("message", 4),
            ("finish", 5),
        ]
        pause = next(r for r in log if r.kind == "pause")
        resume = next(r for r in log if r.kind == "resume")
        assert pause.at == resume.at == at  # the paused time is not scenario time
        # The stored log replays to the same run and scores as the debrief showed.
        assert list(Run.replay(play.scenario, log).log) == list(log)
        assert score(play.scenario, log) == card
        # Nobody answered: every decision still pending at the end counts as not answered.
        assert card.events
        assert all(e.outcome != "answered" for e in card.events)


async def test_an_offline_game_applies_the_missed_commands_in_order_on_reconnect(
    store: Store, make_game: MakeGame
) -> None:
    app, clock = make_game(store, "Citra")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        for _ in range(3):
            await one_second(pilot, clock)
        assert play.recorder is not None
        run_id = play.recorder.run_id
        play.leave()  # the game goes away (a closed laptop, a dropped connection)
        await pilot.pause()
    store.issue_command(WORKSHOP, "message", "Perhatian semua")
    store.issue_command(WORKSHOP, "pause")
    again, clock = make_game(store, "Citra", resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)
        play = pilot.app.screen
        assert play.recorder is not None and play.recorder.run_id == run_id
        await one_second(pilot, clock)
        assert play.is_paused
        assert "Perhatian semua" in _texts(pilot.app)
        rooms = [(r.kind, r.room) for r in store.records(run_id) if r.room is not None]
        assert rooms == [("start", 0), ("message", 1), ("pause", 2)]
        # Applied once: later polls find nothing new.
        for _ in range(3):
            await one_second(pilot, clock)
        assert len(store.records(run_id)) == len(play.run.log)
        assert [r.room for r in play.run.log if r.room is not None] == [0, 1, 2]


async def test_a_trainee_cannot_undo_the_rooms_pause_and_the_help_does_not_end_it(
    store: Store, make_game: MakeGame
) -> None:
    """The room holds the game as the help does: `p` does nothing while the room is paused,
    opening and closing the help leaves it paused, and the room's resume lets it go on."""
    app, clock = make_game(store, "Ani")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        for _ in range(6):
            await one_second(pilot, clock)
        store.issue_command(WORKSHOP, "pause")
        await one_second(pilot, clock)
        assert play.is_paused
        await pilot.press("p")
        await pilot.pause()
        assert play.is_paused  # not the trainee's to undo
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert play.is_paused  # closing the help does not end the room's pause
        store.issue_command(WORKSHOP, "resume")
        await one_second(pilot, clock)
        assert not play.is_paused
        await pilot.press("p")  # the trainee's own pause works again
        await pilot.pause()
        assert play.is_paused
