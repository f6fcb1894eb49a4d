"""What Home shows of each scenario, remembered between starts of the game.

Loading a scenario means importing the scenario models (pydantic), which costs more than the
rest of the game's start together. Home only needs a few facts of each file: title, summary,
learning objectives, number of decisions, estimated length. The first start loads the files in
full and writes those facts to `scenario-cache.json` in the data folder, keyed by the sha256 of
each file's bytes; a later start whose files are all unchanged fills Home's list from there
without importing the models, and a scenario is loaded in full when the trainee opens it.

A file that changed, a broken file, a cache written by another version of simulasi, or a
cache that cannot be read: none of these is trusted, and the files are loaded in full as on
the first start. Nothing here imports the scenario models.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi import __version__

if TYPE_CHECKING:
    from simulasi.scenario import Scenario

CACHE_FILE = "scenario-cache.json"
FORMAT = 1


@dataclass(frozen=True)
class Facts:
    """What Home lists and shows of a scenario that loads without errors."""

    title: str
    summary: str
    objectives: tuple[str, ...]
    decisions: int
    minutes: int  # estimated length in whole minutes at the normal pace (at least one)


def facts_of(scenario: Scenario) -> Facts:
    return Facts(
        title=scenario.doc.title,
        summary=scenario.doc.summary,
        objectives=tuple(scenario.doc.objectives),
        decisions=len(scenario.decisions),
        minutes=max(1, math.ceil(scenario.estimated_seconds() / 60)),
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_cache(cache: Path) -> dict[str, Facts]:
    """The facts remembered in `cache` by file digest (empty when there is no usable cache)."""
    try:
        raw = json.loads(cache.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or raw.get("version") != __version__:
            return {}
        return {key: _facts(value) for key, value in raw["scenarios"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_cache(cache: Path, facts: dict[str, Facts]) -> None:
    """Remember `facts` (digest -> facts) in `cache`, replacing what was there; a cache that
    cannot be written is no loss (the next start loads the files in full)."""
    from simulasi.store.files import write_atomic

    data = {
        "format": FORMAT,
        "version": __version__,
        "scenarios": {key: asdict(value) for key, value in sorted(facts.items())},
    }
    with contextlib.suppress(OSError):
        write_atomic(cache, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _facts(value: Any) -> Facts:
    objectives = value["objectives"]
    if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
        raise TypeError("objectives")
    facts = Facts(
        title=value["title"],
        summary=value["summary"],
        objectives=tuple(objectives),
        decisions=value["decisions"],
        minutes=value["minutes"],
    )
    if not (isinstance(facts.title, str) and isinstance(facts.summary, str)):
        raise TypeError("text")
    if not all(isinstance(n, int) and n >= 0 for n in (facts.decisions, facts.minutes)):
        raise TypeError("count")
    return facts
