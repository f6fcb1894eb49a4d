"""Every diagnostic code has an example that is also a test, plus focused loader checks.

Each file in `tests/examples/` starts with `# expect: CODE LINE`: loading it must report CODE
(with the severity of docs/format.md's table) at LINE. The focused tests below pin the
behaviours docs/format.md promises: exact expression columns, "did you mean", every error reported,
`yes/no` kept as text, durations, defaults, and the limits against hostile input (SIM107/108).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulasi.scenario import CODES, Diagnostic, LoadResult, Severity, load_scenario

EXAMPLES = Path(__file__).parent / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
_EXPECT = re.compile(r"# expect: (SIM\d{3}) (\d+)\n")
# A placeholder that `str.format` left unfilled, e.g. "{key}" (render falls back to the template).
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# A small scenario with no diagnostic at all; the focused tests change one thing in it.
CLEAN = """\
format: simulasi/1
id: latihan-kecil
title: "Latihan kecil"
summary: "Satu keputusan tentang hoaks di grup WhatsApp."
briefing: |
  Anda Kepala Bidang IKP. Sebuah hoaks menyebar di grup WhatsApp warga.
stakeholders:
  - id: warga
    name: "Warga"
    initial: 50
events:
  - id: hoaks
    at: 0
    channel: whatsapp
    from: "Grup WA warga"
    title: "Hoaks vaksin"
    body: "Pesan berantai menyebut vaksin berbahaya."
    deadline: 300
    choices:
      - id: klarifikasi
        text: "Terbitkan klarifikasi bersama Dinkes"
        rating: best
        effects: {warga: 5}
        feedback: "Klarifikasi cepat dari sumber berwenang menenangkan warga."
      - id: diam
        text: "Tunggu saja"
        rating: weak
        feedback: "Diam memberi ruang bagi hoaks."
    on_timeout:
      effects: {warga: -5}
      feedback: "Diam memberi ruang bagi hoaks."
endings:
  - id: selesai
    title: "Selesai"
    text: "Latihan selesai."
"""


def _edit(old: str, new: str, text: str = CLEAN) -> str:
    """`text` with the one occurrence of `old` replaced (fails loudly if it is not unique)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the one line of `text` that contains `needle`."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(lines) == 1, needle
    return lines[0]


def _expectation(path: Path) -> tuple[str, int]:
    match = _EXPECT.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} must begin with '# expect: CODE LINE'"
    return match.group(1), int(match.group(2))


def _shown(result: LoadResult) -> list[str]:
    return [d.format("en") for d in result.diagnostics]


def _with(result: LoadResult, code: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == code]


# ------------------------------------------------------------------ the examples


def test_clean_base_has_no_diagnostic() -> None:
    """The base the focused tests edit is itself clean, so each edit shows only its own effect."""
    result = load_scenario(CLEAN)
    assert result.ok
    assert result.diagnostics == []


def test_every_code_has_an_example() -> None:
    """Each code of docs/format.md (CODES) has an example file, and every example is a code."""
    stems = {p.stem for p in EXAMPLE_FILES}
    assert set(CODES) - stems == set(), "codes without an example in tests/examples/"
    assert stems - set(CODES) == set(), "examples named after no known code"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_reports_its_code_at_its_line(path: Path) -> None:
    """The example's code is reported at the line its `# expect:` names, with its severity."""
    code, line = _expectation(path)
    assert code == path.stem
    result = load_scenario(path)
    found = [d for d in result.diagnostics if d.code == code and d.line == line]
    assert found, f"expected {code} at line {line}, got {_shown(result)}"
    diagnostic = found[0]
    assert diagnostic.severity is CODES[code][0]
    assert diagnostic.file == str(path)
    assert diagnostic.col >= 1
    # An error stops the scenario from loading; a warning alone does not.
    assert result.ok is (CODES[code][0] is Severity.WARNING)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_reports_nothing_but_its_mistake(path: Path) -> None:
    """Each example holds exactly one mistake, so no other code may be reported for it."""
    code, _ = _expectation(path)
    result = load_scenario(path)
    assert {d.code for d in result.diagnostics} == {code}, _shown(result)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_message_in_both_languages(path: Path) -> None:
    """The example's message is filled in, in Indonesian and in English, and they differ."""
    code, line = _expectation(path)
    result = load_scenario(path)
    diagnostic = next(d for d in result.diagnostics if d.code == code and d.line == line)
    indonesian, english = diagnostic.message("id"), diagnostic.message("en")
    assert indonesian.strip()
    assert english.strip()
    assert indonesian != english
    for text in (indonesian, english):
        assert not _PLACEHOLDER.search(text), text
        assert "\n" not in text, "a diagnostic is one line of `simulasi check`"
    assert diagnostic.message() == indonesian  # Indonesian is the default


