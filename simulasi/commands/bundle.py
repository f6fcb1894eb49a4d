"""`simulasi bundle -o FILE`: the runs of this store in one file, for the facilitator."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t

ORDER = 65


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "bundle",
        parents=parents,
        help=t("results.cli.bundle", lang),
        description=t("results.cli.bundle", lang),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help=t("results.bundle.output", lang),
    )
    parser.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    parser.add_argument("--workshop", metavar="W", help=t("results.opt.workshop", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Write every run (logs, scenario texts, trainee facts; no scores) to one JSON file."""
    from simulasi.store import StoreError
    from simulasi.store.bundle import bundle_json
    from simulasi.store.files import write_atomic, write_reason
    from simulasi.store.opener import open_store
    from simulasi.store.sql import now_iso

    try:
        with open_store(args.data, read_only=True) as store:
            runs = list(store.stored_runs(workshop=args.workshop))
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    for bad in [r for r in runs if r.problem is not None]:
        # A run that cannot be read is not carried on: said here, so it is not lost unseen.
        reason = bad.problem.message(lang) if bad.problem else ""
        print(
            t("results.bundle.skipped", lang, run=bad.info.id[:12], reason=reason), file=sys.stderr
        )
    runs = [r for r in runs if r.problem is None]
    text = json.dumps(bundle_json(runs, created_at=now_iso()), ensure_ascii=False, indent=1)
    try:
        write_atomic(args.output, (text + "\n").encode("utf-8"))
    except OSError as exc:
        raise UsageError(
            t("results.err.write", lang, path=args.output, reason=write_reason(exc, lang))
        ) from None
    print(t("results.bundle.written", lang, n=len(runs), path=args.output), file=sys.stderr)
    return EXIT_OK
