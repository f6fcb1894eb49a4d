"""`simulasi explore`: known answers on purpose-built scenarios, the shipped scenario, and
agreement with a brute-force walk of every path on generated scenarios."""

from __future__ import annotations

import json
import math
from collections.abc import Hashable
from typing import Any

import pytest
import yaml
from hypothesis import given, reject, settings
from strategies import scenarios, yaml_text
from tools_support import SCENARIOS, SHIPPED, brute_force, load, purpose_built

from simulasi.cli import main
from simulasi.engine import Run
from simulasi.scenario import Scenario, load_scenario
from simulasi.tools.analysis import ExploreReport, analyse
from simulasi.tools.conditions import condition_reads
from simulasi.tools.explore import Explorer, explore
from simulasi.tools.moves import Move, play_moves

LIMIT = 2_000  # paths; a larger tree is skipped (the walk is exponential)


def report_of(name: str) -> ExploreReport:
    return analyse(explore(purpose_built(name)))


@pytest.fixture
def shipped(shipped_report: ExploreReport) -> ExploreReport:
    return shipped_report


# ---------------------------------------------------------------- known answers


def test_best_and_worst_scores_match_the_hand_computation() -> None:
    """known-best.yaml, weights 0.25/0.45/0.30, one stakeholder starting at 50:
    - `a` within golden: speed 100, accuracy 100, warga 60 -> impact 50 + 50*10/50 = 60,
      total 25 + 45 + 18 = 88 (the highest);
    - letting it time out: speed 0, accuracy 0, warga 40 -> impact 50*40/50 = 40,
      total 0.30 * 40 = 12 (the lowest; `b` early gives 39, `a` at the deadline 66.8)."""
    report = report_of("known-best")
    assert report.highest is not None and report.lowest is not None
    assert report.highest.total == pytest.approx(88.0, abs=1e-9)
    assert report.highest.answers[0][1:] == ("d", "a")
    assert report.highest.answers[0][0] <= 30  # within golden
    assert report.lowest.total == pytest.approx(12.0, abs=1e-9)
    assert report.lowest.answers == () and report.lowest.timed_out == ("d",)
    assert not report.broken


def test_what_only_running_shows_is_reported_unreachable() -> None:
    """The lint calls everything reachable; the explorer finds the event whose flag comes too
    late, the choice whose condition never holds, and the ending no path earns."""
    loaded = load_scenario(SCENARIOS / "unreachable.yaml")
    assert not [d for d in loaded.diagnostics if d.code in ("SIM201", "SIM202")]
    report = report_of("unreachable")
    assert report.complete
    assert report.unreached_events == ["susulan"]
    assert report.unreached_choices == [("kedua", "b")]
    assert report.unreached_endings == ["sempurna"]
    assert report.unreached_timeouts == []
    assert report.broken


def test_a_decision_that_can_no_longer_be_answered_is_a_soft_lock() -> None:
    """`rapat` needs the permission `izin` gives: after refusing (or letting `izin` time out)
    it arrives with no choice at all. The path given reproduces exactly that."""
    report = report_of("soft-lock")
    assert [lock.event for lock in report.soft_locks] == ["rapat"]
    path = report.soft_locks[0].path
    assert ("izin", "izinkan") not in {(e, c) for _, e, c in path.answers}
    run = play_moves(purpose_built("soft-lock"), path.moves, finish=False)
    run.advance(max(run.now, 60.0))
    assert run.is_pending("rapat") and run.available_choices("rapat") == []
    # With permission the same decision is answerable: its choices are reached.
    assert report.unreached_choices == []
    assert report.broken


def test_an_ending_reached_only_by_timing_out_is_found_with_its_path() -> None:
    """`diam` comes only from letting `tunggu` time out (its `next` update ends the run);
    a decision still pending then is offered its last chance, so nothing looks stuck."""
    report = report_of("timeout-only")
    assert report.unreached_endings == [] and report.unreached_events == []
    (diam,) = [e for e in report.endings if e.ending == "diam"]
    for path in (diam.shortest, diam.longest, diam.quickest, diam.slowest):
        assert path.ending == "diam"
        assert "tunggu" in path.timed_out
        assert "tunggu" not in {e for _, e, _ in path.answers}
    assert diam.quickest.end_time == 110.0  # deadline 100, then the update's delay of 10
    (closed,) = [e for e in report.endings if e.ending == "ditutup"]
    assert closed.shortest.decisions == 1 and closed.quickest.end_time == 0.0
    assert report.soft_locks == []
    assert not report.broken


def test_the_shipped_scenario_is_whole(shipped: ExploreReport) -> None:
    """Every event, choice, timeout and ending of hoaks-vaksin-mr is reachable, nothing gets
    stuck, and the extremes are those of the golden tests: 93.04 by answering everything
    best and on time (ending imunisasi_berlanjut), 7.45 at the bottom."""
    report = shipped
    assert report.complete and not report.broken
    assert {e.ending for e in report.endings} == {e.id for e in report.scenario.doc.endings}
    assert report.highest is not None and report.lowest is not None
    assert report.highest.total == pytest.approx(93.0435064935065, abs=1e-9)
    assert report.highest.ending == "imunisasi_berlanjut" and report.highest.passed
    assert report.lowest.total == pytest.approx(7.447339466089465, abs=1e-9)
    assert report.lowest.ending == "polemik_agama"
    assert report.max_pending == 5


