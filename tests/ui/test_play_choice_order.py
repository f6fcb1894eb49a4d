"""The game shows each decision's choices in the run's own order, and keys 1-9 follow it;
updates that arrived can be read while decisions wait."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from scoring import ScoreCard
from simulasi.bundled import bundled_dir, bundled_scenarios
from simulasi.engine import in_shown_order
from simulasi.store import Store
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.inject_view import InjectView

SIZE = (80, 24)
SEEDS = (3, 1234, 987654)
BANSOS = bundled_dir() / "kebocoran-data-bansos.yaml"
Pick = Callable[[PlayScreen], int]


def _ids(play: PlayScreen) -> list[str]:
    return [choice.id for choice in play.offered]


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def _first(play: PlayScreen) -> int:
    return 1


def _longest(play: PlayScreen) -> int:
    """The key of the choice with the most words (the first shown of those tied)."""
    lengths = [_words(choice.text) for choice in play.offered]
    return lengths.index(max(lengths)) + 1


async def _play_through(pilot: Any, step: Any, pick: Pick) -> ScoreCard:
    """Answer whatever is selected 5 s after it shows, with the key `pick` names, checking
    that the key answers the choice the run's seed puts there; skip the quiet stretches."""
    app = pilot.app
    for _ in range(500):
        play = app.screen
        if not isinstance(play, PlayScreen):
            break
        if play.run.pending:
            play = await step(pilot, 5)
            if not isinstance(play, PlayScreen):
                break
            if not play.offered:
                continue
            event = play.selected
            assert event is not None
            shown = in_shown_order(
                play.run.seed,
                play.scenario.events[event],
                play.run.available_choices(event),
            )
            assert _ids(play) == shown[:9]
            key = pick(play)
            await pilot.press(str(key))
            await pilot.pause()
            answer = [r for r in play.run.log if r.kind == "answer"][-1]
            assert (answer.event, answer.choice) == (event, shown[key - 1])
        else:
            before = play.clock.now()
            await pilot.press("space")
            await pilot.pause()
            if isinstance(app.screen, PlayScreen) and play.clock.now() == before:
                await step(pilot, 10)
    debrief = app.screen
    assert isinstance(debrief, DebriefScreen)
    return debrief.card