# ------------------------------------------------------------------ positions and messages


@pytest.mark.parametrize(
    "written",
    ['"warga >= 40 and hoaks"', "'warga >= 40 and hoaks'", "warga >= 40 and hoaks"],
    ids=["double-quoted", "single-quoted", "plain"],
)
def test_expression_error_column_points_at_the_bad_name(written: str) -> None:
    """An unknown name is reported at its own column inside `when:`, whatever the quoting."""
    text = _edit("endings:\n", f"endings:\n  - id: pulih\n    when: {written}\n")
    result = load_scenario(text)
    (diagnostic,) = _with(result, "SIM301")
    line = _line_of(text, "and hoaks")
    assert diagnostic.line == line
    assert diagnostic.col == text.splitlines()[line - 1].index("hoaks") + 1


def test_expression_error_column_in_a_flow_mapping() -> None:
    """In `{..., when: "..."}` on one line the column still lands on the offending token."""
    text = _edit(
        "    choices:\n",
        '    choices:\n      - {id: x, text: "X", rating: weak, feedback: "f",'
        ' when: "warga >= 40 and not hoaks_viral"}\n',
    )
    result = load_scenario(text)
    (diagnostic,) = _with(result, "SIM301")
    line = _line_of(text, "hoaks_viral")
    assert (diagnostic.line, diagnostic.col) == (
        line,
        text.splitlines()[line - 1].index("hoaks_viral") + 1,
    )


def test_expression_type_error_points_at_the_operator() -> None:
    """`warga and true` is a type error (SIM302) reported at the column of `and`."""
    text = _edit("endings:\n", 'endings:\n  - id: pulih\n    when: "warga and true"\n')
    (diagnostic,) = _with(load_scenario(text), "SIM302")
    line = _line_of(text, "warga and true")
    assert (diagnostic.line, diagnostic.col) == (line, text.splitlines()[line - 1].index("and") + 1)


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("    deadline: 300", "    deadlin: 300", "deadline"),
        ('summary: "', 'sumary: "', "summary"),
        ("    initial: 50", "    intial: 50", "initial"),
        ('        feedback: "Klarifikasi', '        feedbak: "Klarifikasi', "feedback"),
        ("      effects: {warga: -5}", "      efects: {warga: -5}", "effects"),
        ('    from: "Grup WA warga"', '    form: "Grup WA warga"', "from"),
        ('    title: "Selesai"', '    titel: "Selesai"', "title"),
    ],
)
def test_unknown_key_suggests_the_intended_key(old: str, new: str, hint: str) -> None:
    """SIM102 is reported at the misspelt key and its message names the key that was meant."""
    text = _edit(old, new)
    result = load_scenario(text)
    (diagnostic,) = _with(result, "SIM102")
    typo = new.split(":")[0].strip()
    line = _line_of(text, f"{typo}:")
    assert (diagnostic.line, diagnostic.col) == (line, text.splitlines()[line - 1].index(typo) + 1)
    for lang in ("id", "en"):
        assert f"'{hint}'" in diagnostic.message(lang)
        assert typo in diagnostic.message(lang)


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    """A key like nothing allowed gets no guess, but the list of keys that are allowed there."""
    text = _edit("    initial: 50", "    initial: 50\n    zzz: 1")
    (diagnostic,) = _with(load_scenario(text), "SIM102")
    message = diagnostic.message("en")
    assert "did you mean" not in message
    for key in ("initial", "power", "interest", "weight"):
        assert key in message


