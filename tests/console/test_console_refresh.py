"""The roster redrawn every second: its auto-width columns fit what is shown now, and the
facilitator's scroll position and cursor stay where they were."""

from __future__ import annotations

from console_support import WORKSHOP, fill_crowd, fill_room
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from simulasi.console.app import WIDTHS, ConsoleApp
from simulasi.store import Store

SMALL = (80, 24)


async def _refreshed(pilot: Pilot[int]) -> DataTable[object]:
    app = pilot.app
    assert isinstance(app, ConsoleApp)
    app.refresh_roster()
    await pilot.pause()
    table: DataTable[object] = app.query_one(DataTable)
    return table


def _content_widths(table: DataTable[object]) -> dict[str, int]:
    return {str(key.value): column.content_width for key, column in table.columns.items()}


async def test_a_wide_state_column_shrinks_once_the_wide_row_is_gone(store: Store) -> None:
    ids = fill_room(store)  # Gita is disconnected: the widest state label in English
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        table = await _refreshed(pilot)
        assert _content_widths(table)["state"] == len("disconnected")
        store.abandon_run(ids["Gita"])
        table = await _refreshed(pilot)
        states = {row.state for row in app.rows}
        assert "disconnected" not in states
        assert _content_widths(table)["state"] == len("abandoned")


async def test_auto_width_columns_fit_the_shown_rows_only(store: Store) -> None:
    """Filtered to one scenario, each auto-width column is as wide as its label and the cells
    shown now, and no wider; back to all, as wide as all of them again."""
    fill_room(store)
    app = ConsoleApp(store, WORKSHOP, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        table = await _refreshed(pilot)
        wide = _content_widths(table)
        assert set(WIDTHS) < set(wide)  # the fixed columns are not auto-width
        for scenario in ("gempa-hoaks-tsunami", "hoaks-vaksin-mr"):
            await pilot.press("f")
            await pilot.pause()
            assert {row.scenario_id for row in app.shown} == {scenario}
            widths = _content_widths(table)
            for index, (key, column) in enumerate(table.columns.items()):
                if column.auto_width:
                    cells = [
                        str(table.get_cell_at(Coordinate(row, index)))
                        for row in range(table.row_count)
                    ]
                    fitted = max(len(column.label), *(len(cell) for cell in cells))
                    assert widths[str(key.value)] == fitted, key.value
            if scenario == "gempa-hoaks-tsunami":  # paused and finished, none disconnected
                assert widths["state"] == len("finished") < wide["state"]
        await pilot.press("f")  # all again
        await pilot.pause()
        assert _content_widths(table) == wide


async def test_a_refresh_keeps_the_scroll_position_and_the_cursor(store: Store) -> None:
    fill_crowd(store)
    app = ConsoleApp(store, WORKSHOP, lang="id")
    async with app.run_test(size=SMALL) as pilot:
        table = await _refreshed(pilot)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        cursor, scroll_y = table.cursor_row, table.scroll_y
        assert cursor > 0 and scroll_y > 0
        await pilot.press("pageup")  # the cursor at the top of the view, not at its bottom
        await pilot.pause()
        cursor, scroll_y = table.cursor_row, table.scroll_y
        assert 0 < scroll_y < table.max_scroll_y
        table = await _refreshed(pilot)
        assert (table.cursor_row, table.scroll_y) == (cursor, scroll_y)
        # Scrolled with the mouse wheel: the view moves, the cursor does not.
        table.scroll_to(y=scroll_y + 5, animate=False, immediate=True)
        await pilot.pause()
        scroll_y = table.scroll_y
        table = await _refreshed(pilot)
        assert (table.cursor_row, table.scroll_y) == (cursor, scroll_y)


async def test_a_refresh_keeps_the_roster_scrolled_to_the_right(store: Store) -> None:
    """At 80 columns team, scenario and agency are a scroll to the right: they stay there."""
    fill_crowd(store)
    app = ConsoleApp(store, WORKSHOP, lang="id")
    async with app.run_test(size=SMALL) as pilot:
        table = await _refreshed(pilot)
        assert table.max_scroll_x > 0
        await pilot.press("end")
        await pilot.pause()
        assert table.scroll_x == table.max_scroll_x
        table = await _refreshed(pilot)
        assert table.scroll_x == table.max_scroll_x


async def test_a_shorter_roster_is_scrolled_back_onto_its_rows(store: Store) -> None:
    """Scrolled to the bottom of sixty rows, then filtered to a scenario with two: both are
    on screen, under the cursor's clamp."""
    fill_crowd(store)
    fill_room(store)  # two runs of the earthquake scenario, the first of the filter
    app = ConsoleApp(store, WORKSHOP, lang="id")
    async with app.run_test(size=SMALL) as pilot:
        table = await _refreshed(pilot)
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.scroll_y == table.max_scroll_y > 0
        await pilot.press("f")
        await pilot.pause()
        assert {row.scenario_id for row in app.shown} == {"gempa-hoaks-tsunami"}
        assert table.row_count == 2
        assert (table.cursor_row, table.scroll_y, table.max_scroll_y) == (1, 0, 0)
        table = await _refreshed(pilot)
        assert (table.cursor_row, table.scroll_y) == (1, 0)
