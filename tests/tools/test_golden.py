"""Golden tests (`*.test.yaml`, `simulasi test`): the format, failures that say what differed,
and errors in a test file that point to its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from tools_support import SCENARIOS, SHIPPED

from simulasi.cli import main
from simulasi.tools.golden import GoldenError, load_golden, run_file

KNOWN_BEST = SCENARIOS / "known-best.yaml"


def write(tmp_path: Path, body: str, name: str = "kb.test.yaml") -> Path:
    """A test file for known-best.yaml; `body` starts on line 2 (line 1 names the scenario)."""
    path = tmp_path / name
    path.write_text(f"scenario: {KNOWN_BEST}\n" + body, encoding="utf-8")
    return path


def test_a_passing_file_runs_every_step_kind(tmp_path: Path) -> None:
    """answer, advance (seconds and end), and each kind of expectation."""
    path = write(
        tmp_path,
        """\
cases:
  - name: all kinds
    steps:
      - expect: {pending: [d], event: {id: d, outcome: pending}}
      - advance: 10
      - answer: {at: 20, event: d, choice: a}
      - expect:
          pending: []
          meters: {warga: 60}
          event: {id: d, outcome: answered, choice: a}
      - expect: {ending: naik, passed: true, band: "Sangat Baik", total: 88, speed: 100}
  - name: time out
    steps:
      - advance: end
      - expect:
          ending: selesai
          total: {min: 11.9, max: 12.1}
          event: {id: d, outcome: timed_out, choice: null}
