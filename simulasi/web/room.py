"""The room's web server: textual-serve's server and app service, with the room's rules.

textual-serve runs one process per websocket and speaks xterm.js's messages (`["stdin", s]`,
`["resize", {...}]`, ...) with it; nothing of that protocol is ours. `RoomServer` replaces its
routes with:

- `GET /`: the join page (asks for the code; `?lang=en`), the game page for `/?code=CODE` (the
  address the QR code holds), a "room full" page past `max_players` live sessions, a "too many
  attempts" page for an address that guessed wrong more than `lockout_failures` times within
  `lockout_seconds`. Every page sets the seat cookie if the browser has none.
- `GET /ws?code=CODE`: the code is checked (403), the lockout (429) and the room's size (503)
  **before** a process is started. The game runs from `argv`, a list fixed by the facilitator
  (`simulasi serve` builds it), started without a shell; the only thing that comes from the
  browser is the seat token, checked to be 32 hex digits, in an environment variable.

A seat has at most one live game: a browser that reconnects (reload, Wi-Fi back) while its old
connection is still open stops the old game first (its run stays unfinished in the store, its
clock stopped at the last record) and Home offers that run to the new one.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
import secrets
import shlex
import time
from asyncio.subprocess import PIPE, Process
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from simulasi.i18n import LANGS, t
from simulasi.web import SEAT_VARIABLE

log = logging.getLogger("simulasi.web")

SEAT_COOKIE = "simulasi_seat"
_SEAT = re.compile(r"[0-9a-f]{32}")
#: A seat lasts a working day: the cookie outlives a closed lid or a dropped Wi-Fi.
SEAT_MAX_AGE = 12 * 3600
#: How long a game is given to close (it stores its last records) before it is killed.
STOP_TIMEOUT = 10.0
TEMPLATES = Path(__file__).parent / "templates"
#: Seconds between the server's pings: a browser gone without closing (Wi-Fi lost, a phone
#: locked) is noticed within about one and a half of these, and its game is stopped there.
#: A pong may take half of it: with 60 games starting on two busy cores the server process
#: can wait that long for the CPU.
HEARTBEAT = 30.0


@dataclass(frozen=True)
class RoomRules:
    """What the facilitator fixed for the room's doors."""

    code: str
    max_players: int = 60
    lang: str = "id"
    lockout_failures: int = 20
    lockout_seconds: float = 60.0


