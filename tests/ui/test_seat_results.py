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
                line = str(countdown.visual)
                match = re.search(rf" (\d+) {unit}$", line)
                assert match is not None, line
                assert cell_len(line) <= countdown.content_size.width, line
                shown.add(match.group(1))
            assert shown == expected
