"""`simulasi schema`: the JSON Schema generated from the models."""

from __future__ import annotations

import argparse

from simulasi.cli import EXIT_OK, UsageError, dump_json
from simulasi.i18n import t
from simulasi.scenario import json_schema


def cmd_schema(args: argparse.Namespace, lang: str) -> int:
    text = dump_json(json_schema()) + "\n"
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
