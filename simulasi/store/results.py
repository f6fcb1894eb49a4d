"""From stored runs to scoreboard entries: every score recomputed from the log and the stored
scenario text (never read from anywhere else)."""

from __future__ import annotations

from collections.abc import Iterable

from scoring import ScoringError, score
from scoring.scoreboard import Entry, Labels, RunFacts, paused_gc
from simulasi.i18n import t
from simulasi.scenario import Scenario
from simulasi.store.interface import RunInfo, StoredRun
from simulasi.store.sql import scenario_from_text


def facts_of(info: RunInfo) -> RunFacts:
    return RunFacts(
        run_id=info.id,
        trainee=info.trainee,
        team=info.team,
        agency=info.agency,
        workshop=info.workshop,
        scenario_id=info.scenario_id,
        scenario_title=info.scenario_title,
        practice=info.practice,
        time_scale=info.time_scale,
        started_at=info.started_at,
        ended_at=info.ended_at,
    )


class Rescorer:
    """Scores stored runs, loading each distinct scenario text once. Why a run cannot be
    scored is said in `lang`."""

    def __init__(self, lang: str = "id") -> None:
        self.lang = lang
        self._scenarios: dict[str, Scenario | None] = {}
        self._labels: dict[str, Labels] = {}

    def scenario(self, text: str, sha256: str) -> Scenario | None:
        if sha256 not in self._scenarios:
            scenario = scenario_from_text(text)
            # The text must be the one the run names: a bundle edited by hand is not trusted.
            if scenario is not None and scenario.sha256 != sha256:
                scenario = None
            self._scenarios[sha256] = scenario
        return self._scenarios[sha256]

    def entry(self, stored: StoredRun) -> Entry:
        info = stored.info
        facts = facts_of(info)
        if stored.problem is not None:  # a malformed stored value, a missing scenario text
            return Entry(facts, problem=stored.problem.message(self.lang))
        scenario = self.scenario(stored.scenario_text, info.scenario_sha256)
        if scenario is None:
            return Entry(facts, problem=t("results.problem.scenario", self.lang))
        labels = self._labels.get(info.scenario_sha256)
        if labels is None:
            labels = self._labels[info.scenario_sha256] = Labels.of(scenario)
        try:
            return Entry(facts, card=score(scenario, stored.records), labels=labels)
        except ScoringError as exc:
            return Entry(facts, problem=t("results.problem.log", self.lang, reason=exc))


def finished_entries(runs: Iterable[StoredRun], lang: str = "id") -> list[Entry]:
    """Entries for the finished runs (active and abandoned ones are not results), and for
    every run that cannot be read (its status may be what is malformed): those are reported,
    never dropped."""
    rescorer = Rescorer(lang)
    with paused_gc():
        return [
            rescorer.entry(run)
            for run in runs
            if run.info.status == "finished" or run.problem is not None
        ]
