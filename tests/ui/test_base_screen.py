"""The base screen: `?` and F3 are bound once, on the app, and work on every screen; the quit
key asks the screen (Play asks the trainee first), not the app testing for a screen."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

from simulasi.bundled import bundled_dir
from simulasi.engine import FakeClock, Run
from simulasi.store import Recorder, Store
from simulasi.ui import screens
from simulasi.ui.app import DARK_THEME, LIGHT_THEME, SimulasiApp
from simulasi.ui.screens.base import GameModal, GameScreen
from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.help_modal import HelpModal
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.screens.quit_modal import QuitModal
from simulasi.ui.screens.scoreboard_screen import ScoreboardScreen
from simulasi.ui.session import load_entries

SIZE = (80, 24)
VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"


def _screen_classes() -> list[type[Screen[object]]]:
    """Every screen class of the game's screen modules (a new module is found too)."""
    found: list[type[Screen[object]]] = []
    for info in pkgutil.iter_modules(screens.__path__):
        if info.name == "base":  # the bases themselves
            continue
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.append(value)
    return found


def _keys(screen: type[Screen[object]]) -> set[str]:
    keys: set[str] = set()
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding):
            keys.update(key.strip() for key in binding.key.split(","))
    return keys


def test_every_screen_of_the_game_has_a_base_and_none_binds_help_or_the_theme() -> None:
    """`?` and F3 are the app's, once; only the help itself takes `?` (to close)."""
    classes = _screen_classes()
    assert {HomeScreen, BriefingScreen, PlayScreen, DebriefScreen, HelpModal} <= set(classes)
    for screen in classes:
        assert issubclass(screen, (GameScreen, GameModal)), screen
        keys = _keys(screen)
        assert "f3" not in keys, screen
        assert ("question_mark" in keys) == (screen is HelpModal), screen
    bound = [b.key for b in SimulasiApp.BINDINGS if isinstance(b, Binding)]
    assert bound.count("question_mark") == 1 and bound.count("f3") == 1


def _finished_run() -> Run:
    scenario = load_entries([VAKSIN])[0].scenario
    assert scenario is not None
    run = Run(scenario, history=True)
    run.start(0.0)
    run.advance(100_000.0)
    assert run.ended
    return run


async def _help_and_theme_work(pilot: Pilot[None], screen: type[Screen[None]]) -> None:
    """`?` opens the help over `screen` and Esc closes it; F3 switches the theme and back."""
    app = pilot.app
    assert isinstance(app.screen, screen)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpModal), screen
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, screen)
    await pilot.press("f3")
    await pilot.pause()
    assert app.theme == LIGHT_THEME, screen
    await pilot.press("f3")
    await pilot.pause()
    assert app.theme == DARK_THEME, screen


async def test_help_and_the_theme_work_on_every_screen(
    make_app: Callable[..., SimulasiApp], tmp_path: Path
) -> None:
    """Home, Briefing, Play (its clock stops under the help), Debrief and Scoreboard."""
    with Store.open(tmp_path / "data") as store:
        run = _finished_run()
        Recorder.start(store, run, trainee="Budi", workshop="Bimtek 2026").commit()
        app = make_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await _help_and_theme_work(pilot, HomeScreen)
            await pilot.press("enter")
            await pilot.pause()
            await _help_and_theme_work(pilot, BriefingScreen)
            await pilot.press("enter")
            await pilot.pause()
            play = app.screen
            assert isinstance(play, PlayScreen)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpModal) and play.is_paused
            await pilot.press("escape")
            await pilot.pause()
            assert not play.is_paused
            await _help_and_theme_work(pilot, PlayScreen)
            await app.switch_screen(DebriefScreen(_finished_run(), workshop="Bimtek 2026"))
            await pilot.pause()
            await _help_and_theme_work(pilot, DebriefScreen)
            await pilot.press("s")
            await pilot.pause()
            await _help_and_theme_work(pilot, ScoreboardScreen)


OpenPlay = Callable[[Pilot[None]], Awaitable[PlayScreen]]


async def test_the_quit_key_asks_on_play_and_leaves_from_home(
    make_app: Callable[..., SimulasiApp], open_play: OpenPlay, clock: FakeClock
) -> None:
    """Ctrl+Q in a run: Play's own question (the clock stops); Ctrl+Q under the question, or
    on Home, leaves at once."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal) and clock.paused and play.is_paused
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    home = make_app()
    async with home.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert home.return_code == 0
