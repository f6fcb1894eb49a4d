"""`simulasi` / `simulasi play [SCENARIO]`: open the game (Home lists the scenarios)."""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_INVALID, EXIT_OK, UsageError
from simulasi.guard import shown
from simulasi.i18n import t
from simulasi.web import SEAT_VARIABLE

ORDER = 10


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "play", parents=parents, help=t("cli.play", lang), description=t("cli.play", lang)
    )
    parser.add_argument("scenario", nargs="?", type=Path, help=t("cli.play.scenario", lang))
    parser.add_argument("--scenarios", type=Path, metavar="DIR", help=t("cli.play.scenarios", lang))
    parser.add_argument("--name", default="", help=t("game.cli.name", lang))
    parser.add_argument("--team", default="", help=t("game.cli.team", lang))
    parser.add_argument("--agency", default="", help=t("game.cli.agency", lang))
    parser.add_argument("--workshop", default="", help=t("game.cli.workshop", lang))
    parser.add_argument(
        "--time-scale", default="1", metavar="K", help=t("game.cli.time_scale", lang)
    )
    parser.add_argument("--practice", action="store_true", help=t("game.cli.practice", lang))
    parser.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    parser.add_argument("--resume", action="store_true", help=t("game.cli.resume", lang))
    parser.add_argument("--lobby", action="store_true", help=t("game.cli.lobby", lang))
    # The workshop's wall clock (WIB by default), as the scoreboard's.
    from simulasi.commands.scoreboard import add_zone

    add_zone(parser, lang)
    parser.set_defaults(handler=run)


def _time_scale(text: str, lang: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise UsageError(t("err.usage", lang, message=t("game.cli.bad_scale", lang, value=text)))
    return value


def run(args: argparse.Namespace, lang: str) -> int:
    """Open the game on the given scenario, the `--scenarios` folder and the bundled ones."""
    lang = getattr(args, "lang", lang) or lang
    scale = _time_scale(args.time_scale, lang)
    if args.lobby and not " ".join(args.workshop.split()):
        # The lobby waits for its workshop's start: without one nothing would ever start it.
        raise UsageError(t("err.usage", lang, message=t("game.cli.lobby", lang)))
    paths: list[Path] = []
    if args.scenario is not None:
        if not args.scenario.is_file():
            raise UsageError(t("err.not_found", lang, path=args.scenario))
        paths.append(args.scenario)
    if args.scenarios is not None and not args.scenarios.is_dir():
        raise UsageError(t("err.not_found", lang, path=args.scenarios))
    from simulasi.bundled import bundled_scenarios, scenario_files
    from simulasi.ui.catalog import CACHE_FILE
    from simulasi.ui.session import Session, Trainee, load_entries

    if args.scenarios is not None:
        paths.extend(scenario_files(args.scenarios))
    paths.extend(bundled_scenarios())
    if not interactive():
        entries = load_entries(paths)
        return _print_list(entries, lang, explicit=args.scenario is not None)
    from simulasi.store import StoreError
    from simulasi.store.opener import open_store

    # Every run played is stored. A store that cannot be opened stops here, before a trainee
    # starts a game whose results would be lost: one line, exit 2, and the facilitator can
    # point `--data` at a writable folder.
    try:
        store = open_store(args.data)
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    trainee = Trainee(args.name, args.team, args.agency, args.workshop)
    # The scenarios are loaded by Home after its first frame (`to_load`): the game opens at
    # once and the list fills in a moment later.
    session = Session(
        [],
        trainee,
        lang=lang,
        practice=args.practice,
        time_scale=scale,
        store=store,
        resume_latest=args.resume,
        lobby=args.lobby,
        zone=args.tz,
        to_load=paths,
        cache=store.cache_folder() / CACHE_FILE,
        # Set by `simulasi serve` for the game it runs for one browser (see simulasi.web).
        seat=os.environ.get(SEAT_VARIABLE, ""),
    )
    # Textual is imported only now: `simulasi --help` and the other commands stay fast.
    from simulasi.ui.app import SimulasiApp

    app = SimulasiApp(session)
    # Everything imported so far lives as long as the game: moved out of the collector's
    # reach, it is no longer traversed by each full collection. Without this, one falls in
    # the first frame (about 15 ms of a 0.3 s start) and more come during play.
    gc.freeze()
    try:
        app.run()
    finally:
        store.close()
    if app.exit_line:
        # A store failure (exit 2) or a bug (exit 70): one plain line, after the terminal is
        # restored.
        print(shown(app.exit_line), file=sys.stderr)
    return app.return_code or EXIT_OK


#: What textual-serve (`simulasi serve`) sets for the game it spawns: the game then speaks
#: over its pipes to the browser, and has no terminal.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def interactive() -> bool:
    """Is there a terminal to play in, or a browser (served by `simulasi serve`)? Piped or
    scripted, the scenarios are listed instead."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _print_list(entries: list[Any], lang: str, *, explicit: bool) -> int:
    """Without a terminal (`simulasi | less`, a script, CI): list the scenarios as text."""
    print(t("list.header", lang))
    print()
    if not entries:
        print(t("list.none", lang))
        return EXIT_INVALID
    broken = False
    for entry in entries:
        scenario = entry.scenario
        if scenario is None:
            broken = True
            print(f"✗ {shown(entry.path.name)}")
            n = len(entry.result.errors)
            print(f"    {t('list.invalid', lang, n=n, path=shown(entry.path))}")
            continue
        print(f"• {shown(scenario.title)}  [{shown(scenario.id)}]")
        print(
            f"    {t('list.decisions', lang, n=len(scenario.decisions))} · "
            f"{t('list.minutes', lang, n=entry.minutes)}"
        )
        for line in shown(scenario.doc.summary.strip(), block=True).splitlines():
            print(f"    {line}")
        print()
    print(t("list.hint", lang))
    return EXIT_INVALID if broken and explicit else EXIT_OK
