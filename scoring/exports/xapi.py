"""xAPI 1.0.3 statements: one per ranked run and one per decision, for a learning record store.

Statement ids are derived from the run id (UUID version 5), so exporting the same workshop
twice yields the same statements and an LRS keeps each once. `registration` is the run id
(a UUID), which ties a run's statements together.

- No `version` property: the LRS sets it (xAPI 1.0.3, 2.4.10).
- Verbs: ADL's registered `answered`, `completed`, `passed` and `failed`; only "timed out",
  which has no registered verb, is our own.
- Our own IRIs (activities, the timed-out verb, extensions, the account's home page) live under
  a base IRI the organiser controls (`--xapi-base https://lms.example.go.id/simulasi`). Without
  one they are `urn:uuid:` names derived from the path (UUID version 5 in simulasi's own
  namespace): stable and unique, and no domain anybody else controls.
- The actor is an account whose `name` is the run id, a stable id of the trainee's session in
  the store: two trainees with the same display name are two actors.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote, urlsplit

from scoring.card import EventScore
from scoring.scoreboard import Ranked, Scoreboard

ADL = "http://adlnet.gov/expapi/verbs/"
_NAMESPACE = uuid.UUID("6f1c5a52-3c1e-4d8e-9a57-2f0d7b3c9e11")

#: The default: no base IRI, our own ids are `urn:uuid:` names (see the module's docstring).
BASE: str | None = None

#: key -> (IRI or our own path, Indonesian display, English display)
VERBS = {
    "passed": (ADL + "passed", "lulus", "passed"),
    "failed": (ADL + "failed", "tidak lulus", "failed"),
    "completed": (ADL + "completed", "menyelesaikan", "completed"),
    "answered": (ADL + "answered", "menjawab", "answered"),
    "timed_out": ("verbs/timed-out", "kehabisan waktu", "timed out"),
}


def check_base(text: str) -> str | None:
    """`text` as a base IRI (trailing `/` removed), or None when it is not an absolute
    http(s) IRI with a host and without query or fragment."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    if any(c.isspace() or c in '<>"{}|\\^`?#' for c in text.strip()):
        return None
    return text.strip().rstrip("/")


def iri(base: str | None, path: str) -> str:
    """The IRI of one of our own things: under `base`, else a `urn:uuid:` name of its path."""
    if base:
        return f"{base}/{quote(path, safe='/-._~')}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, path)}"


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


def _verb(key: str, base: str | None) -> dict[str, Any]:
    ident, id_text, en_text = VERBS[key]
    if not ident.startswith("http"):
        ident = iri(base, ident)
    return {"id": ident, "display": {"id-ID": id_text, "en-US": en_text}}


def _registration(run_id: str) -> str:
    try:
        return str(uuid.UUID(hex=run_id))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, run_id))


def _actor(r: Ranked, base: str | None) -> dict[str, Any]:
    """The trainee: an account with the run id (stable, unique), the name for display."""
    home = base or f"urn:uuid:{_NAMESPACE}"
    actor: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": home, "name": r.facts.run_id},
    }
    if r.facts.trainee:
        actor["name"] = r.facts.trainee
    return actor


def _context(r: Ranked, base: str | None, parent: str | None = None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": _registration(r.facts.run_id),
        "extensions": {
            iri(base, "extensions/team"): r.facts.team,
            iri(base, "extensions/agency"): r.facts.agency,
            iri(base, "extensions/workshop"): r.facts.workshop,
        },
    }
    if parent is not None:
        context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": parent}]}
    return context


def run_statement(r: Ranked, base: str | None = BASE) -> dict[str, Any]:
    """The statement of a whole run: passed, failed, or (practice) completed."""
    card = r.card
    activity = iri(base, f"scenarios/{r.scenario_key}")
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
        "verb": _verb(verb, base),
        "object": {
            "objectType": "Activity",
            "id": activity,
            "definition": {
                "name": {"id-ID": r.scenario_title},
                "type": "http://adlnet.gov/expapi/activities/simulation",
            },
        },
        "result": result,
        "context": _context(r, base),
    }
    if r.facts.ended_at:
        statement["timestamp"] = r.facts.ended_at
    return statement


def decision_statement(r: Ranked, e: EventScore, base: str | None = BASE) -> dict[str, Any]:
    """The statement of one decision: answered (with the choice) or timed out."""
    scenario = iri(base, f"scenarios/{r.scenario_key}")
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
        "verb": _verb("answered" if e.outcome == "answered" else "timed_out", base),
        "object": {
            "objectType": "Activity",
            "id": iri(base, f"scenarios/{r.scenario_key}/events/{e.event}"),
            "definition": {
                "name": {"id-ID": r.labels.event(e.event)},
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "choice",
            },
        },
        "result": result,
        "context": _context(r, base, parent=scenario),
    }
    if r.facts.ended_at:
        statement["timestamp"] = r.facts.ended_at
    return statement


def to_xapi(board: Scoreboard, base: str | None = BASE) -> list[dict[str, Any]]:
    """Every statement of the scoreboard's ranked runs, run first, then its decisions."""
    out: list[dict[str, Any]] = []
    for r in board.ranking:
        out.append(run_statement(r, base))
        out.extend(decision_statement(r, e, base) for e in r.card.events)
    return out


def to_xapi_json(board: Scoreboard, base: str | None = BASE) -> str:
    return json.dumps(to_xapi(board, base), ensure_ascii=False, indent=1) + "\n"
