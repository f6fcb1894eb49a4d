"""The `simulasi` command line: wires scenario, engine, scoring (and later store and UI).

Every error is one plain line and a non-zero exit, never a traceback. Exit codes:
0 success, 1 a scenario has errors, 2 usage error (bad flag, missing file, bad answers),
70 an internal error (a bug: set SIMULASI_DEBUG=1 to see its traceback). The codes and
`UsageError` live in `simulasi.errors`, which the commands import (never this module).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from simulasi import __version__
from simulasi.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from simulasi.guard import shown
from simulasi.i18n import detect_lang, t


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its `usage:` heading in the user's language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:  # "" is argparse building a subcommand's name: no heading then
            prefix = t("cli.usage", _Parser.lang) + " "
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse that speaks the user's language (its help too) and exits 2 with one line."""

    lang = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.positionals", self.lang)
        self._optionals.title = t("cli.options", self.lang)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = t("cli.help", self.lang)

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


#: Modules of `simulasi.commands` that are helpers of the commands, not commands: the search
#: for commands skips them.
_HELPERS = frozenset({"common"})


#: The subcommands: every module of `simulasi.commands` that defines
#: `register(subparsers, parents, lang)` (which adds its parser and sets `handler` to a function
#: `(args, lang) -> exit code`) and `ORDER` (its place in `--help`). Command modules import only
#: the standard library at the top; what a command needs is imported when it runs, so
#: `simulasi --help` stays fast.
def _command_modules(only: str | None = None) -> list[Any]:
    modules = []
    for name in _command_names():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"simulasi.commands.{name}")
        if hasattr(module, "register"):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


@functools.cache
def _command_names() -> tuple[str, ...]:
    """The names of the command modules (each is its command's name), without importing them
    (read from the package's folder once)."""
    import simulasi.commands as package

    return tuple(i.name for i in pkgutil.iter_modules(package.__path__) if i.name not in _HELPERS)


def build_parser(lang: str, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` the parser of that one command (what `simulasi
    run ...` needs; `--help` and a mistyped command need them all)."""
    _Parser.lang = lang
    parser = _Parser(
        prog="simulasi", description=t("cli.description", lang), epilog=t("cli.epilog", lang)
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"simulasi {__version__}",
        help=t("cli.version", lang),
    )
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=["id", "en"], default=lang, help=t("cli.lang", lang))
    sub = parser.add_subparsers(
        dest="command", metavar="PERINTAH" if lang == "id" else "COMMAND", parser_class=_Parser
    )
    for module in _command_modules(only):
        module.register(sub, [common], lang)
    parser.add_argument("--lang", choices=["id", "en"], default=lang, help=t("cli.lang", lang))
    return parser


_TOP_LEVEL = frozenset({"-h", "--help", "--version"})


def _first_word(args: list[str]) -> str | None:
    """The first argument after the global `--lang X`: a command, an option or nothing."""
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--lang":
            index += 2
        elif word.startswith("--lang="):
            index += 1
        else:
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = detect_lang(args_list)
    try:
        first = _first_word(args_list)
        if first is None or (first.startswith("-") and first not in _TOP_LEVEL):
            # `simulasi` alone opens the game, and `simulasi --name Ani` passes the options
            # before any command to it (`play`).
            args_list = ["play", *args_list]
            first = "play"
        # A known command needs its own parser only: twelve commands' parsers cost the game's
        # first frame a few milliseconds.
        only = first if first in _command_names() else None
        args = build_parser(lang, only).parse_args(args_list)
        handler: Callable[[argparse.Namespace, str], int] = args.handler
        return handler(args, lang)
    except UsageError as exc:
        # One line: a path or value typed or read with control characters stays one line.
        print(shown(str(exc)), file=sys.stderr)
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
        error = shown(f"{type(exc).__name__}: {exc}")
        print(t("err.internal", lang, error=error), file=sys.stderr)
        return EXIT_INTERNAL
