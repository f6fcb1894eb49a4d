"""Every option of a decision as the debrief teaches it: its rating class and feedback.

A trainee who chose well should also learn why the tempting alternatives were wrong, so the
debrief (the game's screen and the exported documents) lists the other choices after the
trainee's and the best one, each with one label from a single set: best, good, weak, harmful
(and red line when `critical`), in the order the run showed them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from simulasi.engine.order import shown_order
from simulasi.scenario import Choice, Event, Scenario

Rating = Literal["best", "good", "weak", "harmful"]
RATINGS: tuple[Rating, ...] = ("best", "good", "weak", "harmful")


def rating_of(scenario: Scenario, choice: Choice) -> Rating:
    """The choice's `rating`; otherwise (an `accuracy`, a `rubric`) the highest of the four
    whose value in the scenario's `scoring.ratings` its accuracy reaches: one label set for
    every choice."""
    for rating in RATINGS:
        if choice.rating == rating:
            return rating
    # An accuracy or a rubric: by the value it scores.
    accuracy = scenario.accuracy_of(choice)
    values = scenario.doc.scoring.ratings
    for rating in RATINGS[:-1]:
        if accuracy >= values[rating]:
            return rating
    return "harmful"


def other_choices(
    scenario: Scenario, event: Event, seed: int | None, leave_out: Collection[str]
) -> list[Choice]:
    """The choices of `event` not in `leave_out` (the trainee's, the best ones already
    shown), in the order a run with `seed` showed them (file order when None)."""
    return [
        scenario.choices[(event.id, cid)]
        for cid in shown_order(seed, event)
        if cid not in leave_out
    ]
