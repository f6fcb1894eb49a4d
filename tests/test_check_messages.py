"""`simulasi check` says more, and says it in one language.

"Did you mean" for every kind of id, `next:` to an ending explained, conditions that can never
hold and endings shadowed by earlier ones warned with their reason, quoted `"true"` called
text, SIM201 giving the real reason, no English fragment in an Indonesian message, and
`simulasi test` given a scenario instead of a test file.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from test_diagnostics import CLEAN, EXAMPLE_FILES, _edit, _line_of
from test_schema_agreement import CORPUS
from test_schema_agreement import _edit as _edit_base

from simulasi.cli import main
from simulasi.headless import AnswersError, parse_answers
from simulasi.scenario import Diagnostic, load_scenario

ROOT = Path(__file__).parent.parent

#: CLEAN with a flag, a second event and two endings, so every kind of id has a neighbour.
RICH = _edit(
    "events:\n",
    "flags:\n  - {id: hoaks_viral, type: bool}\nevents:\n",
    _edit(
        "endings:\n",
        '  - id: susulan\n    title: "Berita"\n    effects: {warga: 1}\n'
        'endings:\n  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n',
        _edit(
            "        effects: {warga: 5}\n",
            "        effects: {warga: 5}\n"
            "        set: {hoaks_viral: false}\n"
            "        next: susulan\n",
        ),
    ),
)


def _diagnostics(text: str, code: str) -> list[Diagnostic]:
    return [d for d in load_scenario(text).diagnostics if d.code == code]


def test_the_rich_base_is_clean() -> None:
    result = load_scenario(RICH)
    assert result.ok
    assert [d.format("en") for d in result.diagnostics] == []


# ------------------------------------------------------------------ did you mean


@pytest.mark.parametrize(
    ("old", "new", "code", "hint"),
    [
        ("        next: susulan\n", "        next: susulam\n", "SIM200", "susulan"),
        (
            "        next: susulan\n",
            "        next: [susulan]\n        end: puli\n",
            "SIM200",
            "pulih",
        ),
        ("set: {hoaks_viral: false}", "set: {hoaks_virall: false}", "SIM200", "hoaks_viral"),
        ("effects: {warga: 5}", "effects: {wargaa: 5}", "SIM200", "warga"),
        (
            'when: "warga >= 60 and not hoaks_viral"',
            'when: "warga >= 60 and not hoax_viral"',
            "SIM301",
            "hoaks_viral",
        ),
        (
            'when: "warga >= 60 and not hoaks_viral"',
            'when: "visited(susulam)"',
            "SIM200",
            "susulan",
        ),
        (
            'when: "warga >= 60 and not hoaks_viral"',
            'when: "chosen(hoaks.klarifkasi)"',
            "SIM200",
            "klarifikasi",
        ),
        (
            'when: "warga >= 60 and not hoaks_viral"',
            'when: "chosen(hoax.klarifikasi)"',
            "SIM200",
            "hoaks",
        ),
    ],
    ids=["next", "end", "flag", "stakeholder", "name", "visited", "choice", "decision"],
)
def test_a_misspelt_id_gets_did_you_mean(old: str, new: str, code: str, hint: str) -> None:
    """The nearest declared id of the right kind is named, in both languages."""
    (diagnostic,) = _diagnostics(_edit(old, new, RICH), code)
    assert f"'{hint}'" in diagnostic.message("id")
    assert "maksudnya" in diagnostic.message("id")
    assert f"did you mean '{hint}'" in diagnostic.message("en")


def test_a_name_nothing_resembles_gets_no_guess() -> None:
    (diagnostic,) = _diagnostics(
        _edit("        next: susulan\n", "        next: zzz\n", RICH), "SIM200"
    )
    assert "did you mean" not in diagnostic.message("en")


def test_next_to_an_ending_explains_end() -> None:
    """`next: pulih` names an ending: the message says to write `end: pulih`."""
    text = _edit("        next: susulan\n", "        next: pulih\n", RICH)
    (diagnostic,) = _diagnostics(text, "SIM200")
    assert diagnostic.line == _line_of(text, "next: pulih")
    assert "'end: pulih'" in diagnostic.message("id")
    assert "'end: pulih'" in diagnostic.message("en")
    assert "is an ending" in diagnostic.message("en")


def test_end_to_an_event_explains_next() -> None:
    text = _edit("        next: susulan\n", "        end: susulan\n", RICH)
    (diagnostic,) = _diagnostics(text, "SIM200")
    assert "'next: susulan'" in diagnostic.message("en")


def test_an_event_used_as_a_name_suggests_visited() -> None:
    text = _edit('when: "warga >= 60 and not hoaks_viral"', 'when: "susulan"', RICH)
    (diagnostic,) = _diagnostics(text, "SIM301")
    assert "visited(susulan)" in diagnostic.message("id")


# ------------------------------------------------------------------ never holds, shadowed


@pytest.mark.parametrize(
    ("condition", "first", "second"),
    [
        ("warga < 35 and warga > 60", "warga < 35", "warga > 60"),
        ("hoaks_viral and not hoaks_viral", "hoaks_viral", "not hoaks_viral"),
        (
            "chosen(hoaks.klarifikasi) and chosen(hoaks.diam)",
            "chosen(hoaks.klarifikasi)",
            "chosen(hoaks.diam)",
        ),
    ],
)
def test_a_condition_that_can_never_hold_is_warned_with_its_reason(
    condition: str, first: str, second: str
) -> None:
    """SIM303 at the condition, naming the two parts that clash; the ending it guards is
    SIM202 (its condition never holds)."""
    text = _edit('when: "warga >= 60 and not hoaks_viral"', f'when: "{condition}"', RICH)
    (warning,) = _diagnostics(text, "SIM303")
    assert warning.line == _line_of(text, condition)
    for lang in ("id", "en"):
        assert f"'{first}'" in warning.message(lang) and f"'{second}'" in warning.message(lang)
    (ending,) = _diagnostics(text, "SIM202")
    assert ending.params["ending"] == "pulih"
    assert load_scenario(text).ok  # warnings only


def test_a_choice_that_can_never_be_offered_names_nothing() -> None:
    """A choice whose condition never holds cannot bring its `next`: that event is SIM201,
    and the message says who names it."""
    text = _edit(
        "        next: susulan\n",
        '        next: susulan\n        when: "warga > 70 and warga < 20"\n',
        RICH,
    )
    (unreachable,) = _diagnostics(text, "SIM201")
    assert unreachable.params["event"] == "susulan"
    assert "has no 'at' and no 'next' names it" not in unreachable.message("en")
    assert "hoaks.klarifikasi" in unreachable.message("en")


def test_an_ending_shadowed_by_an_earlier_one_is_warned() -> None:
    """`warga >= 80` after `warga >= 60 and not hoaks_viral`? No: it may hold with the flag
    set. After `warga >= 50` it can never be chosen: SIM202 names the ending above."""
    text = _edit(
        '  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n',
        '  - id: pulih\n    when: "warga >= 50"\n'
        '  - id: gemilang\n    when: "warga >= 80 and not hoaks_viral"\n',
        RICH,
    )
    (shadowed,) = _diagnostics(text, "SIM202")
    assert shadowed.params["ending"] == "gemilang"
    assert shadowed.line == _line_of(text, "id: gemilang")
    assert "'pulih'" in shadowed.message("id") and "'pulih'" in shadowed.message("en")
    reordered = _edit(
        '  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n',
        '  - id: gemilang\n    when: "warga >= 80 and not hoaks_viral"\n'
        '  - id: pulih\n    when: "warga >= 50"\n',
        RICH,
    )
    assert _diagnostics(reordered, "SIM202") == []


def test_a_shadowed_ending_named_by_end_is_reachable() -> None:
    text = _edit(
        '  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n',
        '  - id: pulih\n    when: "warga >= 50"\n  - id: gemilang\n    when: "warga >= 80"\n',
        RICH,
    )
    text = _edit("        next: susulan\n", "        next: susulan\n        end: gemilang\n", text)
    assert _diagnostics(text, "SIM202") == []


def test_an_ending_covered_by_two_earlier_ones_is_warned() -> None:
    text = _edit(
        '  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n',
        '  - id: pulih\n    when: "warga >= 60 and not hoaks_viral"\n'
        '  - id: viral\n    when: "warga >= 60 and hoaks_viral"\n'
        '  - id: gemilang\n    when: "warga >= 90"\n',
        RICH,
    )
    (shadowed,) = _diagnostics(text, "SIM202")
    assert shadowed.params["ending"] == "gemilang"
    assert "'pulih', 'viral'" in shadowed.message("en")


def test_sim201_does_not_say_no_at_when_the_event_has_one() -> None:
    """An event with `at` whose condition never holds: the reason is the condition."""
    text = _edit("    at: 0\n", '    at: 0\n    when: "warga > 60 and warga < 10"\n', RICH)
    warnings = [d for d in _diagnostics(text, "SIM201") if d.params["event"] == "hoaks"]
    (warning,) = warnings
    for lang in ("id", "en"):
        assert "'at'" not in warning.message(lang)
        assert "when" in warning.message(lang)


def test_sim201_names_the_events_that_would_bring_it() -> None:
    """An event named only by an event that never arrives: the message names that event."""
    text = _edit(
        "endings:\n",
        '  - id: yatim\n    title: "Yatim"\n    next: cucu\n'
        '  - id: cucu\n    title: "Cucu"\n'
        "endings:\n",
        RICH,
    )
    found = {d.params["event"]: d for d in _diagnostics(text, "SIM201")}
    assert set(found) == {"yatim", "cucu"}
    assert "'at'" in found["yatim"].message("en")
    assert "yatim" in found["cucu"].message("en") and "yatim" in found["cucu"].message("id")


# ------------------------------------------------------------------ quoted values


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        (
            "        effects: {warga: 5}\n",
            '        effects: {warga: 5}\n        critical: "true"\n',
            "true",
        ),
        ("set: {hoaks_viral: false}", "set: {hoaks_viral: 'false'}", "false"),
        ("    initial: 50", '    initial: "50"', "50"),
    ],
)
def test_a_quoted_value_is_said_to_be_text(old: str, new: str, value: str) -> None:
    text = _edit(old, new, RICH)
    (diagnostic,) = _diagnostics(text, "SIM104")
    assert diagnostic.line == _line_of(text, new.strip().splitlines()[-1])
    assert "tanda kutip" in diagnostic.message("id") and "teks" in diagnostic.message("id")
    assert "in quotes" in diagnostic.message("en")
    assert f": {value}." in diagnostic.message("en")


# ------------------------------------------------------------------ one language

#: What an English fragment looks like inside an Indonesian message.
ENGLISH = re.compile(
    r"(?<![/'])\bor\b(?![/'])|"  # `or` as a word, not the keyword in 'or' or and/or/not
    r"\b(a value|an? (event|choice) id|top level|unknown key|did you mean|Input should|"
    r"True|False|None|must be|expected)\b"
)


def _broken_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLE_FILES]
    texts += [_edit_base(old, new) for _, old, new in CORPUS]
    for condition in (
        "warga >= ",
        "visited()",
        "chosen(hoaks)",
        "chosen(hoaks.)",
        "(warga > 1",
        "warga > 1 )",
        "not",
        "warga = 1",
        "warga && true",
        "1.5 > warga",
        "warga and true",
        "hoaks_viral < true",
        "-hoaks_viral",
    ):
        texts.append(_edit('when: "warga >= 60 and not hoaks_viral"', f'when: "{condition}"', RICH))
    texts.append(_edit("format: simulasi/1\n", "", RICH))
    texts.append(_edit("    channel: whatsapp", "    channel: WA", RICH))
    texts.append(
        _edit("events:\n", "flags:\n  - {id: f, type: int, initial: true}\nevents:\n", CLEAN)
    )
    texts.append(_edit("    initial: 50", "    initial: .nan", RICH))
    texts.append(_edit("    initial: 50", "    initial: [1]", RICH))
    return texts


def test_indonesian_messages_hold_no_english_fragment() -> None:
    """Every diagnostic of a broad corpus of broken files (the code examples, the schema
    corpus, expression mistakes), in Indonesian, is free of English words like "or", "a
    value", "(top level)", "unknown key" and Python's `True`."""
    seen = 0
    for text in _broken_texts():
        for diagnostic in load_scenario(text).diagnostics:
            message = diagnostic.message("id")
            if diagnostic.code in ("SIM100", "SIM107"):
                continue  # the YAML reader's own words: paraphrased elsewhere
            assert not ENGLISH.search(message), f"{diagnostic.code} {message}"
            seen += 1
    assert seen >= 100


