"""Joining and rejoining the room: games that have no run yet show in the console (in the
lobby, reading the briefing, disconnected once their heartbeat stops); a briefing opened after
the room started does not wait; a run resumed or begun while the room is paused is held by the
room; a run away while commands were issued applies them in order when it comes back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from console_support import VAKSIN, WORKSHOP, MakeGame, one_second, open_play
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual._context import active_app
from textual.pilot import Pilot
from textual.widgets import DataTable

from scoring import score
from simulasi.console.app import ConsoleApp
from simulasi.console.roster import PRESENCE_FORGOTTEN_SECONDS, RosterRow, State, presence_rows
from simulasi.engine import FakeClock, Record, Run
from simulasi.scenario import load_scenario_or_raise
from simulasi.store import LEASE_SECONDS, Store
from simulasi.store.room import Presence, PresenceState
from simulasi.ui.screens.briefing_screen import BriefingScreen
from simulasi.ui.screens.debrief_screen import DebriefScreen
from simulasi.ui.screens.play_screen import PlayScreen
from simulasi.ui.widgets.key_bar import KeyBar

SIZE = (80, 24)


async def _open_briefing(pilot: Pilot[None]) -> BriefingScreen:
    await pilot.press("enter")  # Home -> the briefing of the first scenario
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BriefingScreen)
    return screen


async def _poll_lobby(pilot: Pilot[None]) -> None:
    """The briefing's one-second poll, with this game as the active app."""
    screen = pilot.app.screen
    if isinstance(screen, BriefingScreen):
        token = active_app.set(pilot.app)
        try:
            screen.poll_lobby()
        finally:
            active_app.reset(token)
    await pilot.pause()


def _states(console: ConsoleApp) -> dict[str, str]:
    console.refresh_roster()
    return {row.trainee: row.state for row in console.rows}


def _room(store: Store, run_id: str) -> list[tuple[str, int | None]]:
    """The run's pause/resume/message/finish records, with the room command each applied."""
    kinds = ("pause", "resume", "message", "finish")
    return [(r.kind, r.room) for r in store.records(run_id) if r.kind in kinds]


def _presence(game: str, trainee: str, team: str = "Tim 1", at: float = 1000.0) -> Presence:
    return Presence(WORKSHOP, game, trainee, team, "", "hoaks-vaksin-mr", "Vaksin", "lobby", at)


def _run_row(run_id: str, trainee: str, team: str, state: State) -> RosterRow:
    return RosterRow(
        run_id=run_id,
        trainee=trainee,
        team=team,
        agency="",
        scenario_id="s",
        scenario_title="S",
        state=state,
        answered=0,
        arrived=0,
        red_line=False,
        urgent=None,
        total=None,
        passed=None,
        pass_mark=None,
        practice=False,
    )


# ---------------------------------------------------------------------- presence


async def test_games_reading_a_briefing_show_in_the_roster_until_their_run_starts(
    store: Store, make_game: MakeGame
) -> None:
    (lobby, _), (reader, _) = (
        make_game(store, "Ani", lobby=True),
        make_game(store, "Budi", team="Tim 2"),
    )
    console = ConsoleApp(store, WORKSHOP, lang="en")
    async with (
        console.run_test(size=(120, 40)) as pc,
        lobby.run_test(size=SIZE) as pa,
        reader.run_test(size=SIZE) as pb,
    ):
        assert _states(console) == {}
        await _open_briefing(pa)
        await _open_briefing(pb)
        assert _states(console) == {"Ani": "lobby", "Budi": "briefing"}
        shown = {row.trainee: row for row in console.shown}
        assert shown["Ani"].scenario_id == shown["Budi"].scenario_id == "hoaks-vaksin-mr"
        assert not shown["Ani"].has_run
        table = console.query_one(DataTable)
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells[:3] == ["Ani", "in the lobby", "-"]  # no decisions before a run
        await pc.pause()
        header = str(console.query_one("#console--header").render())
        assert "2 trainees · 1 in lobby · 1 reading" in header
        await pc.press("f")  # the filter by scenario knows the games without a run
        assert {row.trainee for row in console.shown} == {"Ani", "Budi"}

        await pc.press("s")  # the room starts: the lobby's game begins its run
        await _poll_lobby(pa)
        assert isinstance(pa.app.screen, PlayScreen)
        assert [p.trainee for p in store.presence(WORKSHOP)] == ["Budi"]
        assert _states(console) == {"Ani": "playing", "Budi": "briefing"}

        await pb.press("escape")  # Budi goes back to the scenario list
        await pb.pause()
        assert store.presence(WORKSHOP) == []
        assert _states(console) == {"Ani": "playing"}


