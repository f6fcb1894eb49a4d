"""The lobby (`play --lobby`, `serve --lobby`): trainees who opened a scenario wait on its
briefing until the console's `s`; then every clock starts together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from console_support import WORKSHOP, MakeGame
from textual._context import active_app

from simulasi.cli import main
from simulasi.commands.serve import game_command
from simulasi.console.app import ConsoleApp
from simulasi.store import Store
from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.key_bar import KeyBar

SIZE = (80, 24)


async def _briefing(pilot: Any) -> BriefingScreen:
    await pilot.press("enter")  # Home -> the briefing of the first scenario
    await pilot.pause()
    await pilot.press("enter")  # in the lobby, Enter does not start the clock
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BriefingScreen)
    return screen


async def _poll(pilot: Any) -> None:
    """The briefing's poll (its one-second timer), with this game as the active app."""
    screen = pilot.app.screen
    if isinstance(screen, BriefingScreen):
        token = active_app.set(pilot.app)
        try:
            screen.poll_lobby()
        finally:
            active_app.reset(token)
    await pilot.pause()


async def test_the_lobby_waits_for_the_console_and_starts_everyone_together(
    store: Store, make_game: MakeGame
) -> None:
    store.issue_command(WORKSHOP, "start")  # an earlier round, ended: not for this lobby
    store.issue_command(WORKSHOP, "end")
    (app_a, _), (app_b, _) = (
        make_game(store, "Ani", lobby=True),
        make_game(store, "Budi", lobby=True),
    )
    console = ConsoleApp(store, WORKSHOP, lang="en")
    async with (
        console.run_test(size=(120, 40)) as pc,
        app_a.run_test(size=SIZE) as pa,
        app_b.run_test(size=SIZE) as pb,
    ):
        briefings = [await _briefing(pa), await _briefing(pb)]
        for pilot in (pa, pb):
            await _poll(pilot)
        assert all(isinstance(p.app.screen, BriefingScreen) for p in (pa, pb))
        bar = str(briefings[0].query_one(KeyBar).render())
        assert "menunggu fasilitator memulai" in bar
        await pc.press("s")
        for pilot in (pa, pb):
            await _poll(pilot)
        plays = [pa.app.screen, pb.app.screen]
        assert all(isinstance(p, PlayScreen) for p in plays)
    for play in plays:
        assert isinstance(play, PlayScreen) and play.recorder is not None
        start = store.records(play.recorder.run_id)[0]
        assert (start.kind, start.at, start.room) == ("start", 0.0, 3)  # after the room's start


async def test_without_the_lobby_enter_begins(store: Store, make_game: MakeGame) -> None:
    app, _ = make_game(store, "Citra")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


def test_play_lobby_needs_a_workshop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["play", "--lobby", "--data", str(tmp_path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--workshop" in err


def test_serve_lobby_passes_the_lobby_to_every_game() -> None:
    common = {
        "scenario": None,
        "scenarios": None,
        "workshop": "W",
        "data": "d",
        "time_scale": "1",
        "lang": "id",
    }
    assert "--lobby" in game_command(**common, lobby=True)  # type: ignore[arg-type]
    assert "--lobby" not in game_command(**common)  # type: ignore[arg-type]
