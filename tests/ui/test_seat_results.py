"""Pilot tests of the trainee's seat, the rest of it: a finished debrief reopened from Home's
recent results, Home's facts line kept on one line, a 3-digit countdown keeping its unit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import OptionList

from simulasi.bundled import bundled_dir
from simulasi.store import Store
from simulasi.ui.recent import Recent

VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"

LONG_TITLE = "Hoaks Vaksin MR di Kabupaten Sukamaju yang Menyebar Lewat Grup WhatsApp Sekolah"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _retitled(folder: Path, title: str) -> Path:
    """The vaksin scenario under a long title."""
    text = VAKSIN.read_text(encoding="utf-8")
    path = folder / "panjang.yaml"
    path.write_text(
        text.replace('title: "Hoaks Vaksin MR di Kabupaten Sukamaju"', f'title: "{title}"', 1),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_long_title_keeps_home_facts_on_one_line(
    make_app: Any, tmp_path: Path, size: tuple[int, int], lang: str
) -> None:
    """Each scenario is one line of the list, the facts whole at its end: the title is
    shortened with … at 80 columns, shown whole at 160."""
    app = make_app(paths=[_retitled(tmp_path, LONG_TITLE), VAKSIN], lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#home--list", OptionList)
        assert listing.virtual_size.height == listing.option_count == 2
        line = str(listing.get_option_at_index(0).prompt)
        facts = {"id": "8 keputusan · sekitar 13 menit", "en": "8 decisions · about 13 minutes"}
        assert facts[lang] in line, line
        assert cell_len(line) <= listing.scrollable_content_region.width - 2
        if size == (80, 24):
            assert "…" in line and LONG_TITLE not in line
        else:
            assert LONG_TITLE in line
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert listing.virtual_size.height == listing.option_count == 2


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_three_digit_countdown_keeps_its_unit(
    make_app: Any, open_play: Any, step: Any, size: tuple[int, int], lang: str
) -> None:
    """Deadlines of 300 s and more: every countdown in the inbox ends with its seconds and the
    unit ("300 dtk", "390 dtk", never "300" cut off) within the countdown's width."""
    import re

    from textual.widgets import Static

    unit = "dtk" if lang == "id" else "s"
    app = make_app(lang=lang)
    async with app.run_test(size=size) as pilot:
        play = await open_play(pilot)
        for now, expected in ((0.0, {"300"}), (180.0, {"120", "30", "390"})):
            await step(pilot, now - play.run.now)
            shown = set()
            for countdown in play.query(".inbox--countdown").results(Static):
                line = str(countdown.render())  # as painted at its width now
                match = re.search(rf" (\d+) {unit}$", line)
                assert match is not None, line
                assert cell_len(line) <= countdown.content_size.width, line
                shown.add(match.group(1))
            assert shown == expected


async def _finish_practice(pilot: Any, open_play: Any, step: Any) -> float:
    """Play the practice a little (one answer), end it (f, y): the debrief's total."""
    from simulasi.ui.screens.debrief_screen import DebriefScreen

    await open_play(pilot)
    await step(pilot, 20)
    await pilot.press("2")
    await step(pilot, 5)
    await pilot.press("f", "y")
    await pilot.pause()
    debrief = pilot.app.screen
    assert isinstance(debrief, DebriefScreen)
    return debrief.card.total


