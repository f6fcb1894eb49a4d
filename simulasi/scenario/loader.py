"""Load a scenario: text -> tree with marks -> pydantic models -> lint -> compiled Scenario."""

from __future__ import annotations

import difflib
import gc
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from simulasi.guard import TooLarge, read_bounded
from simulasi.scenario.compiled import Scenario
from simulasi.scenario.diagnostics import Diagnostic, ScenarioError, sort_key
from simulasi.scenario.lint import lint
from simulasi.scenario.locate import Locator
from simulasi.scenario.models import ScenarioDoc
from simulasi.scenario.yamltree import Limits, Mark, TreeError, YMap, read_tree

DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class LoadResult:
    """The outcome of a load: a scenario when there is no error, and every diagnostic."""

    scenario: Scenario | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def _decode(data: bytes, file: str) -> str | Diagnostic:
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return Diagnostic("SIM107", file, line, 1, "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Diagnostic("SIM107", file, line, col, "not_utf8")
    return text.removeprefix("\ufeff")


def load_scenario(
    source: str | bytes | Path, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> LoadResult:
    """Load a scenario from text, bytes or a path; never raises for a bad scenario.

    Reading a path can raise OSError (a missing file is the caller's usage error; a fifo or
    a device is `simulasi.guard.NotRegularFile`); a file over the size limit is read no
    further than the limit.
    """
    # A scenario becomes tens of thousands of small containers that hold no reference
    # cycles; while they are built the cyclic collector walks them again and again (a third
    # of the load time, growing faster than the file). It is paused for the load only.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(source, file, limits)
    finally:
        if enabled:
            gc.enable()


def too_large(file: str, size: int, limit: int) -> LoadResult:
    """The result of a file larger than the limit (found before it was read in full)."""
    return LoadResult(
        None, [Diagnostic("SIM107", file, 1, 1, "too_large", {"size": size, "limit": limit})]
    )


def _load(source: str | bytes | Path, file: str | None, limits: Limits) -> LoadResult:
    if isinstance(source, Path):
        file = file or str(source)
        try:
            source = read_bounded(source, limits.max_bytes)
        except TooLarge as exc:
            return too_large(file, exc.size, exc.limit)
    file = file or "<scenario>"
    if isinstance(source, str):
        try:
            size = len(source.encode("utf-8"))
        except UnicodeEncodeError as exc:  # a lone surrogate: text no file could hold
            line = source.count("\n", 0, exc.start) + 1
            col = exc.start - (source.rfind("\n", 0, exc.start) + 1) + 1
            return LoadResult(None, [Diagnostic("SIM107", file, line, col, "not_utf8")])
    else:
        size = len(source)
    if size > limits.max_bytes:
        return too_large(file, size, limits.max_bytes)
    if isinstance(source, bytes):
        decoded = _decode(source, file)
        if isinstance(decoded, Diagnostic):
            return LoadResult(None, [decoded])
        text = decoded
    else:
        text = source.removeprefix("\ufeff")
    try:
        root = read_tree(text, file, limits)
    except TreeError as exc:
        return LoadResult(None, [exc.diagnostic])
    if root is None:
        return LoadResult(None, [Diagnostic("SIM103", file, 1, 1, "empty_file")])
    if not isinstance(root, YMap):
        mark = getattr(root, "mark", Mark(1, 1))
        return LoadResult(None, [Diagnostic("SIM104", file, mark.line, mark.col, "not_a_mapping")])
    where = Locator(root)
    try:
        doc = ScenarioDoc.model_validate(root)
    except ValidationError as exc:
        return LoadResult(None, sorted(_shape_diagnostics(exc, where, file), key=sort_key))
    result = lint(doc, where, file)
    diagnostics = sorted(result.diagnostics, key=sort_key)
    if any(d.is_error for d in diagnostics):
        return LoadResult(None, diagnostics)
    scenario = Scenario(
        doc=doc,
        text=text,
        file=file,
        event_when=types.MappingProxyType(result.event_when),
        choice_when=types.MappingProxyType(result.choice_when),
        ending_when=types.MappingProxyType(result.ending_when),
    )
    return LoadResult(scenario, diagnostics)


def load_scenario_or_raise(source: str | bytes | Path, *, file: str | None = None) -> Scenario:
    """Load or raise ScenarioError with every diagnostic (for tests and tools)."""
    result = load_scenario(source, file=file)
    if result.scenario is None:
        raise ScenarioError(result.diagnostics)
    return result.scenario


# ------------------------------------------------------------------ pydantic errors

_TYPE_NAMES = {
    "string_type": "text",
    "float_type": "number",
    "int_type": "integer",
    "int_from_float": "integer",
    "bool_type": "bool",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "tuple_type": "list",
    "list_type": "list",
    "finite_number": "number",
}
_RANGES = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}


def _model_at(loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model class whose keys are allowed at `loc` (for "did you mean")."""
    current: Any = ScenarioDoc
    for step in loc:
        if isinstance(step, int):
            continue
        model = _unwrap_model(current)
        if model is None:
            return None
        field = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == step), None
        )
        if field is None:
            continue  # a union branch name in the loc
        current = field.annotation
    return _unwrap_model(current)


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None:
        return None
    if origin is typing.Annotated:
        return _unwrap_model(typing.get_args(annotation)[0])
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None


def _allowed_keys(loc: Sequence[Any]) -> list[str]:
    model = _model_at(loc)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _shape_diagnostics(exc: ValidationError, where: Locator, file: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        kind = error["type"]
        ctx = error.get("ctx") or {}
        path = where.resolve(loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            parent = where.resolve(loc[:-1])
            mark = where.key(*parent, key)
            allowed = _allowed_keys(loc[:-1])
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            params: dict[str, Any] = {"key": key, "allowed": ", ".join(allowed)}
            if hint:
                params["hint"] = hint[0]
            diag = Diagnostic(
                "SIM102",
                file,
                mark.line,
                mark.col,
                "unknown_key_hint" if hint else "unknown_key",
                params,
            )
            signature: tuple[Any, ...] = (*parent, key, "extra")
        elif kind == "missing":
            mark = where.value(*path)
            diag = Diagnostic(
                "SIM103",
                file,
                mark.line,
                mark.col,
                "missing_key" if path else "missing_top_key",
                {"key": str(loc[-1]), "where": _where(path)},
            )
            signature = (*path, str(loc[-1]), "missing")
        else:
            mark = where.value(*path)
            value = error.get("input")
            shown = value if isinstance(value, (str, int, float, bool)) or value is None else "…"
            if kind in ("sim_id", "sim_scenario_id"):
                code, msg = (
                    "SIM106",
                    ("invalid_scenario_id" if kind == "sim_scenario_id" else "invalid_id"),
                )
                params = {"value": ctx.get("value", shown)}
            elif kind.startswith("sim_duration"):
                code, msg = (
                    "SIM400",
                    {
                        "sim_duration": "invalid_duration",
                        "sim_duration_positive": "duration_not_positive",
                        "sim_duration_negative": "duration_negative",
                    }[kind],
                )
                params = {"value": ctx.get("value", shown), "key": str(path[-1]) if path else ""}
            elif kind == "literal_error":
                code, msg = "SIM104", "not_one_of"
                params = {"value": shown, "expected": _choices(str(ctx.get("expected", "")))}
            elif kind in _RANGES:
                code, msg = "SIM104", f"range_{_RANGES[kind]}"
                limit = next(iter(ctx.values()), "")
                params = {"value": shown, "limit": limit}
            elif (
                kind == "too_short"
                and isinstance(_node_at(where, path), list)
                and _node_at(where, path)
            ):
                continue  # the list has items; pydantic only counts the valid ones
            elif kind == "too_short":
                code, msg = "SIM104", "too_short"
                params = {"min": ctx.get("min_length", 1)}
            elif kind == "string_pattern_mismatch":
                code, msg = "SIM104", "bad_clock"
                params = {"value": shown}
            elif kind == "bool_type" and _quoted_bool(value):
                code, msg = "SIM104", "quoted_bool"
                params = {"value": str(value).strip().lower()}
            elif kind in _NUMBER_TYPES and _quoted_number(value):
                code, msg = "SIM104", "quoted_number"
                params = {"value": str(value).strip(), "expected": _TYPE_NAMES[kind]}
            elif kind in _TYPE_NAMES:
                code, msg = "SIM104", "wrong_type"
                params = {"expected": _TYPE_NAMES[kind], "value": shown}
            else:
                code, msg = "SIM104", "invalid_value"
                params = {"value": shown}
            diag = Diagnostic(code, file, mark.line, mark.col, msg, params)
            signature = (*path, "value")
        # A union (`next: e1` or a list, `bool | int`) reports one error per branch: keep one.
        if signature in seen:
            continue
        seen.add(signature)
        out.append(diag)
    return out


def _where(path: Sequence[Any]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


_NUMBER_TYPES = ("float_type", "int_type", "int_from_float", "finite_number")
_QUOTED = re.compile(r"'([^']*)'")


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a, b, c" (no English "or" in an Indonesian line)."""
    found = _QUOTED.findall(expected)
    return ", ".join(found) if found else expected


def _quoted_bool(value: Any) -> bool:
    """Text that reads as a bool: `"true"` written in quotes where true/false is wanted."""
    return isinstance(value, str) and value.strip().lower() in ("true", "false")


def _quoted_number(value: Any) -> bool:
    """Text that reads as a number: `"50"` written in quotes where a number is wanted."""
    if not isinstance(value, str):
        return False
    try:
        float(value.strip())
    except ValueError:
        return False
    return value.strip().lower() not in ("nan", "inf", "-inf", "+inf", "infinity")


def _node_at(where: Locator, path: Sequence[Any]) -> Any:
    node = where.root
    for step in path:
        node = node[step]
    return node
