"""Tests of the facilitator tools. The shared Hypothesis strategies live one folder up."""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent.parent)
if _TESTS not in sys.path:  # `from strategies import scenarios`, as the core tests do
    sys.path.insert(0, _TESTS)


import pytest  # noqa: E402  (after the path set-up above)

from simulasi.tools.analysis import ExploreReport, analyse  # noqa: E402
from simulasi.tools.explore import Graph, explore  # noqa: E402


@pytest.fixture(scope="session")
def shipped_graph() -> Graph:
    """The shipped scenario explored once for the whole session (it takes seconds)."""
    from tools_support import SHIPPED, load

    return explore(load(SHIPPED))


@pytest.fixture(scope="session")
def shipped_report(shipped_graph: Graph) -> ExploreReport:
    return analyse(shipped_graph)