async def _settle(pilot: Any) -> None:
    """Let Home's workers (scenarios, recent results) finish and their results land."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_finished_debrief_reopens_from_home(
    make_app: Any,
    open_play: Any,
    step: Any,
    store: Store,
    size: tuple[int, int],
    lang: str,
) -> None:
    """After a finished run, Home offers F5 (in the key bar); the list names the trainee, the
    scenario and the total (decimal comma in Indonesian); Enter opens the same debrief,
    recomputed from the stored log; Enter goes back to Home leaving its form alone (and the
    results, nothing having finished since, are not scored again)."""
    from textual.widgets import Input, Static

    from simulasi.ui.screens.debrief_screen import DebriefScreen
    from simulasi.ui.screens.home_screen import HomeScreen
    from simulasi.ui.screens.recent_modal import RecentModal

    app = make_app(practice=True, store=store, lang=lang)
    async with app.run_test(size=size) as pilot:
        total = await _finish_practice(pilot, open_play, step)
        await pilot.press("enter")
        await _settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        keys = str(home.query_one("#home--keys", Static).visual)
        assert ("F5 hasil" if lang == "id" else "F5 results") in keys, keys
        await pilot.click("#home--name")
        await pilot.press(*"Budi")
        scored = home._recent
        await pilot.press("f5")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RecentModal)
        text = " ".join(str(s.visual) for s in modal.query("Static").results(Static))
        shown = f"{total:.1f}".replace(".", ",") if lang == "id" else f"{total:.1f}"
        assert "Ani" in text and "Hoaks Vaksin MR" in text and f"total {shown}" in text, text
        await pilot.press("enter")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.reopened
        assert debrief.card.total == total
        who = str(debrief.query_one("#debrief--trainee", Static).visual)
        assert "Ani" in who and "Tim 1" in who
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
        assert home.query_one("#home--name", Input).value == "Budi"
        assert app.session.trainee.name == "Budi"
        await _settle(pilot)
        assert home._recent is scored  # nothing finished since: not scored again


async def test_recent_results_come_after_the_first_frame_newest_first(
    make_app: Any, open_play: Any, step: Any, store: Store, clock: Any
) -> None:
    """A new start of the game: the recent results are scored by a worker after Home's first
    frame (none before), newest first; without any, F5 says there are none."""
    from simulasi.ui.screens.home_screen import HomeScreen
    from simulasi.ui.screens.recent_modal import RecentModal

    empty = make_app(store=store)
    async with empty.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(empty.screen, HomeScreen)
        assert [n.message for n in empty._notifications] == ["Belum ada permainan yang selesai."]
    for name in ("Ani", "Budi"):
        first = make_app(practice=True, store=store, name=name)
        async with first.run_test(size=(80, 24)) as pilot:
            await _finish_practice(pilot, open_play, step)
    again = make_app(store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        home = again.screen
        assert isinstance(home, HomeScreen) and home._recent == ()
        await _settle(pilot)
        recent: tuple[Recent, ...] = home._recent
        assert [r.info.trainee for r in recent] == ["Budi", "Ani"]
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(again.screen, RecentModal)


def _store_finished(store: Store, names: list[str], seat: str = "") -> None:
    """Finished practice runs of the vaksin scenario, one per name, oldest first."""
    from simulasi.engine import Run
    from simulasi.scenario import load_scenario_or_raise

    scenario = load_scenario_or_raise(VAKSIN)
    for name in names:
        run = Run(scenario, practice=True)
        run.start(0.0)
        run.advance(40.0)
        run.finish(40.0)
        store.start_run(scenario, trainee=name, practice=True, records=run.log, seat=seat)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_recent_results_list_fits_the_window(
    make_app: Any, store: Store, size: tuple[int, int]
) -> None:
    """Five results with long names: all five listed, newest first, and how to leave the list
    on screen, at 80x24 as at 160x48."""
    from textual.widgets import ListView, Static

    from simulasi.ui.screens.recent_modal import RecentModal

    names = [f"Peserta {i} Suryaningsih Wibowo Kusumawardhani" for i in range(7)]
    _store_finished(store, names)
    app = make_app(store=store)
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RecentModal)
        assert [r.info.trainee for r in modal.results] == names[::-1][:5]
        listing = modal.query_one("#recent--list", ListView)
        assert len(listing.children) == 5 and listing.max_scroll_y == 0
        hint = modal.query_one(".modal--hint", Static)
        assert "Esc" in str(hint.visual) and hint.region.bottom <= size[1]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_served_seat_lists_only_its_own_results(make_app: Any, store: Store) -> None:
    """Under `simulasi serve` (a seat), F5 offers that browser's finished runs, nobody else's;
    on the room's own laptop (no seat) every result of the data folder."""
    from simulasi.ui.screens.home_screen import HomeScreen

    _store_finished(store, ["Ani"], seat="browser-a")
    _store_finished(store, ["Budi"], seat="browser-b")
    _store_finished(store, ["Citra"])
    for seat, expected in (
        ("browser-a", ["Ani"]),
        ("browser-c", []),
        ("", ["Citra", "Budi", "Ani"]),
    ):
        app = make_app(store=store)
        app.session.seat = seat
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            home = app.screen
            assert isinstance(home, HomeScreen)
            recent: tuple[Recent, ...] = home._recent
            assert [r.info.trainee for r in recent] == expected, seat


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_the_briefing_writes_a_fractional_pass_mark_in_the_language(
    make_app: Any, tmp_path: Path, lang: str
) -> None:
    """A pass mark of 62.5 reads "62,5" in Indonesian and "62.5" in English."""
    from textual.widgets import Static

    text = VAKSIN.read_text(encoding="utf-8")
    path = tmp_path / "setengah.yaml"
    path.write_text(text.replace("  pass_mark: 81\n", "  pass_mark: 62.5\n", 1), encoding="utf-8")
    app = make_app(paths=[path], lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = " ".join(str(s.visual) for s in app.screen.query(".briefing--text").results(Static))
        ours, other = ("62,5", "62.5") if lang == "id" else ("62.5", "62,5")
        assert ours in shown and other not in shown, shown