class Lockout:
    """Addresses that typed more than `limit` wrong codes within `seconds` are refused for
    `seconds` (the clock is injectable: tests move it instead of waiting)."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._until: dict[str, float] = {}

    def locked(self, address: str) -> bool:
        until = self._until.get(address)
        if until is None:
            return False
        if self.clock() < until:
            return True
        del self._until[address]
        self._failures.pop(address, None)
        return False

    def failed(self, address: str) -> bool:
        """Count a wrong code; True if the address is now locked out."""
        now = self.clock()
        failures = self._failures.setdefault(address, deque())
        failures.append(now)
        while failures and failures[0] <= now - self.seconds:
            failures.popleft()
        if len(failures) > self.limit:
            self._until[address] = now + self.seconds
            return True
        return False


class SeatService(AppService):
    """textual-serve's app service for one seat: the game is started from an argument list
    (no shell) with the seat token in its environment."""

    def __init__(self, argv: Sequence[str], seat: str, **kwargs: Any) -> None:
        # The command string is only what textual-serve logs; the process is started from
        # `argv` by `_open_app_process`.
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)
        self.seat = seat
        self.process: Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        environment[SEAT_VARIABLE] = self.seat
        self.process = self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def close(self) -> None:
        """Ask the game to quit and wait for it; kill it if it does not go in time."""
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(self.stop(), STOP_TIMEOUT)
        process = self.process
        if process is None:
            return
        if process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()


class RoomServer(Server):
    """textual-serve's server with the room's rules. `argv` runs one game."""

    def __init__(
        self,
        argv: Sequence[str],
        rules: RoomRules,
        *,
        host: str = "0.0.0.0",
        port: int = 8000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title="simulasi")
        self.argv = list(argv)
        self.rules = rules
        self.lockout = Lockout(rules.lockout_failures, rules.lockout_seconds, clock)
        #: The live games, by seat (one per seat).
        self.sessions: dict[str, SeatService] = {}
        #: How many game processes were started (the tests check that refusals start none).
        self.spawned = 0
        self._pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ running

    async def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self._close_sessions)
        return app

    async def _make_app(self) -> web.Application:
        return await self.make_app()

    async def start(self) -> int:
        """Listen on host:port (port 0: a free one); return the port."""
        runner = web.AppRunner(await self.make_app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        port: int = runner.addresses[0][1]
        self.port = port
        return port

    async def stop(self) -> None:
        """Close every game (each stores its last records) and stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _close_sessions(self, _app: web.Application) -> None:
        await asyncio.gather(*(s.close() for s in list(self.sessions.values())))

    # ------------------------------------------------------------------ the doors

    def _lang(self, request: web.Request) -> str:
        lang = request.query.get("lang", "")
        return lang if lang in LANGS else self.rules.lang

    def _code_ok(self, code: str) -> bool:
        return hmac.compare_digest(code.strip().upper().encode(), self.rules.code.upper().encode())

    def _full(self, seat: str | None) -> bool:
        return seat not in self.sessions and len(self.sessions) >= self.rules.max_players

    @staticmethod
    def _seat_of(request: web.Request) -> str | None:
        seat = request.cookies.get(SEAT_COOKIE, "")
        return seat if _SEAT.fullmatch(seat) else None

    async def handle_index(self, request: web.Request) -> web.Response:
        lang = self._lang(request)
        address = request.remote or ""
        seat = self._seat_of(request)
        code = request.query.get("code")
        if self.lockout.locked(address):
            response = self._locked_page(lang)
        elif code is None:
            response = self._join_page(lang)
        elif not self._code_ok(code):
            if self.lockout.failed(address):
                response = self._locked_page(lang)
            else:
                response = self._join_page(lang, error=t("web.page.wrong", lang), status=403)
        elif self._full(seat):
            response = self._page(
                lang,
                status=503,
                heading=t("web.page.full_title", lang),
                lead=t("web.page.full", lang, n=len(self.sessions)),
                retry=str(request.rel_url),
                retry_label=t("web.page.retry", lang),
            )
        else:
            response = self._game_page(request, lang, code.strip())
        if seat is None:
            response.set_cookie(
                SEAT_COOKIE,
                secrets.token_hex(16),
                max_age=SEAT_MAX_AGE,
                httponly=True,
                samesite="Lax",
                path="/",
            )
        # The code is in the address: it is not sent on to other sites, nor cached.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def _join_page(self, lang: str, *, error: str = "", status: int = 200) -> web.Response:
        return self._page(
            lang,
            status=status,
            heading=t("web.page.heading", lang),
            lead=t("web.page.lead", lang),
            error=error,
            form=True,
            code_label=t("web.page.code", lang),
            join=t("web.page.join", lang),
        )

    def _locked_page(self, lang: str) -> web.Response:
        return self._page(
            lang,
            status=429,
            heading=t("web.page.locked_title", lang),
            lead=t("web.page.locked", lang),
            retry="/?" + urlencode({"lang": lang}),
            retry_label=t("web.page.retry", lang),
        )

    def _page(self, lang: str, *, status: int, **context: Any) -> web.Response:
        other = "en" if lang == "id" else "id"
        html = self._pages.get_template("page.html").render(
            lang=lang,
            title=t("web.page.title", lang),
            other_lang=t("web.page.other_lang", lang),
            other_lang_url="/?" + urlencode({"lang": other}),
            **context,
        )
        return web.Response(text=html, status=status, content_type="text/html")

    def _game_page(self, request: web.Request, lang: str, code: str) -> web.Response:
        scheme = "wss" if request.secure else "ws"
        # textual.js appends "?width=..&height=.." to this address: the trailing "&" keeps
        # the code a parameter of its own (the size then arrives as "?width", see `_size`).
        websocket_url = f"{scheme}://{request.host}/ws?{urlencode({'code': code})}&"
        html = self._pages.get_template("game.html").render(
            lang=lang,
            static_url="/static/",
            websocket_url=websocket_url,
            font_size=_int(request.query.get("fontsize", ""), 16, 8, 40),
            fixed_font="fontsize" in request.query,
            loading=t("web.page.loading", lang),
            ended=t("web.page.ended", lang),
            reconnect=t("web.page.reconnect", lang),
        )
        return web.Response(text=html, content_type="text/html")

    # ------------------------------------------------------------------ the games

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Check the code, the lockout and the room's size, then run one game for this seat
        (textual-serve's loop: its messages go to the game's stdin and back)."""
        address = request.remote or ""
        if self.lockout.locked(address):
            raise web.HTTPTooManyRequests()
        if not self._code_ok(request.query.get("code", "")):
            if self.lockout.failed(address):
                raise web.HTTPTooManyRequests()
            raise web.HTTPForbidden()
        seat = self._seat_of(request) or secrets.token_hex(16)
        if self._full(seat):
            raise web.HTTPServiceUnavailable()
        previous = self.sessions.get(seat)
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        service = SeatService(
            self.argv,
            seat,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        # Taken before the first await: concurrent joins cannot pass the room's size.
        self.sessions[seat] = service
        width, height = _size(request)
        try:
            await websocket.prepare(request)
            if previous is not None:  # the same browser again: one game per seat
                await previous.close()
            await service.start(width, height)
            self.spawned += 1
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.close()
            if websocket.exception() is not None:  # e.g. no answer to the server's pings
                log.warning("seat %s: %s", seat[:8], websocket.exception())
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            log.exception("session %s", seat[:8])
        finally:
            if self.sessions.get(seat) is service:
                del self.sessions[seat]
        return websocket


def _size(request: web.Request) -> tuple[int, int]:
    query = request.query
    width = query.get("width", query.get("?width", ""))
    return _int(width, 80, 20, 500), _int(query.get("height", ""), 24, 5, 300)


def _int(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)
