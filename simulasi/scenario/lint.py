"""Semantic checks of a scenario that has the right shape (SIM105 and SIM2xx-SIM5xx).

`lint` never stops at the first problem: it reports everything it finds, and compiles the
conditions it could check so the loader can build a `Scenario` when no error was found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simulasi.scenario import expr
from simulasi.scenario.diagnostics import Diagnostic
from simulasi.scenario.locate import Locator
from simulasi.scenario.models import RUBRIC_VALUES, Choice, Event, Outcome, ScenarioDoc

#: Reading speed for SIM402: 180 words a minute, a common figure for adult readers.
WORDS_PER_SECOND = 3.0


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    event_when: dict[str, expr.Compiled] = field(default_factory=dict)
    choice_when: dict[tuple[str, str], expr.Compiled] = field(default_factory=dict)
    ending_when: dict[str, expr.Compiled] = field(default_factory=dict)


class _Linter:
    def __init__(self, doc: ScenarioDoc, where: Locator, file: str) -> None:
        self.doc = doc
        self.where = where
        self.file = file
        self.result = LintResult()
        self.read_flags: set[str] = set()
        self.set_flags: set[str] = set()
        self.affected: set[str] = set()
        self.constant: dict[tuple[Any, ...], bool] = {}
        self.stakeholders = {s.id for s in doc.stakeholders}
        self.flags = {f.id: f for f in doc.flags}
        self.criteria = {c.id for c in doc.criteria}
        self.events = {e.id: e for e in doc.events}
        self.event_index = {e.id: i for i, e in enumerate(doc.events)}
        self.endings = {e.id for e in doc.endings}
        self.symbols = expr.Symbols(
            meters=frozenset(self.stakeholders),
            flags={f.id: f.type for f in doc.flags},
            flag_bounds={f.id: (f.min, f.max) for f in doc.flags},
            events=frozenset(self.events),
            decisions={
                e.id: frozenset(c.id for c in e.choices)
                for e in doc.events
                if e.choices is not None
            },
        )

    # -------------------------------------------------------------- helpers

    def add(
        self, code: str, path: tuple[Any, ...], key: str, *, at_key: bool = False, **params: Any
    ) -> None:
        mark = self.where.key(*path) if at_key else self.where.value(*path)
        self.result.diagnostics.append(
            Diagnostic(code, self.file, mark.line, mark.col, key, params)
        )

    def present(self, *path: Any) -> bool:
        return self.where.has(*path)

    # -------------------------------------------------------------- checks

    def run(self) -> LintResult:
        self.check_ids()
        self.check_flags()
        self.check_scoring()
        for i, event in enumerate(self.doc.events):
            self.check_event(i, event)
        self.check_endings()
        self.check_reachability()
        self.check_usage()
        return self.result

    def check_ids(self) -> None:
        seen: dict[str, tuple[str, int]] = {}
        for section in ("stakeholders", "criteria", "flags", "events", "endings"):
            for i, item in enumerate(getattr(self.doc, section)):
                if item.id in seen:
                    other_section, other = seen[item.id]
                    line = self.where.value(other_section, other, "id").line
                    self.add("SIM105", (section, i, "id"), "duplicate_id", id=item.id, line=line)
                else:
                    seen[item.id] = (section, i)
        for i, event in enumerate(self.doc.events):
            choice_ids: dict[str, int] = {}
            for j, choice in enumerate(event.choices or ()):
                if choice.id in choice_ids:
                    line = self.where.value(
                        "events", i, "choices", choice_ids[choice.id], "id"
                    ).line
                    self.add(
                        "SIM105",
                        ("events", i, "choices", j, "id"),
                        "duplicate_choice",
                        id=choice.id,
                        event=event.id,
                        line=line,
                    )
                else:
                    choice_ids[choice.id] = j

    def check_flags(self) -> None:
        for i, flag in enumerate(self.doc.flags):
            path = ("flags", i)
            if flag.type == "bool":
                for bound in ("min", "max"):
                    if self.present(*path, bound):
                        self.add(
                            "SIM104", (*path, bound), "bool_flag_bound", at_key=True, flag=flag.id
                        )
                if not isinstance(flag.initial, bool):
                    self.add(
                        "SIM104",
                        (*path, "initial"),
                        "flag_value_type",
                        flag=flag.id,
                        type="bool",
                        value=flag.initial,
                    )
                continue
            if isinstance(flag.initial, bool):
                self.add(
                    "SIM104",
                    (*path, "initial"),
                    "flag_value_type",
                    flag=flag.id,
                    type="int",
                    value=flag.initial,
                )
            elif not self.in_bounds(flag.id, flag.initial):
                self.add(
                    "SIM104",
                    (*path, "initial"),
                    "flag_out_of_range",
                    flag=flag.id,
                    value=flag.initial,
                    min=flag.min,
                    max=flag.max,
                )
            if flag.min is not None and flag.max is not None and flag.min > flag.max:
                self.add("SIM104", (*path, "min"), "flag_min_max", flag=flag.id)

    def in_bounds(self, flag_id: str, value: Any) -> bool:
        flag = self.flags[flag_id]
        return not (
            (flag.min is not None and value < flag.min)
            or (flag.max is not None and value > flag.max)
        )

    def check_scoring(self) -> None:
        scoring = self.doc.scoring
        bands = scoring.bands
        if bands[-1].min != 0:
            self.add("SIM104", ("scoring", "bands", len(bands) - 1, "min"), "last_band_min")
        w = scoring.weights
        if w.accuracy + w.impact <= 0:
            self.add("SIM104", ("scoring", "weights"), "weights_zero")

    def check_event(self, i: int, event: Event) -> None:
        path: tuple[Any, ...] = ("events", i)
        if event.when is not None:
            compiled = self.condition((*path, "when"), event.when)
            if compiled is not None:
                self.result.event_when[event.id] = compiled
        # Keys of the other kind of event are mistakes unless empty (a dump of the model
        # writes `drift: {}` and `next: []`, which mean nothing).
        if event.choices is None:
            for key in ("deadline", "golden", "half_life", "drift", "on_timeout", "order"):
                if self.present(*path, key) and getattr(event, key) not in (None, {}, ()):
                    self.add(
                        "SIM104",
                        (*path, key),
                        "update_has_decision_key",
                        at_key=True,
                        key_name=key,
                        event=event.id,
                    )
            self.check_outcome(path, event)
            return
        # A decision.
        for key in ("effects", "set", "add", "next", "end"):
            if self.present(*path, key) and getattr(event, key) not in (None, {}, ()):
                self.add(
                    "SIM104",
                    (*path, key),
                    "decision_has_update_key",
                    at_key=True,
                    key_name=key,
                    event=event.id,
                )
        if event.deadline is None:
            self.add("SIM103", path, "missing_deadline", event=event.id)
        if event.on_timeout is None:
            self.add("SIM103", path, "missing_on_timeout", event=event.id)
        else:
            self.check_outcome((*path, "on_timeout"), event.on_timeout)
            if not event.on_timeout.feedback:
                self.add(
                    "SIM500", (*path, "on_timeout"), "timeout_without_feedback", event=event.id
                )
        if (
            event.deadline is not None
            and self.present(*path, "golden")
            and event.golden is not None
            and event.golden > event.deadline
        ):
            self.add(
                "SIM401",
                (*path, "golden"),
                "golden_after_deadline",
                event=event.id,
                golden=event.golden,
                deadline=event.deadline,
            )
        for stakeholder in event.drift:
            if stakeholder not in self.stakeholders:
                self.add(
                    "SIM200",
                    (*path, "drift", stakeholder),
                    "unknown_stakeholder",
                    at_key=True,
                    name=stakeholder,
                )
            else:
                self.affected.add(stakeholder)
        if not event.choices:
            self.add("SIM104", (*path, "choices"), "no_choices", event=event.id)
            return
        self.check_reading_time(path, event)
        rated: list[tuple[int, frozenset[str]]] = []
        for j, choice in enumerate(event.choices):
            self.check_choice((*path, "choices", j), event, choice)
            if choice.rubric is not None:
                rated.append((j, frozenset(choice.rubric)))
        if all(choice.when is not None for choice in event.choices):
            self.add("SIM205", (*path, "choices"), "all_choices_conditional", event=event.id)
        if rated and any(keys != rated[0][1] for _, keys in rated):
            j = next(j for j, keys in rated if keys != rated[0][1])
            self.add(
                "SIM505",
                (*path, "choices", j, "rubric"),
                "rubric_sets_differ",
                event=event.id,
                first=", ".join(sorted(rated[0][1])),
                other=", ".join(sorted(rated[[k for k, _ in rated].index(j)][1])),
            )
        self.check_best(path, event)

    def check_reading_time(self, path: tuple[Any, ...], event: Event) -> None:
        if event.deadline is None:
            return
        words = len(event.title.split()) + len(event.body.split())
        words += sum(len(c.text.split()) for c in event.choices or ())
        needed = words / WORDS_PER_SECOND
        if event.deadline < needed:
            self.add(
                "SIM402",
                (*path, "deadline"),
                "deadline_too_short",
                event=event.id,
                deadline=event.deadline,
                needed=round(needed),
                words=words,
            )

    def check_best(self, path: tuple[Any, ...], event: Event) -> None:
        ratings = self.doc.scoring.ratings
        top = ratings.get("best", 100.0)
        for choice in event.choices or ():
            if choice.critical:
                continue
            if choice.rating is not None and choice.rating in ratings:
                if ratings[choice.rating] >= top:
                    return
            elif choice.accuracy is not None:
                if choice.accuracy >= top:
                    return
            elif (
                choice.rubric is not None
                and choice.rubric
                and all(v == 1 for v in choice.rubric.values())
            ):
                return
        self.add("SIM501", (*path, "choices"), "no_best_choice", event=event.id)

    def check_choice(self, path: tuple[Any, ...], event: Event, choice: Choice) -> None:
        kinds = [k for k in ("rating", "accuracy", "rubric") if getattr(choice, k) is not None]
        if not kinds:
            self.add("SIM103", path, "choice_unrated", choice=choice.id)
        elif len(kinds) > 1:
            self.add(
                "SIM104",
                (*path, kinds[1]),
                "choice_rated_twice",
                at_key=True,
                choice=choice.id,
                kinds=", ".join(kinds),
            )
        if choice.rating is not None and choice.rating not in self.doc.scoring.ratings:
            self.add(
                "SIM104",
                (*path, "rating"),
                "unknown_rating",
                rating=choice.rating,
                allowed=", ".join(self.doc.scoring.ratings),
            )
        if choice.rubric is not None:
            if not choice.rubric:
                self.add("SIM104", (*path, "rubric"), "empty_rubric", choice=choice.id)
            for criterion, value in choice.rubric.items():
                if criterion not in self.criteria:
                    self.add(
                        "SIM200",
                        (*path, "rubric", criterion),
                        "unknown_criterion",
                        at_key=True,
                        name=criterion,
                    )
                if value not in RUBRIC_VALUES:
                    self.add("SIM104", (*path, "rubric", criterion), "rubric_value", value=value)
        if choice.when is not None:
            compiled = self.condition((*path, "when"), choice.when)
            if compiled is not None:
                self.result.choice_when[(event.id, choice.id)] = compiled
        if not choice.feedback:
            self.add("SIM500", path, "choice_without_feedback", choice=choice.id, event=event.id)
        self.check_outcome(path, choice)

    def check_outcome(self, path: tuple[Any, ...], outcome: Outcome) -> None:
        for stakeholder in outcome.effects:
            if stakeholder not in self.stakeholders:
                self.add(
                    "SIM200",
                    (*path, "effects", stakeholder),
                    "unknown_stakeholder",
                    at_key=True,
                    name=stakeholder,
                )
            else:
                self.affected.add(stakeholder)
        for flag_id, value in outcome.set.items():
            flag = self.flags.get(flag_id)
            if flag is None:
                self.add(
                    "SIM200", (*path, "set", flag_id), "unknown_flag", at_key=True, name=flag_id
                )
                continue
            self.set_flags.add(flag_id)
            if (flag.type == "bool") != isinstance(value, bool):
                self.add(
                    "SIM104",
                    (*path, "set", flag_id),
                    "flag_value_type",
                    flag=flag_id,
                    type=flag.type,
                    value=value,
                )
            elif flag.type == "int" and not self.in_bounds(flag_id, value):
                self.add(
                    "SIM104",
                    (*path, "set", flag_id),
                    "flag_out_of_range",
                    flag=flag_id,
                    value=value,
                    min=flag.min,
                    max=flag.max,
                )
        for flag_id in outcome.add:
            flag = self.flags.get(flag_id)
            if flag is None:
                self.add(
                    "SIM200", (*path, "add", flag_id), "unknown_flag", at_key=True, name=flag_id
                )
                continue
            self.set_flags.add(flag_id)
            if flag.type != "int":
                self.add(
                    "SIM104", (*path, "add", flag_id), "add_to_bool", at_key=True, flag=flag_id
                )
        for k, target in enumerate(outcome.next):
            if target not in self.events:
                step: tuple[Any, ...] = (k,) if self.where.has(*path, "next", k) else ()
                self.add("SIM200", (*path, "next", *step), "unknown_event", name=target)
        if outcome.end is not None and outcome.end not in self.endings:
            self.add("SIM200", (*path, "end"), "unknown_ending", name=outcome.end)

    def condition(self, path: tuple[Any, ...], source: str) -> expr.Compiled | None:
        try:
            node = expr.parse(source)
            kind = expr.check(node, self.symbols)
        except expr.ExprError as exc:
            mark = self.where.expression(path, exc.offset)
            self.result.diagnostics.append(
                Diagnostic(exc.code, self.file, mark.line, mark.col, exc.key, exc.params)
            )
            return None
        if kind != "bool":
            self.add("SIM302", path, "expr_not_condition")
            return None
        for sub in expr.walk(node):
            if isinstance(sub, expr.Name) and sub.id in self.flags:
                self.read_flags.add(sub.id)
        out_of_range = expr.out_of_range_constants(node, self.symbols)
        for literal, flag_id in out_of_range:
            flag = self.flags[flag_id]
            mark = self.where.expression(path, literal.pos)
            self.result.diagnostics.append(
                Diagnostic(
                    "SIM104",
                    self.file,
                    mark.line,
                    mark.col,
                    "flag_out_of_range",
                    {"flag": flag_id, "value": literal.value, "min": flag.min, "max": flag.max},
                )
            )
        if out_of_range:
            return None
        constant = expr.constant_value(node, self.symbols)
        if constant is not None:
            self.constant[path] = constant
            self.add("SIM303", path, "constant_condition", value="true" if constant else "false")
        return expr.compile_expr(node, self.symbols)

    def check_endings(self) -> None:
        fallback = False
        for i, ending in enumerate(self.doc.endings):
            if ending.when is None:
                fallback = True
                continue
            compiled = self.condition(("endings", i, "when"), ending.when)
            if compiled is not None:
                self.result.ending_when[ending.id] = compiled
        if not fallback:
            self.add("SIM203", ("endings",), "no_fallback")

    # -------------------------------------------------------------- reachability

    def outcomes(self, event: Event) -> Iterator[Outcome]:
        if event.choices is None:
            yield event
            return
        for j, choice in enumerate(event.choices):
            if self.constant.get(("events", self.index(event), "choices", j, "when")) is False:
                continue  # a choice that can never be offered names nothing
            yield choice
        if event.on_timeout is not None:
            yield event.on_timeout

    def index(self, event: Event) -> int:
        return self.event_index[event.id]

    def check_reachability(self) -> None:
        # Static and generous: every `at` event may arrive, and everything a choice, timeout
        # or update of a reachable event names may arrive. Conditions are not evaluated
        # (only a constant-false one blocks), so nothing reachable is ever reported.
        order = list(self.events)
        blocked = {
            eid for i, eid in enumerate(order) if self.constant.get(("events", i, "when")) is False
        }
        reached: set[str] = set()
        stack = [e.id for e in self.doc.events if e.at is not None and e.id not in blocked]
        named_endings: set[str] = set()
        while stack:
            eid = stack.pop()
            if eid in reached:
                continue
            reached.add(eid)
            for outcome in self.outcomes(self.events[eid]):
                if outcome.end is not None:
                    named_endings.add(outcome.end)
                for target in outcome.next:
                    if target in self.events and target not in blocked and target not in reached:
                        stack.append(target)
        for i, event in enumerate(self.doc.events):
            if event.id not in reached:
                self.add("SIM201", ("events", i, "id"), "event_unreachable", event=event.id)
        first_fallback = next((e.id for e in self.doc.endings if e.when is None), None)
        always = False  # an earlier ending whose condition always holds shadows the rest
        for i, ending in enumerate(self.doc.endings):
            constant = self.constant.get(("endings", i, "when"))
            by_condition = not always and (
                (ending.when is not None and constant is not False) or ending.id == first_fallback
            )
            if ending.id not in named_endings and not by_condition:
                self.add("SIM202", ("endings", i, "id"), "ending_unreachable", ending=ending.id)
            if constant is True:
                always = True

    def check_usage(self) -> None:
        for i, flag in enumerate(self.doc.flags):
            if flag.id not in self.read_flags:
                self.add("SIM503", ("flags", i, "id"), "flag_never_read", flag=flag.id)
            elif flag.id not in self.set_flags:
                self.add("SIM503", ("flags", i, "id"), "flag_never_set", flag=flag.id)
        for i, stakeholder in enumerate(self.doc.stakeholders):
            if stakeholder.id not in self.affected:
                self.add(
                    "SIM504",
                    ("stakeholders", i, "id"),
                    "stakeholder_unaffected",
                    stakeholder=stakeholder.id,
                )


def lint(doc: ScenarioDoc, where: Locator, file: str) -> LintResult:
    """Every semantic problem of `doc`, plus the conditions compiled along the way."""
    return _Linter(doc, where, file).run()
