"""Simulated trainees: how each one picks a choice and how long it takes to answer.

A persona decides twice per decision, with the run's own `random.Random`: when the decision
arrives, *when* it will answer (or that it lets it time out); when that moment comes, *which*
of the choices available then it takes. Everything random comes from the generator passed in,
so a run is a function of its seed.

Response times (seconds after arrival; D the deadline, G golden):
- uniform: uniform in [0, D]; each choice and the timeout equally likely;
- least-used: uniform in [0, D]; takes the option (a choice, or the timeout) that the runs
  with the seeds before it took least: options rotate seed by seed (see `_rotation`);
- always-timeout: never answers;
- careful: uniform in [G, (G + D) / 2]: reads everything, so never within golden, and answers
  in the first half of what is left (a careful trainee is not one who waits for the last
  second); takes the most accurate non-critical choice 80 % of the time, the next best
  otherwise (never a red line while another choice is available: it reads the consequences);
- hasty: uniform in the first 15 seconds (or [0, D] when D is shorter); any choice.

The test-wise personas answer when a careful trainee would, so that only their judgement
differs from careful's (a scenario they pass is won by surface features, not by speed):
- first: always the first choice shown (in the run's shown order, drawn from its seed);
- longest: the choice with the most words;
- keyword: the choice sharing the most distinct words with the scenario's learning
  objectives and briefing, function words left out (the trainee who matches the vocabulary
  of the course).
Ties go to the choice shown first.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the CLI reads the persona names without loading the core
    from simulasi.scenario import Event, Scenario

HASTY_SECONDS = 15.0  # "the first seconds": a hasty trainee answers within this
CAREFUL_BEST = 0.8  # how often a careful trainee takes the most accurate choice available


class Persona:
    """A simulated trainee. `seed` is the run's own seed; `order` the decision's place among
    the scenario's decisions."""

    name = ""
    #: Whether the order choices are shown in may change its pick: `available` then comes
    #: in the run's shown order, else in file order (a pick by merit, rotation or chance
    #: does not look at the order, and so stays the same whatever the seed shows).
    reads_order = False

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        """Seconds after arrival this trainee answers `event` (None: lets it time out)."""
        assert event.deadline is not None
        return rng.uniform(0.0, event.deadline)

    def pick(
        self,
        scenario: Scenario,
        event: Event,
        order: int,
        available: Sequence[str],
        seed: int,
        rng: random.Random,
    ) -> str | None:
        """The choice to take among `available` (None: none suits, let it time out)."""
        return rng.choice(list(available)) if available else None


class Uniform(Persona):
    name = "uniform"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        # Every outcome alike: each choice, or the timeout.
        if rng.randrange(len(event.choices or ()) + 1) == 0:
            return None
        return super().latency(event, order, seed, rng)


class LeastUsed(Persona):
    name = "least-used"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        if _rotation(event, order, seed) is None:
            return None
        return super().latency(event, order, seed, rng)

    def pick(
        self,
        scenario: Scenario,
        event: Event,
        order: int,
        available: Sequence[str],
        seed: int,
        rng: random.Random,
    ) -> str | None:
        ids = [c.id for c in event.choices or ()]
        preferred = _rotation(event, order, seed)
        start = ids.index(preferred) if preferred in ids else 0
        for step in range(len(ids)):
            candidate = ids[(start + step) % len(ids)]
            if candidate in available:
                return candidate
        return None


class AlwaysTimeout(Persona):
    name = "always-timeout"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        return None


class Careful(Persona):
    name = "careful"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        assert event.deadline is not None and event.golden is not None
        return rng.uniform(event.golden, (event.golden + event.deadline) / 2)

    def pick(
        self,
        scenario: Scenario,
        event: Event,
        order: int,
        available: Sequence[str],
        seed: int,
        rng: random.Random,
    ) -> str | None:
        if not available:
            return None
        ranked = sorted(available, key=lambda cid: _merit(scenario, event, cid), reverse=True)
        if (
            rng.random() < CAREFUL_BEST
            or len(ranked) == 1
            or _is_critical(scenario, event, ranked[1])
        ):
            return ranked[0]
        return ranked[1]


class Hasty(Persona):
    name = "hasty"

    def latency(self, event: Event, order: int, seed: int, rng: random.Random) -> float | None:
        assert event.deadline is not None
        return rng.uniform(0.0, min(HASTY_SECONDS, event.deadline))


