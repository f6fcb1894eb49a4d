"""The room (`simulasi serve`) through a real server and real websocket clients."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import aiohttp
import pytest
from room_player import CODE, ENTER, LISTED, TAB, Player, play_to_debrief
from room_support import WORKSHOP, Room

from simulasi.cli import main
from simulasi.engine import Record
from simulasi.store import Store


async def _refused(player: Player, code: str) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await player.connect(code=code)
    return refused.value.status


async def _until(predicate: object, timeout: float = 30.0) -> None:
    """Poll a condition with a deadline (the server's side has no event to wait on)."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_join_page_asks_for_the_code_in_indonesian_and_in_english(room: Room) -> None:
    async with Player(room.base) as player:
        status, html, _cookies = await player.get()
        assert status == 200 and "Kode gabung" in html and 'name="code"' in html
        status, html, _ = await player.get("?lang=en")
        assert status == 200 and "Join code" in html and 'lang="en"' in html
    # A browser without a seat gets one from the join page.
    async with aiohttp.ClientSession() as session, session.get(room.base + "/") as response:
        seat = response.cookies["simulasi_seat"].value
        assert len(seat) == 32 and int(seat, 16) >= 0
    assert room.server.spawned == 0


async def test_the_game_page_holds_the_code_and_the_host_the_browser_used(room: Room) -> None:
    async with Player(room.base) as player:
        status, html, _ = await player.get(f"?code={CODE}")
        assert status == 200
        assert f'data-session-websocket-url="ws://127.0.0.1:{room.base.rsplit(":", 1)[1]}' in html
        assert f"/ws?code={CODE}&amp;" in html and "textual.js" in html
    assert room.server.spawned == 0  # a process starts with the websocket, not the page


async def test_a_missing_or_wrong_code_is_refused_with_403_before_any_process(room: Room) -> None:
    async with Player(room.base) as player:
        assert await _refused(player, "") == 403
        assert await _refused(player, "1357") == 403
        status, html, _ = await player.get("?code=1357")
        assert status == 403 and "Kode salah" in html
    assert room.server.spawned == 0 and not room.server.sessions


async def test_more_than_20_wrong_codes_a_minute_lock_the_address_out_for_a_minute(
    room: Room,
) -> None:
    async with Player(room.base) as player:
        for _ in range(10):
            assert await _refused(player, "0000") == 403
            status, _, _ = await player.get("?code=0000")
            assert status == 403
        # The 21st wrong code in the minute: locked, even the right code is refused now.
        assert await _refused(player, "0000") == 429
        assert await _refused(player, CODE) == 429
        status, html, _ = await player.get(f"?code={CODE}")
        assert status == 429 and "Terlalu banyak" in html
        room.now[0] += 61  # a minute later
        status, html, _ = await player.get(f"?code={CODE}")
        assert status == 200 and "textual.js" in html
    assert room.server.spawned == 0


async def test_wrong_codes_spread_over_more_than_a_minute_do_not_lock_out(room: Room) -> None:
    async with Player(room.base) as player:
        for _ in range(40):
            status, _, _ = await player.get("?code=0000")
            assert status == 403
            room.now[0] += 4  # 15 a minute
        status, _, _ = await player.get(f"?code={CODE}")
        assert status == 200


async def test_past_max_players_the_room_is_full(make_room: object) -> None:
    room = await make_room(max_players=1)  # type: ignore[operator]
    async with Player(room.base) as first, Player(room.base) as second:
        await first.connect()
        await first.wait_for(LISTED)
        status, html, _ = await second.get(f"?code={CODE}")
        assert status == 503 and "Ruangan penuh" in html
        status, html, _ = await second.get(f"?code={CODE}&lang=en")
        assert status == 503 and "Room full" in html
        assert await _refused(second, CODE) == 503
        # The seat that is in is not refused its own page (a reload).
        status, _, _ = await first.get(f"?code={CODE}")
        assert status == 200
    assert room.server.spawned == 1


async def test_typing_through_the_websocket_reaches_the_name_field(room: Room) -> None:
    """Tab and letters as xterm.js sends them: the first Tab goes to the name field (the
    game starts blurred under the web driver) and the letters appear there."""
    async with Player(room.base) as player:
        await player.connect()
        await player.wait_for(LISTED)
        mark = player.mark()
        await player.keys(TAB, "T", "a", "t", "i")  # in one burst, as a slow link delivers
        await player.wait_for("Tati", since=mark)
        mark = player.mark()
        await player.keys(ENTER)
        await player.wait_for("Jawab dua pesan", since=mark)  # the briefing opened


async def test_a_full_game_through_the_server_is_stored_and_ranked(
    room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    async with Player(room.base) as player:
        await player.connect()
        await play_to_debrief(player, "Ani Wulandari")
        seat = player.seat
    await _until(lambda: not room.server.sessions)
    with Store.open(room.data) as store:
        (run,) = store.runs(workshop=WORKSHOP)
        assert run.status == "finished" and run.trainee == "Ani Wulandari"
        assert run.time_scale == 0.05
        answers = [r for r in store.records(run.id) if r.kind == "answer"]
        assert [(r.event, r.choice) for r in answers] == [("satu", "a"), ("dua", "a")]
    with sqlite3.connect(room.data / "simulasi.db") as db:
        assert db.execute("SELECT seat FROM runs").fetchone()[0] == seat
    capsys.readouterr()
    assert main(["scoreboard", "--data", str(room.data), "--workshop", WORKSHOP]) == 0
    assert "Ani Wulandari" in capsys.readouterr().out


async def test_a_trainee_comes_back_to_their_own_run_and_nobody_else_sees_it(room: Room) -> None:
    async with Player(room.base) as budi, Player(room.base) as sari:
        await budi.connect()
        await budi.wait_for(LISTED)
        mark = budi.mark()
        await budi.keys(TAB)
        await budi.type_text("Budi")
        await budi.wait_for("Budi", since=mark)
        await budi.keys(ENTER)
        await budi.wait_for("Jawab dua pesan")
        mark = budi.mark()
        await budi.keys(ENTER)
        await budi.wait_for("Pesan pertama", since=mark)
        await budi.keys("1")
        with Store.open(room.data) as store:
            await _until(lambda: any(r.kind == "answer" for r in _only_run_log(store)))
        # The lid closes: the connection goes, the game is stopped, the run stays unfinished.
        await budi.disconnect()
        await _until(lambda: not room.server.sessions)
        with Store.open(room.data) as store:
            assert len(store.unfinished_runs_of_seat(budi.seat)) == 1
            assert store.unfinished_runs_of_seat(sari.seat) == []
            reached = max(r.at for r in _only_run_log(store))

        # Another trainee: Home offers nothing (F4 says so), and no one's name shows.
        await sari.connect()
        await sari.wait_for(LISTED)
        mark = sari.mark()
        await sari.keys("\x1bOS")  # F4: offer the unfinished runs
        await sari.wait_for("Tidak ada permainan yang belum selesai", since=mark)
        assert "Budi" not in sari.text() and "belum selesai  " not in sari.text()

        # Budi again, same browser: his run is offered at once; he continues it to the end.
        await budi.connect()
        await budi.wait_for("Permainan yang belum selesai")
        await budi.wait_for("Budi")
        mark = budi.mark()
        await budi.keys("r")
        await budi.wait_for("Pesan kedua", since=mark)
        mark = budi.mark()
        await budi.keys("1")
        await budi.wait_for("Debrief", since=mark, timeout=60)
    await _until(lambda: not room.server.sessions)
    with Store.open(room.data) as store:
        (run,) = store.runs(workshop=WORKSHOP)
        assert run.status == "finished" and run.trainee == "Budi"
        log = store.records(run.id)
        # The time did not run while nobody drove the run: the second decision was answered
        # well before the first one's deadline (120 scenario seconds) had passed.
        answers = [r for r in log if r.kind == "answer"]
        assert [r.event for r in answers] == ["satu", "dua"]
        assert reached < 120 and answers[1].at < 120


def _only_run_log(store: Store) -> tuple[Record, ...]:
    runs = store.runs(workshop=WORKSHOP)
    return store.records(runs[0].id) if runs else ()


async def test_a_second_tab_of_the_same_seat_takes_over_the_game(room: Room) -> None:
    async with Player(room.base) as tab1:
        tab2 = Player(room.base, seat=tab1.seat)
        try:
            await tab1.connect()
            await tab1.wait_for(LISTED)
            await tab2.connect()
            await tab2.wait_for(LISTED)
            await asyncio.wait_for(tab1.closed.wait(), 30)  # the first tab's game was closed
            assert len(room.server.sessions) == 1
        finally:
            await tab2.close()


async def test_ten_trainees_at_once_are_all_stored(room: Room) -> None:
    players = [Player(room.base) for _ in range(10)]
    try:
        await asyncio.gather(*(p.connect() for p in players))

        async def play(index: int, player: Player) -> None:
            await play_to_debrief(player, f"Peserta {index:02d}")

        await asyncio.wait_for(asyncio.gather(*(play(i, p) for i, p in enumerate(players))), 120)
    finally:
        await asyncio.gather(*(p.close() for p in players))
    await _until(lambda: not room.server.sessions)
    with Store.open(room.data) as store:
        runs = store.runs(workshop=WORKSHOP)
        assert sorted(r.trainee for r in runs) == [f"Peserta {i:02d}" for i in range(10)]
        assert all(r.status == "finished" for r in runs)
