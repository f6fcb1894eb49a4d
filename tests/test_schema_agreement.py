"""The JSON Schema and `simulasi check` agree on the shape of a scenario.

Every snippet of the corpus below is refused by both (the schema is what an editor shows
while typing, `check` is what the game enforces: an editor that accepts a broken file leaves
the author to find out at the workshop). In the other direction, every file `check` accepts
(the bundled scenarios, the warning examples, generated scenarios) passes the schema. The hover
help is complete in both languages.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import Scenario, scenarios, yaml_text

from simulasi.bundled import scenario_files
from simulasi.scenario import json_schema, load_scenario
from simulasi.scenario.schema_texts import DESCRIPTIONS

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "tests" / "examples").glob("*.yaml"))
TOOL_SCENARIOS = sorted((ROOT / "tests" / "tools" / "scenarios").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(json_schema())

BASE = """\
format: simulasi/1
id: latihan-kecil
title: "Latihan kecil"
summary: "Satu keputusan tentang hoaks."
briefing: "Anda Kepala Bidang IKP."
stakeholders:
  - id: warga
    initial: 50
criteria:
  - {id: verifikasi, weight: 2}
flags:
  - {id: rilis, type: int, initial: 0, min: 0, max: 5}
  - {id: viral, type: bool}
events:
  - id: hoaks
    at: 0
    title: "Hoaks vaksin"
    deadline: 300
    choices:
      - id: klarifikasi
        text: "Klarifikasi"
        rating: best
        effects: {warga: 5}
        add: {rilis: 1}
        next: susulan
        feedback: "Tepat."
      - id: telaah
        text: "Telaah dulu"
        rubric: {verifikasi: 1}
        feedback: "Tepat juga."
    on_timeout:
      set: {viral: true}
      feedback: "Diam."
  - id: susulan
    title: "Berita susulan"
    effects: {warga: 2}
endings:
  - id: baik
    when: "warga >= 60 and rilis >= 1 and not viral"
  - id: selesai
    title: "Selesai"
