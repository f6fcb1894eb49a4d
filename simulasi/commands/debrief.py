"""`simulasi debrief RUN_ID --export FILE [--merge BUNDLE...]`: a trainee's debrief as HTML,
Markdown or JSON, from the local store or from the bundles of other laptops."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi.commands.scoreboard import add_zone, collect
from simulasi.errors import EXIT_OK, UsageError
from simulasi.i18n import t

if TYPE_CHECKING:
    from simulasi.store import StoredRun

ORDER = 55
FORMATS = (".html", ".md", ".json")


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "debrief",
        parents=parents,
        help=t("results.cli.debrief", lang),
        description=t("results.cli.debrief", lang),
    )
    parser.add_argument("run_id", metavar="RUN_ID", help=t("results.debrief.run", lang))
    parser.add_argument(
        "--export",
        type=Path,
        required=True,
        metavar="FILE",
        help=t("results.debrief.export", lang),
    )
    parser.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        default=[],
        metavar="BUNDLE",
        help=t("results.debrief.merge", lang),
    )
    add_zone(parser, lang)
    parser.set_defaults(handler=run)


def find_run(runs: list[StoredRun], run_id: str) -> StoredRun:
    """The run with this id, or the only one whose id starts with it."""
    from simulasi.store import StoreError

    exact = [r for r in runs if r.info.id == run_id]
    if exact:
        return exact[0]
    found = [r for r in runs if run_id and r.info.id.startswith(run_id)]
    if not found:
        raise StoreError("results.err.no_run", run=run_id)
    if len(found) > 1:
        raise StoreError("results.err.ambiguous_run", run=run_id)
    return found[0]


def run(args: argparse.Namespace, lang: str) -> int:
    """Recompute the run's ScoreCard from its stored log and scenario text, write the document.

    `--export` may name a folder: the file is then named after the trainee (sanitised) and
    the run id, as HTML.
    """
    from scoring import ScoringError, score
    from scoring.exports.common import safe_filename
    from scoring.exports.debrief import debrief_data, debrief_markdown
    from scoring.exports.html import debrief_html
    from simulasi.store import StoreError
    from simulasi.store.files import write_atomic, write_reason
    from simulasi.store.opener import open_store
    from simulasi.store.results import facts_of
    from simulasi.store.sql import verified_scenario

    target: Path = args.export
    if not target.is_dir() and target.suffix.lower() not in FORMATS:
        raise UsageError(t("results.debrief.bad_ext", lang, path=target))
    try:
        if args.merge:
            # As `simulasi scoreboard --merge`: the local store (if any) and every bundle.
            stored = find_run(collect(args.data, None, args.merge, lang), args.run_id)
        else:
            with open_store(args.data, read_only=True) as store:
                stored = store.load_run(args.run_id)
        if stored.problem is not None:
            raise stored.problem
        info = stored.info
        if info.status != "finished":
            raise UsageError(t("results.debrief.unfinished", lang, run=info.id))
        # The text must still be the one the run names by sha256, as for the scoreboard.
        scenario = verified_scenario(stored.scenario_text, info)
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    try:
        card = score(scenario, stored.records)
    except ScoringError as exc:
        raise UsageError(t("results.debrief.unscored", lang, run=info.id, reason=exc)) from None
    if target.is_dir():
        target = target / f"debrief-{safe_filename(info.trainee)}-{info.id[:8]}.html"
    seed = stored.records[0].seed if stored.records else None  # the order the run showed
    data = debrief_data(scenario, card, facts_of(info), seed)
    suffix = target.suffix.lower()
    if suffix == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif suffix == ".md":
        text = debrief_markdown(data, lang, args.tz)
    else:
        text = debrief_html(data, lang, args.tz)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(
            t("results.err.write", lang, path=target, reason=write_reason(exc, lang))
        ) from None
    print(t("results.sb.exported", lang, path=target), file=sys.stderr)
    return EXIT_OK
