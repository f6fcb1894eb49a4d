"""The Hypothesis profile is registered once, in tests/conftest.py, and is in effect."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent


def test_the_profile_is_loaded_for_every_test() -> None:
    current = settings.default
    assert current is not None
    assert current.deadline is None
    assert HealthCheck.too_slow in current.suppress_health_check


def test_a_modules_own_settings_keep_the_profile() -> None:
    """Settings that give only `max_examples` (as the test modules do) still have no deadline:
    the profile is their parent."""
    own = settings(max_examples=5)
    assert own.max_examples == 5 and own.deadline is None
    assert HealthCheck.too_slow in own.suppress_health_check


def test_profiles_are_registered_and_loaded_only_in_the_root_conftest() -> None:
    calls = re.compile(r"settings\.(register_profile|load_profile)\(")
    found = sorted(
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if calls.search(path.read_text(encoding="utf-8"))
    )
    assert found == ["conftest.py"]
