"""`simulasi new NAME`: write a small valid scenario and its golden test, ready to edit."""

from __future__ import annotations

import argparse
from typing import Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t

ORDER = 80


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "new",
        parents=parents,
        help=t("tools.cli.new", lang),
        description=t("tools.cli.new.description", lang),
    )
    parser.add_argument("name", metavar="NAME", help=t("tools.cli.new.name", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Write the files; refuse (exit 2, one line) rather than overwrite anything."""
    from simulasi.tools.new import NewError, create

    try:
        written = create(args.name, lang)
    except NewError as exc:
        raise UsageError(t(exc.key, lang, path=exc.path)) from None
    files = [written.scenario, written.test]
    if written.schema is not None:
        files.append(written.schema)
    print(t("tools.new.written", lang, files=", ".join(map(str, files))))
    print(t("tools.new.next", lang, scenario=written.scenario, test=written.test))
    return EXIT_OK