def test_several_shape_errors_are_all_reported() -> None:
    """Three unrelated shape mistakes give three diagnostics, each at its own line."""
    text = _edit("    initial: 50", "    initial: 150")
    text = _edit("    channel: whatsapp", "    channel: WA", text)
    text = _edit('    title: "Selesai"', '    titel: "Selesai"', text)
    result = load_scenario(text)
    assert not result.ok
    found = {(d.code, d.line) for d in result.errors}
    assert ("SIM104", _line_of(text, "initial: 150")) in found
    assert ("SIM104", _line_of(text, "channel: WA")) in found
    assert ("SIM102", _line_of(text, "titel:")) in found


def test_several_semantic_errors_are_all_reported() -> None:
    """Lint does not stop at the first problem: a reference, a name and a golden all show."""
    text = _edit("        effects: {warga: 5}", "        effects: {masyarakat: 5}")
    text = _edit("    deadline: 300\n", "    deadline: 300\n    golden: 400\n", text)
    text = _edit("endings:\n", 'endings:\n  - id: pulih\n    when: "wargaa >= 60"\n', text)
    result = load_scenario(text)
    found = {(d.code, d.line) for d in result.errors}
    assert found == {
        ("SIM200", _line_of(text, "masyarakat")),
        ("SIM401", _line_of(text, "golden: 400")),
        ("SIM301", _line_of(text, "wargaa")),
    }, _shown(result)


def test_diagnostics_are_sorted_by_position() -> None:
    """Diagnostics come in file order, as a facilitator reads them top to bottom."""
    text = _edit("        effects: {warga: 5}", "        effects: {masyarakat: 5}")
    text = _edit("    deadline: 300\n", "    deadline: 300\n    golden: 400\n", text)
    positions = [(d.line, d.col) for d in load_scenario(text).diagnostics]
    assert positions == sorted(positions)


def test_error_inside_the_only_event_does_not_claim_the_list_is_empty() -> None:
    """A typo inside the only event is reported alone, not also as "events needs 1 item"."""
    text = _edit("    deadline: 300", "    deadlin: 300")
    result = load_scenario(text)
    assert [d.code for d in result.diagnostics] == ["SIM102"], _shown(result)


# ------------------------------------------------------------------ text, ids, format


def test_yes_no_stay_text() -> None:
    """`title: Yes`, `summary: no` and `id: no`/`id: off` are the text written, not booleans."""
    text = _edit('title: "Latihan kecil"', "title: Yes")
    text = _edit('summary: "Satu keputusan tentang hoaks di grup WhatsApp."', "summary: no", text)
    text = _edit("      - id: diam", "      - id: no", text)
    text = _edit("  - id: hoaks\n", "  - id: off\n", text)
    text = _edit('        text: "Tunggu saja"', "        text: on", text)
    text = _edit('    title: "Selesai"', "    title: NO", text)
    result = load_scenario(text)
    assert result.scenario is not None, _shown(result)
    doc = result.scenario.doc
    assert doc.title == "Yes"
    assert doc.summary == "no"
    assert doc.events[0].id == "off"
    choices = doc.events[0].choices
    assert choices is not None
    assert [c.id for c in choices] == ["klarifikasi", "no"]
    assert choices[1].text == "on"
    assert doc.endings[0].title == "NO"


