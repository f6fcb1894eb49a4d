"""The facilitator's console over a store filled by headless runs in every state: the roster,
its sorting and filter, the room's keys, the help and the projector view."""

from __future__ import annotations

from typing import Any

import pytest
from console_support import GEMPA, VAKSIN, WORKSHOP, fill_crowd, fill_room
from textual.widgets import DataTable, Digits, Static

from scoring import score
from simulasi.console.app import (
    COLUMNS,
    ConfirmEnd,
    ConsoleApp,
    ConsoleHelp,
    MessageInput,
    Projector,
)
from simulasi.console.roster import rankings
from simulasi.scenario import load_scenario_or_raise
from simulasi.store import Store

WIDE = (120, 40)


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def _table(app: ConsoleApp) -> list[dict[str, str]]:
    """The roster's rows as shown, each by column."""
    table = app.query_one(DataTable)
    return [
        {key: str(cell) for key, cell in zip(COLUMNS, table.get_row_at(i), strict=True)}
        for i in range(table.row_count)
    ]


async def _opened(pilot: Any) -> ConsoleApp:
    app: ConsoleApp = pilot.app
    app.refresh_roster()
    await pilot.pause()
    return app


async def test_the_roster_shows_every_state_with_its_numbers(store: Store) -> None:
    ids = fill_room(store)
    fill_room(store, "Another workshop")  # not this room
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        states = {row.trainee: row.state for row in app.rows}
        assert states == {
            "Ani": "finished",
            "Budi": "finished",
            "Citra": "finished",
            "Dedi": "abandoned",
            "Eka": "playing",
            "Fajar": "paused",
            "Gita": "disconnected",
        }
        cells = {row["trainee"]: row for row in _table(app)}
        vaksin = load_scenario_or_raise(VAKSIN)
        card = score(vaksin, store.records(ids["Ani"]))
        # The finish played the run to its end: every decision arrived, one was answered.
        ani = cells["Ani"]
        assert (ani["state"], ani["answered"], ani["red_line"]) == (
            "finished",
            f"1/{len(card.events)}",
            "YES",
        )
        assert cells["Budi"]["red_line"] == "-"
        assert cells["Eka"]["state"] == "playing"
        assert cells["Eka"]["urgent"] != "-"  # time left on its most urgent decision
        assert cells["Gita"]["state"] == "disconnected"
        # Totals are recomputed from the stored log, as the scoreboard would.
        assert cells["Ani"]["total"].startswith(f"{card.total:.1f}")
        assert cells["Eka"]["total"] == "-"  # no total before the end
        header = _text(app, "#console--header")
        assert "7 trainees" in header and "1 disconnected" in header
        # Sorted by state: who needs a look first (disconnected, paused, playing, ...).
        assert [row["trainee"] for row in _table(app)][:3] == ["Gita", "Fajar", "Eka"]


async def test_sort_by_team_and_total_and_filter_by_scenario(store: Store) -> None:
    fill_room(store)
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        await pilot.press("o")  # team
        teams = [row["team"] for row in _table(app)]
        assert teams == sorted(teams, key=str.casefold)
        await pilot.press("o")  # total, highest first, runs without one last
        totals = [row.total for row in app.shown]
        known = [t for t in totals if t is not None]
        assert known == sorted(known, reverse=True)
        assert totals[: len(known)] == known
        await pilot.press("f")  # the first scenario only
        assert {row.scenario_id for row in app.shown} == {"gempa-hoaks-tsunami"}
        await pilot.press("f")
        assert {row.scenario_id for row in app.shown} == {"hoaks-vaksin-mr"}
        await pilot.press("f")  # all again
        assert len(app.shown) == 7


