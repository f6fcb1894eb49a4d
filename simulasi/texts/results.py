"""Texts of the store, resume, scoreboard, debrief documents and exports."""

from __future__ import annotations

ID: dict[str, str] = {}

EN: dict[str, str] = {}