def test_numbers_in_text_fields_keep_how_they_were_written() -> None:
    """`title: 2024` is "2024" and `summary: 1.50` is "1.50" (not 1.5): text keeps its digits."""
    text = _edit('title: "Latihan kecil"', "title: 2024")
    text = _edit('summary: "Satu keputusan tentang hoaks di grup WhatsApp."', "summary: 1.50", text)
    result = load_scenario(text)
    assert result.scenario is not None, _shown(result)
    assert (result.scenario.doc.title, result.scenario.doc.summary) == ("2024", "1.50")


@pytest.mark.parametrize("written", ["simulasi/2", "simulasi/0", "simulasi", "'1'", "Simulasi/1"])
def test_other_format_is_sim104(written: str) -> None:
    """Only `format: simulasi/1` is accepted; any other value is SIM104 on the format line."""
    text = _edit("format: simulasi/1", f"format: {written}")
    result = load_scenario(text)
    assert not result.ok
    assert [(d.code, d.line) for d in result.diagnostics] == [("SIM104", 1)], _shown(result)


def test_missing_format_is_sim103() -> None:
    """A file without `format:` is missing a required key."""
    result = load_scenario(_edit("format: simulasi/1\n", ""))
    assert [d.code for d in result.diagnostics] == ["SIM103"]


@pytest.mark.parametrize("bad", ["Hoaks", "hoaks-vaksin", "1hoaks", "and", "visited", "true"])
def test_invalid_event_id_is_sim106(bad: str) -> None:
    """An id off the pattern, or a word of the expression language, is SIM106 at the id."""
    text = _edit("  - id: hoaks\n", f"  - id: '{bad}'\n")
    result = load_scenario(text)
    assert ("SIM106", _line_of(text, f"id: '{bad}'")) in {(d.code, d.line) for d in result.errors}


# ------------------------------------------------------------------ durations and defaults


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("90", 90.0), ('"90"', 90.0), ("90s", 90.0), ("5m", 300.0), ("1m30s", 90.0), ("12.5", 12.5)],
)
def test_valid_durations_parse(written: str, seconds: float) -> None:
    """Durations are seconds as numbers or as "90s", "5m", "1m30s" strings."""
    result = load_scenario(_edit("    deadline: 300", f"    deadline: {written}"))
    assert result.scenario is not None, _shown(result)
    assert result.scenario.doc.events[0].deadline == seconds


@pytest.mark.parametrize("written", ["5x", "-3", "0", '"0s"', "5 menit", "true", '""', ".inf"])
def test_invalid_or_non_positive_duration_is_sim400(written: str) -> None:
    """A deadline that is not a duration, or not > 0, is SIM400 on the deadline's line."""
    text = _edit("    deadline: 300", f"    deadline: {written}")
    result = load_scenario(text)
    assert not result.ok
    line = _line_of(text, "deadline:")
    assert ("SIM400", line) in {(d.code, d.line) for d in result.diagnostics}, _shown(result)


def test_negative_at_is_sim400() -> None:
    """`at` may be 0 but never negative."""
    text = _edit("    at: 0", "    at: -1")
    assert ("SIM400", _line_of(text, "at: -1")) in {
        (d.code, d.line) for d in load_scenario(text).diagnostics
    }


@settings(max_examples=40)
@given(deadline=st.integers(1, 3600))
def test_golden_and_half_life_default(deadline: int) -> None:
    """Without them, golden = 0.3 * deadline and half_life = golden."""
    result = load_scenario(_edit("    deadline: 300", f"    deadline: {deadline}"))
    assert result.scenario is not None
    event = result.scenario.doc.events[0]
    assert event.golden == pytest.approx(0.3 * deadline)
    assert event.half_life == event.golden


def test_half_life_defaults_to_a_given_golden() -> None:
    """With `golden: 60` and no half_life, half_life is 60 too."""
    result = load_scenario(_edit("    deadline: 300\n", "    deadline: 300\n    golden: 60\n"))
    assert result.scenario is not None
    event = result.scenario.doc.events[0]
    assert (event.golden, event.half_life) == (60.0, 60.0)


