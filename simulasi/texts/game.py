"""Texts of the Textual game: screens, widgets, notifications."""

from __future__ import annotations

ID: dict[str, str] = {}

EN: dict[str, str] = {}
