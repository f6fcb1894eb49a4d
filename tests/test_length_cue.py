"""SIM506: a best choice that gives itself away by its length.

Test-wise trainees pick the longest answer; a scenario whose model answers are mostly the
longest, or where one model answer dwarfs the others, can be passed without reading. The
example in tests/examples/SIM506.yaml covers the scenario-wide rule; these pin both rules'
boundaries and what counts as the best choice.
"""

from __future__ import annotations

import pytest

from simulasi.scenario import load_scenario

HEAD = """\
format: simulasi/1
id: latihan-panjang
title: "Latihan panjang jawaban"
summary: "Beberapa keputusan kecil."
briefing: |
  Anda Kepala Bidang IKP.
stakeholders:
  - id: warga
    name: "Warga"
    initial: 50
criteria:
  - {id: verifikasi, name: "Kebenaran & verifikasi", weight: 3}
  - {id: pesan, name: "Kualitas pesan", weight: 1}
events:
"""

TAIL = """\
endings:
  - id: selesai
    title: "Selesai"
    text: "Latihan selesai."
"""

Choice = tuple[int, str]  # (words, rating line), e.g. (4, "rating: best")


def _scenario(*decisions: list[Choice]) -> str:
    """A scenario with one decision per item; a choice of n words reads "kata kata ...".
    Every choice affects `warga`, so nothing but SIM506 can be reported."""
    parts = [HEAD]
    for i, choices in enumerate(decisions):
        parts.append(
            f'  - id: e{i}\n    at: {60 * i}\n    channel: whatsapp\n    from: "Grup WA"\n'
            f'    title: "Pesan {i}"\n    body: "Isi pesan."\n    deadline: 300\n'
            "    choices:\n"
        )
        for j, (words, rating) in enumerate(choices):
            text = " ".join(["kata"] * words)
            parts.append(
                f'      - id: c{j}\n        text: "{text}"\n        {rating}\n'
                '        effects: {warga: 1}\n        feedback: "Alasannya."\n'
            )
        parts.append('    on_timeout:\n      feedback: "Diam."\n')
    parts.append(TAIL)
    return "".join(parts)


def _sim506(text: str, also: str = "") -> list[str]:
    """The SIM506 message keys of `text`, which must report nothing else (but `also`)."""
    result = load_scenario(text)
    assert result.ok
    others = [d for d in result.diagnostics if d.code not in ("SIM506", also)]
    assert others == [], [d.format("en") for d in others]
    return [d.key for d in result.diagnostics if d.code == "SIM506"]


BEST, WEAK = "rating: best", "rating: weak"


def test_a_best_choice_more_than_twice_as_long_as_every_other_is_reported_at_its_text() -> None:
    text = _scenario([(9, BEST), (4, WEAK), (3, WEAK)])
    result = load_scenario(text)
    [diagnostic] = [d for d in result.diagnostics if d.code == "SIM506"]
    assert diagnostic.key == "best_choice_much_longer"
    line = text.splitlines()[diagnostic.line - 1]
    assert line.strip().startswith("text:") and "kata" in line
    assert "9" in diagnostic.message("id") and "4" in diagnostic.message("id")
    assert "twice" in diagnostic.message("en")


def test_exactly_twice_as_long_is_not_reported() -> None:
    assert _sim506(_scenario([(8, BEST), (4, WEAK), (3, WEAK)])) == []


def test_best_longest_in_most_decisions_is_reported_once() -> None:
    best_longest = [(5, BEST), (4, WEAK)]
    best_short = [(3, BEST), (5, WEAK)]
    keys = _sim506(_scenario(best_longest, best_longest, best_longest, best_short))
    assert keys == ["best_choice_mostly_longest"]


def test_best_longest_in_exactly_half_the_decisions_is_not_reported() -> None:
    best_longest = [(5, BEST), (4, WEAK)]
    best_short = [(3, BEST), (5, WEAK)]
    assert _sim506(_scenario(best_longest, best_longest, best_short, best_short)) == []


def test_a_tie_for_longest_counts_as_longest() -> None:
    tie = [(5, BEST), (5, WEAK)]
    assert _sim506(_scenario(tie, tie, tie)) == ["best_choice_mostly_longest"]


@pytest.mark.parametrize("count", [1, 2])
def test_the_majority_rule_needs_three_decisions(count: int) -> None:
    best_longest = [(5, BEST), (4, WEAK)]
    assert _sim506(_scenario(*[best_longest] * count)) == []


def test_a_longer_red_line_is_not_the_best_choice() -> None:
    """The model answer is the most accurate non-critical choice, as in the debrief: a long
    red line rated higher does not make the short best answer 'the longest'."""
    decision = [(3, BEST), (12, "rating: good\n        critical: true"), (2, WEAK)]
    assert _sim506(_scenario(decision, decision, decision)) == []


def test_the_best_choice_follows_the_rubric_weights() -> None:
    """A rubric rates by weighted criteria: verifikasi (weight 3) outweighs pesan (1), so the
    short choice that verifies is the best one, not the long one with a good message. (No
    rubric is all 1, so SIM501 also warns: these decisions have no model answer.)"""
    decision = [
        (3, "rubric: {verifikasi: 1, pesan: 0}"),
        (6, "rubric: {verifikasi: 0, pesan: 1}"),
    ]
    assert _sim506(_scenario(decision, decision, decision), also="SIM501") == []
    swapped = [
        (6, "rubric: {verifikasi: 1, pesan: 0}"),
        (3, "rubric: {verifikasi: 0, pesan: 1}"),
    ]
    keys = _sim506(_scenario(swapped, swapped, swapped), also="SIM501")
    assert keys == ["best_choice_mostly_longest"]
