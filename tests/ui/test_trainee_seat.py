"""Pilot tests of the trainee's seat: irreversible keys ask first, the clock stops while the
game is not in view (help, a question, a window too small), and each stop is logged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from simulasi.engine import FakeClock
from simulasi.store import Store
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.screens.quit_modal import QuitModal
from simulasi.ui.screens.resume_modal import ResumeModal

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _toggles(play: Any) -> list[tuple[str, float]]:
    return [(r.kind, r.at) for r in play.run.log if r.kind in ("pause", "resume")]


async def test_f_in_practice_asks_first_and_n_keeps_playing(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """f opens a question (the clock stops meanwhile); n goes back to the run, unended."""
    app = make_app(practice=True)
    async with app.run_test(size=SIZE) as pilot:
        play: PlayScreen = await open_play(pilot)
        await step(pilot, 5)
        await pilot.press("f")
        await pilot.pause()
        modal = app.screen  # a name of its own: `app.screen` is another screen after `n`
        assert isinstance(modal, QuitModal) and clock.paused
        assert "Akhiri latihan" in str(modal.query_one(".modal--title", Static).visual)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is play and not play.run.ended and not clock.paused
        assert _toggles(play) == [("pause", 5.0), ("resume", 5.0)]


async def test_the_clock_stops_under_the_quit_question(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """q: while the question is open the clock stands still and the message is hidden."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 7)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await step(pilot, 300)
        assert clock.now() == 7.0 and play.run.is_pending("vn_viral")
        assert not play.query_one("#play--inject").display
        await pilot.press("n")
        await pilot.pause()
        assert not clock.paused and play.query_one("#play--inject").display
        assert _toggles(play) == [("pause", 7.0), ("resume", 7.0)]


async def test_a_pause_of_the_trainee_survives_the_help(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock
) -> None:
    """Paused with p, then the help opened and closed: still paused, no extra records."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 3)
        await pilot.press("p", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert play.is_paused and clock.paused
        assert _toggles(play) == [("pause", 3.0)]


async def test_abandon_asks_first(make_app: Any, open_play: Any, step: Any, store: Store) -> None:
    """`a` on the unfinished list asks; n leaves the run on the list, unabandoned."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 10)
        await pilot.press("q", "y")
        await pilot.pause()
    again = make_app(store=store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeModal)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(again.screen, QuitModal)
        assert "Ani" in str(again.screen.query_one("#quit--text", Static).visual)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, ResumeModal)
    assert len(store.unfinished_runs()) == 1


@pytest.mark.parametrize("small", [(70, 20), (50, 14)])
async def test_a_window_too_small_pauses_and_says_how_large(
    make_app: Any, open_play: Any, step: Any, clock: FakeClock, small: tuple[int, int]
) -> None:
    """Below 80x24 the game pauses itself (logged), hides the message and says the size it
    needs; back at 80x24 (or 160x48) it resumes by itself (logged)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 4)
        await pilot.resize_terminal(*small)
        await pilot.pause()
        assert play.is_paused and clock.paused
        note = str(play.query_one("#play--paused", Static).visual)
        assert "80×24" in note and f"{small[0]}×{small[1]}" in note
        assert not play.query_one("#play--inject").display
        await pilot.press("p")  # the trainee cannot resume into a window too small
        await pilot.pause()
        assert play.is_paused
        await step(pilot, 100)
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not play.is_paused and not clock.paused
        assert play.query_one("#play--inject").display
        assert _toggles(play) == [("pause", 4.0), ("resume", 4.0)]


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.region.overlaps(b.region))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_notices_never_cover_the_inbox_meters_or_message(
    make_app: Any, open_play: Any, step: Any, size: tuple[int, int]
) -> None:
    """Arrivals and timeouts are told in a status line of their own (the latest one), not
    in notices over the screen: nothing covers the inbox and its countdowns, the meters, the
    message or its choices at any moment of a whole run."""
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        play = await open_play(pilot)
        told = 0
        for _ in range(40):
            await step(pilot, 20)
            if play.run.ended:
                break
            await pilot.pause()  # a notice is posted, then mounted
            await pilot.pause()
            assert not list(app.screen.query("Toast"))
            line = play.query_one("#play--notice")
            if line.display:
                told += 1
                for part in ("#play--inbox", "#play--meters", "#play--main"):
                    assert not _overlaps(line, play.query_one(part)), part
        assert told


async def test_the_selected_message_timing_out_says_what_is_shown_instead(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """When the message on screen times out and another is shown instead, the notice
    names the one now shown."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        for _ in range(60):
            selected = play.selected
            await step(pilot, 10)
            timed = [r for r in play.run.log if r.kind == "timeout" and r.event == selected]
            if timed and play.selected is not None and play.selected != selected:
                break
        else:
            pytest.fail("no selected message timed out with another waiting")
        shown = play.scenario.events[play.selected].title
        assert "kini tampil" in play.notice and shown in play.notice