class _TestWise(Careful):
    """Answers when careful does; picks by a surface feature of the text alone."""

    reads_order = True  # ties go to the choice shown first; `first` is the first shown

    def pick(
        self,
        scenario: Scenario,
        event: Event,
        order: int,
        available: Sequence[str],
        seed: int,
        rng: random.Random,
    ) -> str | None:
        if not available:
            return None
        shown = list(available)
        return max(shown, key=lambda cid: (self.appeal(scenario, event, cid), -shown.index(cid)))

    def appeal(self, scenario: Scenario, event: Event, choice_id: str) -> float:
        """How much the surface of the choice draws this trainee (the highest is taken).
        Here every choice alike, so the tie goes to the first shown: that is `first`."""
        return 0.0


class First(_TestWise):
    name = "first"


class Longest(_TestWise):
    name = "longest"

    def appeal(self, scenario: Scenario, event: Event, choice_id: str) -> float:
        return float(len(_words(scenario.choices[(event.id, choice_id)].text)))


class Keyword(_TestWise):
    name = "keyword"

    def appeal(self, scenario: Scenario, event: Event, choice_id: str) -> float:
        course = _course_words(scenario)
        text = scenario.choices[(event.id, choice_id)].text
        return float(len(set(_words(text)) & course))


_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SHORT = 3  # words this short ("di", "dan", "ke") match everything and say nothing
# Longer function words match everything too: without them the keyword persona would mostly
# take the choice with the most words, a copy of `longest` (Indonesian, then English).
_STOPWORDS = frozenset(
    """
    yang dari dengan tidak untuk akan pada atau juga dalam agar oleh bisa sudah belum saat
    para kami anda mereka karena tetapi hanya lebih masih harus dapat semua setiap tanpa
    sebelum sesudah setelah sampai antara bahwa jika kalau ketika supaya sambil lalu lagi
    sini sana situ ada adalah ialah menjadi jadi itu ini kita saya dia ia nya pun kepada
    terhadap tentang seperti hingga namun serta maupun baik sedang telah kini nanti
    with that this from before after into over under about than then they them their there
    what when where which while would could should your yours have been will shall must
    """.split()  # noqa: SIM905 (a word list reads better as prose than as 100 literals)
)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def word_count(text: str) -> int:
    """Words as the test-wise personas count them (a hyphenated word is one)."""
    return len(_WORD.findall(text))


def _course_words(scenario: Scenario) -> frozenset[str]:
    doc = scenario.doc
    words = _words(" ".join((doc.briefing, *doc.objectives)))
    return frozenset(w for w in words if len(w) > _SHORT and w not in _STOPWORDS)


def _merit(scenario: Scenario, event: Event, choice_id: str) -> tuple[bool, float]:
    """Non-critical first, then the most accurate (a stable sort keeps file order on ties)."""
    choice = scenario.choices[(event.id, choice_id)]
    return (not choice.critical, scenario.accuracy_of(choice))


def _is_critical(scenario: Scenario, event: Event, choice_id: str) -> bool:
    return scenario.choices[(event.id, choice_id)].critical


def _rotation(event: Event, order: int, seed: int) -> str | None:
    """Least-used, reproducible from the seed alone. The options of a decision are its
    choices, then letting it time out (k of them); seed s takes option (s + (s // k) * j) mod k
    at the decision in place j. Every k consecutive seeds take every option of every decision
    once, so the option a run takes is one the runs with the seeds before it took least; and
    from one block of k seeds to the next the decisions shift against each other, so that the
    runs meet different combinations rather than the same few."""
    options: list[str | None] = [c.id for c in event.choices or ()]
    options.append(None)
    k = len(options)
    return options[(seed + (seed // k) * order) % k]


#: Which personas a scenario's calibration expects to pass (README, "Bundled scenarios"):
#: careful only. The test-wise ones must fail by a margin (`TEST_WISE`).
PASSING = frozenset({"careful"})
TEST_WISE = frozenset({"first", "longest", "keyword"})

PERSONAS: dict[str, Persona] = {
    p.name: p
    for p in (
        Uniform(),
        LeastUsed(),
        AlwaysTimeout(),
        Careful(),
        Hasty(),
        First(),
        Longest(),
        Keyword(),
    )
}
