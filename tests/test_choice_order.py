"""The order a run shows each decision's choices in: drawn from the run's seed, logged in its
start record, and the same in a replay, a resumed run and a stored log."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios, yaml_text

from simulasi.bundled import bundled_dir, scenario_files
from simulasi.engine import LogFormatError, Record, Run, in_shown_order, shown_order
from simulasi.scenario import Scenario, load_scenario, load_scenario_or_raise
from simulasi.store import Store

SETTINGS = settings(max_examples=80)
BUNDLED = [load_scenario_or_raise(path) for path in scenario_files(bundled_dir())]
STEPS = (0.0, 0.5, 4.5, 10.0, 30.0, 90.0)


def _decisions(scenario: Scenario) -> list[str]:
    return [event.id for event in scenario.decisions]


# ---------------------------------------------------------------------- the draw


def test_no_seed_and_fixed_order_show_the_file_order() -> None:
    """A run without a seed (older logs) shows file order; so does `order: fixed`."""
    scenario = BUNDLED[0]
    for event in scenario.decisions:
        ids = tuple(c.id for c in event.choices or ())
        assert shown_order(None, event) == ids
        fixed = event.model_copy(update={"order": "fixed"})
        assert all(shown_order(seed, fixed) == ids for seed in range(20))


def test_a_seed_shows_a_permutation_that_differs_between_seeds() -> None:
    """Every seed shows every choice once; over a few seeds the first choice shown varies, so
    the first in the file is not always first on screen."""
    for scenario in BUNDLED:
        for event in scenario.decisions:
            ids = [c.id for c in event.choices or ()]
            orders = {shown_order(seed, event) for seed in range(40)}
            assert all(sorted(order) == sorted(ids) for order in orders)
            assert len({order[0] for order in orders}) > 1, event.id


def test_the_order_is_the_same_in_every_process() -> None:
    """The draw is seeded with text, not with Python's salted hash(): other processes with
    other hash seeds draw the same order."""
    path = scenario_files(bundled_dir())[0]
    here = [list(shown_order(seed, e)) for seed in (0, 7, 123456) for e in BUNDLED[0].decisions]
    code = (
        "import json, sys; from pathlib import Path\n"
        "from simulasi.scenario import load_scenario_or_raise\n"
        "from simulasi.engine import shown_order\n"
        f"s = load_scenario_or_raise(Path({str(path)!r}))\n"
        "print(json.dumps([list(shown_order(seed, e)) for seed in (0, 7, 123456)"
        " for e in s.decisions]))\n"
    )
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == here


def test_unavailable_choices_keep_their_place() -> None:
    """Of the choices on offer, the ones shown keep the relative order of the full draw."""
    scenario = BUNDLED[0]
    event = scenario.decisions[0]
    ids = [c.id for c in event.choices or ()]
    rng = random.Random(3)
    for seed in range(30):
        full = shown_order(seed, event)
        some = [cid for cid in ids if rng.random() < 0.6]
        assert in_shown_order(seed, event, some) == [cid for cid in full if cid in some]


def test_order_fixed_is_accepted_and_a_bad_value_is_sim104() -> None:
    """`order: fixed` loads; `order: acak` is SIM104 at the value, in both languages."""
    text = (bundled_dir() / "hoaks-vaksin-mr.yaml").read_text(encoding="utf-8")
    fixed = load_scenario(text.replace("    choices:\n", "    order: fixed\n    choices:\n", 1))
    assert fixed.scenario is not None
    first = fixed.scenario.decisions[0]
    assert first.order == "fixed"
    assert shown_order(99, first) == tuple(c.id for c in first.choices or ())
    assert all(e.order == "shuffled" for e in fixed.scenario.decisions[1:])
    bad = load_scenario(text.replace("    choices:\n", "    order: acak\n    choices:\n", 1))
    assert bad.scenario is None
    [error] = bad.errors
    assert error.code == "SIM104" and "acak" in error.message("id")
    assert "shuffled" in error.message("en") and "fixed" in error.message("en")


def test_order_on_an_update_is_sim104() -> None:
    """An update has no choices to order: `order` on one is a mistake, said at its key."""
    text = """format: simulasi/1
id: urutan
title: "Urutan"
summary: "Satu kabar, satu keputusan."
briefing: "Baca kabarnya."
stakeholders:
  - {id: warga}
events:
  - id: kabar
    at: 0
    order: fixed
    title: "Hasil pemeriksaan"
  - id: putuskan
    at: 0
    deadline: 60
    choices:
      - {id: a, text: "A", rating: best, feedback: "Ya."}
      - {id: b, text: "B", rating: weak, feedback: "Tidak."}
    on_timeout: {}
endings:
  - {id: selesai, text: "x"}
