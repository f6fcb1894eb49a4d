"""Shared helpers of the results tests (not a test module): stores full of played runs."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario_or_raise
from simulasi.store import ResultsStore

SCENARIO_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "hoaks-vaksin-mr.yaml"
HOSTILE_NAMES = (
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tTab",
    "<script>alert('x')</script>",
    "Sari & \"Budi\" 'Tim'",
)


def scenario() -> Scenario:
    return load_scenario_or_raise(SCENARIO_FILE)


def random_run(scenario: Scenario, rng: random.Random, *, practice: bool = False) -> Run:
    """A complete playthrough with random answers at random times."""
    run = Run(scenario, practice=practice)
    run.start(0.0)
    now = 0.0
    while not run.ended and now < 2000:
        now += rng.uniform(5.0, 60.0)
        run.advance(now)
        if run.ended:
            break
        if run.pending and rng.random() < 0.7:
            event = rng.choice(run.pending).event
            choices = run.available_choices(event)
            if choices:
                run.choose(event, rng.choice(choices), now)
    if not run.ended:
        run.finish(now)
    return run


def internals(store: ResultsStore) -> Any:
    """The store behind its interface, for a test that reads its tables (`_db`) or wraps one of
    its private steps: both stores have them, the interface does not."""
    return store


def fill(
    store: ResultsStore,
    scenario: Scenario,
    n: int,
    *,
    seed: int = 7,
    workshop: str = "Bimtek Bandung",
    names: tuple[str, ...] = (),
    practice_every: int = 0,
) -> list[str]:
    """Store `n` finished random runs; trainee names cycle through `names` if given."""
    rng = random.Random(seed)
    ids = []
    for i in range(n):
        practice = bool(practice_every) and i % practice_every == practice_every - 1
        run = random_run(scenario, rng, practice=practice)
        name = names[i % len(names)] if names else f"Peserta {i}"
        ids.append(
            store.start_run(
                scenario,
                trainee=name,
                team=f"Tim {i % 3}",
                agency=("Diskominfo Sukamaju", "Diskominfo Sukamakmur")[i % 2],
                workshop=workshop,
                practice=practice,
                records=run.log,
            )
        )
    return ids