@pytest.mark.parametrize("power", [1, 2, 3])
@pytest.mark.parametrize("interest", [1, 2, 3])
def test_stakeholder_weight_and_key_default(power: int, interest: int) -> None:
    """weight = power * interest, and the stakeholder is key when that weight is >= 6."""
    given = f"    initial: 50\n    power: {power}\n    interest: {interest}"
    text = _edit("    initial: 50", given)
    result = load_scenario(text)
    assert result.scenario is not None, _shown(result)
    stakeholder = result.scenario.doc.stakeholders[0]
    assert stakeholder.weight == power * interest
    assert stakeholder.key is (power * interest >= 6)


def test_stakeholder_key_follows_an_explicit_weight_and_can_be_overridden() -> None:
    """An explicit weight decides the key default; an explicit `key` always wins."""
    heavy = load_scenario(_edit("    initial: 50", "    initial: 50\n    weight: 7"))
    assert heavy.scenario is not None
    assert heavy.scenario.doc.stakeholders[0].key is True
    vetoed = load_scenario(
        _edit("    initial: 50", "    initial: 50\n    power: 3\n    interest: 3\n    key: false")
    )
    assert vetoed.scenario is not None
    assert vetoed.scenario.doc.stakeholders[0].key is False


def test_other_defaults() -> None:
    """A stakeholder starts at 50 with power and interest 1; a choice is not critical."""
    text = _edit("    initial: 50\n", "")
    result = load_scenario(text)
    assert result.scenario is not None
    doc = result.scenario.doc
    assert (doc.stakeholders[0].initial, doc.stakeholders[0].power) == (50.0, 1)
    assert doc.stakeholders[0].interest == 1
    assert doc.language == "id"
    assert doc.feedback == "debrief"
    assert doc.events[0].weight == 1.0
    assert doc.events[0].delay == 0.0
    assert doc.events[0].choices is not None
    assert doc.events[0].choices[0].critical is False


