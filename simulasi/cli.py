"""The `simulasi` command line: wires scenario, engine, scoring (and later store and UI).

Every error is one plain line and a non-zero exit, never a traceback. Exit codes:
0 success, 1 a scenario has errors, 2 usage error (bad flag, missing file, bad answers),
70 an internal error (a bug: set SIMULASI_DEBUG=1 to see its traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from simulasi import __version__
from simulasi.i18n import detect_lang, t

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, not the user's mistake


class UsageError(Exception):
    """A mistake in how the command was called: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that speaks the user's language and exits 2 with one line."""

    lang = "id"

    def error(self, message: str) -> NoReturn:
        raise UsageError(t("err.usage", self.lang, message=_translate_argparse(message, self.lang)))


_ARGPARSE = [
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "arg.unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "arg.required"),
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: '?(?P<value>[^' ]+)'? "
            r"\(choose from (?P<choices>.+)\)"
        ),
        "arg.invalid_choice",
    ),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "arg.expected_one"),
    (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.+)"), "arg.invalid_value"),
]


def _translate_argparse(message: str, lang: str) -> str:
    for pattern, key in _ARGPARSE:
        match = pattern.search(message)
        if match:
            return t(key, lang, **match.groupdict())
    return message


def build_parser(lang: str) -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(
        prog="simulasi", description=t("cli.description", lang), epilog=t("cli.epilog", lang)
    )
    parser.add_argument("--version", action="version", version=f"simulasi {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=["id", "en"], default=lang, help=t("cli.lang", lang))
    sub = parser.add_subparsers(
        dest="command", metavar="PERINTAH" if lang == "id" else "COMMAND", parser_class=_Parser
    )

    play = sub.add_parser(
        "play", parents=[common], help=t("cli.play", lang), description=t("cli.play", lang)
    )
    play.add_argument("scenario", nargs="?", type=Path, help=t("cli.play.scenario", lang))
    play.add_argument("--scenarios", type=Path, metavar="DIR", help=t("cli.play.scenarios", lang))

    check = sub.add_parser(
        "check", parents=[common], help=t("cli.check", lang), description=t("cli.check", lang)
    )
    check.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=t("cli.check.paths", lang)
    )
    check.add_argument("--json", action="store_true", help=t("cli.check.json", lang))

    run = sub.add_parser(
        "run", parents=[common], help=t("cli.run", lang), description=t("cli.run", lang)
    )
    run.add_argument("scenario", type=Path, help=t("cli.run.scenario", lang))
    run.add_argument(
        "--answers", type=Path, required=True, metavar="FILE", help=t("cli.run.answers", lang)
    )
    run.add_argument("--json", action="store_true", help=t("cli.run.json", lang))
    run.add_argument(
        "--practice", action="store_true", default=None, help=t("cli.run.practice", lang)
    )

    schema = sub.add_parser(
        "schema", parents=[common], help=t("cli.schema", lang), description=t("cli.schema", lang)
    )
    schema.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t("cli.schema.output", lang)
    )
    parser.add_argument("--lang", choices=["id", "en"], default=lang, help=t("cli.lang", lang))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = detect_lang(args_list)
    try:
        parser = build_parser(lang)
        args = parser.parse_args(args_list)
        if args.command is None:  # `simulasi` alone opens the game
            args = parser.parse_args(["play", *args_list])
        command = args.command
        if command == "play":
            from simulasi.commands.play import cmd_play

            return cmd_play(args, lang)
        if command == "check":
            from simulasi.commands.check import cmd_check

            return cmd_check(args, lang)
        if command == "run":
            from simulasi.commands.run import cmd_run

            return cmd_run(args, lang)
        from simulasi.commands.schema import cmd_schema

        return cmd_schema(args, lang)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(t("err.interrupted", lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `simulasi check ... | head`: the reader left; nothing more to say.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        # A bug of ours: one plain line for the trainer, the traceback only on request.
        if os.environ.get("SIMULASI_DEBUG"):
            raise
        print(t("err.internal", lang, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_INTERNAL


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
