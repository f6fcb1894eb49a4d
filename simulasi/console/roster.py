"""The roster: one row per run of a workshop, as the console shows it, and one per game
that has no run yet.

Everything is recomputed from the store on each read: the state from the run's status, its
lease and its last pause (or, for a game that has no run yet, from its presence row: in the
lobby, reading the briefing, or disconnected once its heartbeat stopped); the numbers from its
log, replayed (totals with `scoring.score_run`, never stored). A row is cached while its run's
log and state have not changed, so a room of sixty trainees costs one read of the store a
second and a replay only of the runs that moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from scoring import ScoringError, score_run
from simulasi.engine import ReplayError, Run
from simulasi.store import LEASE_SECONDS, StoreError
from simulasi.store.sql import verified_scenario

if TYPE_CHECKING:
    from simulasi.scenario import Scenario
    from simulasi.store.interface import ResultsStore, StoredRun
    from simulasi.store.room import Presence

State = Literal["lobby", "briefing", "playing", "paused", "disconnected", "finished", "abandoned"]
#: The order of the states when the roster is sorted by state: who needs a look first.
STATES: tuple[State, ...] = (
    "disconnected",
    "paused",
    "lobby",
    "briefing",
    "playing",
    "finished",
    "abandoned",
)
#: A game without a run whose presence row has had no heartbeat for this long is left out of
#: the roster (before that, from `LEASE_SECONDS` on, it is shown as disconnected).
PRESENCE_FORGOTTEN_SECONDS = 3600.0
#: The roster key of a game without a run: this, then the game's name (run ids are hex).
PRESENCE_PREFIX = "presence:"
SORTS = ("state", "team", "total")


@dataclass(frozen=True)
class RosterRow:
    """One trainee's run. `urgent`: scenario seconds left on the most urgent pending decision
    (None: nothing pending, or no deadlines in practice); `total`/`passed` once finished."""

    run_id: str
    trainee: str
    team: str
    agency: str
    scenario_id: str
    scenario_title: str
    state: State
    answered: int
    arrived: int
    red_line: bool
    urgent: float | None
    total: float | None
    passed: bool | None
    pass_mark: float | None
    practice: bool
    accuracy: float | None = None  # the rest of the scoreboard's rank order, once finished
    speed: float | None = None
    ended_at: str | None = None

    @property
    def has_run(self) -> bool:
        """False for a game that has no run yet (in the lobby, reading the briefing)."""
        return not self.run_id.startswith(PRESENCE_PREFIX)


def state_of(status: str, records_kinds: list[str], driven: bool) -> State:
    """A run's state: its stored status; an active run nobody drives (its lease expired or
    was released) is disconnected; else paused when its last pause was not resumed."""
    if status == "finished":
        return "finished"
    if status == "abandoned":
        return "abandoned"
    if not driven:
        return "disconnected"
    toggles = [kind for kind in records_kinds if kind in ("pause", "resume")]
    return "paused" if toggles and toggles[-1] == "pause" else "playing"


class Roster:
    """Reads the roster of one workshop from one store (call `read` from one thread only)."""

    def __init__(self, store: ResultsStore, workshop: str) -> None:
        self.store = store
        self.workshop = workshop
        self._scenarios: dict[str, Scenario | None] = {}
        self._rows: dict[str, tuple[tuple[int, str, bool], RosterRow]] = {}

    def read(self) -> list[RosterRow]:
        """The rows of every run of the workshop, oldest run first, then the games that have
        no run yet (in the lobby, or reading the briefing)."""
        rows = self._runs()
        return rows + presence_rows(self.store.presence(self.workshop), rows, self.store.clock())

    def _runs(self) -> list[RosterRow]:
        idle = {info.id for info in self.store.unfinished_runs()}
        rows = []
        for stored in self.store.stored_runs(workshop=self.workshop):
            info = stored.info
            key = (len(stored.records), info.status, info.id in idle)
            cached = self._rows.get(info.id)
            if cached is not None and cached[0] == key:
                rows.append(cached[1])
                continue
            row = self._row(stored, driven=info.id not in idle)
            self._rows[info.id] = (key, row)
            rows.append(row)
        return rows

    def _scenario(self, stored: StoredRun) -> Scenario | None:
        sha = stored.info.scenario_sha256
        if sha not in self._scenarios:
            try:
                self._scenarios[sha] = verified_scenario(stored.scenario_text, stored.info)
            except StoreError:
                self._scenarios[sha] = None
        return self._scenarios[sha]

    def _row(self, stored: StoredRun, *, driven: bool) -> RosterRow:
        info = stored.info
        state = state_of(info.status, [r.kind for r in stored.records], driven)
        scenario = None if stored.problem is not None else self._scenario(stored)
        run = None
        if scenario is not None:
            try:
                run = Run.replay(scenario, stored.records)
            except ReplayError:
                run = None
        answered = arrived = 0
        red_line = False
        urgent = total = pass_mark = accuracy = speed = None
        passed = None
        if run is not None and scenario is not None:
            facts = run.decisions
            arrived = len(facts)
            answered = sum(1 for f in facts if f.outcome == "answered")
            red_line = any(
                f.outcome == "answered"
                and f.choice is not None
                and scenario.choices[(f.event, f.choice)].critical
                for f in facts
            )
            left = [p.deadline - run.now for p in run.pending if p.deadline is not None]
            urgent = max(0.0, min(left)) if left else None
            if run.ended:
                try:
                    card = score_run(run)
                except ScoringError:
                    card = None
                if card is not None:
                    total, passed, pass_mark = card.total, card.passed, card.pass_mark
                    accuracy, speed = card.accuracy, card.speed
        return RosterRow(
            run_id=info.id,
            trainee=info.trainee,
            team=info.team,
            agency=info.agency,
            scenario_id=info.scenario_id,
            scenario_title=info.scenario_title or info.scenario_id,
            state=state,
            answered=answered,
            arrived=arrived,
            red_line=red_line,
            urgent=urgent if state in ("playing", "paused") else None,
            total=total,
            passed=passed,
            pass_mark=pass_mark,
            practice=info.practice,
            accuracy=accuracy,
            speed=speed,
            ended_at=info.ended_at,
        )


def presence_rows(present: list[Presence], runs: list[RosterRow], now: float) -> list[RosterRow]:
    """The rows of the games without a run (`present`), oldest heartbeat first. One without a
    heartbeat for `LEASE_SECONDS` went away (a closed laptop): shown as disconnected, unless
    its trainee is back (the same name and team has a run under way or a live game), or it
    has been silent for `PRESENCE_FORGOTTEN_SECONDS`; then it is left out."""
    live = [p for p in present if now - p.updated_at <= LEASE_SECONDS]
    back = {(r.trainee, r.team) for r in runs if r.state in ("playing", "paused", "disconnected")}
    back |= {(p.trainee, p.team) for p in live}
    out = []
    for p in present:
        stale = now - p.updated_at > LEASE_SECONDS
        if stale and (
            (p.trainee, p.team) in back or now - p.updated_at > PRESENCE_FORGOTTEN_SECONDS
        ):
            continue
        out.append(
            RosterRow(
                run_id=PRESENCE_PREFIX + p.game,
                trainee=p.trainee,
                team=p.team,
                agency=p.agency,
                scenario_id=p.scenario_id,
                scenario_title=p.scenario_title or p.scenario_id,
                state="disconnected" if stale else p.state,
                answered=0,
                arrived=0,
                red_line=False,
                urgent=None,
                total=None,
                passed=None,
                pass_mark=None,
                practice=False,
            )
        )
    return out


def arrange(rows: list[RosterRow], sort: str, scenario: str | None) -> list[RosterRow]:
    """The rows of `scenario` (None: all), sorted by state, team or total (highest first;
    runs without a total last), then by name."""
    shown = [r for r in rows if scenario is None or r.scenario_id == scenario]
    if sort == "team":
        return sorted(shown, key=lambda r: (r.team.casefold(), r.trainee.casefold()))
    if sort == "total":
        return sorted(
            shown,
            key=lambda r: (r.total is None, -(r.total or 0.0), r.trainee.casefold()),
        )
    return sorted(shown, key=lambda r: (STATES.index(r.state), r.trainee.casefold()))


def rankings(rows: list[RosterRow]) -> list[tuple[str, float | None, list[RosterRow]]]:
    """One ranking per scenario (never one across scenarios with different pass marks): the
    scenario's title, its pass mark and its finished, scored runs in the scoreboard's order
    (docs/scoring.md): runs without a red line first, then total, accuracy, speed, earlier end."""
    out: dict[str, tuple[str, float | None, list[RosterRow]]] = {}
    for row in rows:
        if row.state != "finished" or row.total is None or row.practice:
            continue
        title, mark, ranked = out.setdefault(row.scenario_id, (row.scenario_title, None, []))
        ranked.append(row)
        out[row.scenario_id] = (title, row.pass_mark if mark is None else mark, ranked)
    return [(title, mark, sorted(ranked, key=_rank_key)) for title, mark, ranked in out.values()]


def _rank_key(row: RosterRow) -> tuple[bool, float, float, float, str, str]:
    speed = row.speed if row.speed is not None else -math.inf
    return (
        row.red_line,
        -(row.total or 0.0),
        -(row.accuracy or 0.0),
        -speed,
        row.ended_at or "\uffff",
        row.run_id,
    )
