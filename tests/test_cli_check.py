"""`simulasi check`, `simulasi schema` and bare `simulasi` as a facilitator uses them.

Exit codes (docs/format.md): 0 no error (warnings allowed), 1 some file has an error,
2 a usage error. Output lines read `file:line:col: severity CODE message`; errors are one plain
line, never a traceback.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulasi.cli import main
from simulasi.scenario import json_schema, load_scenario

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "scenarios" / "hoaks-vaksin-mr.yaml"
EXAMPLES = Path(__file__).parent / "examples"
LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) "
    r"(?P<code>SIM\d{3}) (?P<message>\S.*)$"
)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # The language comes from --lang, else $SIMULASI_LANG: pin the default for every test.
    monkeypatch.delenv("SIMULASI_LANG", raising=False)


def _copy(example: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLES / f"{example}.yaml", target)
    return target


def test_check_valid_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean scenario exits 0 and prints no diagnostic line."""
    assert main(["check", str(BUNDLED)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err


def test_check_broken_file_exits_1_with_positioned_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with an error exits 1 and prints `file:line:col: error SIMxxx message` lines."""
    path = _copy("SIM101", tmp_path / "draf.yaml")
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    first = parsed[0]
    assert first is not None
    assert first["file"] == str(path)
    assert (first["line"], first["severity"], first["code"]) == ("6", "error", "SIM101")
    assert first["message"] == load_scenario(path).diagnostics[0].message("id")


def test_check_warnings_only_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings are printed but do not fail the check."""
    path = _copy("SIM500", tmp_path / "tanpa-feedback.yaml")
    assert main(["check", str(path)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    match = LINE.match(line)
    assert match
    assert (match["severity"], match["code"]) == ("warning", "SIM500")


def test_check_several_files_reports_all_and_fails_if_any_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file named is checked; one broken file makes the exit code 1."""
    warn = _copy("SIM500", tmp_path / "a.yaml")
    broken = _copy("SIM200", tmp_path / "b.yaml")
    assert main(["check", str(warn), str(broken)]) == 1
    matches = [LINE.match(line) for line in capsys.readouterr().out.splitlines()]
    assert {m["file"] for m in matches if m} == {str(warn), str(broken)}
    assert all(matches)


def test_check_folder_checks_every_yaml_but_not_golden_tests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder is searched for *.yaml (also in subfolders); *.test.yaml and other files are not."""
    shutil.copyfile(BUNDLED, tmp_path / "bersih.yaml")
    warn = _copy("SIM500", tmp_path / "peringatan.yaml")
    broken = _copy("SIM101", tmp_path / "rusak.yaml")
    nested = _copy("SIM200", tmp_path / "bab2" / "lain.yaml")
    _copy("SIM100", tmp_path / "jalur.test.yaml")
    _copy("SIM100", tmp_path / "catatan.txt")
    assert main(["check", "--json", str(tmp_path)]) == 1
    reported = json.loads(capsys.readouterr().out)
    assert {d["file"] for d in reported} == {str(warn), str(broken), str(nested)}


def test_check_json_lists_every_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--json` prints a list of {file, line, col, severity, code, message} and nothing else."""
    path = _copy("SIM401", tmp_path / "emas.yaml")
    assert main(["check", "--json", str(path)]) == 1
    captured = capsys.readouterr()
    reported = json.loads(captured.out)
    expected = [d.to_json("id") for d in load_scenario(path).diagnostics]
    assert reported == expected
    for item in reported:
        assert set(item) == {"file", "line", "col", "severity", "code", "message"}
        assert isinstance(item["line"], int)
        assert isinstance(item["col"], int)
        assert item["severity"] in {"error", "warning"}
    assert reported[0]["code"] == "SIM401"


def test_check_json_of_a_clean_file_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean file in JSON mode is `[]`, still valid JSON for scripts."""
    assert main(["check", "--json", str(BUNDLED)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_lang_en_gives_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--lang en` prints the English message; the default is Indonesian."""
    path = _copy("SIM102", tmp_path / "salah-ketik.yaml")
    diagnostic = next(d for d in load_scenario(path).diagnostics if d.code == "SIM102")
    main(["check", "--lang", "en", str(path)])
    english = capsys.readouterr().out
    main(["check", str(path)])
    indonesian = capsys.readouterr().out
    assert diagnostic.message("en") in english
    assert diagnostic.message("id") in indonesian
    assert english != indonesian
    assert "did you mean 'deadline'" in english


def test_check_lang_en_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--json --lang en` gives English messages in the JSON too."""
    path = _copy("SIM401", tmp_path / "emas.yaml")
    main(["check", "--json", "--lang", "en", str(path)])
    reported = json.loads(capsys.readouterr().out)
    assert reported[0]["message"] == load_scenario(path).diagnostics[0].message("en")


def test_check_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist exits 2 with one line on stderr, no traceback."""
    missing = tmp_path / "tidak-ada.yaml"
    assert main(["check", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert str(missing) in lines[0]
    assert "Traceback" not in captured.err


def test_check_folder_without_scenarios_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no scenario file is a usage error, not a silent success."""
    (tmp_path / "catatan.txt").write_text("bukan skenario\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["check", "--bogus", "x.yaml"], ["check"], ["--lang", "xx", "check"], ["nope"]]
)
def test_bad_command_lines_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown flag, a missing argument, a bad choice or command exits 2, no traceback."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.strip()
    assert "Traceback" not in captured.err


def test_unexpected_failure_exits_70_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """README: an internal error is exit 70, reported in one line, not a traceback."""
    import simulasi.commands.check

    def broken(*args: object) -> int:
        raise RuntimeError("boom")

    # Stands in for any bug of ours inside a command.
    monkeypatch.setattr(simulasi.commands.check, "run", broken)
    assert main(["check", str(BUNDLED)]) == 70
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


def test_schema_prints_the_generated_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`simulasi schema` prints JSON that parses to the generated schema."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_schema_output_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`simulasi schema -o FILE` writes the schema there (and nothing to stdout)."""
    target = tmp_path / "simulasi-1.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()


def test_schema_output_to_an_unwritable_place_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing into a folder that does not exist exits 2 with a plain line."""
    assert main(["schema", "-o", str(tmp_path / "tidak-ada" / "s.json")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bare_simulasi_without_a_terminal_lists_the_bundled_scenario(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`simulasi` alone with no terminal (piped, scripted, under pytest) cannot open the game:
    it lists the bundled scenarios (title and id) instead and exits 0."""
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "hoaks-vaksin-mr" in out
    assert "Hoaks Vaksin MR di Kabupaten Sukamaju" in out


def _console_script() -> str:
    beside = Path(sys.executable).parent / "simulasi"
    found = str(beside) if beside.exists() else shutil.which("simulasi")
    if found is None:
        pytest.fail("the `simulasi` console script is not installed in this environment")
    return found


@pytest.mark.parametrize(
    "content",
    [
        random.Random(1).randbytes(4096),
        bytes(range(0x80, 0x100)) * 8,
        b"format: simulasi/1\ntitle: \x1b[31m\x07\n",
    ],
    ids=["random-bytes", "not-utf8", "control-characters"],
)
def test_console_script_on_garbage_prints_no_traceback(tmp_path: Path, content: bytes) -> None:
    """The installed `simulasi check` on a binary or garbled file reports, never a traceback."""
    path = tmp_path / "sampah.yaml"
    path.write_bytes(content)
    completed = subprocess.run(
        [_console_script(), "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stdout.startswith(f"{path}:")
