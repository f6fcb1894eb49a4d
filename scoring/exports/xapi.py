"""xAPI 1.0.3 statements: one per ranked run and one per decision, for a learning record store.

Statement ids are derived from the run id (UUID version 5), so exporting the same workshop
twice yields the same statements and an LRS keeps each once. `registration` is the run id
(a UUID), which ties a run's statements together.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from scoring.card import EventScore
from scoring.scoreboard import Ranked, Scoreboard

#: Base IRI of simulasi's own activities and extensions. `.invalid` is reserved (RFC 2606):
#: these are identifiers, never fetched; an organisation may pass its own base.
BASE = "https://simulasi.invalid/xapi"
ADL = "http://adlnet.gov/expapi/verbs/"
_NAMESPACE = uuid.UUID("6f1c5a52-3c1e-4d8e-9a57-2f0d7b3c9e11")

VERBS = {
    "passed": (ADL + "passed", "lulus", "passed"),
    "failed": (ADL + "failed", "tidak lulus", "failed"),
    "completed": (ADL + "completed", "menyelesaikan", "completed"),
    "answered": (ADL + "answered", "menjawab", "answered"),
    "timed_out": (BASE + "/verbs/timed-out", "kehabisan waktu", "timed out"),
}


def duration(seconds: float) -> str:
    """ISO 8601 duration, as xAPI wants it: `PT90.5S`, `PT1H2M3.25S`."""
    seconds = max(0.0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    return out + f"{round(secs, 2):g}S"


def _verb(key: str) -> dict[str, Any]:
    iri, id_text, en_text = VERBS[key]
    return {"id": iri, "display": {"id-ID": id_text, "en-US": en_text}}


def _registration(run_id: str) -> str:
    try:
        return str(uuid.UUID(hex=run_id))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, run_id))


def _actor(r: Ranked, base: str) -> dict[str, Any]:
    name = r.facts.trainee or r.facts.run_id
    return {"objectType": "Agent", "name": name, "account": {"homePage": base, "name": name}}


def _context(r: Ranked, base: str, parent: str | None = None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": _registration(r.facts.run_id),
        "extensions": {
            f"{base}/extensions/team": r.facts.team,
            f"{base}/extensions/agency": r.facts.agency,
            f"{base}/extensions/workshop": r.facts.workshop,
        },
    }
    if parent is not None:
        context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": parent}]}
    return context


def run_statement(r: Ranked, base: str = BASE) -> dict[str, Any]:
    """The statement of a whole run: passed, failed, or (practice) completed."""
    card = r.card
    activity = f"{base}/scenarios/{r.facts.scenario_id or card.scenario}"
    verb = "completed" if card.practice else ("passed" if card.passed else "failed")
    result: dict[str, Any] = {
        "score": {"scaled": card.total / 100, "raw": card.total, "min": 0, "max": 100},
        "completion": True,
        "duration": duration(card.end_time),
    }
    if not card.practice:
        result["success"] = card.passed
    statement: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"{r.facts.run_id}/run")),
        "actor": _actor(r, base),
        "verb": _verb(verb),
        "object": {
            "objectType": "Activity",
            "id": activity,
            "definition": {
                "name": {"id-ID": r.facts.scenario_title or card.scenario},
                "type": "http://adlnet.gov/expapi/activities/simulation",
            },
        },
        "result": result,
        "context": _context(r, base),
        "version": "1.0.3",
    }
    if r.facts.ended_at:
        statement["timestamp"] = r.facts.ended_at
    return statement


def decision_statement(r: Ranked, e: EventScore, base: str = BASE) -> dict[str, Any]:
    """The statement of one decision: answered (with the choice) or timed out."""
    scenario = f"{base}/scenarios/{r.facts.scenario_id or r.card.scenario}"
    result: dict[str, Any] = {
        "score": {"scaled": e.accuracy / 100, "raw": e.accuracy, "min": 0, "max": 100},
        "completion": e.outcome == "answered",
        "duration": duration(e.latency),
    }
    if e.choice is not None:
        result["response"] = e.choice
    statement: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"{r.facts.run_id}/{e.event}")),
        "actor": _actor(r, base),
        "verb": _verb("answered" if e.outcome == "answered" else "timed_out"),
        "object": {
            "objectType": "Activity",
            "id": f"{scenario}/events/{e.event}",
            "definition": {
                "name": {"id-ID": e.event},
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "choice",
            },
        },
        "result": result,
        "context": _context(r, base, parent=scenario),
        "version": "1.0.3",
    }
    if r.facts.ended_at:
        statement["timestamp"] = r.facts.ended_at
    return statement


def to_xapi(board: Scoreboard, base: str = BASE) -> list[dict[str, Any]]:
    """Every statement of the scoreboard's ranked runs, run first, then its decisions."""
    out: list[dict[str, Any]] = []
    for r in board.ranking:
        out.append(run_statement(r, base))
        out.extend(decision_statement(r, e, base) for e in r.card.events)
    return out


def to_xapi_json(board: Scoreboard, base: str = BASE) -> str:
    return json.dumps(to_xapi(board, base), ensure_ascii=False, indent=1) + "\n"
