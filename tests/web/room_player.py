"""A scripted browser for the room's tests and benchmark: a websocket client speaking what
textual-serve's page (xterm.js) speaks (`["resize", {...}]`, `["stdin", keys]`), reading the
game's screen updates as text (escape sequences stripped).

No sleeps: `wait_for` waits on the arrival of screen updates, with a deadline.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import re
import secrets
import time
from typing import Any

import aiohttp

CODE = "2468"
SEAT_COOKIE = "simulasi_seat"
#: Escape sequences: CSI (cursor, colours, modes), OSC, DCS, charset and single-character ones.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\"
    r"|[()][0-9A-Za-z]|[@-Z\\-_=>])"
)

TAB, ENTER, ESC = "\t", "\r", "\x1b"
#: On Home once the scenario list is filled (the test scenario's line): Enter opens a
#: scenario only from then on.
LISTED = "2 keputusan"


def new_seat() -> str:
    return secrets.token_hex(16)


class Player:
    """One browser tab: its seat cookie, its websocket, and the screen text received."""

    def __init__(
        self,
        base: str,
        *,
        code: str = CODE,
        seat: str | None = None,
        width: int = 100,
        height: int = 30,
    ) -> None:
        self.base = base
        self.code = code
        self.seat = seat or new_seat()
        self.width = width
        self.height = height
        self.chunks: list[str] = []
        self.arrivals: list[float] = []  # perf_counter of each chunk
        self._changed = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                # No total: it would cut a websocket that lives longer (a slow game).
                timeout=aiohttp.ClientTimeout(total=None, connect=60),
                headers={"Cookie": f"{SEAT_COOKIE}={self.seat}"},
            )
        return self._session

    async def get(self, query: str = "") -> tuple[int, str, Any]:
        timeout = aiohttp.ClientTimeout(total=60)
        async with self.session.get(f"{self.base}/{query}", timeout=timeout) as response:
            return response.status, await response.text(), response.cookies

    async def connect(self, *, code: str | None = None) -> None:
        """Open the websocket as the page does (then the page sends its size)."""
        code = self.code if code is None else code
        url = f"{self.base}/ws?code={code}&width={self.width}&height={self.height}"
        self._ws = await self.session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=10))
        self.closed.clear()
        self._reader = asyncio.create_task(self._read(self._ws))
        await self._ws.send_json(["resize", {"width": self.width, "height": self.height}])

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.chunks.append(decode(message.data))
                    self.arrivals.append(time.perf_counter())
                    self._changed.set()
        finally:
            self.closed.set()
            self._changed.set()

    def mark(self) -> int:
        """A place in the stream: `wait_for(..., since=mark)` looks only at what came after."""
        return len(self.chunks)

    def text(self, since: int = 0) -> str:
        return _ESCAPES.sub("", "".join(self.chunks[since:]))

    async def wait_for(self, needle: str, *, since: int = 0, timeout: float = 30.0) -> int:
        """Wait until `needle` is on the screen updates received since `since`; return the
        index of the chunk that completed it."""
        deadline = time.monotonic() + timeout
        while True:
            if needle in self.text(since):
                for end in range(since + 1, len(self.chunks) + 1):
                    if needle in _ESCAPES.sub("", "".join(self.chunks[since:end])):
                        return end - 1
            if self.closed.is_set():
                raise AssertionError(f"connection closed before {needle!r}: {self.text()[-800:]!r}")
            left = deadline - time.monotonic()
            if left <= 0:
                seen = self.text(since)[-800:]
                raise AssertionError(f"no {needle!r} within {timeout} s: {seen!r}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def keys(self, *keys: str) -> None:
        """Type keys, one message each, as xterm.js sends them."""
        assert self._ws is not None
        for key in keys:
            await self._ws.send_json(["stdin", key])

    async def type_text(self, text: str) -> None:
        await self.keys(*text)

    async def disconnect(self) -> None:
        """The tab closes (or the Wi-Fi drops): the websocket goes."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.wait_for(self._reader, 30)
        self._ws = self._reader = None

    async def close(self) -> None:
        await self.disconnect()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> Player:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def play_to_debrief(player: Player, name: str, *, answers: int = 2) -> None:
    """Home: type the name, open the first scenario; its briefing: begin; answer the first
    choice of each decision as it comes; wait for the debrief."""
    await player.wait_for(LISTED)
    mark = player.mark()
    await player.keys(TAB)
    await player.type_text(name)
    await player.wait_for(name, since=mark)
    await player.keys(ENTER)
    await player.wait_for("Jawab dua pesan")  # the briefing
    playing = player.mark()
    await player.keys(ENTER)
    for title in ("Pesan pertama", "Pesan kedua")[:answers]:
        await player.wait_for(title, since=playing)
        await player.keys("1")
    await player.wait_for("Debrief", since=playing, timeout=60)
