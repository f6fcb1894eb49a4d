"""What the room's tests share besides their fixtures (a module of its own: pytest loads each
folder's conftest.py under one name, so tests import nothing from a conftest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulasi.web.room import RoomServer

SCENARIO = Path(__file__).parent / "room.yaml"
WORKSHOP = "Uji Ruangan Bandung"
#: Real seconds per scenario second (the game's `--time-scale`): twenty times as fast, so the
#: test scenario's decisions come 1 s apart and time out after 6 s, slow enough to answer
#: under load, fast enough for the suite.
TIME_SCALE = "0.05"


@dataclass
class Room:
    server: RoomServer
    base: str
    data: Path
    now: list[float]  # the lockout's clock (tests move it)
