"""`simulasi new NAME`: a small, valid, commented scenario and its golden test, ready to edit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from simulasi.tools.templates import scenario_files

SCHEMA_NAME = "simulasi-1.schema.json"  # the name the templates' first line points to


class NewError(Exception):
    """Why nothing was written: `key` is a catalogue key, `path` what it is about."""

    def __init__(self, key: str, path: Path | str) -> None:
        super().__init__(key)
        self.key = key
        self.path = path


@dataclass(frozen=True)
class Written:
    scenario: Path
    test: Path
    schema: Path | None  # None when a schema file was already there


def scenario_id(name: str) -> str:
    """The scenario id for a file name: lower case, other characters as dashes."""
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return re.sub(r"-{2,}", "-", slug)


def plan(name: str) -> tuple[Path, Path, str]:
    """The two files `name` stands for and the scenario id; raises NewError."""
    base = Path(name.removesuffix(".test.yaml").removesuffix(".yaml"))
    sid = scenario_id(base.name)
    if not sid:
        raise NewError("tools.new.bad_name", name)
    return base.with_name(base.name + ".yaml"), base.with_name(base.name + ".test.yaml"), sid


def create(name: str, lang: str) -> Written:
    """Write NAME.yaml, NAME.test.yaml and, if missing, the schema beside them.

    Refuses (NewError) before writing anything when either file exists.
    """
    from simulasi.jsonout import dump_json
    from simulasi.scenario import json_schema

    scenario_path, test_path, sid = plan(name)
    for path in (scenario_path, test_path):
        if path.exists():
            raise NewError("tools.new.exists", path)
    scenario_text, test_text = scenario_files(sid, scenario_path.name.removesuffix(".yaml"), lang)
    folder = scenario_path.parent
    schema_path = folder / SCHEMA_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite, even a file that appeared since the check above.
        with scenario_path.open("x", encoding="utf-8") as out:
            out.write(scenario_text)
        with test_path.open("x", encoding="utf-8") as out:
            out.write(test_text)
        wrote_schema = not schema_path.exists()
        if wrote_schema:
            schema_path.write_text(dump_json(json_schema(lang)) + "\n", encoding="utf-8")
    except FileExistsError as exc:
        raise NewError("tools.new.exists", exc.filename or scenario_path) from None
    except OSError as exc:
        raise NewError("tools.new.write", f"{exc.filename or folder}: {exc.strerror}") from None
    return Written(scenario_path, test_path, schema_path if wrote_schema else None)
