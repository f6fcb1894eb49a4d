"""Home, briefing, language switch, help and the quit confirmation."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from simulasi.bundled import bundled_scenarios
from simulasi.store import Store
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens import help_modal, home_screen
from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.help_modal import HelpModal
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.quit_modal import QuitModal
from simulasi.ui.screens.resume_modal import ResumeModal
from simulasi.ui.session import ScenarioEntry, Session, Trainee, load_entries

SIZE = (80, 24)


def highlighted_line(screen: Any) -> str:
    """The text of the scenario highlighted in Home's list."""
    option = screen.query_one("#home--list", OptionList).highlighted_option
    assert option is not None
    return str(option.prompt)


async def test_home_lists_the_scenario_with_its_facts(make_app: Any) -> None:
    """The bundled scenario is listed with its number of decisions and estimated length."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listed = highlighted_line(app.screen)
        assert "Hoaks Vaksin MR" in listed and "8 keputusan" in listed


async def test_home_lists_the_five_bundled_scenarios_with_summary_and_objectives(
    make_app: Any,
) -> None:
    """Every bundled scenario is listed; moving down the list shows each one's summary and
    learning objectives, in the order the file gives them."""
    paths = bundled_scenarios()
    app = make_app(paths=paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.query_one("#home--list", OptionList).option_count == len(paths) == 5
        for index, entry in enumerate(app.session.entries):
            scenario = entry.scenario
            assert scenario is not None
            listed = highlighted_line(screen)
            # Whole, or shortened with … so the facts stay on the line (80 columns).
            title = listed.removeprefix("• ").split("  ")[0]
            assert title == scenario.doc.title or (
                title.endswith("…") and scenario.doc.title.startswith(title[:-1])
            ), listed
            detail = str(screen.query_one("#home--summary", Static).visual)
            assert "Tujuan belajar:" in detail
            assert " ".join(scenario.doc.summary.split()) in detail
            for objective in scenario.doc.objectives:
                assert " ".join(objective.split()) in detail
            if index < len(paths) - 1:
                await pilot.press("down")
                await pilot.pause()


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


async def test_back_from_the_briefing_the_arrows_move_in_the_list(make_app: Any) -> None:
    """A trainee who started from the name field (Enter there) and comes back with Esc is
    choosing a scenario again: the list has the focus, so ↑↓ move in it as the key bar says."""
    app = make_app(paths=bundled_scenarios(), name="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", *"Budi", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        listing = screen.query_one("#home--list", OptionList)
        assert app.focused is listing
        before = listing.highlighted
        await pilot.press("down")
        await pilot.pause()
        assert listing.highlighted == (before or 0) + 1
        assert screen.query_one("#home--name", Input).value == "Budi"


async def test_tab_goes_from_the_list_to_the_name_and_pgdn_reads_the_detail(
    make_app: Any,
) -> None:
    """As the key bar says, Tab moves from the list to the form (the name first), where
    typing fills it in; PgDn/PgUp page the scenario's detail from there, without a stop in
    the focus chain for the detail pane."""
    app = make_app(name="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.query_one("#home--list", OptionList)
        await pilot.press("tab", *"Budi")
        await pilot.pause()
        assert app.focused is screen.query_one("#home--name", Input)
        assert app.session.trainee.name == "Budi"
        detail = screen.query_one("#home--detail")
        assert detail.max_scroll_y > 0  # summary and objectives overflow at 80x24
        await pilot.press("pagedown")
        await pilot.pause()
        assert detail.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert detail.scroll_y == 0


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


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_help_fits_80x24_one_line_per_key(make_app: Any, lang: str) -> None:
    """Every key of the help is on screen at 80x24, each on one line (none cut off below,
    none wrapped under the key column), and so is how to close it."""
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, HelpModal)
        keys = modal.query_one("#help--keys", Static)
        assert keys.region.height == len(help_modal.KEYS)
        assert modal.query_one("#help--box").max_scroll_y == 0
        hint = modal.query_one(".modal--hint", Static)
        assert hint.region.bottom <= SIZE[1]


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


async def test_home_paints_before_the_scenarios_are_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As `simulasi play` starts it (files given, none loaded): Home is up with an empty
    list saying it is loading while the loader is still at work; Enter then does nothing;
    when the loader is done the list is filled and Enter goes on to the briefing."""
    release = threading.Event()
    load = load_entries

    def slow_load(paths: list[Path]) -> list[ScenarioEntry]:
        assert release.wait(timeout=30)  # the loader thread waits for the test, not the test
        return load(paths)

    monkeypatch.setattr(home_screen, "load_entries", slow_load)
    session = Session([], Trainee("Ani"), bell=False, to_load=bundled_scenarios())
    app = SimulasiApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        loading = screen.query_one("#home--loading", Static)
        assert loading.display and "memuat skenario" in str(loading.visual)
        assert screen.query_one("#home--list", OptionList).option_count == 0
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert app.screen is screen and session.entries == []

        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.to_load is None and len(session.entries) == 5
        assert not screen.query_one("#home--loading", Static).display
        listed = highlighted_line(screen)
        assert "Gempa dan Hoaks Tsunami" in listed
        assert "BMKG" in str(screen.query_one("#home--summary", Static).visual)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


async def test_unfinished_runs_are_offered_once_the_list_is_loaded(
    make_app: Any, open_play: Any, step: Any, tmp_path: Path
) -> None:
    """With the scenarios loaded after the first frame, a run left unfinished is still
    offered on start (once the list is there)."""
    with Store.open(tmp_path / "data") as store:
        app = make_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            await open_play(pilot)
            await step(pilot, 10)
            await pilot.press("q", "y")
            await pilot.pause()
        session = Session([], Trainee("Ani"), bell=False, store=store, to_load=bundled_scenarios())
        again = SimulasiApp(session)
        async with again.run_test(size=SIZE) as pilot:
            await again.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(again.screen, ResumeModal)


async def test_a_loader_that_fails_ends_the_game_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug while loading in the background is not swallowed: the game exits with code 70
    and the one-line internal-error message, as the command line does."""

    def broken(paths: list[Path]) -> list[ScenarioEntry]:
        raise RuntimeError("boom")

    monkeypatch.setattr(home_screen, "load_entries", broken)
    session = Session([], Trainee("Ani"), bell=False, to_load=bundled_scenarios())
    app = SimulasiApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 70
