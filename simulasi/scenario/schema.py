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
                "order": False,  # no choices to order: the key itself is refused (SIM104)
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
        _tidy(prop)
        prop["description"] = DESCRIPTIONS[f"{name}.{key}"][lang]
    rules = copy.deepcopy(_RULES.get(name, {}))
    extra = rules.pop("properties", {})
    for key, constraint in extra.items():
        schema["properties"][key] = {"allOf": [schema["properties"][key], constraint]}
        # The hover help stays on the outer level, where editors look for it.
        schema["properties"][key]["description"] = schema["properties"][key]["allOf"][0].pop(
            "description"
        )
    schema.update(rules)


def _tidy(node: Any) -> None:
    """Mappings keyed by ids (`effects: {warga: 5}`): every key must be an id, not merely the
    keys that happen to match the pattern; and `anyOf`s of plain types become one schema."""
    if isinstance(node, dict):
        _merge_any_of(node)
        pattern = node.get("patternProperties")
        if isinstance(pattern, dict) and list(pattern) == [ID_PATTERN]:
            node.pop("patternProperties")
            node["propertyNames"] = ID_SCHEMA
            node["additionalProperties"] = pattern[ID_PATTERN]
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


#: The keywords that constrain only one JSON type (a value of another type ignores them).
_TYPED_KEYWORDS = {
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "integer": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "string": {"pattern", "minLength", "maxLength"},
    "array": {"items", "minItems", "maxItems"},
    "object": {"properties", "additionalProperties", "propertyNames", "minProperties"},
    "boolean": set(),
    "null": set(),
}


def _merge_any_of(node: dict[str, Any]) -> None:
    """`anyOf: [{type: number, minimum: 0}, {type: string, pattern: ...}, {type: null}]` as one
    schema with `type: [number, string, null]`: the same values pass, and yaml-language-server
    shows the hover help once instead of joining its branches ("Deadline || Deadline")."""
    branches = node.get("anyOf")
    if not isinstance(branches, list):
        return
    types: list[str] = []
    merged: dict[str, Any] = {}
    for branch in branches:
        kinds = branch.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not isinstance(kinds, list) or any(
            k not in _TYPED_KEYWORDS or k in types for k in kinds
        ):
            return
        types.extend(kinds)
        # Keywords of the branch's own types only, so they constrain nothing else once merged.
        allowed = set().union(*(_TYPED_KEYWORDS[k] for k in kinds)) | {"enum", "not"}
        for keyword, value in branch.items():
            if keyword == "type":
                continue
            if keyword in merged or keyword not in allowed:
                return
            merged[keyword] = value
    if "number" in types and "integer" in types:
        return
    others = [t for t in types if t != "null"]
    if "enum" in merged:
        # An enum holds for every type: only a list of texts or null can be merged.
        if others != ["string"]:
            return
        if "null" in types:
            merged["enum"] = [*merged["enum"], None]
    if "not" in merged and not _only_strings_excluded(merged["not"]):
        return
    del node["anyOf"]
    node["type"] = types if len(types) > 1 else types[0]
    node.update(merged)


def _only_strings_excluded(schema: Any) -> bool:
    """`not: {enum: [texts]}` refuses those texts and nothing of another type."""
    return (
        isinstance(schema, dict)
        and list(schema) == ["enum"]
        and all(isinstance(v, str) for v in schema["enum"])
    )
