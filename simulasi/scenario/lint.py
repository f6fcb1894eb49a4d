"""Semantic checks of a scenario that has the right shape (SIM105 and SIM2xx-SIM5xx).

`lint` never stops at the first problem: it reports everything it finds, and compiles the
conditions it could check so the loader can build a `Scenario` when no error was found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from simulasi.scenario import expr, satisfy
from simulasi.scenario.diagnostics import Diagnostic
from simulasi.scenario.locate import Locator
from simulasi.scenario.models import RUBRIC_VALUES, Choice, Event, Outcome, ScenarioDoc

#: Reading speed for SIM402: 180 words a minute, a common figure for adult readers.
WORDS_PER_SECOND = 3.0

#: SIM506: a word, as the test-wise "longest" trainee counts them ("RT/RW" is two, "se-Sukamaju"
#: one); the scenario-wide majority rule applies from this many decisions on (with one or two, a
#: "majority" says nothing about the writing); and how many times longer than every other
#: choice a best choice has to be to give itself away on its own.
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
LENGTH_CUE_MIN_DECISIONS = 3
LENGTH_CUE_RATIO = 2.0


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
        self.ending_nodes: dict[int, expr.Node] = {}
        self.budget = satisfy.Budget()
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

    def unknown(
        self,
        path: tuple[Any, ...],
        key: str,
        name: str,
        candidates: Iterable[str],
        *,
        at_key: bool = False,
        **params: Any,
    ) -> None:
        """SIM200 for `name`, with "did you mean" when a known id is close to it."""
        hint = _close(name, candidates)
        if hint is not None:
            self.add("SIM200", path, f"{key}_hint", at_key=at_key, name=name, hint=hint, **params)
        else:
            self.add("SIM200", path, key, at_key=at_key, name=name, **params)

    # -------------------------------------------------------------- checks

    def run(self) -> LintResult:
        self.check_ids()
        self.check_flags()
        self.check_scoring()
        for i, event in enumerate(self.doc.events):
            self.check_event(i, event)
        self.check_length_cues()
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
                self.unknown(
                    (*path, "drift", stakeholder),
                    "unknown_stakeholder",
                    stakeholder,
                    self.stakeholders,
                    at_key=True,
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

    def check_length_cues(self) -> None:
        """SIM506: the best choice gives itself away by its length. A trainee who always takes
        the longest answer should not pass: warn when the best choice is the longest (by words)
        in more than half of the decisions, and for each decision whose best choice is more
        than twice as long as every other choice."""
        longest = 0
        counted = 0
        for i, event in enumerate(self.doc.events):
            if not event.choices or len(event.choices) < 2:
                continue
            best = self.best_index(event)
            if best is None:
                continue
            counted += 1
            words = [len(_WORD.findall(c.text)) for c in event.choices]
            others = max(w for j, w in enumerate(words) if j != best)
            if words[best] >= others:
                longest += 1
            if words[best] > LENGTH_CUE_RATIO * others:
                self.add(
                    "SIM506",
                    ("events", i, "choices", best, "text"),
                    "best_choice_much_longer",
                    choice=event.choices[best].id,
                    event=event.id,
                    words=words[best],
                    other=others,
                )
        if counted >= LENGTH_CUE_MIN_DECISIONS and 2 * longest > counted:
            self.add(
                "SIM506",
                ("events",),
                "best_choice_mostly_longest",
                at_key=True,
                count=longest,
                total=counted,
            )

    def best_index(self, event: Event) -> int | None:
        """Where the model answer stands among the choices of `event`: the most accurate
        non-critical choice, the first on ties (None when no choice has a usable rating)."""
        best: tuple[float, int] | None = None
        for j, choice in enumerate(event.choices or ()):
            accuracy = None if choice.critical else self.accuracy(choice)
            if accuracy is not None and (best is None or accuracy > best[0]):
                best = (accuracy, j)
        return best[1] if best is not None else None

    def accuracy(self, choice: Choice) -> float | None:
        """The accuracy a choice is rated at, or None when its rating is itself in error."""
        if choice.rubric is not None:
            weights = {c.id: c.weight for c in self.doc.criteria}
            if not choice.rubric or any(k not in weights for k in choice.rubric):
                return None
            total = sum(weights[k] for k in choice.rubric)
            return 100 * sum(weights[k] * v for k, v in choice.rubric.items()) / total
        if choice.rating is not None:
            return self.doc.scoring.ratings.get(choice.rating)
        return choice.accuracy

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
                    self.unknown(
                        (*path, "rubric", criterion),
                        "unknown_criterion",
                        criterion,
                        self.criteria,
                        at_key=True,
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
                self.unknown(
                    (*path, "effects", stakeholder),
                    "unknown_stakeholder",
                    stakeholder,
                    self.stakeholders,
                    at_key=True,
                )
            else:
                self.affected.add(stakeholder)
        for flag_id, value in outcome.set.items():
            flag = self.flags.get(flag_id)
            if flag is None:
                self.unknown(
                    (*path, "set", flag_id), "unknown_flag", flag_id, self.flags, at_key=True
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
                self.unknown(
                    (*path, "add", flag_id), "unknown_flag", flag_id, self.flags, at_key=True
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
                if target in self.endings:
                    self.add("SIM200", (*path, "next", *step), "next_is_ending", name=target)
                else:
                    self.unknown((*path, "next", *step), "unknown_event", target, self.events)
        if outcome.end is not None and outcome.end not in self.endings:
            if outcome.end in self.events:
                self.add("SIM200", (*path, "end"), "end_is_event", name=outcome.end)
            else:
                self.unknown((*path, "end"), "unknown_ending", outcome.end, self.endings)

    def condition(self, path: tuple[Any, ...], source: str) -> expr.Compiled | None:
        try:
            node = expr.parse(source)
            kind = expr.check(node, self.symbols)
        except expr.ExprError as exc:
            mark = self.where.expression(path, exc.offset)
            key, params = self.explain(exc)
            self.result.diagnostics.append(
                Diagnostic(exc.code, self.file, mark.line, mark.col, key, params)
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
        if path[0] == "endings":
            self.ending_nodes[path[1]] = node
        constant = expr.constant_value(node, self.symbols)
        if constant is not None:
            self.constant[path] = constant
            self.add("SIM303", path, "constant_condition", value="true" if constant else "false")
        else:
            clash = satisfy.never_holds(node, self.symbols)
            if clash is not None:
                self.constant[path] = False
                self.add(
                    "SIM303",
                    path,
                    "condition_never_holds",
                    first=clash.first,
                    second=clash.second,
                )
        return expr.compile_expr(node, self.symbols)

    def explain(self, exc: expr.ExprError) -> tuple[str, dict[str, Any]]:
        """The message of an expression error, with "did you mean" where a known id is close."""
        params = dict(exc.params)
        name = str(params.get("name", ""))
        if exc.key == "expr_unknown_name":
            if name in self.events:
                return "expr_name_is_event", params
            if name in self.endings:
                return "expr_name_is_ending", params
            candidates: Iterable[str] = [*self.stakeholders, *self.flags]
        elif exc.key == "expr_unknown_event":
            candidates = self.events
        elif exc.key == "expr_unknown_choice":
            candidates = self.symbols.decisions.get(str(params.get("event", "")), ())
        else:
            return exc.key, params
        hint = _close(name, candidates)
        if hint is None:
            return exc.key, params
        return f"{exc.key}_hint", {**params, "hint": hint}

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
        # (only one that can never hold blocks), so nothing reachable is ever reported.
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
                self.event_unreachable(i, event, event.id in blocked, reached)
        self.check_endings_reached(named_endings)

    def all_outcomes(self, event: Event) -> Iterator[Outcome]:
        if event.choices is None:
            yield event
            return
        yield from event.choices
        if event.on_timeout is not None:
            yield event.on_timeout

    def event_unreachable(self, i: int, event: Event, blocked: bool, reached: set[str]) -> None:
        """SIM201 with its reason: the condition, or who names the event (and never happens)."""
        path = ("events", i, "id")
        if blocked:
            self.add("SIM201", path, "event_condition_never_holds", event=event.id)
            return
        namers: list[str] = []
        for j, other in enumerate(self.doc.events):
            if other.id == event.id:
                continue
            if other.choices is None or other.id not in reached:
                if other.id not in reached and any(
                    event.id in outcome.next for outcome in self.all_outcomes(other)
                ):
                    namers.append(other.id)  # an event that never arrives
                continue
            namers.extend(  # choices that are never offered
                f"{other.id}.{choice.id}"
                for k, choice in enumerate(other.choices)
                if event.id in choice.next
                and self.constant.get(("events", j, "choices", k, "when")) is False
            )
        if namers:
            self.add(
                "SIM201",
                path,
                "event_named_by_unreachable",
                event=event.id,
                namers=", ".join(namers),
            )
        else:
            self.add("SIM201", path, "event_unreachable", event=event.id)

    def check_endings_reached(self, named_endings: set[str]) -> None:
        """SIM202, with the reason: a condition that never holds, a second fallback, or a
        condition that can only hold when an earlier ending's holds too (shadowed)."""
        first_fallback = next((e.id for e in self.doc.endings if e.when is None), None)
        always: str | None = None  # an earlier ending whose condition always holds
        earlier: list[tuple[str, expr.Node]] = []
        for i, ending in enumerate(self.doc.endings):
            constant = self.constant.get(("endings", i, "when"))
            path = ("endings", i, "id")
            node = self.ending_nodes.get(i)
            if ending.id not in named_endings:
                if ending.when is None and ending.id != first_fallback:
                    self.add(
                        "SIM202",
                        path,
                        "ending_second_fallback",
                        ending=ending.id,
                        fallback=first_fallback,
                    )
                elif constant is False:
                    self.add("SIM202", path, "ending_condition_never_holds", ending=ending.id)
                elif always is not None:
                    self.add("SIM202", path, "ending_after_always", ending=ending.id, other=always)
                elif node is not None:
                    self.check_shadowed(path, ending.id, node, earlier)
            if node is not None and constant is not False:
                earlier.append((ending.id, node))
            if constant is True and always is None:
                always = ending.id

    def check_shadowed(
        self,
        path: tuple[Any, ...],
        ending: str,
        node: expr.Node,
        earlier: list[tuple[str, expr.Node]],
    ) -> None:
        if not earlier:
            return
        covered = satisfy.implied_by(node, [n for _, n in earlier], self.symbols, self.budget)
        if covered is not True:
            return
        # Name the fewest earlier endings that cover it: one if one suffices.
        single = [
            eid
            for eid, other in earlier
            if satisfy.implied_by(node, [other], self.symbols, self.budget)
        ]
        others = single[:1] or [
            eid
            for eid, other in earlier
            if satisfy.implied_by(node, [expr.Unary("not", other, 0)], self.symbols, self.budget)
            is not True
        ]
        self.add(
            "SIM202",
            path,
            "ending_shadowed",
            ending=ending,
            others=", ".join(f"'{eid}'" for eid in others),
        )

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


def _close(name: str, candidates: Iterable[str]) -> str | None:
    """The known id closest to a misspelt `name`, if one is close enough."""
    found = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return found[0] if found else None