""",
    )
    result = run_file(path, "en")
    assert result.error is None
    assert [r.ok for r in result.results] == [True, True]


def test_a_failure_names_step_expected_and_actual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulasi test` prints file:line, the case, the step number and kind, then each
    difference; exit 1."""
    path = write(
        tmp_path,
        """\
cases:
  - name: wrong hopes
    steps:
      - answer: {at: 0, event: d, choice: b}
      - expect:
          ending: selesai
          total: {min: 80}
          meters: {warga: {max: 60}}
""",
    )
    assert main(["test", str(path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {path}:6: case 'wrong hopes', step 2 (expect):" in out
    assert "ending: expected selesai, got naik" in out
    assert "total: expected >= 80, got 39" in out
    assert "meters.warga: expected <= 60, got 70.0" in out
    assert "0 case(s) passed, 1 failed" in out


def test_an_answer_the_run_refuses_is_a_failure(tmp_path: Path) -> None:
    """Not pending, not available, back in time, after the end: each says why."""
    path = tmp_path / "shipped.test.yaml"
    path.write_text(
        f"""\
scenario: {SHIPPED}
cases:
  - name: twice
    steps:
      - answer: {{at: 0, event: vn_viral, choice: verifikasi}}
      - answer: {{at: 10, event: vn_viral, choice: verifikasi}}
  - name: backwards
    steps:
      - answer: {{at: 10, event: vn_viral, choice: verifikasi}}
      - answer: {{at: 5, event: telepon_wartawan, choice: jelaskan_proses}}
  - name: too early
    steps:
      - answer: {{at: 10, event: rdp_dprd, choice: paparan_bersama}}
  - name: after the end
    steps:
      - advance: end
      - answer: {{at: 5000, event: rdp_dprd, choice: paparan_bersama}}
""",
        encoding="utf-8",
    )
    twice, backwards, early, ended = run_file(path, "en").results
    assert twice.failures[0].messages == ["'vn_viral' is not waiting for an answer at second 10"]
    assert twice.failures[0].line == 6 and twice.failures[0].step == 2
    assert backwards.failures[0].messages == ["second 5 is earlier than the run's time then"]
    assert early.failures[0].messages == ["'rdp_dprd' is not waiting for an answer at second 10"]
    assert ended.failures[0].messages == ["the run had already ended before second 5000"]


@pytest.mark.parametrize(
    ("body", "line", "text"),
    [
        ("cases:\n  - name: x\n    steps:\n      - answr: {at: 0}\n", 5, "exactly one of"),
        (
            "cases:\n  - name: x\n    steps:\n      - expect: {ending: naik, totl: 3}\n",
            5,
            "unknown key 'totl'",
        ),
        ("cases:\n  - name: x\n    steps:\n      - advance: -1\n", 5, "advance needs"),
        (
            "cases:\n  - name: x\n    steps:\n      - answer: {at: 0, event: zz, choice: a}\n",
            5,
            "event 'zz' is not in the scenario",
        ),
        (
            "cases:\n  - name: x\n    steps:\n      - answer: {at: 0, event: d, choice: zz}\n",
            5,
            "choice 'd.zz' is not in the scenario",
        ),
        ("cases:\n  - name: x\n    name: y\n    steps: []\n", 4, "invalid YAML"),
        ("cases:\n  - name: x\n    steps: [\n", 5, "invalid YAML"),
        ("cases: []\n", 2, "non-empty list of cases"),
        (
            "cases:\n  - name: x\n    steps:\n      - expect: {meters: {warga: {min: a}}}\n",
            5,
            "warga needs a number or {min, max}",
        ),
    ],
)
def test_errors_in_a_test_file_point_to_its_line(
    tmp_path: Path, body: str, line: int, text: str
) -> None:
    """The strict reader keeps lines: every problem reads `file:line: message`."""
    path = write(tmp_path, body)
    result = run_file(path, "en")
    assert result.error is not None
    assert result.error.startswith(f"{path}:{line}: "), result.error
    assert text in result.error


def test_the_scenario_defaults_to_the_name_beside_it(tmp_path: Path) -> None:
    """NAME.test.yaml tests NAME.yaml in the same folder when `scenario:` is left out."""
    (tmp_path / "kb.yaml").write_text(KNOWN_BEST.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "kb.test.yaml"
    path.write_text(
        "cases:\n  - name: x\n    steps:\n      - expect: {pending: [d]}\n", encoding="utf-8"
    )
    assert load_golden(path).scenario_path == tmp_path / "kb.yaml"
    assert run_file(path).ok
    (tmp_path / "kb.yaml").unlink()
    assert "not found" in (run_file(path, "en").error or "")


def test_command_line_paths_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Folders are searched for *.test.yaml; none found or a missing path: exit 2, one line;
    with no path the bundled scenarios are tested."""
    write(tmp_path, "cases:\n  - name: ok\n    steps:\n      - expect: {pending: [d]}\n")
    assert main(["test", str(tmp_path)]) == 0
    assert "1 kasus lulus, 0 gagal" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["test", str(empty)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["test", str(tmp_path / "missing.test.yaml")]) == 2
    capsys.readouterr()
    assert main(["test"]) == 0
    assert "hoaks-vaksin-mr.test.yaml" in capsys.readouterr().out


def test_golden_error_message_is_translated() -> None:
    error = GoldenError("f.test.yaml", 3, "tools.golden.err.advance")
    assert error.message("id") == "f.test.yaml:3: advance butuh jumlah detik (angka >= 0) atau end"


def test_red_lines_and_updates_can_be_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`critical` says whether a red-line choice was taken; an update's `event` outcome is
    `arrived` once it has arrived (`not_arrived` before), and a wrong hope says what was."""
    path = tmp_path / "vaksin.test.yaml"
    path.write_text(
        f"""\
scenario: {SHIPPED}
cases:
  - name: forwarding the voice note
    steps:
      - answer: {{at: 5, event: vn_viral, choice: teruskan_tanya}}
      - expect: {{event: {{id: hoaks_meluas, outcome: not_arrived}}}}
      - advance: 30
      - expect: {{event: {{id: hoaks_meluas, outcome: arrived}}}}
      - expect: {{critical: true, passed: false, total: {{max: 54}}}}
  - name: a red line hoped away
    steps:
      - answer: {{at: 5, event: vn_viral, choice: teruskan_tanya}}
      - expect: {{critical: false}}
""",
        encoding="utf-8",
    )
    result = run_file(path, "en")
    assert result.error is None
    assert [r.ok for r in result.results] == [True, False]
    assert main(["test", str(path), "--lang", "en"]) == 1
    assert "critical: expected False, got True" in capsys.readouterr().out