def test_every_reported_path_replays_to_what_it_claims(shipped: ExploreReport) -> None:
    """Paths are moves replayed from a fresh run: each ends in its ending, with its total."""
    for paths in shipped.endings:
        for path in (paths.shortest, paths.longest, paths.quickest, paths.slowest):
            run = play_moves(shipped.scenario, path.moves)
            assert run.ending == paths.ending == path.ending
            assert run.end_time == path.end_time
        assert paths.shortest.decisions <= paths.longest.decisions
        assert paths.quickest.end_time is not None and paths.slowest.end_time is not None
        assert paths.quickest.end_time <= paths.slowest.end_time


# ---------------------------------------------------------------- brute force


@settings(max_examples=150)
@given(scenarios(max_events=5))
def test_merging_loses_nothing_a_brute_force_walk_finds(raw: dict[str, Any]) -> None:
    """On generated scenarios, walking every path of the same move tree without merging gives
    the same endings (with the fewest and most decisions and the least and most time to each),
    score extremes (to the last bits) and coverage as the explorer, whose analysis groups the
    values of the ending meters into classes."""
    scenario = load_scenario(yaml_text(raw)).scenario
    assert scenario is not None
    try:
        truth = brute_force(scenario, limit=LIMIT)
    except AssertionError:
        reject()
    graph = explore(scenario, max_states=100_000, max_seconds=math.inf)
    report = analyse(graph)
    assert report.complete and report.problems == []
    assert {e.ending for e in report.endings} == truth["endings"]
    _same_ranges(report, truth)
    assert report.highest is not None and report.lowest is not None
    assert report.highest.total == pytest.approx(truth["highest"], abs=1e-9)
    assert report.lowest.total == pytest.approx(truth["lowest"], abs=1e-9)
    assert graph.events_seen == truth["events"]
    assert graph.choices_seen == truth["choices"]
    assert graph.timeouts_seen == truth["timeouts"]
    assert report.states <= sum(1 for _ in graph.edges) + 1


def _same_ranges(report: ExploreReport, truth: dict[str, object]) -> None:
    """The fewest and most decisions and the fewest timeouts to each ending exactly, and the
    least and most time to the last bits: the explorer picks those paths by summing each
    move's seconds, whose rounding may tell two paths a float apart in the wrong order (the
    path reported is replayed, so its time is the engine's)."""
    ranges, calmest = truth["ranges"], truth["calmest"]
    assert isinstance(ranges, dict) and isinstance(calmest, dict)
    assert {e.ending for e in report.endings} == set(ranges)
    for e in report.endings:
        fewest, most, quickest, slowest = ranges[e.ending]
        assert (e.shortest.decisions, e.longest.decisions) == (fewest, most)
        assert e.quickest.end_time == pytest.approx(quickest, rel=1e-12)
        assert e.slowest.end_time == pytest.approx(slowest, rel=1e-12)
        # The example is a way with the fewest timeouts.
        assert len(e.example.timed_out) == len(e.calmest.timed_out) == calmest[e.ending]


def _agrees_with_brute_force(scenario: Scenario) -> ExploreReport:
    truth = brute_force(scenario, limit=LIMIT)
    report = analyse(explore(scenario, max_states=100_000, max_seconds=math.inf))
    assert report.complete and report.problems == []
    _same_ranges(report, truth)
    assert report.highest is not None and report.lowest is not None
    assert report.highest.total == pytest.approx(truth["highest"], abs=1e-9)
    assert report.lowest.total == pytest.approx(truth["lowest"], abs=1e-9)
    return report


def _after_first_answer(scenario: Scenario, choice: str) -> tuple[Hashable, ...]:
    run = play_moves(scenario, [Move("awal", choice, "arrival")], finish=False)
    assert run.now == 0.0 and not run.pending
    return Explorer(scenario).key(run)


def test_an_arrival_nothing_can_bring_again_does_not_split_states() -> None:
    """Once `kabar` has arrived (or not) and nothing ahead can name it, the two runs behave
    alike from there on: one state. When a later choice can still name it (and is refused
    once it has arrived), they differ: two states. Both agree with the brute-force walk."""
    scenario = purpose_built("arrived-once")
    assert _after_first_answer(scenario, "umumkan") == _after_first_answer(scenario, "diam")
    _agrees_with_brute_force(scenario)

    raw = yaml.safe_load((SCENARIOS / "arrived-once.yaml").read_text(encoding="utf-8"))
    raw["events"][2]["choices"][0]["next"] = "kabar"
    raw["endings"].insert(0, {"id": "ganda", "title": "Ganda", "when": "warga > 57", "text": "x"})
    named_again = load_scenario(yaml_text(raw)).scenario
    assert named_again is not None
    assert _after_first_answer(named_again, "umumkan") != _after_first_answer(named_again, "diam")
    report = _agrees_with_brute_force(named_again)
    assert "ganda" not in {e.ending for e in report.endings}  # `kabar` arrives once


