"""An engine's refusal inside a store error is said in the user's language, by its code."""

from __future__ import annotations

from simulasi.engine import EngineError, ReplayError
from simulasi.i18n import t
from simulasi.store import StoreError
from simulasi.store.reasons import engine_reason


def test_an_engine_error_is_said_by_its_code_in_each_language() -> None:
    error = ReplayError("ended", "run already ended")
    assert engine_reason(error, "id") == t("guard.engine.ended", "id")
    assert engine_reason(error, "en") == t("guard.engine.ended", "en")
    assert engine_reason(error, "id") != engine_reason(error, "en")


def test_an_unknown_code_is_the_general_phrase_and_its_cause_follows() -> None:
    error = EngineError("no_such_code", "something new")
    error.__cause__ = EngineError("ended", "run already ended")
    assert engine_reason(error, "en") == (
        f"{t('guard.engine.other', 'en')}: {t('guard.engine.ended', 'en')}"
    )


def test_any_other_value_is_left_as_it_is() -> None:
    assert engine_reason("r-1", "en") == "r-1"
    assert engine_reason(3, "id") == 3


def test_a_store_error_says_the_replay_in_the_users_language() -> None:
    error = StoreError("results.debrief.unscored", run="r-1", reason=ReplayError("ended", "x"))
    assert error.message("en") == t(
        "results.debrief.unscored", "en", run="r-1", reason=t("guard.engine.ended", "en")
    )
    assert "already ended" in error.message("en")
