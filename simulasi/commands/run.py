"""`simulasi run SCENARIO --answers FILE [--json]`: the headless run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulasi.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError
from simulasi.guard import shown
from simulasi.i18n import decimal, t
from simulasi.jsonout import dump_json

if TYPE_CHECKING:
    from scoring import ScoreCard
    from simulasi.engine import Run
    from simulasi.scenario import Scenario


ORDER = 20


def register(sub: Any, parents: list[argparse.ArgumentParser], lang: str) -> None:
    parser = sub.add_parser(
        "run", parents=parents, help=t("cli.run", lang), description=t("cli.run", lang)
    )
    parser.add_argument("scenario", type=Path, help=t("cli.run.scenario", lang))
    parser.add_argument(
        "--answers", type=Path, required=True, metavar="FILE", help=t("cli.run.answers", lang)
    )
    parser.add_argument("--json", action="store_true", help=t("cli.run.json", lang))
    parser.add_argument(
        "--practice", action="store_true", default=None, help=t("cli.run.practice", lang)
    )
    parser.add_argument("--seed", type=_seed_type(lang), metavar="N", help=t("cli.run.seed", lang))
    stored = parser.add_argument_group(t("results.run.group", lang))
    stored.add_argument("--data", metavar="DIR", help=t("results.opt.data", lang))
    stored.add_argument("--name", default="", help=t("results.run.name", lang))
    stored.add_argument("--team", default="", help=t("results.run.team", lang))
    stored.add_argument("--agency", default="", help=t("results.run.agency", lang))
    stored.add_argument("--workshop", default="", help=t("results.run.workshop", lang))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, lang: str) -> int:
    """Play the answers file headless and print the ScoreCard (JSON or a summary)."""
    from scoring import score_run
    from simulasi.commands.common import read_scenario
    from simulasi.guard import ANSWERS_MAX_BYTES, TooLarge, file_problem, read_bounded
    from simulasi.headless import AnswersError, parse_answers, play

    loaded = read_scenario(args.scenario, lang)
    if loaded.scenario is None:
        for diagnostic in loaded.errors:
            print(diagnostic.format(lang), file=sys.stderr)
        print(t("err.scenario_invalid", lang, path=shown(args.scenario)), file=sys.stderr)
        return EXIT_INVALID
    scenario = loaded.scenario
    answers = shown(args.answers)
    if not args.answers.exists():
        raise UsageError(t("err.not_found", lang, path=answers))
    try:
        # Bounded while it is read: /dev/zero or a huge file is refused, not swallowed.
        text = read_bounded(args.answers, ANSWERS_MAX_BYTES).decode("utf-8")
    except (OSError, TooLarge) as exc:
        reason = file_problem(exc, lang)
        raise UsageError(t("err.unreadable", lang, path=answers, reason=reason)) from None
    except UnicodeDecodeError:
        reason = t("guard.not_utf8", lang)
        raise UsageError(t("err.unreadable", lang, path=answers, reason=reason)) from None
    try:
        script = parse_answers(text, str(args.answers))
        practice = args.practice if args.practice is not None else bool(script.practice)
        run = play(scenario, script, practice=practice, seed=args.seed)
    except AnswersError as exc:
        print(t("err.answers", lang, file=answers, message=exc.message(lang)), file=sys.stderr)
        return EXIT_USAGE
    card = score_run(run)
    if args.data or args.name or args.team or args.agency or args.workshop:
        _store(args, run, lang)
    if args.json:
        print(dump_json(headless_json(run, card)))
    else:
        print(render_summary(scenario, card, lang))
    return EXIT_OK


def _seed_type(lang: str) -> Callable[[str], int]:
    """`--seed N`: a whole number from 0 to 2^63 - 1 (what the store keeps)."""

    def seed(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if not 0 <= value < 1 << 63:
            raise argparse.ArgumentTypeError(t("cli.run.bad_seed", lang, value=text))
        return value

    return seed


def headless_json(run: Run, card: ScoreCard) -> dict[str, Any]:
    """The ScoreCard's JSON, each decision with the order its choices are shown in (`shown`:
    every choice id, drawn from the run's seed; file order without one), and the `seed`."""
    from simulasi.engine import shown_order

    data = card.headless_json()
    for item in data["events"]:
        item["shown"] = list(shown_order(run.seed, run.scenario.events[item["event"]]))
    data["seed"] = run.seed
    return data


def _store(args: argparse.Namespace, run: Run, lang: str) -> None:
    """Keep a headless run in the store like a played one (trainee facts and the full log)."""
    from simulasi.store import StoreError
    from simulasi.store.opener import open_store

    try:
        with open_store(args.data) as store:
            run_id = store.start_run(
                run.scenario,
                trainee=args.name,
                team=args.team,
                agency=args.agency,
                workshop=args.workshop,
                practice=run.practice,
                records=run.log,
                source="headless",
            )
            path = store.location
    except StoreError as exc:
        raise UsageError(exc.message(lang)) from None
    print(t("results.run.stored", lang, run=run_id, path=path), file=sys.stderr)


def _num(value: float | None, lang: str) -> str:
    return decimal(value, lang, none="-")


def render_summary(scenario: Scenario, card: ScoreCard, lang: str) -> str:
    """A plain-text table of the decisions and the scores, for people."""
    lines = [t("run.title", lang, title=shown(scenario.title))]
    if card.practice:
        lines.append(t("run.mode_practice", lang))
    header = [
        t(k, lang)
        for k in (
            "run.col_event",
            "run.col_outcome",
            "run.col_choice",
            "run.col_time",
            "run.col_speed",
            "run.col_accuracy",
        )
    ]
    rows = [header]
    for event in card.events:
        outcome = t(f"run.outcome.{event.outcome}", lang)
        if event.critical:
            outcome += f" ({t('run.critical', lang)})"
        rows.append(
            [
                shown(event.event),
                outcome,
                shown(event.choice or "-"),
                f"{event.latency:.0f}s",
                _num(event.gated_speed, lang),
                _num(event.accuracy, lang),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines.append("")
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(
        f"{t('run.speed', lang)}: {_num(card.speed, lang)}   "
        f"{t('run.accuracy', lang)}: {_num(card.accuracy, lang)}   "
        f"{t('run.impact', lang)}: {_num(card.impact, lang)}"
    )
    verdict = t("run.passed", lang) if card.passed else t("run.failed", lang)
    lines.append(
        f"{t('run.total', lang)}: {_num(card.total, lang)}   "
        f"{t('run.band', lang)}: {card.band}   "
        f"{verdict} ({t('run.pass_mark', lang, mark=decimal(card.pass_mark, lang, None))})"
    )
    ending = scenario.endings[card.ending]
    lines.append(f"{t('run.ending', lang)}: {shown(ending.title or ending.id)}")
    if card.critical:
        lines.append(t("run.critical_note", lang))
    return "\n".join(lines)