async def test_the_briefing_refreshes_its_row_and_quitting_removes_it(
    tmp_path: Path, make_game: MakeGame
) -> None:
    now = [1000.0]
    with Store.open(tmp_path / "data", clock=lambda: now[0]) as store:
        app, _ = make_game(store, "Citra")
        async with app.run_test(size=SIZE) as pilot:
            briefing = await _open_briefing(pilot)
            assert [(p.trainee, p.updated_at) for p in store.presence(WORKSHOP)] == [
                ("Citra", 1000.0)
            ]
            now[0] = 1010.0
            await pilot.press("question_mark")  # under the help, the heartbeat goes on
            await pilot.pause()
            briefing.heartbeat()
            assert [p.updated_at for p in store.presence(WORKSHOP)] == [1010.0]
            await pilot.press("escape")
            await pilot.press("ctrl+q")  # quit the game from the briefing
            await pilot.pause()
        assert store.presence(WORKSHOP) == []


def test_a_silent_game_is_disconnected_then_forgotten_or_replaced() -> None:
    """No heartbeat for the lease time: disconnected; the same trainee back (a run under way
    or a live game) or silent for an hour: left out."""
    rows = presence_rows([_presence("g1", "Ani")], [], 1000.0)
    assert [(r.run_id, r.state) for r in rows] == [("presence:g1", "lobby")]
    later = 1000.0 + LEASE_SECONDS + 1
    assert [r.state for r in presence_rows([_presence("g1", "Ani")], [], later)] == ["disconnected"]
    forgotten = 1000.0 + PRESENCE_FORGOTTEN_SECONDS + 1
    assert presence_rows([_presence("g1", "Ani")], [], forgotten) == []
    # Ani came back in another game (a live row of its own): the silent one is left out.
    again = Presence(WORKSHOP, "g2", "Ani", "Tim 1", "", "x", "X", "briefing", later)
    both = presence_rows([_presence("g1", "Ani"), again], [], later)
    assert [(r.run_id, r.state) for r in both] == [("presence:g2", "briefing")]
    # ... or her run is under way; another trainee's silent game still shows.
    playing = _run_row("run1", "Ani", "Tim 1", "playing")
    left = presence_rows([_presence("g1", "Ani"), _presence("g3", "Budi")], [playing], later)
    assert [(r.trainee, r.state) for r in left] == [("Budi", "disconnected")]


async def test_the_console_shows_a_silent_game_as_disconnected(tmp_path: Path) -> None:
    now = [1000.0]
    with Store.open(tmp_path / "data", clock=lambda: now[0]) as store:
        store.set_presence(_presence("g1", "Dedi"))
        console = ConsoleApp(store, WORKSHOP, lang="en")
        async with console.run_test(size=(120, 40)):
            assert _states(console) == {"Dedi": "lobby"}
            now[0] += LEASE_SECONDS + 1
            assert _states(console) == {"Dedi": "disconnected"}
            console.sort = "state"
            console.refresh_roster()
            assert console.shown[0].trainee == "Dedi"


# ---------------------------------------------------------------------- a late briefing