# ------------------------------------------------------------------ hostile input (SIM107/108)


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _too_large() -> bytes:
    # Valid YAML all the way: only the size is wrong.
    line = "    " + "x" * 76 + "\n"
    return (CLEAN + "objectives:\n  - |\n" + line * (2 * 1024 * 1024 // 80 + 8)).encode()


def _too_deep() -> bytes:
    return (CLEAN + "objectives: " + "[" * 70 + "]" * 70 + "\n").encode()


def _too_deep_block() -> bytes:
    return "".join("  " * i + "k:\n" for i in range(70)).encode()


def _not_utf8() -> bytes:
    # "kécil" saved as Latin-1 by an old editor.
    return CLEAN.encode().replace(b"Latihan kecil", b"Latihan k\xe9cil")


def _nul_byte() -> bytes:
    return CLEAN.encode().replace(b"Latihan kecil", b"Latihan\x00kecil")


@pytest.mark.parametrize(
    ("build", "line"),
    [
        (_billion_laughs, 6),
        (_too_large, 1),
        (_too_deep, CLEAN.count("\n") + 1),
        (_too_deep_block, 65),
        (_not_utf8, 3),
        (_nul_byte, 3),
    ],
    ids=["billion-laughs", "over-2MiB", "70-deep-flow", "70-deep-block", "not-utf8", "nul-byte"],
)
def test_hostile_input_is_sim107_within_a_second(build: Callable[[], bytes], line: int) -> None:
    """Alias bombs, huge, deep, non-UTF-8 and binary files are SIM107, found in under 1 s."""
    data = build()
    start = time.perf_counter()
    result = load_scenario(data, file="hostile.yaml")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{elapsed:.2f} s: a safety bound, not a benchmark"
    assert [d.code for d in result.diagnostics] == ["SIM107"], _shown(result)
    assert result.diagnostics[0].line == line


def test_hostile_text_is_sim107_too() -> None:
    """The same limits hold when the loader is given text rather than bytes."""
    for data in (_billion_laughs(), _too_large(), _too_deep()):
        start = time.perf_counter()
        result = load_scenario(data.decode())
        assert time.perf_counter() - start < 1.0
        assert [d.code for d in result.diagnostics] == ["SIM107"], _shown(result)


def test_not_utf8_points_at_the_bad_byte() -> None:
    """A Latin-1 byte is reported at its own line and column."""
    result = load_scenario(_not_utf8())
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.col) == (3, len('title: "Latihan k') + 1)


def test_limits_are_parameters() -> None:
    """Tools may raise the limits: the 70-deep file loads past the depth check with depth 100."""
    from simulasi.scenario import Limits

    result = load_scenario(_too_deep(), limits=Limits(max_depth=100))
    assert "SIM107" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize(
    "written",
    [
        '!!python/object/apply:os.system ["echo pwned"]',
        "!!python/object:builtins.dict {}",
        '!!python/name:os.system ""',
        "!!binary aGFp",
        "!custom teks",
    ],
)
def test_tags_outside_the_core_schema_are_sim108(written: str) -> None:
    """A scenario is data: Python and other non-core tags are SIM108 on their line."""
    text = _edit('title: "Latihan kecil"', f"title: {written}")
    result = load_scenario(text)
    assert [(d.code, d.line) for d in result.diagnostics] == [("SIM108", 3)], _shown(result)


def test_core_tags_are_allowed() -> None:
    """`!!str` is a core tag: `title: !!str 2024` is simply the text "2024"."""
    result = load_scenario(_edit('title: "Latihan kecil"', "title: !!str 2024"))
    assert result.scenario is not None, _shown(result)
    assert result.scenario.doc.title == "2024"


@pytest.mark.parametrize(
    "alias", ["objectives: &x [teks, *x]", "world_clock: &x {start: '07:00', lagi: *x}"]
)
def test_recursive_alias_is_sim107(alias: str) -> None:
    """An anchor that contains an alias to itself is refused, not expanded forever."""
    text = _edit("stakeholders:\n", f"{alias}\nstakeholders:\n")
    start = time.perf_counter()
    result = load_scenario(text)
    assert time.perf_counter() - start < 1.0
    assert [(d.code, d.line) for d in result.diagnostics] == [("SIM107", 7)], _shown(result)


def test_control_character_is_reported_on_its_line_in_one_line() -> None:
    """A terminal escape pasted into a title is reported at its line, in one readable line."""
    text = CLEAN.replace("Latihan kecil", "Latihan \x1b[31mkecil")
    for source in (text, text.encode()):
        result = load_scenario(source, file="tempel.yaml")
        (diagnostic,) = result.diagnostics
        assert diagnostic.is_error
        assert diagnostic.line == 3, diagnostic.format("en")
        for lang in ("id", "en"):
            assert "\n" not in diagnostic.message(lang), diagnostic.format(lang)
            assert "<unicode string>" not in diagnostic.message(lang)


def test_duplicate_key_names_the_first_line() -> None:
    """PyYAML would keep the last `title:`; the loader reports the second and cites the first."""
    text = _edit('title: "Latihan kecil"\n', 'title: "Latihan kecil"\ntitle: "Lagi"\n')
    (diagnostic,) = load_scenario(text).diagnostics
    assert (diagnostic.code, diagnostic.line) == ("SIM101", 4)
    assert "3" in diagnostic.message("en")


def test_several_documents_are_refused() -> None:
    """One file holds one scenario: a second `---` document is SIM100."""
    result = load_scenario(CLEAN + "---\nformat: simulasi/1\n")
    assert [d.code for d in result.diagnostics] == ["SIM100"]


@pytest.mark.parametrize("text", ["", "# hanya komentar\n", "- daftar\n", "teks saja\n"])
def test_not_a_scenario_at_all(text: str) -> None:
    """Empty files and top levels that are not mappings get one clear error, no exception."""
    result = load_scenario(text)
    assert not result.ok
    assert len(result.errors) == 1
    assert result.errors[0].code in {"SIM103", "SIM104"}


# ------------------------------------------------------------------ reachability (SIM201)

CHAIN = """\
format: simulasi/1
id: rantai
title: "Rantai"
summary: "Peristiwa yang datang lewat next."
briefing: "Rantai peristiwa."
stakeholders:
  - {id: warga}
events:
  - id: e1
    at: 0
    title: "Pertanyaan"
    deadline: 300
    choices:
      - {id: a, text: "A", rating: best, effects: {warga: 1}, next: e2, feedback: "f"}
    on_timeout: {next: [e4], feedback: "f"}
  - id: e2
    title: "Kabar dari pilihan"
    next: e3
  - id: e3
    title: "Kabar dari kabar"
    delay: 10
  - id: e4
    title: "Kabar dari habis waktu"
    next: [e5]
  - id: e5
    title: "Kabar dari kabar habis waktu"
  - id: e6
    title: "Yatim"
    next: e7
  - id: e7
    title: "Disebut hanya oleh yatim"
endings:
  - {id: selesai}
"""


def test_events_reached_through_next_are_not_unreachable() -> None:
    """Chains from an `at` event through a choice, an update and on_timeout reach e2..e5; the
    orphan e6 and the event only it names (e7) are the only SIM201s."""
    result = load_scenario(CHAIN)
    assert result.ok, _shown(result)
    unreachable = {d.params["event"]: d.line for d in _with(result, "SIM201")}
    assert unreachable == {"e6": _line_of(CHAIN, "id: e6"), "e7": _line_of(CHAIN, "id: e7")}
    assert all(d.severity is Severity.WARNING for d in _with(result, "SIM201"))


def test_event_named_by_an_unreachable_choice_is_unreachable() -> None:
    """A choice whose `when` is constant false names nothing, so its target never arrives."""
    text = _edit(
        '      - {id: a, text: "A", rating: best, effects: {warga: 1}, next: e2, feedback: "f"}',
        '      - {id: a, text: "A", rating: best, effects: {warga: 1}, next: e2, feedback: "f"}\n'
        '      - {id: b, text: "B", rating: weak, next: e6, feedback: "f", when: "warga > 100"}',
        CHAIN,
    )
    result = load_scenario(text)
    assert {d.params["event"] for d in _with(result, "SIM201")} == {"e6", "e7"}


def test_event_with_at_is_reachable_even_when_conditional() -> None:
    """Conditions are not evaluated: an `at` event with a real condition may arrive."""
    text = _edit(
        '    title: "Yatim"\n', '    title: "Yatim"\n    at: 60\n    when: "warga >= 60"\n', CHAIN
    )
    result = load_scenario(text)
    assert _with(result, "SIM201") == []


def test_constant_outside_an_int_flags_bounds_is_an_error_at_its_column() -> None:
    """`rilis == 12` with `rilis` bounded to 0..10 is a load error (docs/format.md, "flags")."""
    text = _edit(
        "events:\n",
        "flags:\n  - {id: rilis, type: int, initial: 0, min: 0, max: 10}\nevents:\n",
    )
    text = _edit("    at: 0\n", '    at: 0\n    when: "rilis == 12 or rilis < 3"\n', text)
    text = _edit(
        "        effects: {warga: 5}\n",
        "        effects: {warga: 5}\n        add: {rilis: 1}\n",
        text,
    )
    result = load_scenario(text)
    errors = [d for d in result.diagnostics if d.is_error]
    assert [(d.code, d.line) for d in errors] == [("SIM104", _line_of(text, "rilis == 12"))]
    line = text.splitlines()[errors[0].line - 1]
    assert line[errors[0].col - 1 :].startswith("12")
    assert load_scenario(text.replace("rilis == 12", "rilis == 10")).ok
