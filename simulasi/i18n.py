"""The catalogue of everything the command line (and later the game) says to people.

Bahasa Indonesia is the default; English is complete (a test compares the key sets).
Scenario text is never put through this: it is shown exactly as written.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import Any

LANGS = ("id", "en")

#: The catalogue modules, merged in this order. A new part of the product adds its module here.
PARTS = (
    "simulasi.texts.cli",
    "simulasi.texts.game",
    "simulasi.texts.results",
    "simulasi.texts.tools",
    "simulasi.texts.guard",
    "simulasi.texts.web",
    "simulasi.texts.console",
)


def _merge(attr: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name in PARTS:
        part: dict[str, str] = getattr(importlib.import_module(name), attr)
        clash = merged.keys() & part.keys()
        if clash:
            raise RuntimeError(f"text keys defined twice ({name}): {sorted(clash)}")
        merged.update(part)
    return merged


ID = _merge("ID")
EN = _merge("EN")
CATALOGUES = {"id": ID, "en": EN}


def t(key: str, lang: str = "id", **params: Any) -> str:
    """The text of `key` in `lang`, with its parameters filled."""
    text = CATALOGUES.get(lang, ID).get(key) or ID.get(key) or key
    return text.format(**params) if params else text


def decimal(value: float | None, lang: str = "id", places: int | None = 1, none: str = "—") -> str:
    """A number for people: `places` decimals (None: as few as it needs, `62.5`, `60`), a
    decimal comma in Indonesian and a point in English (`88,0` / `88.0`); `none` when there
    is none. Never for files meant for programs (CSV standard, JSON, xAPI): they keep the
    point."""
    if value is None:
        return none
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "id" else text


def integer(value: int, lang: str = "id") -> str:
    """A count for people, its thousands grouped: `76.553` in Indonesian, `76,553` in English
    (the separators `decimal` does not use in each language)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def detect_lang(argv: Sequence[str]) -> str:
    """`--lang en` / `--lang=en` on the command line, else $SIMULASI_LANG, else Indonesian."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    env = os.environ.get("SIMULASI_LANG", "")
    return env if env in LANGS else "id"
