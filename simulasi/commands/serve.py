"""`simulasi serve`: the room. Trainees join the game from a browser on the room's network;
every game writes to the one store. See `simulasi.web.room` for the server itself."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t

if TYPE_CHECKING:
    from simulasi.web.room import RoomServer

ORDER = 15
_CODE = re.compile(r"[A-Za-z0-9]{4,12}")
#: How often the live line is refreshed (seconds).
STATUS_EVERY = 2.0


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "serve",
        parents=parents,
        help=t("web.cli.serve", lang),
        description=t("web.cli.serve", lang),
    )
    parser.add_argument("scenario", nargs="?", type=Path, help=t("web.opt.scenario", lang))
    parser.add_argument("--scenarios", type=Path, metavar="DIR", help=t("web.opt.scenarios", lang))
    parser.add_argument("--workshop", required=True, metavar="W", help=t("web.opt.workshop", lang))
    parser.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    parser.add_argument("--host", default="0.0.0.0", metavar="H", help=t("web.opt.host", lang))
    parser.add_argument("--port", type=int, default=8000, metavar="P", help=t("web.opt.port", lang))
    parser.add_argument("--code", metavar="CODE", help=t("web.opt.code", lang))
    parser.add_argument(
        "--max-players", default="60", metavar="N", help=t("web.opt.max_players", lang)
    )
    parser.add_argument(
        "--time-scale", default="1", metavar="K", help=t("web.opt.time_scale", lang)
    )
    parser.add_argument("--lobby", action="store_true", help=t("web.opt.lobby", lang))
    parser.set_defaults(handler=run)


def game_command(
    *,
    scenario: Path | None,
    scenarios: Path | None,
    workshop: str,
    data: Path | str,
    time_scale: str,
    lang: str,
    lobby: bool = False,
) -> list[str]:
    """The argument list of one trainee's game: everything fixed by the facilitator, run
    without a shell (the trainee types only name, team and agency, inside the game)."""
    argv = [sys.executable, "-m", "simulasi", "play"]
    if scenario is not None:
        argv.append(str(scenario.resolve()))
    if scenarios is not None:
        argv += ["--scenarios", str(scenarios.resolve())]
    argv += ["--workshop", workshop, "--data", str(data), "--time-scale", time_scale]
    if lobby:
        argv.append("--lobby")
    return [*argv, "--lang", lang]


def run(args: argparse.Namespace, lang: str) -> int:
    lang = getattr(args, "lang", lang) or lang
    from simulasi.commands.play import _time_scale

    _time_scale(args.time_scale, lang)
    if args.scenario is not None and not args.scenario.is_file():
        raise UsageError(t("err.not_found", lang, path=args.scenario))
    if args.scenarios is not None and not args.scenarios.is_dir():
        raise UsageError(t("err.not_found", lang, path=args.scenarios))
    code = args.code
    if code is None:
        import secrets

        code = f"{secrets.randbelow(10000):04d}"
    elif not _CODE.fullmatch(code):
        raise UsageError(t("err.usage", lang, message=t("web.err.bad_code", lang, code=code)))
    try:
        max_players = int(args.max_players)
    except ValueError:
        max_players = 0
    if not 1 <= max_players <= 1000:
        message = t("web.err.bad_players", lang, value=args.max_players)
        raise UsageError(t("err.usage", lang, message=message))
    workshop = args.workshop.strip()
    if not workshop:
        raise UsageError(t("err.usage", lang, message=t("web.opt.workshop", lang)))

    from simulasi.store import StoreError
    from simulasi.store.opener import address_of, is_postgres, open_store

    # Opened (created, migrated) once here, before any game: a store that cannot be written
    # stops the room before a trainee plays a game whose results would be lost. Every game
    # gets the same store: the folder resolved, or the PostgreSQL address as given (it never
    # carries a password: the opener refuses one).
    try:
        with open_store(args.data) as store:
            location = store.location
            folder: Path | str = (
                str(address_of(args.data)) if is_postgres(args.data) else store.cache_folder()
            )
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    argv = game_command(
        scenario=args.scenario,
        scenarios=args.scenarios,
        workshop=workshop,
        data=folder,
        time_scale=args.time_scale,
        lang=lang,
        lobby=args.lobby,
    )
    from simulasi.web.room import RoomRules, RoomServer

    room = RoomServer(
        argv,
        RoomRules(code=code, max_players=max_players, lang=lang),
        host=args.host,
        port=args.port,
    )
    import asyncio
    import logging

    # A browser whose connection broke is one line on the facilitator's terminal.
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(_serve(room, workshop, folder, location, lang))
    print(t("web.serve.closed", lang))
    return EXIT_OK


async def _serve(
    room: RoomServer, workshop: str, folder: Path | str, location: str, lang: str
) -> None:
    import asyncio
    import signal

    # Ctrl+C or a `kill`: the games are asked to close (they store their last records).
    task = asyncio.current_task()
    assert task is not None
    # Windows' event loop has no signal handlers: there Ctrl+C (KeyboardInterrupt) is the way.
    if sys.platform != "win32":
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        port = await room.start()
    except OSError as exc:
        message = t("web.err.port", lang, port=room.port, host=room.host, reason=exc.strerror)
        raise UsageError(message) from None
    try:
        urls = [join_url(host, port, room.rules.code) for host in lan_addresses(room.host)]
        print(t("web.serve.title", lang, workshop=workshop))
        print()
        print(t("web.serve.open", lang))
        for url in urls:
            print(f"    {url.split('?')[0]}")
        print(t("web.serve.code", lang, code=room.rules.code))
        print()
        print(t("web.serve.qr", lang), urls[0])
        import segno

        segno.make(urls[0], error="m").terminal(out=sys.stdout, compact=True)
        import shlex

        print(t("web.serve.store", lang, path=location, workshop=shlex.quote(workshop)))
        print(t("web.serve.quit", lang))
        print()
        await _status_loop(room, workshop, folder, lang)
    finally:
        await room.stop()


async def _status_loop(room: RoomServer, workshop: str, folder: Path | str, lang: str) -> None:
    """The live line: connected / playing / finished, refreshed every few seconds."""
    import asyncio

    tty = sys.stdout.isatty()
    shown = ""
    while True:
        seats = list(room.sessions)
        playing, finished = await asyncio.to_thread(_counts, folder, workshop, seats)
        line = t("web.serve.status", lang, connected=len(seats), playing=playing, finished=finished)
        if tty:
            print(f"\r{line}\x1b[K", end="", flush=True)
        elif line != shown:
            print(line, flush=True)
        shown = line
        await asyncio.sleep(STATUS_EVERY)


def _counts(folder: Path | str, workshop: str, seats: list[str]) -> tuple[int, int]:
    """(connected seats with a run under way, finished runs of the workshop)."""
    from simulasi.store import StoreError
    from simulasi.store.opener import open_store

    try:
        with open_store(folder, read_only=True) as store:
            active = store.active_seats(workshop)
            playing = sum(1 for seat in seats if seat in active)
            finished = len(store.runs(workshop=workshop, status="finished"))
    except StoreError:
        return 0, 0
    return playing, finished


def join_url(host: str, port: int, code: str) -> str:
    """The address a trainee opens (what the QR code holds)."""
    shown = f"[{host}]" if ":" in host else host
    suffix = "" if port == 80 else f":{port}"
    return f"http://{shown}{suffix}/?code={code}"


def lan_addresses(host: str) -> list[str]:
    """The addresses trainees can reach: the given host, or for 0.0.0.0 this machine's
    IPv4 addresses on its networks (127.0.0.1 only when there is no other)."""
    if host not in ("0.0.0.0", "", "::"):
        return [host]
    import socket

    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    # The address of the route out (no packet is sent by connecting a UDP socket).
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            found.insert(0, str(probe.getsockname()[0]))
        except OSError:
            pass
    addresses = list(dict.fromkeys(a for a in found if not a.startswith("127.")))
    return addresses or ["127.0.0.1"]
