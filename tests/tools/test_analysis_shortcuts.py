"""The shortcuts that keep the explorer's analysis fast without changing what it finds: a cut's
preimage searched from its estimate, the corners that check a state's carried scores at once,
the cycle collector paused only while the analysis runs."""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tools_support import purpose_built

from simulasi.tools.analysis import Carried, Witness, _corners, _pareto, analyse
from simulasi.tools.explore import explore
from simulasi.tools.explore_endings import _preimage


def clamped(value: float) -> float:
    return 0.0 if value < 0.0 else 100.0 if value > 100.0 else value


@given(
    st.floats(0.0, 100.0, exclude_min=True),
    st.floats(-100.0, 100.0, allow_nan=False),
)
@example(math.nextafter(50.0, math.inf), 50.0)  # about half the estimate: 2**52 floats away
@example(5e-324, 0.0)  # the least float above 0
@example(100.0, 1e-300)  # 100, the top of the search, and the estimate
@example(1e-300, -99.99999999999999)  # the estimate below 0
@example(33.3, 0.1 * 3)
def test_a_cuts_preimage_is_the_least_value_at_or_above_it(cut: float, delta: float) -> None:
    """The value found is on the cut's side, and the float just below it is not: the search
    that starts at `cut - delta` lands on exactly the least such value."""
    at = _preimage(cut, delta)
    if at is None:  # every value in 0..100 lands on the same side
        assert (clamped(0.0 + delta) >= cut) == (clamped(100.0 + delta) >= cut)
        return
    assert 0.0 < at <= 100.0
    assert clamped(at + delta) >= cut
    assert clamped(math.nextafter(at, -math.inf) + delta) < cut


COUNT = st.floats(0.0, 100.0)
CARRIED = st.tuples(COUNT, COUNT, COUNT, COUNT, st.sampled_from([0.0, 1.0]))


@given(st.lists(CARRIED, min_size=2, max_size=8), st.sampled_from([1.0, -1.0]))
def test_the_corners_of_a_states_items_bound_each_of_them(
    scores: list[Carried], sign: float
) -> None:
    """Per count, the best corner is at least as good as every item (for a high total: each
    count at least as high, the critical flag at least as low; for a low total the other way)
    and the worst corner at most as good; each corner's counts are the items' own values."""
    items: list[tuple[Carried, Witness]] = [(carried, None) for carried in scores]
    best, worst = _corners(items, sign)
    last = len(best) - 1
    for carried in scores:
        for k, value in enumerate(carried):
            factor = -sign if k == last else sign
            assert factor * best[k] >= factor * value
            assert factor * worst[k] <= factor * value
    for k in range(len(best)):
        assert best[k] in {carried[k] for carried in scores}
        assert worst[k] in {carried[k] for carried in scores}
    # The best corner beats or equals every item: it is the whole Pareto front with them.
    front = _pareto([*items, (best, None)], sign)
    assert [carried for carried, _ in front] == [best]


@pytest.fixture
def cycle_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("cycle_collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_it_was(enabled: bool) -> None:
    """The analysis pauses the cycle collector while it runs, and leaves it as it found it."""
    graph = explore(purpose_built("known-best"))
    if enabled:
        gc.enable()
    else:
        gc.disable()
    report = analyse(graph)
    assert report.highest is not None
    assert gc.isenabled() is enabled