"""
    loaded = load_scenario(text)
    [error] = loaded.errors
    assert (error.code, error.line, error.col) == ("SIM104", 11, 5)
    assert "'order'" in error.message("id") and "kabar" in error.message("en")
    fine = load_scenario(text.replace("    order: fixed\n", ""))
    assert fine.scenario is not None and not fine.errors


# ---------------------------------------------------------------------- the log


def test_the_seed_is_in_the_start_record_and_its_json() -> None:
    """The start record carries the seed; JSON keeps it; a record without one reads as None
    (older logs and bundles); a seed that is not an integer is refused."""
    run = Run(BUNDLED[0], seed=41)
    run.start(0.0)
    start = run.log[0]
    assert start == Record("start", 0.0, practice=False, seed=41)
    assert start.to_json() == {"kind": "start", "at": 0.0, "practice": False, "seed": 41}
    assert Record.from_json(start.to_json()) == start
    old = Record.from_json({"kind": "start", "at": 0.0, "practice": False})
    assert old.seed is None and "seed" not in old.to_json()
    for bad in ("7", 1.5, True):
        with pytest.raises(LogFormatError):
            Record.from_json({"kind": "start", "at": 0.0, "seed": bad})


def test_a_log_without_a_seed_replays_in_file_order() -> None:
    """An old log (its start record has no seed) replays, and shows file order."""
    scenario = BUNDLED[0]
    run = Run(scenario, seed=5)
    run.start(0.0)
    run.advance(1.0)
    assert any(run.shown_choices(p.event) != run.available_choices(p.event) for p in run.pending)
    old = [Record.from_json({k: v for k, v in r.to_json().items() if k != "seed"}) for r in run.log]
    again = Run.replay(scenario, old)
    assert again.seed is None and again.pending == run.pending
    for pending in again.pending:
        assert again.shown_choices(pending.event) == again.available_choices(pending.event)


def test_the_store_keeps_the_seed_and_reads_old_runs(tmp_path: Path) -> None:
    """A stored run comes back with its seed; a run stored without one comes back without."""
    scenario = BUNDLED[0]
    with Store.open(tmp_path) as store:
        seeded = Run(scenario, seed=2**31 - 1)
        seeded.start(0.0)
        plain = Run(scenario)
        plain.start(0.0)
        a = store.start_run(scenario, records=seeded.log)
        b = store.start_run(scenario, records=plain.log)
        assert store.records(a)[0].seed == 2**31 - 1
        assert store.records(b)[0].seed is None
        assert store.resume(a)[2].seed == 2**31 - 1
        assert store.resume(b)[2].seed is None


def test_a_store_of_the_previous_schema_gains_the_seed_column(tmp_path: Path) -> None:
    """A store written before seeds existed (schema 1) opens, keeps its runs, and reads their
    start records without a seed."""
    import sqlite3

    from simulasi.store.schema import MIGRATIONS

    path = tmp_path / "simulasi.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO scenarios VALUES ('abc', 's', 'S', 'text')")
    db.execute(
        "INSERT INTO runs (id, scenario_id, scenario_sha256, status, started_at)"
        " VALUES ('r1', 's', 'abc', 'active', '2026-01-01T00:00:00+00:00')"
    )
    db.execute("INSERT INTO records VALUES ('r1', 0, 'start', 0.0, NULL, NULL, NULL, 0)")
    db.close()
    with Store.open(tmp_path) as store:
        assert store.records("r1") == (Record("start", 0.0, practice=False),)


# ---------------------------------------------------------------------- the property


@dataclass(frozen=True)
class Case:
    scenario: Scenario
    seed: int
    practice: bool
    steps: tuple[tuple[float, int, int], ...]  # (dt, which pending, which shown choice)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    raw = draw(scenarios())
    for event in raw["events"]:
        if "choices" in event and draw(st.booleans()):
            event["order"] = draw(st.sampled_from(["fixed", "shuffled"]))
    loaded = load_scenario(yaml_text(raw))
    assert loaded.scenario is not None, [d.format("en") for d in loaded.errors]
    step = st.tuples(st.sampled_from(STEPS), st.integers(0, 5), st.integers(0, 5))
    return Case(
        loaded.scenario,
        draw(st.integers(0, 2**31 - 1)),
        draw(st.booleans()),
        tuple(draw(st.lists(step, max_size=10))),
    )


def _shown(run: Run) -> dict[str, list[str]]:
    return {p.event: run.shown_choices(p.event) for p in run.pending}


def _play(case: Case) -> list[tuple[tuple[Record, ...], dict[str, list[str]]]]:
    """Play the script, answering with the choice at a place of the *shown* order; after
    every call, the log so far and what each pending decision showed."""
    run = Run(case.scenario, practice=case.practice, seed=case.seed)
    run.start(0.0)
    seen = [(tuple(run.log), _shown(run))]
    now = 0.0
    for dt, which, place in case.steps:
        if run.ended:
            break
        now += dt
        run.advance(now, record=True)
        if run.ended:
            break
        pending = run.pending
        if pending:
            event = pending[which % len(pending)].event
            shown = run.shown_choices(event)
            assert shown == in_shown_order(
                case.seed, case.scenario.events[event], run.available_choices(event)
            )
            if shown:
                run.choose(event, shown[place % len(shown)], now)
        seen.append((tuple(run.log), _shown(run)))
    return seen


@SETTINGS
@given(cases())
def test_replay_and_resume_from_any_prefix_show_the_same_order(case: Case) -> None:
    """From every point of a played run, the log replayed (as a resumed run does, also after
    a trip through JSON) shows each pending decision's choices exactly as the run did."""
    for log, shown in _play(case):
        again = Run.replay(case.scenario, log)
        assert again.seed == case.seed
        assert _shown(again) == shown
        via_json = Run.replay(case.scenario, [Record.from_json(r.to_json()) for r in log])
        assert _shown(via_json) == shown


@settings(max_examples=15)
@given(cases())
def test_a_stored_log_shows_the_same_order(case: Case) -> None:
    """The log stored in SQLite and read back (what resume and the debrief use) replays to the
    same shown order at its end."""
    seen = _play(case)
    log, shown = seen[-1]
    with tempfile.TemporaryDirectory() as folder, Store.open(folder) as store:
        run_id = store.start_run(case.scenario, records=log)
        back = store.records(run_id)
    assert back == log
    assert _shown(Run.replay(case.scenario, back)) == shown
