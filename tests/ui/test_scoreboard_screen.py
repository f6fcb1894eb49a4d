"""The Scoreboard screen (Debrief -> `s`): the workshop's ranking recomputed from the stored
logs, the same numbers as `simulasi scoreboard`."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from scoring.scoreboard import Entry, Scoreboard, build_scoreboard
from simulasi.bundled import bundled_scenarios
from simulasi.engine import Run
from simulasi.store import Recorder, Store
from simulasi.store.results import finished_entries
from simulasi.ui.format import number
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.screens.scoreboard_screen import ScoreboardScreen
from simulasi.ui.session import load_entries

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "data") as opened:
        yield opened


async def _built(pilot: Any) -> None:
    """Wait until the scoreboard's worker has scored the runs and the table is mounted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _stored_run(store: Store, trainee: str, workshop: str, team: str = "Tim 2") -> None:
    """A finished run in the store, played headless (every decision times out): quicker
    than through the screens, and stored the same way."""
    scenario = load_entries(bundled_scenarios())[0].scenario
    assert scenario is not None
    run = Run(scenario)
    run.start(0.0)
    recorder = Recorder.start(
        store, run, trainee=trainee, team=team, agency="Diskominfo Lain", workshop=workshop
    )
    run.advance(100_000.0)
    recorder.commit()
    assert run.ended


async def test_the_scoreboard_ranks_the_workshop_from_the_stored_logs(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """Two trainees of one workshop (one played here) and one of another: `s` on the
    debrief shows the two of this workshop, ranked, with the totals `scoring.scoreboard`
    computes, and the team and agency aggregates; Esc goes back."""
    _stored_run(store, "Budi", "Bimtek 2026")
    _stored_run(store, "Lain", "Lain")
    app = make_app(store=store, name="Ani")
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        for _ in range(200):
            screen = await step(pilot, 20)
            if not isinstance(screen, PlayScreen):
                break
            if screen.offered:
                await pilot.press("1")
                await pilot.pause()
        await pilot.press("s")
        await _built(pilot)
        scoreboard = app.screen
        assert isinstance(scoreboard, ScoreboardScreen)
        board = build_scoreboard(finished_entries(store.stored_runs(workshop="Bimtek 2026")))
        ranking = str(scoreboard.query_one("#scoreboard--ranking", Static).visual)
        names = [r.facts.trainee for r in board.ranking]
        assert sorted(names) == ["Ani", "Budi"] and "Lain" not in ranking
        # Budi played another scenario than Ani: each scenario is ranked on its own, under
        # its title and pass mark, as in `simulasi scoreboard` and the exports.
        assert len(board.sections) == 2
        lines = ranking.splitlines()[1:]
        headings = [line for line in lines if "(batas lulus" in line]
        assert [h.split(" (batas lulus")[0] for h in headings] == [s.title for s in board.sections]
        rows = [line for line in lines if line not in headings][: board.count]
        for ranked, line in zip(board.ranking, rows, strict=True):
            assert ranked.facts.trainee in line and number(ranked.card.total, "id") in line
            assert line.lstrip().startswith(f"{ranked.rank} ")
        assert "Tim 1" in str(scoreboard.query_one("#scoreboard--teams", Static).visual)
        agencies = str(scoreboard.query_one("#scoreboard--agencies", Static).visual)
        assert "Diskominfo Sukamaju" in agencies
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_a_name_with_markup_is_shown_as_typed(
    make_app: Any, open_play: Any, step: Any, store: Store
) -> None:
    """A trainee called `[bold red]X` is listed as those characters, not as red text."""
    _stored_run(store, "[bold red]X", "Bimtek 2026", team="[link=http://x]T[/link]")
    again = make_app(store=store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        again.push_screen(ScoreboardScreen(store, "Bimtek 2026"))
        await _built(pilot)
        ranking = str(again.screen.query_one("#scoreboard--ranking", Static).visual)
        assert "[bold red]X" in ranking
        teams = str(again.screen.query_one("#scoreboard--teams", Static).visual)
        assert "[link=http://x]T[/link]" in teams


@pytest.mark.parametrize(("lang", "word"), [("en", "1 trainee ranked"), ("id", "1 peserta")])
async def test_one_trainee_is_not_trainees(store: Store, lang: str, word: str) -> None:
    """A workshop of one: "1 trainee ranked", not "1 trainees"."""
    from simulasi.ui.app import SimulasiApp
    from simulasi.ui.screens.scoreboard_screen import ScoreboardScreen
    from simulasi.ui.session import Session, Trainee

    _stored_run(store, "Budi", "Solo")
    app = SimulasiApp(Session([], Trainee("Budi"), lang=lang, store=store))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ScoreboardScreen(store, "Solo"))
        await _built(pilot)
        text = " ".join(
            str(s.visual) for s in app.screen.query(".scoreboard--note").results(Static)
        )
        assert word in text and "trainees" not in text


async def test_the_table_is_built_in_a_worker_after_the_screen_is_up(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The logs are replayed and scored in a thread: the screen is up and says it is
    counting while the build runs, and the table replaces the note when it is done."""
    from simulasi.ui.app import SimulasiApp
    from simulasi.ui.screens import scoreboard_screen
    from simulasi.ui.session import Session, Trainee

    _stored_run(store, "Budi", "Solo")
    release = threading.Event()
    threads: list[threading.Thread] = []
    build = build_scoreboard

    def held_build(entries: list[Entry]) -> Scoreboard:
        threads.append(threading.current_thread())
        assert release.wait(timeout=60)
        return build(entries)

    monkeypatch.setattr(scoreboard_screen, "build_scoreboard", held_build)
    app = SimulasiApp(Session([], Trainee("Budi"), store=store))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ScoreboardScreen(store, "Solo"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScoreboardScreen) and screen.board is None
        assert "menghitung" in str(screen.query_one("#scoreboard--loading", Static).visual)
        assert not screen.query("#scoreboard--ranking")
        release.set()
        await _built(pilot)
        assert threads and threads[0] is not threading.main_thread()
        assert screen.board is not None and not screen.query("#scoreboard--loading")
        assert "Budi" in str(screen.query_one("#scoreboard--ranking", Static).visual)


async def test_a_bug_in_the_build_is_one_line_and_exit_70(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's failure is the game's: one plain line and exit 70, no traceback."""
    from simulasi.ui.app import SimulasiApp
    from simulasi.ui.screens import scoreboard_screen
    from simulasi.ui.session import Session, Trainee

    def broken(entries: list[Entry]) -> Scoreboard:
        raise RuntimeError("rank lost")

    monkeypatch.delenv("SIMULASI_DEBUG", raising=False)
    monkeypatch.setattr(scoreboard_screen, "build_scoreboard", broken)
    _stored_run(store, "Budi", "Solo")
    app = SimulasiApp(Session([], Trainee("Budi"), store=store))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ScoreboardScreen(store, "Solo"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 70
    assert app.exit_line is not None and "rank lost" in app.exit_line
    assert "\n" not in app.exit_line
