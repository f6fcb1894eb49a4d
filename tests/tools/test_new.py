"""`simulasi new NAME`: a scenario that checks clean, explores whole, passes its own golden
test, and never overwrites anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulasi.cli import main
from simulasi.scenario import json_schema, load_scenario
from simulasi.tools.analysis import analyse
from simulasi.tools.explore import explore
from simulasi.tools.golden import run_file
from simulasi.tools.new import scenario_id


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_new_scenario_is_ready_to_edit(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It starts with the schema line, loads with no diagnostic at all (not even a warning),
    reaches every event, choice, timeout and ending, and its golden test passes."""
    target = tmp_path / "drafts" / "banjir"
    assert main(["new", str(target), "--lang", lang]) == 0
    out = capsys.readouterr().out
    scenario_path = target.with_name("banjir.yaml")
    test_path = target.with_name("banjir.test.yaml")
    schema_path = target.with_name("simulasi-1.schema.json")
    assert str(scenario_path) in out and str(test_path) in out
    text = scenario_path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./simulasi-1.schema.json"
    assert json.loads(schema_path.read_text(encoding="utf-8")) == json_schema(lang)
    loaded = load_scenario(scenario_path)
    assert loaded.scenario is not None and loaded.diagnostics == []
    assert loaded.scenario.id == "banjir" and loaded.scenario.doc.language == lang
    assert main(["check", str(scenario_path)]) == 0
    report = analyse(explore(loaded.scenario))
    assert report.complete and not report.broken
    assert len(report.endings) == len(loaded.scenario.doc.endings)
    assert report.max_pending == 2  # two decisions can wait at once
    result = run_file(test_path)
    assert result.error is None and all(r.ok for r in result.results)
    assert len(result.results) == 3


def test_it_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Either file already there: exit 2, one line, and nothing written at all."""
    target = tmp_path / "isu"
    (tmp_path / "isu.test.yaml").write_text("mine", encoding="utf-8")
    assert main(["new", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "isu.test.yaml" in err[0]
    assert not (tmp_path / "isu.yaml").exists()
    assert not (tmp_path / "simulasi-1.schema.json").exists()
    assert (tmp_path / "isu.test.yaml").read_text(encoding="utf-8") == "mine"
    (tmp_path / "isu.test.yaml").unlink()
    assert main(["new", str(target)]) == 0
    capsys.readouterr()
    assert main(["new", str(target) + ".yaml"]) == 2
    assert "isu.yaml" in capsys.readouterr().err


def test_an_existing_schema_is_left_alone(tmp_path: Path) -> None:
    """The schema file is written only when missing (someone may keep their own)."""
    schema = tmp_path / "simulasi-1.schema.json"
    schema.write_text("{}", encoding="utf-8")
    assert main(["new", str(tmp_path / "a")]) == 0
    assert schema.read_text(encoding="utf-8") == "{}"


def test_the_id_comes_from_the_file_name(tmp_path: Path) -> None:
    """Capitals and spaces become a valid scenario id; the test file names the real file."""
    assert scenario_id("Banjir Bandang_2025") == "banjir-bandang-2025"
    assert main(["new", str(tmp_path / "Banjir Bandang")]) == 0
    loaded = load_scenario(tmp_path / "Banjir Bandang.yaml")
    assert loaded.scenario is not None and loaded.scenario.id == "banjir-bandang"
    assert run_file(tmp_path / "Banjir Bandang.test.yaml").ok
    assert main(["new", str(tmp_path / "___")]) == 2
