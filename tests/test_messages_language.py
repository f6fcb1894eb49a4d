"""Every message a user reads is in the chosen language: answers-file details, the store's
replay error and the YAML parser's own phrases carry no English into an Indonesian sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulasi.bundled import bundled_dir
from simulasi.engine import ReplayError, Run
from simulasi.engine.records import Record
from simulasi.headless import AnswersError, parse_answers
from simulasi.scenario import load_scenario, load_scenario_or_raise
from simulasi.scenario.messages import YAML_PROBLEMS
from simulasi.store import StoreError

#: English words that gave the mixed messages away.
ENGLISH = re.compile(r"\b(unknown|key|expected|must|went|backwards|mapping|found|allowed)\b")


def _answers_error(text: str) -> AnswersError:
    with pytest.raises(AnswersError) as caught:
        parse_answers(text, "a.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "indonesian"),
    [
        ("jawaban: []\n", "kunci tidak dikenal: jawaban"),
        ("practice: ya\nanswers: []\n", "practice harus true atau false"),
        ("answers: 5\n", "'answers' harus berupa daftar"),
        ("just some text\n", "isinya harus pasangan kunci"),
        ("answers: [\n  {at: 1, event: e1\n", "baris 3, kolom 1: YAML tidak valid"),
        ("answers:\n  - at: 1 event: a\n", "titik dua ':' tidak boleh di sini"),
    ],
)
def test_answers_file_details_are_in_the_chosen_language(text: str, indonesian: str) -> None:
    error = _answers_error(text)
    message = error.message("id")
    assert indonesian in message and not ENGLISH.search(message), message
    assert not re.search(r"\b(kunci|harus|tidak)\b", error.message("en"))


def test_the_stores_replay_error_is_in_the_chosen_language() -> None:
    """A log whose time goes backwards: the sentence used to end in the engine's English
    'time went backwards'."""
    scenario = load_scenario_or_raise(bundled_dir() / "hoaks-vaksin-mr.yaml")
    run = Run(scenario)
    run.start(0.0)
    run.advance(20.0, record=True)
    log = [*run.log, Record("clock", 10.0)]
    with pytest.raises(ReplayError) as caught:
        Run.replay(scenario, log)
    error = StoreError("results.err.replay", run="abc123", reason=caught.value)
    indonesian = error.message("id")
    assert "waktunya mundur" in indonesian and not ENGLISH.search(indonesian), indonesian
    assert "its time goes backwards" in error.message("en")


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a:\n  - b\n c: d\n",
        "a: [1, 2\n",
        "a: {b: 1\n",
        'a: "x\n',
        "a: @x\n",
        'a: "\\q"\n',
        "- a\nb: c\n",
    ],
)
def test_yaml_parser_phrases_are_paraphrased(text: str) -> None:
    [diagnostic] = load_scenario(text).diagnostics
    assert diagnostic.code == "SIM100"
    indonesian = diagnostic.message("id")
    assert not ENGLISH.search(indonesian), indonesian
    assert diagnostic.message("en") != indonesian


def test_every_parser_paraphrase_exists_in_both_languages() -> None:
    for _, texts in YAML_PROBLEMS:
        assert set(texts) == {"id", "en"} and texts["id"] != texts["en"]


def test_common_system_reasons_are_in_the_chosen_language() -> None:
    """The system's own reasons are English whatever the language: the common ones a trainer
    meets (a full disk, a read-only stick, no permission) are said in the chosen one."""
    import errno

    from simulasi.guard import os_reason

    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_reason(full, "id") == "disk penuh" and os_reason(full, "en") == "the disk is full"
    assert os_reason(OSError(errno.EROFS, "Read-only file system"), "id") == "media hanya-baca"
    assert os_reason(OSError(errno.EACCES, "Permission denied"), "id") == "akses ditolak"
    odd = OSError(errno.ELOOP, "Too many levels of symbolic links\x1b[2J")
    assert os_reason(odd, "id") == "Too many levels of symbolic links\\x1b[2J"


def test_a_golden_files_yaml_error_is_in_the_chosen_language(tmp_path: Path) -> None:
    from simulasi.tools.golden import run_file

    path = tmp_path / "x.test.yaml"
    path.write_text("scenario: x.yaml\ncases: [\n", encoding="utf-8")
    indonesian = run_file(path, "id").error or ""
    assert "nilai yang diharapkan tidak ditemukan" in indonesian
    assert not ENGLISH.search(indonesian), indonesian