"""

#: (name, old text, new text): one shape mistake each, that both must refuse.
CORPUS: list[tuple[str, str, str]] = [
    ("missing deadline", "    deadline: 300\n", ""),
    ("empty choices", "CHOICES", "    choices: []\n"),
    ("unknown rating", "rating: best", "rating: jelek"),
    ("deadline 0", "deadline: 300", "deadline: 0"),
    ("deadline '0s'", "deadline: 300", 'deadline: "0s"'),
    ("deadline '0m0s'", "deadline: 300", 'deadline: "0m0s"'),
    ("negative deadline", "deadline: 300", "deadline: -5"),
    ("deadline in words", "deadline: 300", 'deadline: "5 menit"'),
    ("deadline empty text", "deadline: 300", 'deadline: ""'),
    ("negative at", "    at: 0\n", "    at: -1\n"),
    ("half_life 0", "    deadline: 300\n", "    deadline: 300\n    half_life: 0\n"),
    (
        "golden on an update",
        "    effects: {warga: 2}\n",
        "    effects: {warga: 2}\n    golden: 60\n",
    ),
    (
        "deadline on an update",
        "    effects: {warga: 2}\n",
        "    effects: {warga: 2}\n    deadline: 60\n",
    ),
    (
        "drift on an update",
        "    effects: {warga: 2}\n",
        "    effects: {warga: 2}\n    drift: {warga: -1}\n",
    ),
    (
        "on_timeout on an update",
        "    effects: {warga: 2}\n",
        "    effects: {warga: 2}\n    on_timeout: {feedback: x}\n",
    ),
    (
        "order on an update",
        "    effects: {warga: 2}\n",
        "    effects: {warga: 2}\n    order: fixed\n",
    ),
    ("order of an unknown kind", "    deadline: 300\n", "    deadline: 300\n    order: random\n"),
    (
        "effects on a decision",
        "    deadline: 300\n",
        "    deadline: 300\n    effects: {warga: 1}\n",
    ),
    ("next on a decision", "    deadline: 300\n", "    deadline: 300\n    next: susulan\n"),
    ("end on a decision", "    deadline: 300\n", "    deadline: 300\n    end: selesai\n"),
    (
        "missing on_timeout",
        '    on_timeout:\n      set: {viral: true}\n      feedback: "Diam."\n',
        "",
    ),
    (
        "rating and accuracy",
        "        rating: best\n",
        "        rating: best\n        accuracy: 90\n",
    ),
    ("no rating at all", "        rating: best\n", ""),
    ("empty rubric", "rubric: {verifikasi: 1}", "rubric: {}"),
    ("rubric value 0.5", "rubric: {verifikasi: 1}", "rubric: {verifikasi: 0.5}"),
    ("accuracy over 100", "        rating: best\n", "        accuracy: 120\n"),
    ("unknown rating in scoring", "events:\n", "scoring:\n  ratings: {jelek: 10}\nevents:\n"),
    ("rating value over 100", "events:\n", "scoring:\n  ratings: {best: 110}\nevents:\n"),
    ("both weights 0", "events:\n", "scoring:\n  weights: {accuracy: 0, impact: 0}\nevents:\n"),
    ("speed_floor over 1", "events:\n", "scoring:\n  speed_floor: 2\nevents:\n"),
    ("no bands", "events:\n", "scoring:\n  bands: []\nevents:\n"),
    ("reserved id", "  - id: susulan\n", "  - id: 'and'\n"),
    ("upper-case id", "  - id: susulan\n", "  - id: Susulan\n"),
    ("hyphen in an id", "  - id: susulan\n", "  - id: berita-susulan\n"),
    ("scenario id with _", "id: latihan-kecil", "id: latihan_kecil"),
    ("upper-case effects key", "effects: {warga: 5}", "effects: {Warga: 5}"),
    ("reserved word as a flag key", "set: {viral: true}", "set: {'true': true}"),
    ("effects given text", "effects: {warga: 5}", "effects: {warga: banyak}"),
    ("next to a bad id", "next: susulan", "next: Susulan"),
    ("bool flag with max", "{id: viral, type: bool}", "{id: viral, type: bool, max: 1}"),
    ("flag without type with min", "{id: viral, type: bool}", "{id: viral, min: 0}"),
    ("int flag initial true", "initial: 0, min: 0", "initial: true, min: 0"),
    ("bool flag initial 1", "{id: viral, type: bool}", "{id: viral, type: bool, initial: 1}"),
    ("flag type text", "type: int", "type: text"),
    (
        "critical quoted",
        "        rating: best\n",
        '        rating: best\n        critical: "true"\n',
    ),
    ("every ending has when", "  - id: selesai\n", '  - id: selesai\n    when: "warga < 60"\n'),
    ("no endings", "ENDINGS", "endings: []\n"),
    ("no events", "EVENTS", "events: []\n"),
    ("no stakeholders", "stakeholders:\n  - id: warga\n    initial: 50\n", "stakeholders: []\n"),
    ("initial over 100", "initial: 50", "initial: 150"),
    ("power 4", "    initial: 50\n", "    initial: 50\n    power: 4\n"),
    ("weight 0", "    initial: 50\n", "    initial: 50\n    weight: 0\n"),
    ("criterion weight negative", "weight: 2}", "weight: -2}"),
    ("unknown key", "    deadline: 300\n", "    deadline: 300\n    deadlin: 300\n"),
    ("unknown channel", "    at: 0\n", "    at: 0\n    channel: WA\n"),
    ("other format", "format: simulasi/1", "format: simulasi/2"),
    ("missing title", 'title: "Latihan kecil"\n', ""),
    ("missing briefing", 'briefing: "Anda Kepala Bidang IKP."\n', ""),
    ("missing choice text", '        text: "Telaah dulu"\n', ""),
    ("clock 25:00", "events:\n", 'world_clock: {start: "25:00"}\nevents:\n'),
    ("unknown zone", "events:\n", 'world_clock: {start: "07:00", zone: UTC}\nevents:\n'),
    ("unknown language", "events:\n", "language: jv\nevents:\n"),
    ("feedback mode", "events:\n", "feedback: langsung\nevents:\n"),
    ("title is a list", 'title: "Latihan kecil"', "title: [a, b]"),
]


#: Whole blocks of BASE, for the snippets that empty a list.
BLOCKS = {
    "CHOICES": BASE[BASE.index("    choices:\n") : BASE.index("    on_timeout:\n")],
    "EVENTS": BASE[BASE.index("events:\n") : BASE.index("endings:\n")],
    "ENDINGS": BASE[BASE.index("endings:\n") :],
}


def _edit(old: str, new: str) -> str:
    old = BLOCKS.get(old, old)
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def _schema_errors(document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def test_the_base_passes_both() -> None:
    """The corpus edits a base that both accept, so each snippet shows only its own mistake."""
    result = load_scenario(BASE)
    assert result.ok, [d.format("en") for d in result.diagnostics]
    assert _schema_errors(yaml.safe_load(BASE)) == []


@pytest.mark.parametrize(("name", "old", "new"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_snippet_is_refused_by_the_schema_and_by_check(name: str, old: str, new: str) -> None:
    """The schema an editor uses and `simulasi check` both refuse the snippet."""
    text = _edit(old, new)
    result = load_scenario(text)
    assert not result.ok, f"check accepts {name}"
    assert _schema_errors(yaml.safe_load(text)), f"the schema accepts {name}"


def test_the_issue_s_four_cases_are_in_the_corpus() -> None:
    """The cases the schema used to accept are pinned by name."""
    names = {c[0] for c in CORPUS}
    assert {"missing deadline", "empty choices", "unknown rating", "deadline 0"} <= names


def _accepted_by_check(paths: list[Path]) -> list[Path]:
    return [p for p in paths if load_scenario(p).ok]


@pytest.mark.parametrize(
    "path",
    scenario_files(ROOT / "scenarios") + _accepted_by_check(EXAMPLES + TOOL_SCENARIOS),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_file_check_accepts_passes_the_schema(path: Path) -> None:
    """Bundled scenarios, the warning examples and the tools' test scenarios: what `check`
    loads, the schema accepts (an editor never flags a valid file)."""
    assert load_scenario(path).ok
    assert _schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


@settings(max_examples=150)
@given(scenarios())
def test_generated_valid_scenarios_pass_the_schema(doc: Scenario) -> None:
    """Scenarios built to satisfy every error-level rule load, and the schema accepts them."""
    assert load_scenario(yaml_text(doc)).ok
    assert _schema_errors(doc) == []


# ------------------------------------------------------------------ hover help


def _objects(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"ScenarioDoc": schema, **schema["$defs"]}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_object_and_property_has_a_description(lang: str) -> None:
    """Hover help everywhere: no object and no property of the schema is left undescribed,
    and pydantic's generated titles ("Deadline") are gone."""
    schema = json_schema(lang)
    count = 0
    for name, obj in _objects(schema).items():
        assert obj.get("description", "").strip(), name
        assert "title" not in obj or name == "ScenarioDoc", name
        for key, prop in obj.get("properties", {}).items():
            assert prop.get("description", "").strip(), f"{name}.{key}"
            assert "title" not in prop, f"{name}.{key}"
            count += 1
    assert count >= 93


