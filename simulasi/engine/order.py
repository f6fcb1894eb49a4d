"""The order a decision's choices are shown in: drawn from the run's seed, per decision.

A pure function of (seed, event): no clock, no screen, no store. The same seed always gives
the same order for the same event, in every process (the draw is seeded with a text, which
`random.Random` hashes with SHA-512, never with Python's per-process salted `hash()`), so a
replay, a resumed run, the debrief and the stored log all show what the trainee saw.

Keys 1-9 follow the shown order; the log keeps choice ids, so scoring never depends on it.
"""

from __future__ import annotations

import random

from simulasi.scenario import Event

#: The version of the draw: part of the text the generator is seeded with, so a future change
#: of the draw can never silently reorder the choices of runs already stored.
_DRAW = "simulasi/1 order"


def shown_order(seed: int | None, event: Event) -> tuple[str, ...]:
    """Every choice id of `event` in the order a run with `seed` shows them.

    File order when `seed` is None (a run logged before seeds existed, a headless run without
    `--seed`) or the decision says `order: fixed`; otherwise a permutation drawn from
    `random.Random` seeded with the text of (seed, event id). Unavailable choices (`when`
    false) have their place in it too: the game shows the available ones in this order.
    """
    ids = tuple(choice.id for choice in event.choices or ())
    if seed is None or event.order == "fixed" or len(ids) < 2:
        return ids
    shuffled = list(ids)
    random.Random(f"{_DRAW} {seed} {event.id}").shuffle(shuffled)
    return tuple(shuffled)


def in_shown_order(seed: int | None, event: Event, choice_ids: list[str]) -> list[str]:
    """`choice_ids` (some choices of `event`) sorted into the order a run with `seed` shows."""
    place = {cid: i for i, cid in enumerate(shown_order(seed, event))}
    return sorted(choice_ids, key=place.__getitem__)
