"""The JSON Schema is generated from the models, valid, current, and fits every shipped file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from simulasi.bundled import scenario_files
from simulasi.scenario import json_schema, load_scenario

SCENARIOS = Path(__file__).parent.parent / "scenarios"
SCHEMA_FILE = SCENARIOS / "simulasi-1.schema.json"
SHIPPED = scenario_files(SCENARIOS)


def test_there_are_shipped_scenarios() -> None:
    """The parametrised tests below have something to check (an empty folder would pass)."""
    assert SHIPPED
    assert all(not p.name.endswith(".test.yaml") for p in SHIPPED)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """`json_schema()` declares Draft 2020-12 and passes that metaschema."""
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_is_plain_json() -> None:
    """The schema survives a JSON round trip unchanged (no Python-only values inside)."""
    schema = json_schema()
    assert json.loads(json.dumps(schema)) == schema


def test_schema_title_names_the_format() -> None:
    """Editors show the title: it names the format, not the Python class behind it."""
    assert json_schema()["title"] == "simulasi/1 scenario"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenario_validates_against_the_schema(path: Path) -> None:
    """Every shipped scenario is valid by the schema editors use."""
    # The shipped scenarios avoid yes/no ambiguity, so YAML 1.1 loading reads them as written.
    document: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json_schema())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_committed_schema_file_is_current() -> None:
    """scenarios/simulasi-1.schema.json equals the generated schema, so it never goes stale."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "the committed schema is stale: run `simulasi schema -o scenarios/simulasi-1.schema.json`"
    )


def test_schema_rejects_what_the_models_reject() -> None:
    """The schema is not vacuous: an unknown key, a wrong format and a bad id are all refused."""
    validator = jsonschema.Draft202012Validator(json_schema())
    document: Any = yaml.safe_load(SHIPPED[0].read_text(encoding="utf-8"))
    for broken in (
        {**document, "deadlin": 300},
        {**document, "format": "simulasi/2"},
        {**document, "stakeholders": [{**document["stakeholders"][0], "id": "Warga"}]},
        {k: v for k, v in document.items() if k != "events"},
    ):
        assert not validator.is_valid(broken)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenario_is_clean(path: Path) -> None:
    """Every shipped scenario passes `simulasi check` with no error and no warning."""
    result = load_scenario(path)
    assert result.ok
    assert [d.format("en") for d in result.diagnostics] == []


def test_the_game_offers_the_five_workshop_scenarios() -> None:
    """Issue 7's five scenarios are bundled and offered, each with its golden tests; a folder
    inside scenarios/ (a facilitator's drafts) would not be offered."""
    from simulasi.bundled import bundled_scenarios

    offered = [p.name for p in bundled_scenarios()]
    assert offered == [
        "gempa-hoaks-tsunami.yaml",
        "harga-beras-plastik.yaml",
        "hoaks-vaksin-mr.yaml",
        "kebocoran-data-bansos.yaml",
        "pasien-ditolak-rsud.yaml",
    ]
    assert [p.name for p in SHIPPED] == offered
    for path in SHIPPED:
        assert path.with_name(path.name[:-5] + ".test.yaml").is_file()
