"""`simulasi schema`: the JSON Schema generated from the models."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t
from simulasi.jsonout import dump_json

ORDER = 90


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "schema", parents=parents, help=t("cli.schema", lang), description=t("cli.schema", lang)
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t("cli.schema.output", lang)
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Print (or write) the JSON Schema generated from the models, its hover help in `lang`."""
    from simulasi.scenario import json_schema

    text = dump_json(json_schema(lang)) + "\n"
    if args.output is None:
        print(text, end="")
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            t("err.write", lang, path=args.output, reason=exc.strerror or exc)
        ) from None
    return EXIT_OK
