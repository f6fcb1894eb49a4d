"""`simulasi debrief RUN_ID --export FILE`: a trainee's debrief as HTML, Markdown or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulasi.cli import EXIT_OK, UsageError
from simulasi.i18n import t

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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Recompute the run's ScoreCard from its stored log and scenario text, write the document.

    `--export` may name a folder: the file is then named after the trainee (sanitised) and
    the run id, as HTML.
    """
    from scoring import ScoringError, score
    from scoring.exports.common import safe_filename
    from scoring.exports.debrief import debrief_data, debrief_markdown
    from scoring.exports.html import debrief_html
    from simulasi.store import Store, StoreError
    from simulasi.store.files import write_atomic
    from simulasi.store.results import facts_of
    from simulasi.store.sqlite import scenario_from_text

    target: Path = args.export
    if not target.is_dir() and target.suffix.lower() not in FORMATS:
        raise UsageError(t("results.debrief.bad_ext", lang, path=target))
    try:
        with Store.open(args.data, create=False) as store:
            stored = store.load_run(args.run_id)
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    info = stored.info
    if info.status != "finished":
        raise UsageError(t("results.debrief.unfinished", lang, run=info.id))
    scenario = scenario_from_text(stored.scenario_text)
    if scenario is None:
        raise UsageError(t("results.err.scenario_broken", lang, run=info.id))
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
        text = debrief_markdown(data, lang)
    else:
        text = debrief_html(data, lang)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(t("results.err.write", lang, path=target, reason=exc.strerror)) from None
    print(t("results.sb.exported", lang, path=target), file=sys.stderr)
    return EXIT_OK