@pytest.mark.parametrize("seed", SEEDS)
async def test_keys_follow_the_order_the_runs_seed_draws(
    make_app: Any, open_play: Any, seed: int
) -> None:
    """The seed the session gives is in the start record; the choices on keys 1-9 are in the
    order drawn from it, and key 1 answers the first of them (a choice id in the log)."""
    app = make_app(seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        assert play.run.log[0].seed == seed
        event = play.scenario.events["vn_viral"]
        drawn = in_shown_order(seed, event, play.run.available_choices("vn_viral"))
        assert _ids(play) == drawn
        texts = [str(s.visual) for s in play.query(".choices--text").results(Static)]
        assert texts == [
            " ".join(play.scenario.choices[("vn_viral", c)].text.split()) for c in drawn
        ]
        await pilot.press("1")
        await pilot.pause()
        answer = [r for r in play.run.log if r.kind == "answer"]
        assert [(r.event, r.choice) for r in answer] == [("vn_viral", drawn[0])]


async def test_seeds_show_different_orders(make_app: Any, open_play: Any) -> None:
    """Trainees comparing notes find that "press 1" is not the same answer for everyone."""
    firsts = set()
    for seed in range(6):
        app = make_app(seed=seed)
        async with app.run_test(size=SIZE) as pilot:
            play = await open_play(pilot)
            firsts.add(_ids(play)[0])
    assert len(firsts) > 1


async def test_a_resumed_run_shows_the_order_it_showed_before(
    make_app: Any, open_play: Any, step: Any, tmp_path: Path
) -> None:
    """Quit mid-run and resume in a session whose seed source gives another seed: the run
    keeps its own seed and shows the same order as before."""
    with Store.open(tmp_path / "data") as store:
        app = make_app(store=store, seed=11)
        async with app.run_test(size=SIZE) as pilot:
            play = await open_play(pilot)
            await step(pilot, 31)  # the journalist's call has arrived too
            before = {p.event: _ids(_select(play, p.event)) for p in play.run.pending}
            await pilot.press("q", "y")
            await pilot.pause()
        assert len(before) == 2
        again = make_app(store=store, seed=500)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            play = again.screen
            assert isinstance(play, PlayScreen) and play.run.seed == 11
            after = {p.event: _ids(_select(play, p.event)) for p in play.run.pending}
        assert after == before


async def test_a_run_stored_without_a_seed_resumes_in_file_order(
    make_app: Any, open_play: Any, tmp_path: Path
) -> None:
    """A run stored before seeds existed (no seed in its start record) shows file order when
    it is resumed, whatever seed the session would give a new run."""
    with Store.open(tmp_path / "data") as store:
        app = make_app(store=store, seed=None)
        async with app.run_test(size=SIZE) as pilot:
            await open_play(pilot)
            await pilot.press("q", "y")
            await pilot.pause()
        again = make_app(store=store, seed=77)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            play = again.screen
            assert isinstance(play, PlayScreen) and play.run.seed is None
            assert _ids(play) == play.run.available_choices("vn_viral")


def _select(play: PlayScreen, event: str) -> PlayScreen:
    play.selected = event
    play.refresh_view()
    return play


# The game's test of issue "no run is won by position, length or luck": a trainee who presses
# 1 on every message, or always takes the longest choice, fails every bundled scenario,
# whatever order the run's seed shows.
#
# Pressing 1 in a shuffled order is a guess, and a guess is sometimes lucky: over 1,000 seeds
# it passes 0-0.7 % of runs of a bundled scenario (tests/tools/test_bundled_scenarios.py holds
# that figure under 2 %). So here, through the real app, the seeds' mean is held far below the
# pass mark rather than each run: one lucky seed in a few hundred does not make it flaky.


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
async def test_pressing_1_on_every_message_fails_every_bundled_scenario(
    make_app: Any, open_play: Any, step: Any, path: Path
) -> None:
    totals = []
    for seed in SEEDS:
        app = make_app(paths=[path], seed=seed)
        async with app.run_test(size=SIZE) as pilot:
            await open_play(pilot)
            card = await _play_through(pilot, step, _first)
        totals.append(card.total)
        pass_mark = card.pass_mark
    assert sum(totals) / len(totals) < pass_mark - 15, (path.stem, totals)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
async def test_always_the_longest_choice_fails_every_bundled_scenario(
    make_app: Any, open_play: Any, step: Any, path: Path, seed: int
) -> None:
    app = make_app(paths=[path], seed=seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_play(pilot)
        card = await _play_through(pilot, step, _longest)
    assert not card.passed, (path.stem, seed, card.total)


# ---------------------------------------------------------------------- reading updates


def _inject_text(play: PlayScreen) -> str:
    view = play.query_one("#play--inject").query(InjectView).first()
    return " ".join(" ".join(str(s.visual).split()) for s in view.query(Static))


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_the_csirt_result_can_be_read_before_answering_the_decision_it_informs(
    make_app: Any, open_play: Any, step: Any, lang: str
) -> None:
    """bansos: the CSIRT result (an update) arrives together with the decision about what to
    tell the public. With that decision pending and unanswered, u shows the whole result;
    Esc goes back to the decision, which is then answered by its keys as usual."""
    app = make_app(paths=[BANSOS], seed=5, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        result = play.scenario.events["hasil_csirt"]
        body = " ".join(result.body.split())
        await step(pilot, result.at or 0.0)
        assert play.run.is_pending("rilis_pengakuan")
        _select(play, "rilis_pengakuan")
        await pilot.pause()
        assert body not in _inject_text(play)
        keys = str(play.query_one("#play--keys", Static).visual)
        assert ("u kabar" if lang == "id" else "u news") in keys
        await pilot.press("u")
        await pilot.pause()
        # The newest update first: the CSIRT result, its whole body, with no choice on keys.
        assert play.reading == "hasil_csirt"
        text = _inject_text(play)
        assert result.title in text and body in text
        assert play.offered == []
        await pilot.press("1")
        await pilot.pause()
        assert play.run.is_pending("rilis_pengakuan")
        assert not [r for r in play.run.log if r.kind == "answer" and r.event == "rilis_pengakuan"]
        await pilot.press("escape")
        await pilot.pause()
        assert play.reading is None and play.selected == "rilis_pengakuan" and play.offered
        await pilot.press("1")
        await pilot.pause()
        assert not play.run.is_pending("rilis_pengakuan")


async def test_u_goes_through_the_updates_newest_first_then_back(
    make_app: Any, open_play: Any, step: Any
) -> None:
    """u shows the newest update, then each older one, then the decision again; Tab goes
    back at once too. Nothing is read before any update has arrived."""
    app = make_app(paths=[BANSOS])
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert play.reading is None and play.offered
        await step(pilot, 271)
        news = [
            r.event
            for r in reversed(play.run.feed)
            if r.kind == "arrive" and not play.scenario.events[r.event or ""].is_decision
        ]
        assert news and news[0] == "hasil_csirt"
        for update in news:
            await pilot.press("u")
            await pilot.pause()
            assert play.reading == update
        await pilot.press("u")
        await pilot.pause()
        assert play.reading is None and play.offered
        await pilot.press("u")
        await pilot.pause()
        assert play.reading == news[0]
        await pilot.press("tab")
        await pilot.pause()
        assert play.reading is None and play.offered


SMALL = """format: simulasi/1
id: kabar-kecil
title: "Kabar kecil"
summary: "Satu keputusan, satu kabar yang datang saat keputusan menunggu."
briefing: "Jawab pesannya."
stakeholders:
  - {id: warga}
events:
  - id: tanya
    at: 0
    title: "Pertanyaan warga"
    body: "Apa yang terjadi?"
    deadline: 100
    choices:
      - {id: a, text: "Jawab A", rating: best, feedback: "Ya."}
      - {id: b, text: "Jawab B", rating: weak, feedback: "Kurang."}
    on_timeout: {}
  - id: data
    at: 10
    title: "Data resmi"
    body: "Angka resmi: 12 kasus."
endings:
  - {id: selesai, text: "x"}
"""


async def test_an_update_arriving_under_a_decision_leaves_it_as_it_is(
    make_app: Any, open_play: Any, step: Any, tmp_path: Path
) -> None:
    """The message being read is not redrawn (its scroll position stays) when an update
    arrives; the key bar starts offering u, which shows the update."""
    path = tmp_path / "kabar-kecil.yaml"
    path.write_text(SMALL, encoding="utf-8")
    app = make_app(paths=[path])
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        before = play.query_one(InjectView)
        assert "u " not in str(play.query_one("#play--keys", Static).visual)
        await step(pilot, 11)
        assert any(r.kind == "arrive" and r.event == "data" for r in play.run.log)
        assert play.query_one(InjectView) is before
        assert "u kabar" in str(play.query_one("#play--keys", Static).visual)
        await pilot.press("u")
        await pilot.pause()
        assert "Angka resmi: 12 kasus." in _inject_text(play)
