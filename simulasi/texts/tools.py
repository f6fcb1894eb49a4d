"""Texts of the facilitator tools: explore, simulate, graph, golden tests, new."""

from __future__ import annotations

ID: dict[str, str] = {}

EN: dict[str, str] = {}