async def test_the_room_keys_issue_commands_through_the_store(store: Store) -> None:
    fill_room(store)
    app = ConsoleApp(store, WORKSHOP, lang="en", issued_by="fasilitator")
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        await pilot.press("p")
        assert "ROOM PAUSED" in _text(app, "#console--header")
        await pilot.press("p")
        assert "ROOM PAUSED" not in _text(app, "#console--header")
        await pilot.press("e")  # asks first; n leaves everything as it was
        assert isinstance(app.screen, ConfirmEnd)
        await pilot.press("n")
        await pilot.press("m")
        assert isinstance(app.screen, MessageInput)
        await pilot.press(*"Istirahat 5 menit", "enter")
        await pilot.press("m", "escape")  # cancelled: nothing sent
        await pilot.press("e", "y")
        await pilot.pause()
    commands = store.room_commands(WORKSHOP)
    assert [(c.kind, c.payload) for c in commands] == [
        ("pause", ""),
        ("resume", ""),
        ("message", "Istirahat 5 menit"),
        ("end", ""),
    ]
    assert {c.issued_by for c in commands} == {"fasilitator"}
    assert store.room_commands("Another workshop") == []


async def test_the_console_reads_the_room_state_it_did_not_issue(store: Store) -> None:
    """A second console (or a restarted one) shows the room as paused and offers resume."""
    store.issue_command(WORKSHOP, "pause")
    app = ConsoleApp(store, WORKSHOP, lang="id")
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        assert "RUANGAN DIJEDA" in _text(app, "#console--header")
        assert "lanjutkan semua" in _text(app, "#console--keys")
        await pilot.press("p")
    assert [c.kind for c in store.room_commands(WORKSHOP)] == ["pause", "resume"]


async def test_the_projector_ranks_each_scenario_apart_with_names_or_teams(store: Store) -> None:
    fill_room(store)
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        await _opened(pilot)
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, Projector)
        headings = [str(s.visual) for s in screen.query(".projector--scenario").results(Static)]
        vaksin = load_scenario_or_raise(VAKSIN)
        gempa = load_scenario_or_raise(GEMPA)
        assert len(headings) == 2  # one ranking per scenario
        assert any(vaksin.title in h for h in headings)
        assert any(gempa.title in h for h in headings)
        names = [str(s.visual) for s in screen.query(".projector--name").results(Static)]
        assert sorted(names) == ["Ani  !", "Budi", "Citra"]  # finished runs only
        # The scoreboard's order: Ani took a red line, so Budi ranks above her.
        vaksin_ranking = next(
            rows for title, _, rows in rankings(app.rows) if title == vaksin.title
        )
        assert [r.trainee for r in vaksin_ranking] == ["Budi", "Ani"]
        ranked = [row for _, _, rows in rankings(app.rows) for row in rows]
        digits = [d.value for d in screen.query(".projector--total").results(Digits)]
        assert digits == [f"{r.total:.1f}" for r in ranked]
        await pilot.press("n")  # teams only: no name on the wall
        names = [str(s.visual) for s in screen.query(".projector--name").results(Static)]
        assert sorted(names) == ["Tim Biru", "Tim Hijau", "Tim Merah  !"]
        await pilot.press("v")
        assert not isinstance(app.screen, Projector)


async def test_help_and_quit(store: Store) -> None:
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _opened(pilot)
        assert "No trainee" in _text(app, "#console--empty")
        await pilot.press("question_mark")
        assert isinstance(app.screen, ConsoleHelp)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConsoleHelp)
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize(("size", "scrolls"), [((120, 40), False), ((80, 24), True)])
async def test_sixty_trainees_fit_the_width_and_scroll(
    store: Store, size: tuple[int, int], scrolls: bool
) -> None:
    """Sixty trainees with long names: every column fits 120 columns; rows scroll."""
    fill_crowd(store)
    app = ConsoleApp(store, WORKSHOP, lang="id")
    async with app.run_test(size=size) as pilot:
        await _opened(pilot)
        table = app.query_one(DataTable)
        assert table.row_count == 60
        assert table.virtual_size.width <= 120
        if not scrolls:
            assert table.max_scroll_x == 0
        # At 80 columns the state, answers, red line, time left and total are on screen;
        # team, scenario and agency are a scroll to the right.
        watched = list(table.columns.values())[: COLUMNS.index("total") + 1]
        assert sum(column.get_render_width(table) for column in watched) <= 80
        assert table.max_scroll_y > 0  # 60 rows never fit 40 lines: they scroll
        assert table.has_focus
        keys = app.query_one("#console--keys")
        assert keys.size.height == (1 if size[0] >= 120 else 2)  # the key bar, all of it
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == 59
        assert table.scroll_y == table.max_scroll_y
