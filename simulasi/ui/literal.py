"""Scenario text and trainee names are shown exactly as typed, never interpreted.

Rich/Textual markup (`[bold red]`, `[link=...]`) stays text because everything goes through
`Content` objects, never through markup parsing; terminal escape sequences and other control
characters are made visible (`\\x1b`) instead of being sent to the terminal.
"""

from __future__ import annotations

import re

from textual.content import Content

from simulasi.guard import shown


def visible(text: str) -> str:
    """`text` with every control character but newline and tab written out as an escape
    (`\\x1b`): the command line's `shown`, for text shown as a block."""
    return shown(text, block=True)


def literal(text: str, style: str = "") -> Content:
    """Content showing `text` as typed, in `style` (a Textual style, theme variables allowed)."""
    return Content.styled(visible(text), style)


_ITEM = re.compile(r"^\s*(?:[-*•]\s|\d+[.)]\s)")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of YAML block text so the terminal can wrap it to its
    width: paragraphs (split by blank lines) become one line each, list items (`- `, `1. `)
    start their own line. Nothing else is changed."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not _ITEM.match(raw):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
