"""WCAG contrast of every text/background pair each screen draws, in both themes: 4.5:1 for
text, 3:1 for bars (meters, countdowns, trends). Measured on what the compositor renders, so
every style (theme variables and the .tcss) is covered as it is used."""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import Color
from textual.pilot import Pilot

from simulasi.ui.app import DARK_THEME, LIGHT_THEME

SIZE = (80, 24)
#: Box drawing and the eighth blocks of borders and scrollbars: lines, not text or bars.
LINES = {chr(c) for c in range(0x2500, 0x2580)} | set("▔▕▏▌▐▖▗▘▝▀")
#: Blocks that make up a bar.
BARS = set("█░▁▂▃▄▅▆▇")


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: Color, other: Color) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_the_wcag_ratio() -> None:
    assert round(contrast(Color.parse("#000000"), Color.parse("#ffffff")), 1) == 21.0
    assert contrast(Color.parse("#777777"), Color.parse("#ffffff")) == pytest.approx(4.48, 0.01)


def _too_faint(app: Any) -> list[tuple[str, float, int]]:
    """The texts drawn too faint; under a question or the help only the box is read (the
    game behind it is dimmed on purpose, and hidden while the clock stops)."""
    screen = app.screen
    boxes = list(screen.query(".modal--box"))
    area = boxes[0].region if boxes else screen.region
    found = []
    for y, strip in enumerate(screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            text, style = segment.text.strip(), segment.style
            at, x = x, x + segment.cell_length
            if not area.contains(at, y) and not area.contains(x - 1, y):
                continue
            if not text or style is None or style.color is None or style.bgcolor is None:
                continue
            if all(c in LINES for c in text):
                continue
            if (len(text) == 1 and text in BARS) or set(text) == {"▁"}:
                continue  # a scrollbar's thumb edge, a button's bottom edge
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            need = 3.0 if all(c in BARS | {" "} for c in text) else 4.5
            ratio = contrast(fg, bg)
            if ratio < need:
                found.append((text[:24], round(ratio, 2), y))
    return found


async def _screens(pilot: Pilot[None], step: Any) -> list[tuple[str, Any]]:
    """Walk Home, the briefing, Play (running, paused, help, quit question), the debrief."""
    app = pilot.app
    seen = [("home", _too_faint(app))]
    await pilot.press("enter")
    await pilot.pause()
    seen.append(("briefing", _too_faint(app)))
    await pilot.press("enter")
    await pilot.pause()
    await step(pilot, 45)
    await pilot.press("2")
    await pilot.pause()
    seen.append(("play", _too_faint(app)))
    await pilot.press("p")
    await pilot.pause()
    seen.append(("paused", _too_faint(app)))
    await pilot.press("p", "question_mark")
    await pilot.pause()
    seen.append(("help", _too_faint(app)))
    await pilot.press("escape", "f")
    await pilot.pause()
    seen.append(("finish question", _too_faint(app)))
    await pilot.press("y")
    await pilot.pause()
    seen.append(("debrief", _too_faint(app)))
    await pilot.press("end")
    await pilot.pause()
    seen.append(("debrief end", _too_faint(app)))
    return seen


@pytest.mark.parametrize("theme", [LIGHT_THEME, DARK_THEME])
async def test_every_text_meets_wcag_aa_in_both_themes(
    make_app: Any, step: Any, theme: str
) -> None:
    app = make_app(practice=True)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.pause()
        seen = await _screens(pilot, step)
    faint = [(screen, faint) for screen, faint in seen if faint]
    assert not faint, str(faint)
