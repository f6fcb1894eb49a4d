"""An engine's refusal said in the user's language, for the store's errors (a run that cannot
be replayed). Here and not in `simulasi.guard`: the guards sit below the engine, this needs it."""

from __future__ import annotations

from simulasi.engine import EngineError
from simulasi.i18n import CATALOGUES, t


def engine_reason(value: object, lang: str) -> object:
    """An engine's refusal (`EngineError`, `ReplayError`) as a phrase in `lang`, by its code
    (the engine speaks English to developers); any other value as it is."""
    if not isinstance(value, EngineError):
        return value
    key = f"guard.engine.{value.code}"
    if key not in CATALOGUES["id"]:
        key = "guard.engine.other"
    text = t(key, lang)
    cause = value.__cause__
    if isinstance(cause, EngineError) and cause is not value:
        text = f"{text}: {engine_reason(cause, lang)}"
    return text
