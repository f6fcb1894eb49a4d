"""Home's recent results: the runs finished last on this seat (a browser of `simulasi serve`)
or in this data folder (the room's own laptop), each with its debrief recomputed from the
stored log and scenario text. No score is ever read from the store.

Reading is the store's (its connection belongs to the thread that opened it); scoring replays
each log, which is left to a worker thread (`score_recent`), after Home's first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring import ScoreCard
    from simulasi.engine import Run
    from simulasi.store.interface import ResultsStore, RunInfo, StoredRun

#: How many results Home offers: the last few, for a trainee who wants to look again.
RECENT_LIMIT = 5


@dataclass(frozen=True)
class Recent:
    """A finished run as its debrief shows it: the replayed run and its card, or why it could
    not be scored (`problem`, in the language it was scored in)."""

    info: RunInfo
    run: Run | None = None
    card: ScoreCard | None = None
    problem: str = ""


def read_recent(
    store: ResultsStore, seat: str, known: tuple[str, ...] = (), limit: int = RECENT_LIMIT
) -> list[StoredRun] | None:
    """The last `limit` finished runs with their logs, newest first: only this seat's under
    `simulasi serve` (`seat` set), every one of the data folder otherwise. None when they are
    still the runs `known` (their ids): nothing was finished since, nothing to score again."""
    infos = store.recent_finished(seat or None, limit)
    if tuple(info.id for info in infos) == known:
        return None
    return [store.load_run(info.id) for info in infos]


def score_recent(runs: list[StoredRun], lang: str) -> list[Recent]:
    """Replay and score each run (history kept, so its debrief draws the meters from the very
    start). A run that cannot be scored stays on the list, saying why."""
    from scoring import ScoringError, score_run
    from simulasi.engine import ReplayError, Run
    from simulasi.i18n import t
    from simulasi.store.results import Rescorer

    rescorer = Rescorer(lang)
    out = []
    for stored in runs:
        info = stored.info
        if stored.problem is not None:
            out.append(Recent(info, problem=stored.problem.message(lang)))
            continue
        scenario = rescorer.scenario(stored.scenario_text, info.scenario_sha256)
        if scenario is None:
            out.append(Recent(info, problem=t("results.problem.scenario", lang)))
            continue
        try:
            run = Run.replay(scenario, stored.records, history=True)
            out.append(Recent(info, run, score_run(run)))
        except (ReplayError, ScoringError) as exc:
            out.append(Recent(info, problem=t("results.problem.log", lang, reason=exc)))
    return out
