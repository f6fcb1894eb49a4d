"""Text from a file never reaches the terminal raw: ids, keys, titles and answers events with
ESC, BEL, CR or LF are shown with their control characters made visible, by every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulasi.cli import main
from simulasi.guard import shown

#: What may reach the terminal: text, newlines between lines, nothing else below 0x20 or C1.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: A title that would retitle the terminal, ring, return to the start of the line and forge
#: a diagnostic line of its own (YAML double quotes: \e is ESC, \a BEL).
HOSTILE = r"Judul\e]0;pwned\a\r\nx.yaml:1:1: error SIM100 FORGED\e[2J\x9b31m"
FORGED = re.compile(r"^x\.yaml:1:1: error SIM100 FORGED", re.MULTILINE)

SCENARIO = f"""\
format: simulasi/1
id: aman
title: "{HOSTILE}"
summary: "Ringkasan {HOSTILE}"
briefing: "Uji."
stakeholders:
  - {{id: warga, initial: 50}}
events:
  - id: d
    at: 0
    title: "{HOSTILE}"
    deadline: 100
    golden: 30
    choices:
      - {{id: a, text: "A", accuracy: 100, effects: {{warga: 10}}, feedback: "baik"}}
      - {{id: b, text: "B", accuracy: 40, effects: {{warga: 20}}, feedback: "keliru"}}
    on_timeout: {{effects: {{warga: -10}}, feedback: "diam"}}
endings:
  - {{id: naik, title: "{HOSTILE}", when: "warga > 50", text: "x"}}
  - {{id: selesai, title: "Selesai", text: "x"}}
"""


def _check_output(out: str, err: str) -> None:
    for text in (out, err):
        assert not RAW_CONTROL.search(text), repr(text)
        assert not FORGED.search(text), text


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    _check_output(out, err)
    return code, out, err


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "aman.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def test_the_helper_makes_every_control_character_visible() -> None:
    assert shown("a\x1b]0;x\x07\r\n\tb\x9b\u2028") == "a\\x1b]0;x\\x07\\x0d\\x0a\\x09b\\x9b\\u2028"
    assert shown("a\nb\tc\x1b", block=True) == "a\nb\tc\\x1b"
    assert shown("Sukamaju — bimtek") == "Sukamaju — bimtek"


def test_run_shows_titles_made_visible(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  - {at: 10, event: d, choice: a}\n", encoding="utf-8")
    code, out, _ = _cli(capsys, "run", str(scenario), "--answers", str(answers))
    assert code == 0 and "Judul\\x1b]0;pwned\\x07\\x0d\\x0a" in out
    code, out, _ = _cli(capsys, "run", str(scenario), "--answers", str(answers), "--json")
    assert code == 0


def test_an_answers_event_with_escapes_is_shown_made_visible(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        f'answers:\n  - {{at: 10, event: "{HOSTILE}", choice: a}}\n', encoding="utf-8"
    )
    code, _, err = _cli(capsys, "run", str(scenario), "--answers", str(answers))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "\\x1b]0;pwned" in err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_check_shows_keys_ids_and_values_made_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    bad = SCENARIO.replace("id: aman", f'id: "{HOSTILE}"').replace(
        "briefing:", f'"{HOSTILE}": 1\nbriefing:'
    )
    path = tmp_path / "rusak.yaml"
    path.write_text(bad, encoding="utf-8")
    code, out, _ = _cli(capsys, "check", str(path), "--lang", lang)
    assert code == 1 and out.count("\\x1b]0;pwned") >= 2
    code, out, _ = _cli(capsys, "check", str(path), "--json", "--lang", lang)
    assert code == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["explore"],
        ["explore", "--json"],
        ["simulate", "--runs", "20"],
        ["simulate", "--runs", "20", "--json"],
        ["graph"],
        ["graph", "--format", "dot"],
    ],
)
def test_the_facilitator_tools_show_titles_made_visible(
    argv: list[str], scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _cli(capsys, argv[0], str(scenario), *argv[1:])
    assert code == 0 and out


def test_the_scenario_list_without_a_terminal_shows_titles_made_visible(
    scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulasi.commands import play

    monkeypatch.setattr(play, "interactive", lambda: False)
    code, out, _ = _cli(capsys, "play", str(scenario))
    assert code == 0 and "• Judul\\x1b]0;pwned" in out


def test_an_error_message_naming_a_path_stays_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "tidak\x1b[2J\nada.yaml"
    code, _, err = _cli(capsys, "check", str(missing))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "\\x1b[2J\\x0a" in err


def test_golden_tests_show_case_names_made_visible(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golden = tmp_path / "aman.test.yaml"
    golden.write_text(
        f'cases:\n  - name: "{HOSTILE}"\n    steps:\n'
        "      - answer: {at: 0, event: d, choice: b}\n"
        "      - expect: {ending: selesai}\n"
        f'  - name: "ok {HOSTILE}"\n    steps:\n      - expect: {{pending: [d]}}\n',
        encoding="utf-8",
    )
    code, out, _ = _cli(capsys, "test", str(golden))
    assert code == 1 and out.count("\\x1b]0;pwned") >= 2