def test_answers_file_problems_are_in_the_user_s_language() -> None:
    """`simulasi run --answers`: an unknown key is not "unknown key(s)" in Indonesian."""
    for text in ("jawab: []\n", "practice: ya\n", "42\n", "answers: 3\n"):
        with pytest.raises(AnswersError) as caught:
            parse_answers(text)
        indonesian, english = caught.value.message("id"), caught.value.message("en")
        assert indonesian != english
        assert not ENGLISH.search(indonesian), indonesian
        assert "key(s)" not in indonesian


# ------------------------------------------------------------------ simulasi test


@pytest.fixture
def _indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIMULASI_LANG", raising=False)


@pytest.mark.usefixtures("_indonesian")
def test_simulasi_test_given_a_scenario_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario passed to `simulasi test` is a usage error (exit 2) that names its tests."""
    scenario = ROOT / "scenarios" / "hoaks-vaksin-mr.yaml"
    assert main(["test", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "adalah skenario, bukan berkas tes" in err
    assert "hoaks-vaksin-mr.test.yaml" in err
    assert "Traceback" not in err
    assert main(["test", str(scenario), "--lang", "en"]) == 2
    assert "is a scenario, not a test file" in capsys.readouterr().err


@pytest.mark.usefixtures("_indonesian")
def test_simulasi_test_given_a_scenario_without_tests_points_at_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draf.yaml"
    draft.write_text(CLEAN, encoding="utf-8")
    assert main(["test", str(draft), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "is a scenario, not a test file" in err
    assert f"simulasi check {draft}" in err


@pytest.mark.usefixtures("_indonesian")
def test_simulasi_test_still_runs_a_test_file(capsys: pytest.CaptureFixture[str]) -> None:
    tests = ROOT / "scenarios" / "hoaks-vaksin-mr.test.yaml"
    assert main(["test", str(tests)]) == 0
    assert "0 gagal" in capsys.readouterr().out


def test_the_condition_analysis_stays_fast_with_many_endings() -> None:
    """300 endings of three-way `or`s: the shadowing analysis keeps to its budget (a safety
    bound, not a benchmark: well under the second a file may take)."""
    endings = "".join(
        f'  - id: akhir{i}\n    when: "(warga >= {i % 97} and warga < {(i * 7) % 101})'
        f' or (warga > {(i * 13) % 89} and not visited(hoaks)) or chosen(hoaks.diam)"\n'
        for i in range(300)
    )
    text = _edit("endings:\n", "endings:\n" + endings)
    start = time.perf_counter()
    result = load_scenario(text)
    assert time.perf_counter() - start < 1.0
    assert result.ok
