"""`simulasi run SCENARIO --answers FILE [--json]`: docs/run-rules.md, "The headless run".

The command is called in-process through `simulasi.cli.main`; an uncaught exception would fail
the test, and stderr is checked for tracebacks anyway (errors are one plain line).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulasi.cli import main

SCENARIO = """\
format: simulasi/1
id: cli-uji
title: "Uji baris perintah"
summary: "Dua keputusan kecil."
briefing: "Jawab pesan yang masuk."
stakeholders:
  - {id: warga, initial: 50}
criteria:
  - {id: verifikasi, name: "Verifikasi", weight: 2}
  - {id: pesan, name: "Pesan"}
events:
  - id: e1
    at: 0
    deadline: 100
    golden: 30
    choices:
      - id: no
        text: "Tidak"
        rubric: {verifikasi: 1, pesan: 0.67}
        effects: {warga: 10}
      - {id: tunda, text: "Tunda", rating: weak}
      - {id: nanti, text: "Nanti", rating: good, when: "warga > 90"}
    on_timeout: {accuracy: 10}
  - id: e2
    at: 50
    deadline: 100
    golden: 30
    choices:
      - {id: a, text: "A", rating: best}
      - {id: b, text: "B", rating: harmful, critical: true}
    on_timeout: {}
endings:
  - {id: baik, title: "Akhir yang baik", when: "warga >= 55", text: "x"}
  - {id: biasa, title: "Akhir biasa", text: "x"}