def test_the_catalogue_is_complete_in_both_languages_and_has_nothing_stale() -> None:
    """Each entry has an Indonesian and an English text that differ, and describes an object
    or a property the schema has."""
    schema = json_schema("id")
    wanted = set()
    for name, obj in _objects(schema).items():
        wanted.add(name)
        wanted.update(f"{name}.{key}" for key in obj.get("properties", {}))
    assert set(DESCRIPTIONS) == wanted
    for key, entry in DESCRIPTIONS.items():
        assert set(entry) == {"id", "en"}, key
        assert entry["id"].strip() and entry["en"].strip(), key
        assert entry["id"] != entry["en"], key


def test_indonesian_is_the_default_and_english_is_there() -> None:
    """`json_schema()` is the Indonesian schema; `json_schema("en")` differs only in its text."""
    indonesian, english = json_schema(), json_schema("en")
    assert indonesian == json_schema("id")
    deadline = "$defs", "Event", "properties", "deadline", "description"
    assert _at(indonesian, deadline).startswith("Wajib untuk keputusan")
    assert _at(english, deadline).startswith("Required for decisions")
    assert _without_descriptions(indonesian) == _without_descriptions(english)


def _at(node: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


# ------------------------------------------------------------------ closed value sets


def test_closed_value_sets_are_enums_or_patterns() -> None:
    """An editor can complete and check them: ratings, rubric values, durations and ids."""
    defs = json_schema()["$defs"]
    choice = defs["Choice"]["properties"]
    assert choice["rating"]["enum"] == ["best", "good", "weak", "harmful", None]
    assert choice["rubric"]["additionalProperties"] == {"enum": [0, 0.33, 0.67, 1]}
    ratings = defs["Scoring"]["properties"]["ratings"]
    assert ratings["propertyNames"] == {"enum": ["best", "good", "weak", "harmful"]}
    event = defs["Event"]["properties"]
    for key in ("deadline", "golden", "half_life", "at", "delay"):
        pattern = re.compile(event[key]["pattern"])
        for good in ("90", "90s", "5m", "1m30s", "12.5", " 2m "):
            assert pattern.search(good), (key, good)
        for bad in ("5 menit", "", "m", "-3", "5x", "90 detik"):
            assert not pattern.search(bad), (key, bad)
        positive = key in ("deadline", "golden", "half_life")
        assert bool(pattern.search("0s")) is not positive, key
    assert event["id"]["pattern"] == "^[a-z][a-z0-9_]*$"
    assert "visited" in event["id"]["not"]["enum"]


def test_no_property_joins_plain_branches() -> None:
    """yaml-language-server joins the help of `anyOf` branches ("Deadline || Deadline"): no
    property is an `anyOf` of plain types (only an object-or-null stays one)."""
    schema = json_schema()
    for name, obj in _objects(schema).items():
        for key, prop in obj.get("properties", {}).items():
            for branch in prop.get("anyOf", []):
                assert "$ref" in branch or branch == {"type": "null"}, f"{name}.{key}"


# ------------------------------------------------------------------ check-jsonschema


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool is not None, "check-jsonschema is in the test extras"
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=120, check=False)


