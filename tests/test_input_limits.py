"""Hostile input files: non-regular files are refused, sizes are limited while reading, huge
numbers and deep nesting become located diagnostics or one-line refusals, never exit 70."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from simulasi.bundled import bundled_dir
from simulasi.cli import main
from simulasi.guard import ANSWERS_MAX_BYTES, SCENARIO_MAX_BYTES

VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"
ANSWERS = "answers:\n  - {at: 30, event: vn_viral, choice: verifikasi}\n"


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


# ------------------------------------------------------------------ non-regular files


@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_check_refuses_a_device_or_a_fifo(
    device: str, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check /dev/zero` used to read without end; a fifo with no writer used to hang."""
    path = str(fifo) if device == "fifo" else device
    code, _, err = _cli(capsys, "check", path)
    assert code == 2 and "not a regular file" in _one_line(err)


@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_run_refuses_a_device_or_a_fifo_as_answers(
    device: str, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(fifo) if device == "fifo" else device
    code, out, err = _cli(capsys, "run", str(VAKSIN), "--answers", path)
    assert (code, out) == (2, "") and "not a regular file" in _one_line(err)


# ------------------------------------------------------------------ sizes


def test_a_million_line_answers_file_is_refused_quickly_by_its_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It used to be parsed for 43 s in 2.2 GB; now its size alone refuses it."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"answers:\n" + b"  - {at: 1, event: e, choice: c}\n" * 1_000_000)
    started = time.perf_counter()
    code, out, err = _cli(capsys, "run", str(VAKSIN), "--answers", str(path))
    assert time.perf_counter() - started < 5
    assert (code, out) == (2, "")
    assert f"limit {ANSWERS_MAX_BYTES} bytes" in _one_line(err)


def test_a_scenario_over_its_limit_is_reported_with_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sparse file of a gigabyte: SIM107 with its real size, without reading it."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
    code, out, _ = _cli(capsys, "check", str(path))
    assert code == 1
    assert f"SIM107 file too large ({1 << 30} bytes; limit {SCENARIO_MAX_BYTES}" in out


# ------------------------------------------------------------------ huge numbers


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("deadline: 300", "deadline: " + "9" * 400),  # OverflowError converting to float
        ("title:", "title: " + "1" * 4301 + "\nold_title:"),  # ValueError reading the int
        ("title:", "pemeran: " + "7" * 5000 + "\ntitle:"),  # the same, in an unknown key
        ("deadline: 300", "deadline: 0x" + "f" * 4000),
    ],
)
def test_a_huge_integer_in_a_scenario_is_a_located_diagnostic(
    old: str, new: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    text = _with(VAKSIN.read_text(encoding="utf-8"), old, new)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    code, out, _ = _cli(capsys, "check", str(path))
    assert code == 1
    assert f"{path}:{line}:" in out and "SIM107 number too long" in out


def test_a_huge_integer_in_the_scenarios_folder_does_not_stop_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One such file in `--scenarios` used to stop the game before Home: it is listed as
    broken, like any scenario with errors."""
    from simulasi.commands import play

    monkeypatch.setattr(play, "interactive", lambda: False)
    folder = tmp_path / "more"
    folder.mkdir()
    text = _with(VAKSIN.read_text(encoding="utf-8"), "deadline: 300", "deadline: " + "9" * 400)
    (folder / "besar.yaml").write_text(text, encoding="utf-8")
    code, out, _ = _cli(capsys, "play", "--scenarios", str(folder))
    assert code == 0 and "✗ besar.yaml" in out


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_huge_time_in_an_answers_file_is_a_one_line_refusal(
    digits: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS.replace("at: 30", "at: " + "1" * digits), encoding="utf-8")
    code, out, err = _cli(capsys, "run", str(VAKSIN), "--answers", str(path))
    assert (code, out) == (2, "")
    assert "line 2, column 10: number too long" in _one_line(err)


def test_the_games_scenario_list_keeps_a_huge_integer_file_as_broken(tmp_path: Path) -> None:
    """What Home loads (in its worker): the file is an entry with its SIM107, the others load."""
    from simulasi.ui.session import load_entries

    bad = tmp_path / "besar.yaml"
    text = _with(VAKSIN.read_text(encoding="utf-8"), "title:", "title: " + "1" * 4301 + "\nx:")
    bad.write_text(text, encoding="utf-8")
    big = tmp_path / "raksasa.yaml"
    with big.open("wb") as handle:
        handle.truncate(SCENARIO_MAX_BYTES + 1)
    broken, huge, good = load_entries([bad, big, VAKSIN])
    assert [d.code for d in broken.result.errors] == ["SIM107"]  # type: ignore[union-attr]
    assert [d.key for d in huge.result.errors] == ["too_large"]  # type: ignore[union-attr]
    assert good.scenario is not None


def test_simulasi_test_refuses_a_device_or_a_fifo(
    fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulasi test /dev/zero` used to read without end."""
    for path in ("/dev/zero", str(fifo)):
        code, out, _ = _cli(capsys, "test", path)
        assert code == 1 and "not a regular file" in out
