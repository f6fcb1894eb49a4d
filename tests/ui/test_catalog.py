"""Home's remembered list (`simulasi.ui.catalog`): a start with unchanged scenario files lists
them in its first frame without importing the scenario models, and loads one in full when the
trainee opens it; anything changed, broken or unreadable falls back to loading in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from simulasi.bundled import bundled_scenarios
from simulasi.ui.app import SimulasiApp
from simulasi.ui.catalog import CACHE_FILE, read_cache
from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.session import Session, Trainee, load_entries, remember, remembered_entries

SIZE = (80, 24)

#: `simulasi play` as a trainee starts it, headless: once the list is filled, print whether
#: the scenario models were imported by then, how many scenarios are listed, and leave.
START = textwrap.dedent(
    """
    import sys
    from simulasi.commands import play
    from simulasi.ui.app import SimulasiApp

    async def report(pilot):
        import asyncio
        while pilot.app.session.to_load is not None:
            await asyncio.sleep(0.001)
        await pilot.pause()
        print("pydantic" in sys.modules, len(pilot.app.session.entries))
        pilot.app.exit()

    run = SimulasiApp.run
    play.interactive = lambda: True
    SimulasiApp.run = lambda self, *a, **k: run(self, headless=True, auto_pilot=report)
    from simulasi.cli import main
    raise SystemExit(main(["play"]))
    """
)


def _start(data: Path) -> tuple[bool, int]:
    env = dict(os.environ, SIMULASI_DATA=str(data))
    out = subprocess.run(
        [sys.executable, "-c", START],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    return out[0] == "True", int(out[1])


def test_a_second_start_lists_the_scenarios_without_loading_them(tmp_path: Path) -> None:
    """First start: the files are loaded in full (models imported) and remembered; second
    start: the same five are listed and the models were never imported."""
    data = tmp_path / "data"
    assert _start(data) == (True, 5)
    cached = json.loads((data / CACHE_FILE).read_text(encoding="utf-8"))
    assert len(cached["scenarios"]) == 5
    assert _start(data) == (False, 5)


def _copies(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    paths = []
    for source in bundled_scenarios()[:2]:
        target = folder / source.name
        target.write_bytes(source.read_bytes())
        paths.append(target)
    return paths


def test_a_changed_broken_or_missing_file_is_not_trusted(tmp_path: Path) -> None:
    paths = _copies(tmp_path)
    cache = tmp_path / CACHE_FILE
    remember(load_entries(paths), cache)
    remembered = remembered_entries(paths, cache)
    assert remembered is not None and [e.result for e in remembered] == [None, None]
    assert [e.facts.title for e in remembered if e.facts] == [
        e.scenario.title for e in load_entries(paths) if e.scenario
    ]
    # One byte more: another digest, so the whole list is loaded again.
    paths[0].write_bytes(paths[0].read_bytes() + b"\n")
    assert remembered_entries(paths, cache) is None
    # A file that does not load is never remembered.
    paths[0].write_text("format: simulasi/1\nid: [\n", encoding="utf-8")
    remember(load_entries(paths), cache)
    assert len(read_cache(cache)) == 1
    assert remembered_entries(paths, cache) is None


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b'{"format": 1}', b'{"format": 99, "version": "0.1.0", "scenarios": {}}'],
)
def test_an_unusable_cache_is_ignored(tmp_path: Path, content: bytes) -> None:
    paths = _copies(tmp_path)
    cache = tmp_path / CACHE_FILE
    cache.write_bytes(content)
    assert read_cache(cache) == {}
    assert remembered_entries(paths, cache) is None


def test_a_cache_entry_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    paths = _copies(tmp_path)
    cache = tmp_path / CACHE_FILE
    remember(load_entries(paths), cache)
    raw = json.loads(cache.read_text(encoding="utf-8"))
    first = next(iter(raw["scenarios"]))
    raw["scenarios"][first]["decisions"] = "nine"
    cache.write_text(json.dumps(raw), encoding="utf-8")
    assert read_cache(cache) == {}


async def test_a_remembered_scenario_is_listed_at_once_and_loaded_when_opened(
    tmp_path: Path,
) -> None:
    paths = _copies(tmp_path)
    cache = tmp_path / CACHE_FILE
    remember(load_entries(paths), cache)
    session = Session([], Trainee("Ani"), bell=False, to_load=paths, cache=cache)
    app = SimulasiApp(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        # Listed in the first frame, from the cache: nothing loaded, no worker needed.
        assert session.to_load is None
        assert screen.query_one("#home--list", OptionList).option_count == 2
        assert all(entry.result is None for entry in session.entries)
        assert not screen.query_one("#home--loading", Static).display
        detail = str(screen.query_one("#home--summary", Static).visual)
        facts = session.entries[0].facts
        assert facts is not None and facts.objectives[0] in detail
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert session.entries[0].result is not None
        assert session.entries[0].scenario is not None
        assert session.entries[0].scenario.title == facts.title


async def test_a_scenario_deleted_after_it_was_listed_is_a_notice(tmp_path: Path) -> None:
    paths = _copies(tmp_path)
    cache = tmp_path / CACHE_FILE
    remember(load_entries(paths), cache)
    session = Session([], Trainee("Ani"), bell=False, to_load=paths, cache=cache)
    app = SimulasiApp(session)
    notices: list[Any] = []
    async with app.run_test(size=SIZE) as pilot:
        paths[0].unlink()
        app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert notices and "tidak bisa dibaca" in str(notices[0])
