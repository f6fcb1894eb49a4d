"""The game's exit contract, through the real app: a store failure ends it with one plain
line and exit 2, an uncaught exception (a bug) with one plain line and exit 70, never a
traceback with local values unless SIMULASI_DEBUG=1; once the store has failed nothing more
is applied or shown as accepted."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from simulasi.engine import FakeClock
from simulasi.store import Store
from simulasi.ui.app import SimulasiApp
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.inbox import InboxItem
from simulasi.ui.widgets.meters import Meters

SIZE = (80, 24)
FULL = sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _fail_from_now(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The disk fills: every later append is refused. Returns the list of refused calls."""
    refused: list[int] = []

    def refuse(run_id: str, records: Any) -> None:
        refused.append(len(records))
        raise FULL

    monkeypatch.setattr(store, "append", refuse)
    return refused


def _exit_lines(app: SimulasiApp, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The line `simulasi play` prints as the game closes; Textual itself printed nothing."""
    err = capsys.readouterr().err
    assert err == ""
    return [] if app.exit_line is None else app.exit_line.splitlines()


async def test_quitting_after_a_store_failure_exits_2_not_0(
    make_app: Any,
    open_play: Any,
    step: Any,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`q`, `y`: the second reached cannot be stored (the disk is full). The game used to
    exit 0 here; it exits 2 with the store's sentence."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 3)
        _fail_from_now(store, monkeypatch)
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 2
    [line] = _exit_lines(app, capsys)
    assert "Hasil tidak bisa disimpan" in line and "disk is full" in line


async def test_a_disk_that_fills_during_skip_ahead_exits_2_with_one_line(
    make_app: Any,
    open_play: Any,
    step: Any,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Space with nothing to answer moves the clock to the next arrival, whose records then
    cannot be stored. It used to end with exit 1 and a hidden MountError (the screen went on
    drawing the arrival while the app closed)."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 20)
        await pilot.press("2")
        await pilot.pause()
        assert play.run.pending == []
        refused = _fail_from_now(store, monkeypatch)
        await pilot.press("space")
        await pilot.pause()
        assert refused
    assert app.return_code == 2
    [line] = _exit_lines(app, capsys)
    assert "disk is full" in line


async def test_after_a_failed_commit_the_answer_is_not_shown_as_accepted(
    make_app: Any,
    open_play: Any,
    step: Any,
    store: Store,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The answer could not be stored: the inbox still shows the decision (it is not drawn
    as answered), and the clock ticking on applies nothing more to the run."""
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await step(pilot, 20)
        assert [i.pending.event for i in play.query(InboxItem)] == ["vn_viral"]
        _fail_from_now(store, monkeypatch)
        await pilot.press("2")
        # Before the app has closed: the screen still stands, as it was before the answer.
        assert [i.pending.event for i in play.query(InboxItem)] == ["vn_viral"]
        reached, log = play.run.now, len(play.run.log)
        clock.advance(300)
        play.tick()
        play.action_choose(1)
        play.action_skip_ahead()
        assert (play.run.now, len(play.run.log)) == (reached, log)
        assert not isinstance(app.screen, PlayScreen) or app.screen is play
        await pilot.pause()
    assert app.return_code == 2


async def test_an_uncaught_exception_exits_70_with_one_plain_line(
    make_app: Any,
    open_play: Any,
    step: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A widget raising (a bug) used to print Textual's traceback with local values (the
    trainee's name among them) and exit 1."""
    monkeypatch.delenv("SIMULASI_DEBUG", raising=False)

    def broken(self: Meters, *args: Any) -> None:
        raise RuntimeError("meter broke")

    app = make_app(name="Ani Rahmawati")
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 20)
        monkeypatch.setattr(Meters, "show", broken)
        await pilot.press("tab")  # redraws the screen, meters included
        await pilot.pause()
    assert app.return_code == 70
    [line] = _exit_lines(app, capsys)
    assert "kesalahan internal (RuntimeError: meter broke)" in line
    assert "SIMULASI_DEBUG=1" in line and "Ani Rahmawati" not in line


async def test_with_simulasi_debug_the_traceback_is_shown_and_the_code_is_70(
    make_app: Any,
    open_play: Any,
    step: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SIMULASI_DEBUG", "1")

    def broken(self: Meters, *args: Any) -> None:
        raise RuntimeError("meter broke")

    app = make_app()
    with pytest.raises(RuntimeError, match="meter broke"):
        async with app.run_test(size=SIZE) as pilot:
            await open_play(pilot)
            await step(pilot, 20)
            monkeypatch.setattr(Meters, "show", broken)
            await pilot.press("tab")
            await pilot.pause()
    assert app.return_code == 70
    assert "Traceback" in capsys.readouterr().err


async def test_a_store_error_escaping_a_screen_exits_2(
    make_app: Any,
    open_play: Any,
    step: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A store failure that no screen caught is still the store's: exit 2, not 70."""
    monkeypatch.delenv("SIMULASI_DEBUG", raising=False)

    def broken(self: Meters, *args: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        await step(pilot, 20)
        monkeypatch.setattr(Meters, "show", broken)
        await pilot.press("tab")  # redraws the screen, meters included
        await pilot.pause()
    assert app.return_code == 2
    [line] = _exit_lines(app, capsys)
    assert "disk I/O error" in line


def test_simulasi_play_prints_the_line_and_returns_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the terminal is restored: the one line (control characters made visible) on
    stderr, and the game's exit code as the process's."""
    import gc

    from simulasi.cli import main
    from simulasi.commands import play

    monkeypatch.setattr(play, "interactive", lambda: True)

    def failing_run(self: SimulasiApp, *args: Any, **kwargs: Any) -> None:
        self.exit(return_code=2, message=Text("Hasil tidak bisa disimpan: x\x1b[2J"))
        self.exit()  # quitting afterwards changes nothing

    monkeypatch.setattr(SimulasiApp, "run", failing_run)
    try:
        code = main(["play", "--data", str(tmp_path / "d")])
    finally:
        gc.unfreeze()
    assert code == 2
    assert capsys.readouterr().err == "Hasil tidak bisa disimpan: x\\x1b[2J\n"
