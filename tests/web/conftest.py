"""A real room on 127.0.0.1 (a free port) serving tests/web/room.yaml to real websocket
clients; its games are real `simulasi play` processes under Textual's web driver."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from room_player import CODE
from room_support import SCENARIO, TIME_SCALE, WORKSHOP, Room

from simulasi.commands.serve import game_command
from simulasi.store import Store
from simulasi.web.room import RoomRules, RoomServer


@pytest.fixture
async def make_room(tmp_path: Path) -> AsyncIterator[Callable[..., object]]:
    rooms: list[RoomServer] = []

    async def make(*, max_players: int = 60) -> Room:
        data = tmp_path / "data"
        Store.open(data).close()  # as `simulasi serve` does before it listens
        argv = game_command(
            scenario=SCENARIO,
            scenarios=None,
            workshop=WORKSHOP,
            data=data.resolve(),
            time_scale=TIME_SCALE,
            lang="id",
        )
        now = [1000.0]
        server = RoomServer(
            argv,
            RoomRules(code=CODE, max_players=max_players),
            host="127.0.0.1",
            port=0,
            clock=lambda: now[0],
        )
        port = await server.start()
        rooms.append(server)
        return Room(server, f"http://127.0.0.1:{port}", data, now)

    yield make
    for server in rooms:
        await server.stop()


@pytest.fixture
async def room(make_room: Callable[..., object]) -> Room:
    made = await make_room()  # type: ignore[misc]
    assert isinstance(made, Room)
    return made
