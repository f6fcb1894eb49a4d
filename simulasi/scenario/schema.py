"""The JSON Schema of `simulasi/1`, for editors (yaml-language-server) and validators.

Generated from the models, then finished here: every object and property gets its hover
help in the chosen language (`simulasi.scenario.schema_texts`), pydantic's generated titles
("Deadline") are dropped, and the rules that span several keys of one object (a decision needs
`deadline` and `on_timeout`, a choice has exactly one rating, ...) are added, so that the schema
refuses what `simulasi check` refuses wherever JSON Schema can say it. What it cannot say
(references between ids, duplicate keys, expressions, the last band's `min`) only `check` sees.
"""

from __future__ import annotations

import copy
from typing import Any

from simulasi.scenario.models import ID_PATTERN, ID_SCHEMA, ScenarioDoc
from simulasi.scenario.schema_texts import DESCRIPTIONS

TITLE = "simulasi/1 scenario"
ROOT = "ScenarioDoc"

_NULL_OR_ABSENT = {"type": "null"}
_EMPTY_MAP = {"type": "object", "maxProperties": 0}
_EMPTY_NEXT = {"type": "array", "maxItems": 0}


def _present(key: str) -> dict[str, Any]:
    """`key` is given and not null."""
    return {"required": [key], "properties": {key: {"not": {"type": "null"}}}}


#: Rules across the keys of one object, merged into its schema (the lint's SIM103/SIM104).
_RULES: dict[str, dict[str, Any]] = {
    "Event": {
        "if": {"required": ["choices"], "properties": {"choices": {"type": "array"}}},
        # A decision: it needs a deadline and on_timeout, and at least one choice; the keys of
        # an update are left empty.
        "then": {
            "allOf": [_present("deadline"), _present("on_timeout")],
            "properties": {
                "choices": {"minItems": 1},
                "effects": _EMPTY_MAP,
                "set": _EMPTY_MAP,
                "add": _EMPTY_MAP,
                "next": _EMPTY_NEXT,
                "end": _NULL_OR_ABSENT,
            },
        },
        # An update: the keys of a decision are left out.
        "else": {
            "properties": {
                "deadline": _NULL_OR_ABSENT,
                "golden": _NULL_OR_ABSENT,
                "half_life": _NULL_OR_ABSENT,
                "drift": _EMPTY_MAP,
                "on_timeout": _NULL_OR_ABSENT,
            }
        },
    },
    "Choice": {
        "oneOf": [_present("rating"), _present("accuracy"), _present("rubric")],
    },
    "Flag": {
        "if": {"required": ["type"], "properties": {"type": {"const": "int"}}},
        "then": {"properties": {"initial": {"type": ["integer", "null"]}}},
        "else": {
            "properties": {"initial": {"type": ["boolean", "null"]}},
            "not": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]},
        },
    },
    "Weights": {
        "not": {
            "required": ["accuracy", "impact"],
            "properties": {"accuracy": {"const": 0}, "impact": {"const": 0}},
        },
    },
    ROOT: {
        # At least one fallback ending: one without a `when`.
        "properties": {"endings": {"contains": {"properties": {"when": _NULL_OR_ABSENT}}}},
    },
}


def json_schema(lang: str = "id") -> dict[str, Any]:
    """The JSON Schema of `simulasi/1` with its hover help in `lang` ("id" or "en")."""
    lang = lang if lang in ("id", "en") else "id"
    base = ScenarioDoc.model_json_schema(by_alias=True, mode="validation")
    defs: dict[str, Any] = base.pop("$defs")
    objects = {ROOT: base, **defs}
    for name, schema in objects.items():
        _finish(name, schema, lang)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **base,
        "title": TITLE,
        "$defs": defs,
    }


def _finish(name: str, schema: dict[str, Any], lang: str) -> None:
    schema.pop("title", None)
    schema["description"] = DESCRIPTIONS[name][lang]
    for key, prop in schema.get("properties", {}).items():
        prop.pop("title", None)
        prop["description"] = DESCRIPTIONS[f"{name}.{key}"][lang]
        _id_keys(prop)
    rules = copy.deepcopy(_RULES.get(name, {}))
    extra = rules.pop("properties", {})
    for key, constraint in extra.items():
        schema["properties"][key] = {"allOf": [schema["properties"][key], constraint]}
        # The hover help stays on the outer level, where editors look for it.
        schema["properties"][key]["description"] = schema["properties"][key]["allOf"][0].pop(
            "description"
        )
    schema.update(rules)


def _id_keys(node: Any) -> None:
    """Mappings keyed by ids (`effects: {warga: 5}`): every key must be an id, not merely the
    keys that happen to match the pattern."""
    if isinstance(node, dict):
        pattern = node.get("patternProperties")
        if isinstance(pattern, dict) and list(pattern) == [ID_PATTERN]:
            node.pop("patternProperties")
            node["propertyNames"] = ID_SCHEMA
            node["additionalProperties"] = pattern[ID_PATTERN]
        for value in node.values():
            _id_keys(value)
    elif isinstance(node, list):
        for value in node:
            _id_keys(value)
