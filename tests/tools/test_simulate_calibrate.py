"""`simulasi simulate SCENARIO --calibrate`: every persona against the README's targets."""

from __future__ import annotations

import json

import pytest
from tools_support import SCENARIOS, SHIPPED, load

from simulasi.cli import main
from simulasi.tools import personas
from simulasi.tools.personas import PERSONAS, Uniform
from simulasi.tools.simulate import simulate
from simulasi.tools.simulate_calibrate import calibrate


def test_the_shipped_scenario_meets_every_target(capsys: pytest.CaptureFixture[str]) -> None:
    """300 runs from seed 1 by default, the same figures `simulate --persona` gives; exit 0."""
    assert main(["simulate", str(SHIPPED), "--calibrate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["runs"], data["seed"], data["ok"]) == (300, 1, True)
    rows = {p["persona"]: p for p in data["personas"]}
    assert list(rows) == list(PERSONAS)
    assert rows["careful"]["target"] == "passes"
    assert {rows[n]["target"] for n in ("first", "longest", "keyword")} == {"fails_by_margin"}
    assert {rows[n]["target"] for n in ("uniform", "hasty", "always-timeout")} == {"fails"}
    alone = simulate(load(SHIPPED), PERSONAS["hasty"], runs=300, seed=1)
    assert rows["hasty"]["mean"] == pytest.approx(sum(r.total for r in alone.runs) / 300)
    losses = data["careful_losses"]
    assert 1 <= len(losses) <= 3
    assert [x["points"] for x in losses] == sorted((x["points"] for x in losses), reverse=True)


def test_a_missed_target_is_named_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """known-best.yaml has one decision: taking its first choice is the best answer, so the
    test-wise personas pass half their runs; the report says so, in both languages."""
    path = str(SCENARIOS / "known-best.yaml")
    assert main(["simulate", path, "--calibrate", "--runs", "40", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    first = next(line for line in out.splitlines() if line.strip().startswith("first "))
    assert "MISSED" in first and "target: mean at most" in first
    assert "careful most often took a" in out
    assert "A calibration target is missed (exit code 1)." in out
    assert main(["simulate", path, "--calibrate", "--runs", "40"]) == 1
    out = capsys.readouterr().out
    assert "MELESET" in out and "SESUAI" in out
    cal = calibrate(load(SCENARIOS / "known-best.yaml"), runs=40, seed=1)
    assert not cal.ok
    assert {p.name for p in cal.personas if not p.met} == {"first", "longest", "keyword"}


def test_the_persona_choices_come_from_the_personas_module(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A persona added to the module is a `--persona` choice at once (no copy of the list)."""

    class Extra(Uniform):
        name = "extra"

    monkeypatch.setitem(personas.PERSONAS, "extra", Extra())
    assert main(["simulate", str(SHIPPED), "--persona", "extra", "--runs", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["persona"] == "extra"
