"""End to end on one store: a console and two games (Pilot apps). The console's keys pause,
resume, message and end both games within a second of their polls; the runs the room paused
and ended replay to the scores their debriefs showed, and the console ranks them."""

from __future__ import annotations

from typing import Any

from console_support import WORKSHOP, MakeGame, one_second, open_play

from scoring import score
from simulasi.console.app import ConsoleApp
from simulasi.store import Store
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.widgets.feed import Feed

SIZE = (80, 24)


async def _seconds(games: list[Any], n: int = 1) -> None:
    for _ in range(n):
        for pilot, clock in games:
            await one_second(pilot, clock)


async def test_the_console_runs_two_games(store: Store, make_game: MakeGame) -> None:
    (app_a, clock_a), (app_b, clock_b) = make_game(store, "Ani"), make_game(store, "Budi")
    console = ConsoleApp(store, WORKSHOP, lang="en")
    async with (
        console.run_test(size=(120, 40)) as pc,
        app_a.run_test(size=SIZE) as pa,
        app_b.run_test(size=SIZE) as pb,
    ):
        plays = [await open_play(pa), await open_play(pb)]
        games = [(pa, clock_a), (pb, clock_b)]
        await _seconds(games, 20)
        await pa.press("2")  # Ani answers the first decision
        await _seconds(games, 5)
        console.refresh_roster()
        assert {r.trainee: r.state for r in console.rows} == {"Ani": "playing", "Budi": "playing"}

        await pc.press("p")
        await _seconds(games)
        assert all(p.is_paused for p in plays)
        console.refresh_roster()
        assert {r.state for r in console.rows} == {"paused"}
        stopped = [p.clock.now() for p in plays]
        await _seconds(games, 60)  # a minute of the room's pause
        assert [p.clock.now() for p in plays] == stopped

        await pc.press("p")
        await pc.press("m", *"Lima menit lagi", "enter")
        await _seconds(games)
        assert not any(p.is_paused for p in plays)
        for play in plays:
            assert "Lima menit lagi" in str(play.query_one(Feed).render())

        await _seconds(games, 10)
        await pc.press("e", "y")
        await _seconds(games)
        assert isinstance(pa.app.screen, DebriefScreen)
        assert isinstance(pb.app.screen, DebriefScreen)
        cards = {"Ani": pa.app.screen.card, "Budi": pb.app.screen.card}
        console.refresh_roster()
        await pc.pause()
        rows = {r.trainee: r for r in console.rows}
        assert {r.state for r in rows.values()} == {"finished"}

    for play in plays:
        assert play.recorder is not None
        info = store.find_run(play.recorder.run_id)
        log = store.records(info.id)
        kinds = [r.kind for r in log if r.room is not None]
        assert kinds == ["start", "pause", "resume", "message", "finish"]
        pause = next(r for r in log if r.kind == "pause")
        resume = next(r for r in log if r.kind == "resume")
        assert pause.at == resume.at  # the minute paused is not scenario time
        card = score(play.scenario, log)  # replayed from the stored log
        assert card == cards[info.trainee]
        assert rows[info.trainee].total == card.total
    assert cards["Ani"].events[0].outcome == "answered"
    assert all(e.outcome != "answered" for e in cards["Budi"].events)
