"""Bundles: the runs of a store in one JSON file, for workshops on offline laptops.

A bundle holds trainee facts, logs and scenario texts, never scores. Reading one checks every
field; run ids make merging idempotent (the same bundle twice counts its runs once).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulasi.engine import LogFormatError, Record
from simulasi.guard import BUNDLE_MAX_BYTES, NotRegularFile, TooLarge, read_bounded, shown
from simulasi.store.interface import RunInfo, StoredRun, StoreError

FORMAT = "simulasi-bundle/1"
_STATUSES = {"active", "finished", "abandoned"}


def bundle_json(runs: Iterable[StoredRun], *, created_at: str) -> dict[str, Any]:
    """The JSON document of a bundle: scenario texts once each, then the runs."""
    scenarios: dict[str, str] = {}
    items = []
    for run in runs:
        scenarios.setdefault(run.info.scenario_sha256, run.scenario_text)
        item = run.info.to_json()
        item["records"] = [r.to_json() for r in run.records]
        items.append(item)
    return {"format": FORMAT, "created_at": created_at, "scenarios": scenarios, "runs": items}


#: Digits a number of a bundle may have (times and scales are small; see the scenario's own
#: bound): a longer one is refused before Python is asked to convert it.
_MAX_DIGITS = 30


class _BadNumber(ValueError):
    """A number a bundle never holds: too many digits, or not finite."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _BadNumber(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text)
    return value


def _constant(text: str) -> float:
    raise _BadNumber(text)  # NaN, Infinity: not JSON, and never written by `bundle_json`


def read_bundle(path: Path) -> list[StoredRun]:
    """Read and check a bundle file; StoreError with a plain reason if it is not one.

    The file is read no further than BUNDLE_MAX_BYTES; a fifo or a device is refused; a
    number too long or not finite, and nesting too deep for the JSON reader, are reasons."""
    shown_path = shown(path)
    try:
        raw = read_bounded(path, BUNDLE_MAX_BYTES)
    except FileNotFoundError:
        raise StoreError("results.err.bundle_missing", path=shown_path) from None
    except TooLarge as exc:
        raise StoreError(
            "guard.bundle.too_large", path=shown_path, size=exc.size, limit=exc.limit
        ) from None
    except NotRegularFile:
        raise StoreError("guard.bundle.not_regular", path=shown_path) from None
    except OSError as exc:
        raise StoreError("results.err.bundle", path=shown_path, reason=exc.strerror) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoreError("guard.bundle.not_utf8", path=shown_path) from None
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise StoreError(
            "guard.bundle.not_json", path=shown_path, line=exc.lineno, col=exc.colno
        ) from None
    except _BadNumber:
        raise StoreError("guard.bundle.number", path=shown_path) from None
    except RecursionError:
        raise StoreError("guard.bundle.too_deep", path=shown_path) from None
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError, LogFormatError) as exc:
        raise StoreError("results.err.bundle", path=shown_path, reason=shown(exc)) from None


def _text(item: dict[str, Any], key: str) -> str:
    value = item[key]
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    return value


def _parse(data: Any) -> list[StoredRun]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    scenarios = data["scenarios"]
    if not isinstance(scenarios, dict):
        raise ValueError("scenarios is not a mapping")
    for sha, text in scenarios.items():
        if not isinstance(text, str) or hashlib.sha256(text.encode()).hexdigest() != sha:
            raise ValueError(f"scenario {sha[:12]} does not match its sha256")
    out = []
    for item in data["runs"]:
        if not isinstance(item, dict):
            raise ValueError("a run is not a mapping")
        sha = _text(item, "scenario_sha256")
        status = _text(item, "status")
        if status not in _STATUSES:
            raise ValueError(f"unknown status {status!r}")
        run_id = _text(item, "id")
        if not run_id or any(c not in "0123456789abcdef" for c in run_id):
            raise ValueError(f"bad run id {run_id!r}")
        ended = item.get("ended_at")
        practice = item["practice"]
        scale = item["time_scale"]
        if not isinstance(practice, bool) or isinstance(scale, bool):
            raise ValueError("practice/time_scale have the wrong type")
        info = RunInfo(
            id=run_id,
            trainee=_text(item, "trainee"),
            team=_text(item, "team"),
            agency=_text(item, "agency"),
            workshop=_text(item, "workshop"),
            scenario_id=_text(item, "scenario_id"),
            scenario_sha256=sha,
            scenario_title=_text(item, "scenario_title"),
            time_scale=float(scale),
            practice=practice,
            status=status,
            started_at=_text(item, "started_at"),
            ended_at=ended if isinstance(ended, str) else None,
            source=_text(item, "source"),
        )
        records = tuple(Record.from_json(r) for r in item["records"])
        out.append(StoredRun(info, scenarios[sha], records))
    return out


@dataclass(frozen=True, slots=True)
class Conflict:
    """One run id found in two sources with different content: the run is left out."""

    run_id: str
    first: str
    second: str


def _facts(run: StoredRun) -> dict[str, Any]:
    facts = run.info.to_json()
    del facts["status"], facts["ended_at"]
    return facts


def _supersedes(a: StoredRun, b: StoredRun) -> bool:
    """Is `a` a later copy of the same run as `b` (same facts and scenario text, `b` not
    finished, and its log the beginning of `a`'s)? A bundle made mid-run, then the store."""
    return (
        b.info.status != "finished"
        and len(a.records) >= len(b.records)
        and a.records[: len(b.records)] == b.records
        and a.scenario_text == b.scenario_text
        and _facts(a) == _facts(b)
    )


def merge_sources(
    groups: Iterable[tuple[str, Iterable[StoredRun]]],
) -> tuple[list[StoredRun], list[Conflict]]:
    """All runs of all named sources, each run id once, and the ids that conflict.

    The same run twice (the same bundle merged twice) counts once; a copy that only carries
    the same run further (more of its log, finished) replaces the earlier one, whichever
    source it comes from. Two copies that differ otherwise are not resolved by the order of
    the sources: the run is left out and reported with both sources.
    """
    seen: dict[str, tuple[str, StoredRun]] = {}
    conflicts: dict[str, Conflict] = {}
    for source, runs in groups:
        for run in runs:
            run_id = run.info.id
            prior = seen.get(run_id)
            if prior is None:
                seen[run_id] = (source, run)
            elif prior[1] == run or _supersedes(prior[1], run):
                continue
            elif _supersedes(run, prior[1]):
                seen[run_id] = (source, run)
            elif run_id not in conflicts:
                conflicts[run_id] = Conflict(run_id, prior[0], source)
    kept = [run for run_id, (_source, run) in seen.items() if run_id not in conflicts]
    return kept, list(conflicts.values())


def merge(*groups: Iterable[StoredRun]) -> list[StoredRun]:
    """All runs of all groups, each run id once; runs whose copies conflict are left out
    (see `merge_sources`, which also says which)."""
    return merge_sources((str(n), group) for n, group in enumerate(groups))[0]