async def test_a_briefing_opened_after_the_room_started_does_not_wait(
    store: Store, make_game: MakeGame
) -> None:
    """The room started (a `start` after its last `end`) before this trainee opened the
    briefing: it is read as without the lobby, and Enter begins the run."""
    for kind in ("start", "end", "start"):
        store.issue_command(WORKSHOP, kind)
    app, _ = make_game(store, "Eka", lobby=True)
    async with app.run_test(size=SIZE) as pilot:
        briefing = await _open_briefing(pilot)
        assert briefing.late and briefing.lobby_after is None
        bar = str(briefing.query_one(KeyBar).render())
        assert "menunggu fasilitator" not in bar
        assert "mulai (sudah dimulai)" in bar
        assert cell_len(bar.strip()) <= SIZE[0] - 2  # the whole bar fits 80 columns
        assert [p.state for p in store.presence(WORKSHOP)] == ["briefing"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert store.presence(WORKSHOP) == []


# ---------------------------------------------------------------------- the room's pause


async def _play_into_the_rooms_pause(
    store: Store, make_game: MakeGame, name: str
) -> tuple[str, float]:
    """A run played 5 s, paused by the room, then left (q, y) while paused: its id and the
    scenario second it reached."""
    app, clock = make_game(store, name)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        for _ in range(5):
            await one_second(pilot, clock)
        store.issue_command(WORKSHOP, "pause")
        await one_second(pilot, clock)
        assert play.is_paused and play.recorder is not None
        run_id, at = play.recorder.run_id, play.run.now
        await pilot.press("q")  # the quit question, then yes
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    return run_id, at


async def _resumed(pilot: Pilot[None], run_id: str) -> PlayScreen:
    await pilot.pause()
    play = pilot.app.screen
    assert isinstance(play, PlayScreen)
    assert play.recorder is not None and play.recorder.run_id == run_id
    return play


async def test_a_game_quit_during_the_rooms_pause_comes_back_paused(
    store: Store, make_game: MakeGame
) -> None:
    run_id, at = await _play_into_the_rooms_pause(store, make_game, "Fajar")
    again, clock = make_game(store, "Fajar", resume=True)
    async with again.run_test(size=SIZE) as pilot:
        play = await _resumed(pilot, run_id)
        assert play.is_paused  # held by the room, from the first frame
        note = str(play.query_one("#play--paused").render())
        assert "Fasilitator menjeda" in note
        await pilot.press("p")  # not the trainee's to undo
        await pilot.pause()
        for _ in range(20):
            await one_second(pilot, clock)
        assert play.is_paused and play.clock.now() == at
        store.issue_command(WORKSHOP, "resume")
        await one_second(pilot, clock)
        assert not play.is_paused
        assert play.run.now > at
        log = list(play.run.log)
    # The pause and the room's resume, each once; the paused time is not scenario time.
    assert _room(store, run_id) == [("pause", 1), ("resume", 2)]
    resume = next(r for r in log if r.kind == "resume")
    assert resume.at == at
    assert list(Run.replay(play.scenario, store.records(run_id)).log) == log


async def test_a_run_begun_in_a_paused_room_is_held_until_the_room_resumes(
    store: Store, make_game: MakeGame
) -> None:
    store.issue_command(WORKSHOP, "pause")
    app, clock = make_game(store, "Gita")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        assert play.is_paused
        for _ in range(5):
            await one_second(pilot, clock)
        assert play.run.now == 0.0
        store.issue_command(WORKSHOP, "resume")
        await one_second(pilot, clock)
        assert not play.is_paused
        assert play.recorder is not None
        run_id = play.recorder.run_id
    assert _room(store, run_id) == [("pause", None), ("resume", 2)]
    assert store.records(run_id)[0].room == 1  # begun after the room's pause


# ---------------------------------------------------------------------- catching up


async def test_a_run_away_during_resume_message_and_end_applies_them_in_order(
    store: Store, make_game: MakeGame
) -> None:
    """Left during the room's pause; while it is away the room resumes, sends a message and
    ends: back, it applies the three in order, ends into its debrief, and its stored log
    replays and scores as the debrief shows."""
    run_id, at = await _play_into_the_rooms_pause(store, make_game, "Hana")
    store.issue_command(WORKSHOP, "resume")
    store.issue_command(WORKSHOP, "message", "Sesi berakhir")
    store.issue_command(WORKSHOP, "end")
    again, clock = make_game(store, "Hana", resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(pilot.app.screen, PlayScreen):  # its first poll may have run already
            await one_second(pilot, clock)
        assert isinstance(pilot.app.screen, DebriefScreen)
        card = pilot.app.screen.card
    assert _room(store, run_id) == [
        ("pause", 1),
        ("resume", 2),
        ("message", 3),
        ("finish", 4),
    ]
    log = store.records(run_id)
    assert Record("message", at, text="Sesi berakhir", room=3) in log
    assert store.find_run(run_id).status == "finished"
    vaksin = load_scenario_or_raise(VAKSIN)
    assert score(vaksin, log) == card


def slow_writes(store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to `store` takes half a second of the game's clock (a slow disk)."""
    write = store.append

    def slow_append(run_id: str, records: Sequence[Record]) -> None:
        clock.advance(0.5)
        write(run_id, records)

    monkeypatch.setattr(store, "append", slow_append)


async def test_time_the_disk_takes_during_the_rooms_pause_is_not_scenario_time(
    store: Store, make_game: MakeGame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write takes half a second of the game's clock (a slow disk): the room's pause
    stops the clock before its record is written, so the resume is logged at the pause's
    second."""
    app, clock = make_game(store, "Indah")
    slow_writes(store, clock, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await one_second(pilot, clock)
        store.issue_command(WORKSHOP, "pause")
        await one_second(pilot, clock)
        store.issue_command(WORKSHOP, "resume")
        await one_second(pilot, clock)
        assert play.recorder is not None
        run_id = play.recorder.run_id
    pause, resume = (r for r in store.records(run_id) if r.kind in ("pause", "resume"))
    assert (pause.room, resume.room) == (1, 2)
    assert pause.at == resume.at


async def test_time_the_disk_takes_during_the_trainees_own_pause_is_not_scenario_time(
    store: Store, make_game: MakeGame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the trainee's own pause (`p`): its record is written after the clock
    stopped, so pause and resume are logged at the same second."""
    app, clock = make_game(store, "Indah")
    slow_writes(store, clock, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_play(pilot)
        await one_second(pilot, clock)
        await pilot.press("p")
        await one_second(pilot, clock)
        await pilot.press("p")
        await one_second(pilot, clock)
        assert play.recorder is not None
        run_id = play.recorder.run_id
    pause, resume = (r for r in store.records(run_id) if r.kind in ("pause", "resume"))
    assert (pause.room, resume.room) == (None, None)
    assert pause.at == resume.at


_people = st.sampled_from([("Ani", "Tim 1"), ("Ani", "Tim 2"), ("Budi", "Tim 1")])
_presence_states: st.SearchStrategy[PresenceState] = st.sampled_from(["lobby", "briefing"])
_run_states: st.SearchStrategy[State] = st.sampled_from(["playing", "finished", "disconnected"])


@settings(max_examples=200)
@given(
    st.lists(st.tuples(_people, _presence_states, st.floats(0.0, 5000.0)), max_size=8),
    st.lists(st.tuples(_people, _run_states), max_size=4),
    st.floats(0.0, 6000.0),
)
def test_presence_rows_show_every_live_game_and_only_unreplaced_silent_ones(
    games: list[tuple[tuple[str, str], PresenceState, float]],
    runs: list[tuple[tuple[str, str], State]],
    now: float,
) -> None:
    present = [
        Presence(WORKSHOP, f"g{i}", name, team, "", "s", "S", state, at)
        for i, ((name, team), state, at) in enumerate(games)
    ]
    run_rows = [
        _run_row(f"r{i}", name, team, state) for i, ((name, team), state) in enumerate(runs)
    ]
    rows = presence_rows(present, run_rows, now)
    by_id = {row.run_id: row for row in rows}
    keys = [f"presence:{p.game}" for p in present]
    assert [r.run_id for r in rows] == [key for key in keys if key in by_id]  # in order, once
    live = {(p.trainee, p.team) for p in present if now - p.updated_at <= LEASE_SECONDS}
    under_way = {(r.trainee, r.team) for r in run_rows if r.state != "finished"}
    for p, key in zip(present, keys, strict=True):
        row = by_id.get(key)
        silent = now - p.updated_at > LEASE_SECONDS
        if not silent:  # a live game is always shown, in its own state
            assert row is not None and row.state == p.state and not row.has_run
        elif row is not None:  # a silent one only while nobody replaced it, for an hour
            assert row.state == "disconnected"
            assert (p.trainee, p.team) not in live | under_way
            assert now - p.updated_at <= PRESENCE_FORGOTTEN_SECONDS
        else:
            replaced = (p.trainee, p.team) in live | under_way
            assert replaced or now - p.updated_at > PRESENCE_FORGOTTEN_SECONDS
