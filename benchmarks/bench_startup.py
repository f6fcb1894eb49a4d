"""Startup and memory benchmark of the game.

Prints, one figure a line:
- the cold start of `simulasi play` to its first rendered screen (a whole process, headless,
  exiting right after the first frame), the cold start of a one-widget Textual hello-world app
  measured the same way, and their ratio (target <= 1.5). This is a start like every start on
  workshop day after the first: Home lists the scenarios it remembers from the last start
  (`simulasi.ui.catalog`), so the list is in the first frame;
- informational, no target: the same until Home's scenario list is filled, and the first start
  after installing (an empty data folder each time: nothing remembered, the scenarios are
  loaded in full after the first frame), both as ratios to the same hello-world;
- the peak RSS of a 10-minute simulated play session at 10 Hz (target <= 80 MB): the bundled
  scenario on a fake clock moved 0.1 s per tick for 6,000 ticks, each tick redrawing the Play
  screen, every decision answered 60 s after it arrives; when a run ends, its debrief is shown
  and a new run starts from Home.

Times are the best of N alternating repeats of each process (`time.perf_counter` around
`subprocess.run`), so both see the same disk cache. Both run from bytecode, as an installed
copy does: Textual's was compiled when it was installed, and the script compiles simulasi's
first (an editable checkout under PYTHONDONTWRITEBYTECODE would otherwise recompile every module
on every start, which no trainee's installed copy does). The game's data folder is a temporary
one, never the user's. The script reports; it never fails on a missed target.

Run from the repository root: `python benchmarks/bench_startup.py`.
"""

from __future__ import annotations

import compileall
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPEATS = 7
TICK = 0.1  # scenario seconds per tick: 10 Hz at the normal pace
SESSION_TICKS = 6_000  # 10 minutes
ANSWER_AFTER = 60.0


async def _exit_after_first_frame(pilot: Any) -> None:
    """Auto-pilot: wait until the first screen is up and drawn, then leave."""
    await pilot.pause()
    pilot.app.exit()


def _play_headless(auto_pilot: Any) -> None:
    """`simulasi play` as a trainee starts it, but headless and gone when `auto_pilot` says.

    Imports happen inside the timed process either way; `simulasi.ui.app` is imported here
    only to patch it, which the real command does too before the first frame."""
    from simulasi.commands import play
    from simulasi.ui.app import SimulasiApp

    run = SimulasiApp.run
    # The benchmark's stdout is a pipe, not a terminal: open the game anyway.
    setattr(play, "interactive", lambda: True)  # noqa: B010

    def headless_run(self: SimulasiApp, *args: Any, **kwargs: Any) -> Any:
        return run(self, headless=True, auto_pilot=auto_pilot)

    # The real command, made headless: run() is the one seam between `main` and the terminal.
    setattr(SimulasiApp, "run", headless_run)  # noqa: B010
    from simulasi.cli import main

    raise SystemExit(main(["play"]))


def child_simulasi() -> None:
    """`simulasi play`, gone after the first frame."""
    _play_headless(_exit_after_first_frame)


async def _exit_when_listed(pilot: Any) -> None:
    """Auto-pilot: wait until Home's scenario list is filled and drawn, then leave."""
    import asyncio

    session = pilot.app.session
    while session.to_load is not None:  # cleared once the list is filled
        await asyncio.sleep(0.001)
    await pilot.pause()
    pilot.app.exit()


def child_simulasi_listed() -> None:
    """`simulasi play`, gone once the scenario list is filled."""
    _play_headless(_exit_when_listed)


def child_hello() -> None:
    """The baseline: the smallest Textual app, one Static."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Halo, dunia")

    Hello().run(headless=True, auto_pilot=_exit_after_first_frame)


def child_session() -> None:
    """A 10-minute session at 10 Hz; prints the peak RSS in bytes."""
    from simulasi.bundled import bundled_scenarios
    from simulasi.engine import FakeClock
    from simulasi.ui.app import SimulasiApp
    from simulasi.ui.screens.debrief_screen import DebriefScreen
    from simulasi.ui.screens.home_screen import HomeScreen
    from simulasi.ui.screens.play_screen import PlayScreen
    from simulasi.ui.session import Session, Trainee, load_entries

    clock = FakeClock()
    session = Session(
        load_entries(bundled_scenarios()),
        Trainee("Bench"),
        bell=False,
        clock_factory=lambda _scale, _start: clock,
    )
    app = SimulasiApp(session)
    runs = 0

    async def drive(pilot: Any) -> None:
        nonlocal runs
        for _ in range(SESSION_TICKS):
            screen = app.screen
            if isinstance(screen, HomeScreen):
                await pilot.press("enter", "enter")
                runs += 1
                continue
            if isinstance(screen, DebriefScreen):
                await pilot.press("enter")
                continue
            if isinstance(screen, PlayScreen):
                clock.advance(TICK)
                screen.tick()
                due = [p for p in screen.run.pending if clock.now() - p.arrived >= ANSWER_AFTER]
                if due and isinstance(app.screen, PlayScreen) and screen.offered:
                    screen.selected = due[0].event
                    screen.refresh_view()
                    await pilot.press("1")
            await pilot.pause()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=drive)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(f"{peak} {runs}")


#: A child that has not finished by then is stuck: the benchmark stops with its error.
CHILD_TIMEOUT = 600


def _time_process(kind: str, data: Path) -> float:
    env = dict(os.environ, SIMULASI_DATA=str(data))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--child", kind], check=True, env=env, timeout=CHILD_TIMEOUT
    )
    return time.perf_counter() - start


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    for package in ("simulasi", "scoring"):
        compileall.compile_dir(root / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="simulasi-bench-") as tmp:
        data = Path(tmp) / "data"
        times: dict[str, list[float]] = {"simulasi": [], "hello": []}
        for _ in range(REPEATS):
            for kind in times:
                times[kind].append(_time_process(kind, data))
        ours, base = min(times["simulasi"]), min(times["hello"])
        print(f"cold start simulasi play to first screen: {ours * 1000:.0f} ms")
        print(f"cold start Textual hello-world: {base * 1000:.0f} ms")
        print(f"startup ratio (simulasi / hello-world): {ours / base:.2f}  [target <= 1.5]")
        listed = min(_time_process("simulasi_listed", data) for _ in range(REPEATS))
        print(
            f"cold start simulasi play to scenario list filled: {listed * 1000:.0f} ms, "
            f"ratio to hello-world {listed / base:.2f}  [informational, no target]"
        )
        first = min(
            _time_process("simulasi_listed", Path(tmp) / f"first-{i}") for i in range(REPEATS)
        )
        print(
            f"first start after install (nothing remembered) to scenario list filled: "
            f"{first * 1000:.0f} ms, ratio to hello-world {first / base:.2f}  "
            "[informational, no target]"
        )
        out = subprocess.run(
            [sys.executable, __file__, "--child", "session"],
            check=True,
            capture_output=True,
            text=True,
            env=dict(os.environ, SIMULASI_DATA=str(data)),
            timeout=CHILD_TIMEOUT,
        ).stdout.split()
    peak, runs = int(out[0]), int(out[1])
    print(
        f"peak RSS, 10-minute session at 10 Hz ({runs} run(s)): "
        f"{peak / 1e6:.1f} MB  [target <= 80 MB]"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        {
            "simulasi": child_simulasi,
            "simulasi_listed": child_simulasi_listed,
            "hello": child_hello,
            "session": child_session,
        }[sys.argv[2]]()
    else:
        main()