def test_decisions_that_arrived_keep_states_apart() -> None:
    """`akhir` pending after `awal.pintas`, or after `awal.rinci` and `tanya.jawab`: the same
    inbox, but one more decision weighs in the second run's score, so they are two states
    (the score extremes agree with the brute-force walk)."""
    scenario = purpose_built("arrived-weight")
    short = play_moves(scenario, [Move("awal", "pintas", "arrival")], finish=False)
    long = play_moves(
        scenario,
        [Move("awal", "rinci", "arrival"), Move("tanya", "jawab", "arrival")],
        finish=False,
    )
    assert short.now == long.now == 0.0
    assert [p.event for p in short.pending] == [p.event for p in long.pending] == ["akhir"]
    assert Explorer(scenario).key(short) != Explorer(scenario).key(long)
    _agrees_with_brute_force(scenario)


def test_what_only_endings_read_is_carried_along_not_kept_in_the_states() -> None:
    """`tegas`, `skor`, `chosen(kedua.diam)` and `timed_out(awal)` are read only by endings:
    runs that differ only in them are one state, and the analysis still picks each path's
    ending from its own values (agreeing with the brute-force walk). `buka`, read by a
    choice's `when`, steers the run: it stays in the state."""
    scenario = purpose_built("carried-facts")
    facts = condition_reads(scenario).ending_facts
    assert facts.flags == ("tegas", "skor")
    assert facts.chosen == (("kedua", "diam"),)
    assert facts.timed_out == ("awal",)
    assert facts.visited == ()

    def key_after(choice: str) -> tuple[Hashable, ...]:
        run = play_moves(scenario, [Move("awal", choice, "arrival")], finish=False)
        return Explorer(scenario).key(run)

    assert key_after("tegas") == key_after("netral")  # only `tegas` and `skor` differ
    assert key_after("lunak") != key_after("netral")  # `buka` steers
    report = _agrees_with_brute_force(scenario)
    assert {e.ending for e in report.endings} == {"puncak", "diam_saja", "lewat", "selesai"}


# ---------------------------------------------------------------- bounds and errors


def test_a_bound_stops_the_search_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """--max-states: the report says it is incomplete; what was not reached yet counts as a
    problem (exit 1), since it cannot be called reachable."""
    code = main(["explore", str(SHIPPED), "--max-states", "50", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "INCOMPLETE, stopped at the --max-states bound" in out
    assert "Not reached before the search stopped:" in out


def test_the_time_bound_is_checked_with_the_clock_given() -> None:
    """--max-seconds reads the clock the explorer is given (no test sleeps)."""
    ticks = iter(range(1_000_000))
    graph = Explorer(load(SHIPPED), max_seconds=10, clock=lambda: float(next(ticks))).explore()
    assert not graph.complete and graph.bound == "max_seconds"


def test_an_engine_error_is_reported_with_the_path_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception inside the engine is caught, listed with the moves that lead to it, and
    the search goes on elsewhere."""
    choose = Run.choose

    def broken(self: Run, event_id: str, choice_id: str, now: float) -> Any:
        if choice_id == "b":
            raise RuntimeError("boom")
        return choose(self, event_id, choice_id, now)

    monkeypatch.setattr(Run, "choose", broken)
    report = report_of("known-best")
    assert report.problems and all("boom" in p.message for p in report.problems)
    assert report.broken
    assert report.highest is not None and report.highest.total == pytest.approx(88.0)


# ---------------------------------------------------------------- command line


def test_json_report_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives the report as data; exit 0 when whole, 1 when something is unreachable."""
    assert main(["explore", str(SCENARIOS / "known-best.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["complete"] is True
    assert data["highest"]["total"] == pytest.approx(88.0)
    assert data["highest"]["answers"][0]["event"] == "d"
    assert set(data["endings"]) == {"naik", "selesai"}
    assert set(data["endings"]["naik"]) == {
        "example",
        "fewest_decisions",
        "most_decisions",
        "least_time",
        "most_time",
    }
    assert main(["explore", str(SCENARIOS / "unreachable.yaml"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["unreached"]["events"] == ["susulan"]
    assert data["unreached"]["choices"] == [{"event": "kedua", "choice": "b"}]


def test_text_report_names_what_is_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """The plain report lists the unreachable parts and the soft-lock with its path."""
    assert main(["explore", str(SCENARIOS / "soft-lock.yaml"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Soft-locks" in out and "'rapat' can no longer be answered" in out
    assert main(["explore", str(SCENARIOS / "unreachable.yaml"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Never reached:" in out and "events: susulan" in out and "endings: sempurna" in out


def test_bad_input_is_one_line(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is a usage error (2); a scenario with errors prints them (1)."""
    assert main(["explore", str(tmp_path / "none.yaml")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: simulasi/1\n", encoding="utf-8")
    assert main(["explore", str(broken)]) == 1
    assert "SIM103" in capsys.readouterr().err