async def test_finishing_a_practice_leaves_no_notice_over_the_debrief(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """f, y with messages pending: the debrief shows, with no timeout notice over it."""
    app = make_app(practice=True)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 200)
        assert len(play.run.pending) >= 2
        await pilot.press("f", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "DebriefScreen"
        assert list(app._notifications) == []


LONG_NAME = "Ani Suryaningsih Wibowo Kusumawardhani"


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_header_keeps_the_clock_and_labels_and_shortens_the_title(
    make_app: Any, open_play: Any, step: Any, size: tuple[int, int]
) -> None:
    """A long title and a long name in practice and paused: the clock, LATIHAN and JEDA are
    on the header line in full; the title is shortened (with …) before anything else."""
    from rich.cells import cell_len

    from simulasi.ui.worldclock import world_time

    app = make_app(practice=True, name=LONG_NAME)
    async with app.run_test(size=size) as pilot:
        play = await open_play(pilot)
        await step(pilot, 30)
        await pilot.press("p")
        await pilot.pause()
        header = play.query_one("#play--header", Static)
        line = str(header.visual)
        assert cell_len(line) <= header.content_size.width
        for part in (world_time(play.scenario, play.run.now), "LATIHAN", "JEDA"):
            assert part in line, (part, line)
        if size == (80, 24):
            assert "…" in line.split("  ·  ")[0]
        else:
            assert play.scenario.title in line and LONG_NAME in line


async def test_the_briefing_names_the_key_stakeholder_floor_and_the_red_line_cap(
    make_app: Any,
) -> None:
    """The rules paragraph says what ◆ kunci means (below 25 caps the impact at 40) and the
    red-line cap (54 on the bundled scenario)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = " ".join(str(s.visual) for s in app.screen.query(".briefing--text"))
        assert "◆ kunci" in text and "di bawah 25" in text and "paling tinggi 40" in text
        assert "paling tinggi 54" in text


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_debrief_names_the_trainee_and_no_time_for_the_unanswered(
    make_app: Any, open_play: Any, step: Any, size: tuple[int, int]
) -> None:
    """A practice finished with messages never answered: the debrief names the trainee, team
    and agency, and shows no response time (no "630,0 dtk") for a message not answered."""
    app = make_app(practice=True)
    async with app.run_test(size=size) as pilot:
        await open_play(pilot)
        await step(pilot, 20)
        await pilot.press("2")
        await step(pilot, 600)
        await pilot.press("f", "y")
        await pilot.pause()
        debrief = app.screen
        assert type(debrief).__name__ == "DebriefScreen"
        who = str(debrief.query_one("#debrief--trainee", Static).visual)
        assert "Ani" in who and "Tim 1" in who and "Diskominfo Sukamaju" in who
        numbers = [str(s.visual) for s in debrief.query(".debrief--numbers")]
        assert any("Waktu respons" in n for n in numbers)  # the one answered
        unanswered = [n for n in numbers if "Tidak dijawab" in n]
        assert unanswered and not any("dtk" in n for n in unanswered), numbers


def test_trend_lines_share_one_scale() -> None:
    """The same trust draws the same block in every row, whatever the row's own range:
    50 throughout is mid-height, 0..100 spans the lowest to the highest block."""
    from simulasi.ui.screens.debrief_screen import trend

    assert trend([50.0, 50.0], 4) == trend([50.0], 4) == "▅▅▅▅"
    assert trend([0.0, 100.0], 2) == "▁█"
    assert trend([49.0, 51.0], 2) == "▄▅"  # not the lowest and the highest block


@pytest.mark.parametrize("zone", ["WIB", "WITA"])
async def test_the_unfinished_list_shows_local_time_and_how_long_it_ran(
    make_app: Any, open_play: Any, step: Any, store: Store, zone: str
) -> None:
    """The unfinished list gives the start on the workshop's clock (WIB by default, --tz)
    and "sudah berjalan 54 dtk", not UTC and "+00:54"."""
    from scoring.exports.common import local_time

    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 54)
        await pilot.press("q", "y")
        await pilot.pause()
    [info] = store.unfinished_runs()
    again = make_app(store=store)
    again.session.zone = zone
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeModal)
        text = " ".join(str(s.visual) for s in again.screen.query(Static))
        local = local_time(info.started_at, zone)
        assert local is not None
        assert f"{local:%H.%M} {zone}" in text and "UTC" not in text
        assert "sudah berjalan 54 dtk" in text and "+00:54" not in text


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_home_clears_the_trainee_after_a_finished_run(
    make_app: Any, open_play: Any, size: tuple[int, int]
) -> None:
    """Debrief, Enter: Home's form no longer shows the last trainee's name, team and agency
    (the workshop stays), and Enter asks for a name before the next run."""
    from textual.widgets import Input

    app = make_app(practice=True)
    async with app.run_test(size=size) as pilot:
        await open_play(pilot)
        await pilot.press("f", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "DebriefScreen"
        await pilot.press("enter")
        await pilot.pause()
        home = app.screen
        assert type(home).__name__ == "HomeScreen"
        values = {f: home.query_one(f"#home--{f}", Input).value for f in ("name", "team", "agency")}
        assert values == {"name": "", "team": "", "agency": ""}
        assert home.query_one("#home--workshop", Input).value == "Bimtek 2026"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home  # a name first


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_page_keys_on_home_page_the_summary_not_the_list(
    make_app: Any, size: tuple[int, int]
) -> None:
    """PgDn on Home scrolls the scenario's summary (down to the learning objectives) and
    leaves the highlighted scenario where it is."""
    from textual.containers import VerticalScroll
    from textual.widgets import OptionList

    from simulasi.bundled import bundled_scenarios

    app = make_app(paths=bundled_scenarios())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#home--list", OptionList)
        detail = app.screen.query_one("#home--detail", VerticalScroll)
        before = listing.highlighted
        await pilot.press("pagedown")
        await pilot.pause()
        assert listing.highlighted == before
        if detail.max_scroll_y:
            assert detail.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert listing.highlighted == before and detail.scroll_y == 0
