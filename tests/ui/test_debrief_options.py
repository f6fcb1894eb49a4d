"""The debrief teaches every option: after the trainee's answer and the best one, the other
choices with their rating and why, in the order the run showed them, in the game's screen and
in the exported documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from scoring import score_run
from scoring.exports.debrief import debrief_data, debrief_markdown
from scoring.exports.html import debrief_html
from scoring.options import rating_of
from scoring.scoreboard import RunFacts
from simulasi.bundled import bundled_dir
from simulasi.cli import main
from simulasi.engine import Run, shown_order
from simulasi.i18n import t
from simulasi.scenario import Scenario, load_scenario_or_raise
from simulasi.store import Store
from simulasi.ui.screens.debrief_screen import DebriefScreen

SIZE = (80, 24)
VAKSIN = bundled_dir() / "hoaks-vaksin-mr.yaml"
SEED = 2024


def _best_run(scenario: Scenario, seed: int | None) -> Run:
    """Every decision answered with its best available choice at its golden time."""
    run = Run(scenario, history=True, seed=seed)
    run.start(0.0)
    now = 0.0
    while not run.ended:
        now += 5.0
        run.advance(now)
        for pending in run.pending:
            event = scenario.events[pending.event]
            best = scenario.best_choice(event)
            available = run.available_choices(pending.event)
            choice = best.id if best is not None and best.id in available else available[0]
            run.choose(pending.event, choice, now)
            if run.ended:
                break
    return run


def _label(scenario: Scenario, event: str, choice: str, lang: str) -> str:
    option = scenario.choices[(event, choice)]
    label = t(f"rating.{rating_of(scenario, option)}", lang)
    if option.critical:
        label += f" · {t('rating.critical', lang)}"
    return f"[{label}]"


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_a_right_answer_still_learns_why_the_others_were_wrong(
    make_app: Any, lang: str
) -> None:
    """Every decision answered best: each row lists every other choice, in the order the
    run's seed showed them, each with its label and its feedback."""
    scenario = load_scenario_or_raise(VAKSIN)
    run = _best_run(scenario, SEED)
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(DebriefScreen(run, workshop=""))
        await pilot.pause()
        rows = list(app.screen.query(".debrief--event"))
        assert len(rows) == len(run.decisions)
        for row, fact in zip(rows, run.decisions, strict=True):
            event = scenario.events[fact.event]
            expected = [cid for cid in shown_order(SEED, event) if cid != fact.choice]
            lines = [str(s.visual) for s in row.query(".debrief--other").results(Static)]
            assert len(lines) == len(expected)
            for line, cid in zip(lines, expected, strict=True):
                option = scenario.choices[(event.id, cid)]
                label = _label(scenario, event.id, cid, lang)
                assert line.startswith(f"• {label} ")
                assert " ".join(option.text.split()) in line
            whys = [str(s.visual) for s in row.query(".debrief--why.-other").results(Static)]
            feedback = [
                " ".join(scenario.choices[(event.id, cid)].feedback.split())
                for cid in expected
                if scenario.choices[(event.id, cid)].feedback.strip()
            ]
            assert whys == feedback
            heading = str(row.query_one(".debrief--others", Static).visual)
            assert heading == t("game.debrief.others", lang)
            yours = str(row.query(".debrief--choice").results(Static).__next__().visual)
            assert _label(scenario, event.id, fact.choice or "", lang) in yours


def test_one_label_set_for_rating_accuracy_and_rubric() -> None:
    """`rating` choices keep theirs; an `accuracy` or a rubric gets the highest of the four
    whose value it reaches (the format allows no other rating names)."""
    scenario = load_scenario_or_raise(VAKSIN)
    labels = {rating_of(scenario, c) for c in scenario.choices.values()}
    assert labels <= {"best", "good", "weak", "harmful"}
    event = scenario.decisions[0]
    first = (event.choices or ())[0]
    for accuracy, expected in (
        (100, "best"),
        (70, "good"),
        (69.9, "weak"),
        (35, "weak"),
        (0, "harmful"),
    ):
        changed = first.model_copy(update={"rating": None, "rubric": None, "accuracy": accuracy})
        assert rating_of(scenario, changed) == expected


def test_exports_list_the_other_options_in_the_runs_order() -> None:
    """The JSON data, the Markdown and the HTML debrief carry the other choices with their
    label and feedback, in the order the run (its seed) showed them."""
    scenario = load_scenario_or_raise(VAKSIN)
    run = _best_run(scenario, SEED)
    card = score_run(run)
    data = debrief_data(scenario, card, RunFacts("r1", trainee="Ani"), SEED)
    markdown = debrief_markdown(data, "id")
    html = debrief_html(data, "en")
    for decision, fact in zip(data["decisions"], run.decisions, strict=True):
        event = scenario.events[fact.event]
        expected = [cid for cid in shown_order(SEED, event) if cid != fact.choice]
        assert [o["choice"] for o in decision["others"]] == expected
        for option in decision["others"]:
            choice = scenario.choices[(event.id, option["choice"])]
            assert option["rating"] == rating_of(scenario, choice)
            assert option["critical"] == choice.critical
            assert f"**{_label(scenario, event.id, choice.id, 'id')}**" in markdown
            assert _label(scenario, event.id, choice.id, "en") in html
    assert t("results.doc.others", "id") in markdown and t("results.doc.others", "en") in html
    # Without the seed (an older run): file order.
    plain = debrief_data(scenario, card, RunFacts("r1", trainee="Ani"))
    for decision, fact in zip(plain["decisions"], run.decisions, strict=True):
        event = scenario.events[fact.event]
        ids = [c.id for c in event.choices or () if c.id != fact.choice]
        assert [o["choice"] for o in decision["others"]] == ids


def test_the_debrief_command_orders_the_others_by_the_stored_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`simulasi debrief RUN --export x.json` reads the seed from the stored start record."""
    scenario = load_scenario_or_raise(VAKSIN)
    run = _best_run(scenario, SEED)
    with Store.open(tmp_path / "data") as store:
        run_id = store.start_run(scenario, trainee="Ani", records=run.log)
    target = tmp_path / "debrief.json"
    code = main(["debrief", run_id, "--data", str(tmp_path / "data"), "--export", str(target)])
    assert code == 0, capsys.readouterr().err
    data = json.loads(target.read_text(encoding="utf-8"))
    for decision, fact in zip(data["decisions"], run.decisions, strict=True):
        event = scenario.events[fact.event]
        expected = [cid for cid in shown_order(SEED, event) if cid != fact.choice]
        assert [o["choice"] for o in decision["others"]] == expected
