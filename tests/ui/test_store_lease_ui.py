"""Two games on one data folder: the second does not offer the first one's live run, and a
game whose run was taken over stops with one plain line instead of writing beside the new
driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from simulasi.store import HEARTBEAT_SECONDS, LEASE_SECONDS, Store
from simulasi.ui.screens.home_screen import HomeScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.screens.resume_modal import ResumeModal

SIZE = (80, 24)


class Wall:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_a_second_game_does_not_offer_the_run_the_first_is_playing(
    make_app: Any, open_play: Any, step: Any, tmp_path: Path
) -> None:
    """Game one plays (paused for minutes: its heartbeat goes on); game two starts on the
    same folder and offers nothing; once game one is gone for LEASE_SECONDS, it is offered."""
    wall = Wall()
    with Store.open(tmp_path, clock=wall) as one, Store.open(tmp_path, clock=wall) as two:
        first = make_app(store=one)
        async with first.run_test(size=SIZE) as pilot:
            play = await open_play(pilot)
            await step(pilot, 20)
            await pilot.press("p")  # paused: no clock records, only the heartbeat
            for _ in range(20):
                wall.now += HEARTBEAT_SECONDS
                await step(pilot, 0)
            assert isinstance(pilot.app.screen, PlayScreen)
            second = make_app(store=two)
            async with second.run_test(size=SIZE) as other:
                await other.pause()
                assert isinstance(second.screen, HomeScreen)
                assert not isinstance(second.screen, ResumeModal)
            assert two.unfinished() == []
            run_id = play.recorder.run_id
            wall.now += LEASE_SECONDS  # game one froze (or was killed) ...
            assert [u.info.id for u in two.unfinished()] == [run_id]  # ... now it is offered
            await pilot.press("q", "y")
            await pilot.pause()


async def test_a_game_that_lost_its_run_stops_with_one_line_and_writes_nothing(
    make_app: Any, open_play: Any, step: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Game one froze past its lease; game two took the run over. When game one wakes and
    answers, the answer is refused: exit 2, one sentence, nothing appended."""
    wall = Wall()
    with Store.open(tmp_path, clock=wall) as one, Store.open(tmp_path, clock=wall) as two:
        app = make_app(store=one)
        async with app.run_test(size=SIZE) as pilot:
            play = await open_play(pilot)
            await step(pilot, 20)
            run_id = play.recorder.run_id
            wall.now += LEASE_SECONDS
            two.resume(run_id)
            before = two.records(run_id)
            await pilot.press("1")
            await pilot.pause()
        assert app.return_code == 2
        # One line, kept for `simulasi play` to print once the terminal is restored; nothing
        # reached the terminal while the app held it (no traceback).
        assert app.exit_line is not None and len(app.exit_line.splitlines()) == 1
        assert "dijalankan proses lain" in app.exit_line
        assert "Traceback" not in capsys.readouterr().err
        assert two.records(run_id) == before
