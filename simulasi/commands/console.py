"""`simulasi console --workshop NAME [--data DIR|ADDRESS]`: the facilitator's console."""

from __future__ import annotations

import argparse
from typing import Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t

ORDER = 17


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "console",
        parents=parents,
        help=t("console.cli", lang),
        description=t("console.cli", lang),
    )
    parser.add_argument(
        "--workshop", required=True, metavar="W", help=t("console.opt.workshop", lang)
    )
    parser.add_argument("--data", metavar="DIR", help=t("console.opt.data", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    import getpass

    from simulasi.console.app import ConsoleApp
    from simulasi.store import StoreError
    from simulasi.store.opener import open_store

    workshop = " ".join(str(args.workshop).split())
    if not workshop:
        raise UsageError(t("err.usage", lang, message=t("console.opt.workshop", lang)))
    try:
        store = open_store(args.data)
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = ""
    with store:
        app = ConsoleApp(
            store, workshop, lang=lang, opener=lambda: open_store(args.data), issued_by=who
        )
        app.run()
    return EXIT_OK if app.return_code in (None, 0) else int(app.return_code or 0)
