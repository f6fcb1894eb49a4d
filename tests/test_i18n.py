"""Both catalogues are complete: every text a person reads exists in Indonesian and English."""

from __future__ import annotations

import re
import string

import pytest

from simulasi.i18n import EN, ID, detect_lang, t
from simulasi.scenario.messages import MESSAGES

_FIELDS = string.Formatter()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(text) if name}


def test_ui_catalogues_have_the_same_keys() -> None:
    """No screen or command falls back to another language for lack of a text."""
    assert set(ID) == set(EN)


@pytest.mark.parametrize("key", sorted(ID))
def test_ui_texts_take_the_same_parameters_in_both_languages(key: str) -> None:
    """A translation never drops or invents a `{placeholder}`."""
    assert _fields(ID[key]) == _fields(EN[key])


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_diagnostic_messages_exist_in_both_languages_with_the_same_parameters(key: str) -> None:
    """Every diagnostic can be read in Indonesian and English (`simulasi check --lang en`)."""
    entry = MESSAGES[key]
    assert set(entry) == {"id", "en"}
    assert entry["id"] != entry["en"] or not re.search(r"[a-z]{4}", entry["id"])
    assert _fields(entry["id"]) == _fields(entry["en"])


def test_lang_is_found_on_the_command_line_or_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--lang en`, `--lang=en`, then $SIMULASI_LANG, else Indonesian."""
    monkeypatch.delenv("SIMULASI_LANG", raising=False)
    assert detect_lang([]) == "id"
    assert detect_lang(["check", "--lang", "en"]) == "en"
    assert detect_lang(["--lang=en"]) == "en"
    monkeypatch.setenv("SIMULASI_LANG", "en")
    assert detect_lang([]) == "en"
    assert detect_lang(["--lang", "id"]) == "id"
    assert t("run.total", "en") == "Total" and t("run.passed", "id") == "LULUS"
