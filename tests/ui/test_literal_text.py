"""Scenario text and trainee names are shown as typed: markup and escapes never act."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList, Static

from simulasi.texts.game import EN, ID
from simulasi.ui.literal import reflow, visible
from simulasi.ui.widgets.inbox import InboxItem

SIZE = (80, 24)

SCENARIO = r"""format: simulasi/1
id: literal
title: "[bold red]Judul[/] [link=https://contoh.id]tautan[/link]"
summary: "Ringkasan [i]miring[/i]"
briefing: "Baca \e[31mmerah\e[0m"
stakeholders:
  - {id: warga, name: "[reverse]Warga[/]", initial: 50}
events:
  - id: e1
    at: 0
    channel: sms
    from: "[b]Pengirim[/b]"
    title: "Judul [blink]kedip[/blink] \e[2J"
    body: "Isi [on red]merah[/on red]"
    deadline: 60
    choices:
      - {id: a, text: "[@click=app.quit]Keluar[/]", rating: best, feedback: "ok"}
    on_timeout: {feedback: "diam"}
endings:
  - {id: selesai, title: "Selesai"}
"""


def test_visible_writes_control_characters_out() -> None:
    """An escape sequence becomes visible text; newlines and tabs stay."""
    assert visible("a\x1b[31mb\n\tc\x07") == "a\\x1b[31mb\n\tc\\x07"


def test_reflow_joins_hard_wrapped_lines_but_keeps_paragraphs_and_items() -> None:
    """YAML block text rewraps to the terminal: paragraphs and list items are kept."""
    text = "Satu\ndua.\n\nDaftar:\n- a\n  lanjut\n- b\n"
    assert reflow(text) == "Satu dua.\n\nDaftar:\n- a lanjut\n- b"


def test_game_texts_are_prefixed_and_complete() -> None:
    """Every game text has a `game.` key and exists in both languages."""
    assert all(key.startswith("game.") for key in ID)
    assert set(ID) == set(EN)


async def test_markup_and_escapes_in_a_scenario_and_a_name_show_as_typed(
    make_app: Any, open_play: Any, tmp_path: Path
) -> None:
    """`[bold red]`, `[link=...]`, `[@click=...]` and ESC sequences in scenario text and in
    the trainee's name appear literally on Home, in the briefing and in play."""
    path = tmp_path / "literal.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    name = "Ani [bold]\x1b[31m"
    app = make_app(paths=[path], name=name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#home--list", OptionList)
        home = " ".join(str(s.visual) for s in app.screen.query(Static))
        home += " ".join(str(option.prompt) for option in listing.options)
        # The list shortens the title at 80 columns (its facts stay on the line): as typed
        # up to there; the briefing shows it whole.
        assert "[bold red]Judul[/] [link=https://contoh.id" in home
        assert "Ringkasan [i]miring[/i]" in home
        await pilot.press("enter")
        await pilot.pause()
        briefing = " ".join(str(s.visual) for s in app.screen.query(Static))
        assert "[bold red]Judul[/] [link=https://contoh.id]tautan[/link]" in briefing
        assert "Baca \\x1b[31mmerah\\x1b[0m" in briefing
        assert "[reverse]Warga[/]" in briefing
        await pilot.press("enter")
        await pilot.pause()
        play = " ".join(str(s.visual) for s in app.screen.query(Static))
        assert "Ani [bold]\\x1b[31m" in play
        assert "[b]Pengirim[/b]" in play and "Isi [on red]merah[/on red]" in play
        assert "[@click=app.quit]Keluar[/]" in play
        title = str(app.screen.query_one(InboxItem).query_one(".inbox--title", Static).visual)
        assert "Judul [blink]kedip[/blink] \\x1b[2J" in title
        assert app.return_code is None
