"""Home, briefing, language switch, help and the quit confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.help_modal import HelpModal
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.quit_modal import QuitModal

SIZE = (80, 24)


async def test_home_lists_the_scenario_with_its_facts(make_app: Any) -> None:
    """The bundled scenario is listed with its number of decisions and estimated length."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listed = str(app.screen.query(Static).filter(".-highlight Static").first().visual)
        assert "Hoaks Vaksin MR" in listed and "8 keputusan" in listed


async def test_a_name_is_asked_for_before_the_briefing(make_app: Any) -> None:
    """Without a name Enter stays on Home and focuses the name field; with one it goes on,
    and what was typed is kept in the session."""
    app = make_app(name="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is app.screen.query_one("#home--name", Input)
        await pilot.press(*"Budi")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.session.trainee.name == "Budi"


async def test_a_broken_scenario_shows_its_diagnostics_and_does_not_start(
    make_app: Any, tmp_path: Path
) -> None:
    """A scenario with errors is listed with its diagnostics and Enter does not start it."""
    broken = tmp_path / "rusak.yaml"
    broken.write_text("format: simulasi/1\nid: rusak\ntitle: x\n", encoding="utf-8")
    app = make_app(paths=[broken])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        detail = str(app.screen.query_one("#home--summary", Static).visual)
        assert "SIM103" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_f2_switches_the_language_on_home_and_briefing(make_app: Any) -> None:
    """F2 turns the Indonesian texts into English on Home, and the briefing follows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Pilih skenario" in str(app.screen.query_one(".home--label", Static).visual)
        await pilot.press("f2")
        await pilot.pause()
        assert app.session.lang == "en"
        assert "Pick a scenario" in str(app.screen.query_one(".home--label", Static).visual)
        await pilot.press("enter")
        await pilot.pause()
        headings = [str(s.visual) for s in app.screen.query(".briefing--heading").results(Static)]
        assert "Your role" in headings
        await pilot.press("f2")
        await pilot.pause()
        headings = [str(s.visual) for s in app.screen.query(".briefing--heading").results(Static)]
        assert "Peran Anda" in headings
        await pilot.press("escape")
        await pilot.pause()
        assert "Pilih skenario" in str(app.screen.query_one(".home--label", Static).visual)


async def test_help_lists_the_keys_and_closes(make_app: Any, open_play: Any) -> None:
    """? opens the help over the game and Esc closes it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "jeda" in str(app.screen.query_one("#help--keys", Static).visual)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"


async def test_quitting_mid_run_asks_first(make_app: Any, open_play: Any) -> None:
    """q in the middle of a run asks; n goes back to the same run, y leaves the app."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is play and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