"""

EVENT_FIELDS = [
    "event",
    "outcome",
    "choice",
    "arrived",
    "resolved",
    "latency",
    "speed",
    "gated_speed",
    "accuracy",
    "critical",
    "shown",
]


@pytest.fixture(autouse=True)
def _indonesian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # The language comes from --lang, else $SIMULASI_LANG: keep the developer's shell out.
    monkeypatch.delenv("SIMULASI_LANG", raising=False)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "uji.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def run_cli(
    capsys: pytest.CaptureFixture[str], scenario: Path, answers: Path, *extra: str
) -> tuple[int, str, str]:
    code = main(["run", str(scenario), "--answers", str(answers), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def answers_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jawaban.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ the JSON


def test_json_fields_order_and_values(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints the fields of docs/scoring.md in its order, events in arrival order with their
    own fields in order; `choice: no` is the id "no" (answers and scenario both).

    e1 "no" at 10: L 10 <= G 30, S 100; A = 100 (2*1 + 1*0.67)/3 = 89; warga 50 + 10 = 60.
    e2 "a" at 60: L 10, S 100, A 100. Speed 100, Accuracy 94.5, Impact 50 + 50*10/50 = 60.
    Total = 0.25*100 + 0.45*94.5 + 0.30*60 = 25 + 42.525 + 18 = 85.525: Sangat Baik, passed.
    """
    path = answers_file(
        tmp_path,
        "answers:\n  - {at: 10, event: e1, choice: no}\n  - {at: 60, event: e2, choice: a}\n",
    )
    code, out, err = run_cli(capsys, scenario, path, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == [
        "scenario",
        "ending",
        "practice",
        "passed",
        "band",
        "total",
        "speed",
        "accuracy",
        "impact",
        "meters",
        "criteria",
        "events",
        "seed",
    ]
    assert data["scenario"] == "cli-uji" and data["ending"] == "baik"
    assert data["practice"] is False and data["passed"] is True
    assert data["band"] == "Sangat Baik"
    assert data["total"] == pytest.approx(85.525, rel=1e-12)
    assert (data["speed"], data["impact"]) == (100.0, 60.0)
    assert data["accuracy"] == pytest.approx(94.5, rel=1e-12)
    assert data["meters"] == {"warga": 60.0}
    assert data["criteria"] == {
        "verifikasi": pytest.approx(100.0, rel=1e-12),
        "pesan": pytest.approx(67.0, rel=1e-12),
    }
    assert [list(e) for e in data["events"]] == [EVENT_FIELDS, EVENT_FIELDS]
    first, second = data["events"]
    assert first["event"] == "e1" and first["choice"] == "no"
    assert (first["arrived"], first["resolved"], first["latency"]) == (0.0, 10.0, 10.0)
    assert first["accuracy"] == pytest.approx(89.0, rel=1e-12)
    assert second == {
        "event": "e2",
        "outcome": "answered",
        "choice": "a",
        "arrived": 50.0,
        "resolved": 60.0,
        "latency": 10.0,
        "speed": 100.0,
        "gated_speed": 100.0,
        "accuracy": 100.0,
        "critical": False,
        "shown": ["a", "b"],  # without --seed: file order
    }
    assert data["seed"] is None


def test_json_after_the_last_answer_everything_times_out(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the last answer the run advances until it ends: e2 times out at 150, with
    choice null and critical false."""
    path = answers_file(tmp_path, "answers:\n  - {at: 5, event: e1, choice: tunda}\n")
    code, out, _ = run_cli(capsys, scenario, path, "--json")
    assert code == 0
    events = json.loads(out)["events"]
    assert [(e["event"], e["outcome"], e["choice"], e["critical"]) for e in events] == [
        ("e1", "answered", "tunda", False),
        ("e2", "timed_out", None, False),
    ]
    assert (events[1]["resolved"], events[1]["speed"], events[1]["accuracy"]) == (150.0, 0.0, 0.0)


def test_empty_answers_file_plays_everything_out(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answers file with no answers: every decision times out (on_timeout accuracy)."""
    path = answers_file(tmp_path, "answers: []\n")
    code, out, _ = run_cli(capsys, scenario, path, "--json")
    assert code == 0
    data = json.loads(out)
    assert [e["outcome"] for e in data["events"]] == ["timed_out", "timed_out"]
    assert data["accuracy"] == 5.0  # (10 + 0) / 2
    assert data["ending"] == "biasa"


def test_a_critical_answer_shows_in_the_json(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A red-line answer: `critical` true on its event, the run does not pass."""
    path = answers_file(
        tmp_path,
        "answers:\n  - {at: 10, event: e1, choice: no}\n  - {at: 60, event: e2, choice: b}\n",
    )
    code, out, _ = run_cli(capsys, scenario, path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["events"][1]["critical"] is True and data["passed"] is False
    assert data["total"] <= 54


# ------------------------------------------------------------------------ practice


@pytest.mark.parametrize(
    ("header", "flag"),
    [("practice: true\n", ()), ("", ("--practice",)), ("practice: false\n", ("--practice",))],
    ids=["in-file", "flag", "flag-wins"],
)
def test_practice_mode(
    tmp_path: Path,
    scenario: Path,
    capsys: pytest.CaptureFixture[str],
    header: str,
    flag: tuple[str, ...],
) -> None:
    """`practice: true` in the file or `--practice`: no speed, an answer long past the deadline
    is accepted, and the rest expires at the later of the last answer and the last arrival.

    e1 "no" at 500 (deadline 100 does not count): A 89; e2 arrived at 50 and expires at 500.
    """
    path = answers_file(tmp_path, header + "answers:\n  - {at: 500, event: e1, choice: no}\n")
    code, out, _ = run_cli(capsys, scenario, path, "--json", *flag)
    assert code == 0
    data = json.loads(out)
    assert data["practice"] is True and data["speed"] is None
    e1, e2 = data["events"]
    assert (e1["outcome"], e1["speed"], e1["gated_speed"]) == ("answered", None, None)
    assert (e2["outcome"], e2["resolved"], e2["speed"]) == ("expired", 500.0, None)
    assert data["meters"] == {"warga": 60.0}  # timeliness 1 in practice


def test_practice_false_in_file_is_timed(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`practice: false` in the file and no flag: a timed run, where 500 is too late for e1."""
    path = answers_file(
        tmp_path, "practice: false\nanswers:\n  - {at: 500, event: e1, choice: no}\n"
    )
    code, _, err = run_cli(capsys, scenario, path, "--json")
    assert code == 2
    assert "#1" in err


# --------------------------------------------------------------- answers refused


@pytest.mark.parametrize(
    ("text", "where_id", "where_en", "says_en"),
    [
        # e2 arrives at 50: not pending at 10
        (
            "answers:\n  - {at: 10, event: e2, choice: a}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "not waiting",
        ),
        # `nanti` needs warga > 90
        (
            "answers:\n  - {at: 10, event: e1, choice: nanti}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "not available",
        ),
        # the second answer goes back in time
        (
            "answers:\n  - {at: 20, event: e1, choice: no}\n  - {at: 10, event: e2, choice: a}\n",
            "jawaban #2 (baris 3)",
            "answer #2 (line 3)",
            "earlier",
        ),
        # both decisions answered by 60: the run has ended before the third answer
        (
            "answers:\n"
            "  - {at: 10, event: e1, choice: no}\n"
            "  - {at: 60, event: e2, choice: a}\n"
            "  - {at: 70, event: e2, choice: a}\n",
            "jawaban #3 (baris 4)",
            "answer #3 (line 4)",
            "ended",
        ),
        # everything timed out by 150: an answer at 200 comes after the end
        (
            "answers:\n  - {at: 200, event: e2, choice: a}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "ended",
        ),
        # e1 timed out at 100 (e2 still pending: the run goes on)
        (
            "answers:\n  - {at: 101, event: e1, choice: no}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "not waiting",
        ),
        # the same decision twice
        (
            "answers:\n  - {at: 5, event: e1, choice: no}\n  - {at: 6, event: e1, choice: no}\n",
            "jawaban #2 (baris 3)",
            "answer #2 (line 3)",
            "not waiting",
        ),
        (
            "answers:\n  - {at: 5, event: hilang, choice: a}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "hilang",
        ),
        (
            "answers:\n  - {at: 5, event: e1, choice: yes}\n",
            "jawaban #1 (baris 2)",
            "answer #1 (line 2)",
            "yes",
        ),
        # block style: the answer's line is where its item starts
        (
            "# jawaban\nanswers:\n  - at: 5\n    event: e1\n    choice: no\n"
            "  - at: 6\n    event: e2\n    choice: a\n",
            "jawaban #2 (baris 6)",
            "answer #2 (line 6)",
            "not waiting",
        ),
    ],
    ids=[
        "not-pending",
        "unavailable",
        "backwards",
        "after-end",
        "after-end-by-timeouts",
        "timed-out",
        "answered-twice",
        "unknown-event",
        "unknown-choice",
        "block-style-line",
    ],
)
def test_bad_answer_exits_2_naming_the_answer(
    tmp_path: Path,
    scenario: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    where_id: str,
    where_en: str,
    says_en: str,
) -> None:
    """Exit 2 with one line naming the answer (number and line), in Indonesian by default and
    English with --lang en; nothing on stdout."""
    path = answers_file(tmp_path, text)
    code, out, err = run_cli(capsys, scenario, path, "--json")
    assert (code, out) == (2, "")
    assert where_id in err and str(path) in err
    assert len(err.strip().splitlines()) == 1
    code, out, err = run_cli(capsys, scenario, path, "--json", "--lang", "en")
    assert (code, out) == (2, "")
    assert where_en in err and says_en in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("answers: [\n  {at: 1, event: e1\n", None),  # not YAML
        ("answers:\n  - {at: 1, event: e1}\n", "#1"),  # choice missing
        ("answers:\n  - {event: e1, choice: no}\n", "#1"),  # at missing
        ("answers:\n  - {at: soon, event: e1, choice: no}\n", "#1"),  # at not a number
        ('answers:\n  - {at: "10", event: e1, choice: no}\n', "#1"),  # at quoted text
        ("answers:\n  - {at: true, event: e1, choice: no}\n", "#1"),  # at a bool
        ("answers:\n  - {at: .inf, event: e1, choice: no}\n", "#1"),  # at not finite
        (
            "answers:\n  - {at: 1, event: e1, choice: no}\n  - {at: 2, event: e2, pilih: a}\n",
            "#2",
        ),  # unknown field in the second answer
        ("answers:\n  - 5\n", "#1"),  # an answer that is not a mapping
        ("answers: 5\n", None),  # answers not a list
        ("jawaban: []\n", None),  # unknown top-level key
        ("practice: ya\nanswers: []\n", None),  # practice not a bool
        ("just some text\n", None),  # a scalar
        ("answers: []\nanswers: []\n", None),  # duplicate key
    ],
)
def test_malformed_answers_file_exits_2(
    tmp_path: Path,
    scenario: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    names: str | None,
) -> None:
    """A malformed answers file exits 2 with one plain line (naming the answer when one is
    at fault), never a traceback."""
    path = answers_file(tmp_path, text)
    code, out, err = run_cli(capsys, scenario, path, "--json")
    assert (code, out) == (2, "")
    assert err.strip() and len(err.strip().splitlines()) == 1
    assert str(path) in err
    if names is not None:
        assert names in err


def test_answers_file_not_utf8_exits_2(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answers file that is not UTF-8 is a usage error, not a crash."""
    path = tmp_path / "jawaban.yaml"
    path.write_bytes(b"answers:\n  - {at: 1, event: \xff\xfe, choice: no}\n")
    code, out, err = run_cli(capsys, scenario, path, "--json")
    assert (code, out) == (2, "") and err.strip()


# ------------------------------------------------------------------------ files


def test_missing_files_exit_2(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing scenario or answers file exits 2 with one line naming it."""
    answers = answers_file(tmp_path, "answers: []\n")
    missing = tmp_path / "tidak-ada.yaml"
    for args in ((missing, answers), (scenario, missing)):
        code, out, err = run_cli(capsys, args[0], args[1], "--json")
        assert (code, out) == (2, "")
        assert str(missing) in err and len(err.strip().splitlines()) == 1


def test_directories_instead_of_files_exit_2(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder given as the scenario or the answers file is a usage error, not a crash."""
    answers = answers_file(tmp_path, "answers: []\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in ((folder, answers), (scenario, folder)):
        code, out, err = run_cli(capsys, args[0], args[1], "--json")
        assert (code, out) == (2, "")
        assert str(folder) in err


def test_scenario_with_errors_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario with errors exits 1 and prints its diagnostics (file:line:col, code)."""
    bad = tmp_path / "rusak.yaml"
    bad.write_text(SCENARIO + "pemeran: 1\n", encoding="utf-8")  # an unknown key
    answers = answers_file(tmp_path, "answers: []\n")
    code, out, err = run_cli(capsys, bad, answers, "--json")
    assert (code, out) == (1, "")
    assert f"{bad}:" in err and "SIM102" in err


def test_usage_errors_exit_2(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run` without --answers is a usage error: exit 2, the problem on the first line (a
    pointer to --help may follow), no traceback."""
    code = main(["run", str(scenario)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "Traceback" not in err and "--answers" in err.splitlines()[0]


# --------------------------------------------------------------------- text summary


def _summary(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    path = answers_file(
        tmp_path,
        "answers:\n  - {at: 10, event: e1, choice: no}\n  - {at: 60, event: e2, choice: b}\n",
    )
    code, out, err = run_cli(capsys, scenario, path, *extra)
    assert (code, err) == (0, "")
    return out


def test_text_summary_in_indonesian_by_default(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --json: the decisions table, the three sub-scores, total, band and ending, in
    Indonesian.

    e1 "no" at 10: S 100, A 89, S' 100. e2 "b" (critical, harmful) at 60: A 0, S' 0.
    Speed 50.0, Accuracy 44.5, Impact 60.0 (warga 60);
    Total = 0.25*50 + 0.45*44.5 + 0.30*60 = 12.5 + 20.025 + 18 = 50.525 (< cap 54): Kurang.
    """
    out = _summary(tmp_path, scenario, capsys)
    for word in ("Keputusan", "Hasil", "Pilihan", "Kecepatan", "Ketepatan", "Dampak"):
        assert word in out
    assert "e1" in out and "e2" in out and "dijawab" in out and "GARIS MERAH" in out
    assert "Kecepatan: 50,0" in out and "Ketepatan: 44,5" in out and "Dampak: 60,0" in out
    assert "Total: 50,5" in out and "Predikat: Kurang" in out and "BELUM LULUS" in out
    assert "Akhir cerita: Akhir yang baik" in out
    assert "Speed" not in out and "Ending" not in out


def test_text_summary_in_english(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang en gives the same summary in English (scenario text stays as written)."""
    out = _summary(tmp_path, scenario, capsys, "--lang", "en")
    for word in ("Decision", "Outcome", "Choice", "answered", "RED LINE"):
        assert word in out
    assert "Speed: 50.0" in out and "Accuracy: 44.5" in out and "Impact: 60.0" in out
    assert "Total: 50.5" in out and "Band: Kurang" in out and "NOT PASSED" in out
    assert "Ending: Akhir yang baik" in out
    assert "Kecepatan" not in out


def test_text_summary_lists_timeouts(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A timed-out decision shows in the table with its outcome and no choice."""
    path = answers_file(tmp_path, "answers: []\n")
    code, out, _ = run_cli(capsys, scenario, path)
    assert code == 0
    assert out.count("habis waktu") == 2


def test_seed_draws_the_shown_order_reported_per_decision(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--seed N` is logged with the run and `--json` reports each decision's shown order,
    the engine's draw for that seed; answers still name choice ids, so the score is the
    same as without a seed."""
    from simulasi.engine import shown_order
    from simulasi.scenario import load_scenario_or_raise

    loaded = load_scenario_or_raise(scenario)
    path = answers_file(
        tmp_path,
        "answers:\n  - {at: 10, event: e1, choice: no}\n  - {at: 60, event: e2, choice: a}\n",
    )
    _, plain, _ = run_cli(capsys, scenario, path, "--json")
    orders = set()
    for seed in (0, 5, 2**63 - 1):
        code, out, err = run_cli(capsys, scenario, path, "--json", "--seed", str(seed))
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert data["seed"] == seed
        shown = [e["shown"] for e in data["events"]]
        assert shown == [list(shown_order(seed, loaded.events[e])) for e in ("e1", "e2")]
        orders.add(tuple(shown[0]))
        del data["seed"]
        without = json.loads(plain)
        del without["seed"]
        for a, b in zip(data["events"], without["events"], strict=True):
            del a["shown"], b["shown"]
        assert data == without
    assert len(orders) > 1


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5", str(2**63)])
def test_a_bad_seed_is_a_usage_error(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    path = answers_file(tmp_path, "answers: []\n")
    code, _, err = run_cli(capsys, scenario, path, "--seed", bad)
    assert code == 2 and "--seed" in err and bad in err and "Traceback" not in err


def test_a_stored_headless_run_keeps_its_seed(
    tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --data the stored log's start record carries the seed."""
    from simulasi.store import Store

    path = answers_file(tmp_path, "answers:\n  - {at: 10, event: e1, choice: no}\n")
    code, _, _ = run_cli(capsys, scenario, path, "--seed", "42", "--data", str(tmp_path / "d"))
    assert code == 0
    with Store.open(tmp_path / "d") as store:
        [info] = store.runs()
        assert store.records(info.id)[0].seed == 42
