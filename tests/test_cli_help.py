"""`simulasi --help` and each command's help speak the user's language, argparse's own words
included; the global `--lang` may come before the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulasi.cli import main

VAKSIN = Path(__file__).resolve().parents[1] / "scenarios" / "hoaks-vaksin-mr.yaml"
ARGPARSE_ENGLISH = (
    "usage:",
    "show this help",
    "positional arguments",
    "options:",
    "version number",
)


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["play", "-h"], ["check", "-h"]])
def test_help_in_bahasa_indonesia_has_no_english_left(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = _help(argv, capsys)
    assert text.startswith("pemakaian: simulasi")
    assert "tampilkan bantuan ini lalu keluar" in text and "opsi:" in text
    assert not [word for word in ARGPARSE_ENGLISH if word in text]


def test_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(["--lang", "en", "--help"], capsys)
    assert text.startswith("usage: simulasi [-h]")  # the top level's, not the game's
    assert "show this help and exit" in text and "COMMAND" in text and "pemakaian" not in text


def test_lang_before_the_command_runs_that_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`simulasi --lang en check FILE` checks FILE in English (it used to open the game)."""
    assert main(["--lang", "en", "check", str(VAKSIN)]) == 0
    assert "1 file(s) checked: 0 error(s), 0 warning(s)." in capsys.readouterr().err
    assert main(["--lang=en", "check", str(VAKSIN)]) == 0
