"""The compiled Scenario's helpers the game and tools rely on: estimate, model answer, accuracy."""

from __future__ import annotations

from simulasi.scenario import load_scenario

CHAIN = """\
format: simulasi/1
id: rantai
title: Rantai
summary: s
briefing: b
criteria:
  - {id: verifikasi, weight: 3}
  - {id: pesan, weight: 1}
stakeholders:
  - {id: warga}
events:
  - id: e1
    at: 10
    deadline: 100
    golden: 30
    choices:
      - {id: a, text: x, rubric: {verifikasi: 1, pesan: 0.33}, next: e2, feedback: f}
      - {id: b, text: y, rubric: {verifikasi: 1, pesan: 1}, critical: true, feedback: f}
      - {id: c, text: z, rubric: {verifikasi: 0.67, pesan: 1}, effects: {warga: 1}, feedback: f}
    on_timeout: {next: e3, feedback: f}
  - id: e2
    delay: 20
    deadline: 60
    golden: 15
    choices:
      - {id: a, text: x, rating: best, feedback: f}
    on_timeout: {feedback: f}
  - id: e3
    delay: 500
    effects: {warga: -1}
endings:
  - {id: selesai}
"""


def test_estimate_follows_the_earliest_chain_answered_at_golden() -> None:
    """e1 arrives at 10, is answered at golden (40); e2 arrives 20 s later (60) and is
    answered at its golden (75). e3 could only come after a timeout: via the earliest naming
    (e1 resolved at 40, + delay 500 = 540, an update with no golden): the estimate is 540."""
    scenario = load_scenario(CHAIN).scenario
    assert scenario is not None
    assert scenario.estimated_seconds() == 540.0


def test_model_answer_is_the_best_non_critical_choice() -> None:
    """The debrief's best choice skips red lines even when they rate higher."""
    scenario = load_scenario(CHAIN).scenario
    assert scenario is not None
    e1 = scenario.events["e1"]
    best = scenario.best_choice(e1)
    assert best is not None and best.id == "a"
    # a: 100 * (3*1 + 1*0.33) / 4 = 83.25; c: 100 * (3*0.67 + 1*1) / 4 = 75.25
    assert scenario.accuracy_of(scenario.choices[("e1", "a")]) == 100 * (3 * 1 + 1 * 0.33) / 4
    assert scenario.accuracy_of(scenario.choices[("e1", "c")]) == 100 * (3 * 0.67 + 1 * 1) / 4