def test_check_jsonschema_agrees(tmp_path: Path) -> None:
    """The command-line validator (its own YAML 1.2 parser, as editors read files) accepts
    the committed schema against its metaschema and every bundled scenario, and refuses
    every snippet of the corpus."""
    schema = ROOT / "scenarios" / "simulasi-1.schema.json"
    meta = _check_jsonschema("--check-metaschema", str(schema))
    assert meta.returncode == 0, meta.stdout + meta.stderr
    bundled = [str(p) for p in scenario_files(ROOT / "scenarios")]
    good = _check_jsonschema("--schemafile", str(schema), *bundled)
    assert good.returncode == 0, good.stdout + good.stderr
    files = []
    for i, (_, old, new) in enumerate(CORPUS):
        path = tmp_path / f"{i:02d}.yaml"
        path.write_text(_edit(old, new), encoding="utf-8")
        files.append(str(path))
    bad = _check_jsonschema("--schemafile", str(schema), "-o", "json", *files)
    report = json.loads(bad.stdout)
    refused = {Path(e["filename"]).name for e in report["errors"]}
    assert report["parse_errors"] == []
    assert refused == {Path(f).name for f in files}


def test_simulasi_schema_speaks_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`simulasi schema` prints the Indonesian schema, `--lang en` the English one."""
    from simulasi.cli import main

    monkeypatch.delenv("SIMULASI_LANG", raising=False)
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("id")
    assert main(["schema", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("en")


_MUTATIONS = [0, -1, "", "x", True, False, None, [], {}, 2.5, "0s", 150, "Warga", "true", "5m"]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@settings(max_examples=300)
@given(scenarios(max_events=4), st.data())
def test_the_schema_never_refuses_what_check_accepts(doc: Scenario, data: st.DataObject) -> None:
    """One value of a valid scenario replaced by a stray one (a number, text, null, a list):
    whenever `check` still accepts the file, so does the schema. (The other way round is
    expected: references and expressions are beyond JSON Schema.)"""
    path = data.draw(st.sampled_from(_paths(doc)))
    value = data.draw(st.sampled_from(_MUTATIONS))
    mutated = copy.deepcopy(doc)
    node: Any = mutated
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    if load_scenario(yaml_text(mutated)).ok:
        assert _schema_errors(mutated) == [], (path, value)
