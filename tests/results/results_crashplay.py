"""A scripted run and a fork server for the crash tests (not a test module itself).

Run as a program (`python results_crashplay.py`) it is a *launcher*: a fresh interpreter that
imports simulasi once, then, for every `go DIR` line on stdin, forks a child that plays the
scripted run into the store in DIR, writing `pid P` first and `ack N` (N = records stored so
far) after every commit. The launcher reaps the child and writes `reaped`. Forking from a
clean interpreter costs a millisecond a trial instead of a new interpreter's start-up, so the
suite can afford many real SIGKILLs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal, NamedTuple

from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario_or_raise

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "hoaks-vaksin-mr.yaml"
TRAINEE = {"trainee": "Sari Wulandari", "team": "Tim 1", "agency": "Diskominfo Sukamaju"}


class Step(NamedTuple):
    """One engine call of the script."""

    call: Literal["advance", "choose", "pause", "resume", "finish"]
    at: float
    event: str = ""
    choice: str = ""


def load() -> Scenario:
    return load_scenario_or_raise(SCENARIO)


def plan(scenario: Scenario) -> list[Step]:
    """A fixed script: the clock ticks every 15 s (stored), a pause, answers now and then."""
    run = Run(scenario)
    run.start(0.0)
    steps: list[Step] = []
    now = 0.0
    n = 0
    while not run.ended:
        n += 1
        now += 15.0
        if now > 3000:
            step = Step("finish", now)
        elif n == 5:
            step = Step("pause", now)
        elif n == 6:
            step = Step("resume", now)
        elif n % 3 == 0 and run.pending:
            run.advance(now)
            if run.ended:
                break
            event = run.pending[n % len(run.pending)].event
            choices = run.available_choices(event)
            if not choices:
                step = Step("advance", now)
            else:
                step = Step("choose", now, event, choices[n % len(choices)])
        else:
            step = Step("advance", now)
        apply(run, step)
        steps.append(step)
    return steps


def apply(run: Run, step: Step) -> None:
    if step.call == "advance":
        run.advance(step.at, record=True)
    elif step.call == "choose":
        run.choose(step.event, step.choice, step.at)
    elif step.call == "pause":
        run.pause(step.at)
    elif step.call == "resume":
        run.resume(step.at)
    else:
        run.finish(step.at)


def play_child(data: str, scenario: Scenario, steps: list[Step]) -> None:
    """The child's whole life: play the script into the store, acknowledging every commit."""
    from simulasi.store import Recorder
    from simulasi.store.opener import open_store

    os.write(1, f"pid {os.getpid()}\n".encode())
    store = open_store(data)
    run = Run(scenario)
    run.start(0.0)
    recorder = Recorder.start(store, run, **TRAINEE)
    stored = len(run.log)
    os.write(1, f"ack {stored}\n".encode())
    for step in steps:
        apply(run, step)
        stored += recorder.commit()
        os.write(1, f"ack {stored}\n".encode())
    os.write(1, b"end\n")


def serve() -> None:
    scenario = load()
    steps = plan(scenario)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        command, _, data = line.strip().partition(" ")
        if command != "go":
            break
        pid = os.fork()
        if pid == 0:  # the child: never returns into the loop
            code = 0
            try:
                play_child(data, scenario, steps)
            except BaseException as exc:
                os.write(1, f"error {type(exc).__name__}: {exc}\n".encode())
                code = 1
            finally:
                os._exit(code)
        os.waitpid(pid, 0)
        sys.stdout.write("reaped\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
