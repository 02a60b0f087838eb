"""A tiny SVG writer: shapes and text as escaped markup, coordinates in points (1 inch = 72).

Charts are drawn from their numbers straight to text, so a report needs no plotting library
(matplotlib cost ~100 ms a chart; this costs well under a millisecond). Output is deterministic:
numbers are rounded to two decimals and every attribute is written in a fixed order. The element is
meant to be inlined in HTML, so it carries no XML namespace (nothing that points outside the page).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from samverkan_cli.text import printable

__all__ = ["FONT", "Scale", "Svg", "num", "text_width"]

#: The font stack of every chart (the page's own sans-serif font where DejaVu is missing).
FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif"


def num(value: float) -> str:
    """``value`` with at most two decimals and no trailing zeros (``12.5``, ``3``, ``-0.25``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at ``size`` points (DejaVu Sans averages ~0.6 em a character)."""
    return len(text) * size * 0.6


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (``lo``..``hi``) to positions (``start``..``end``)."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


class Svg:
    """One chart's ``<svg>`` element, built shape by shape."""

    #: Text is drawn this much larger than its nominal point size, so a chart squeezed onto a
    #: phone screen (CSS keeps it >= 600 px wide) still has text of about 10 px.
    font_scale = 1.12

    def __init__(self, width: float, height: float, chart_id: str, label: str) -> None:
        self.width, self.height = width, height
        self.chart_id, self.label = chart_id, label
        self.parts: list[str] = []

    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "", stroke_width: float = 0
    ) -> None:
        """A rectangle; zero or negative widths are skipped (nothing to draw)."""
        if w <= 0 or h <= 0:
            return
        edge = f' stroke="{stroke}" stroke-width="{num(stroke_width)}"' if stroke else ""
        self.parts.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}"{edge}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, cap: str = "butt") -> None:
        """A straight line."""
        capping = f' stroke-linecap="{cap}"' if cap != "butt" else ""
        self.parts.append(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{stroke}" '
            f'stroke-width="{num(width)}"{capping}/>'
        )

    def circle(self, cx: float, cy: float, r: float, fill: str, stroke: str, stroke_width: float) -> None:
        """A marker dot (``fill="white"`` draws it hollow)."""
        self.parts.append(
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{num(stroke_width)}"/>'
        )

    def arrow(self, x1: float, x2: float, y: float, colour: str, width: float) -> None:
        """A horizontal arrow from ``x1`` to ``x2`` with an open head."""
        self.line(x1, y, x2, y, colour, width)
        head = 4.0 if x2 >= x1 else -4.0
        self.parts.append(
            f'<polyline points="{num(x2 - head)},{num(y - 2.8)} {num(x2)},{num(y)} {num(x2 - head)},{num(y + 2.8)}" '
            f'fill="none" stroke="{colour}" stroke-width="{num(width)}"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str | Sequence[str],
        size: float,
        fill: str,
        anchor: str = "start",
        valign: str = "center",
        weight: str = "",
        italic: bool = False,
        line_height: float = 1.25,
    ) -> None:
        """Text (one or more lines) placed like matplotlib: ``valign`` center, top or bottom at ``y``."""
        # Control characters have no glyph, and XML (a chart saved on its own) forbids them.
        lines = [printable(line) for line in ([text] if isinstance(text, str) else text)]
        size *= self.font_scale
        step = size * line_height
        block = step * (len(lines) - 1)
        # Baseline of the first line: a cap height (~0.73 em) below the top, or centred on y.
        if valign == "top":
            first = y + size * 0.76
        elif valign == "bottom":
            first = y - block - size * 0.24
        else:
            first = y - block / 2 + size * 0.36
        attrs = f'font-size="{num(size)}" fill="{fill}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if weight:
            attrs += f' font-weight="{weight}"'
        if italic:
            attrs += ' font-style="italic"'
        if len(lines) == 1:
            body = escape(lines[0])
        else:
            body = "".join(
                f'<tspan x="{num(x)}" dy="{num(0 if i == 0 else step)}">{escape(line)}</tspan>'
                for i, line in enumerate(lines)
            )
        self.parts.append(f'<text x="{num(x)}" y="{num(first)}" {attrs}>{body}</text>')

    def render(self) -> str:
        """The complete element: ``role="img"``, ``aria-label``, a ``<title>`` and the shapes."""
        label = escape(printable(self.label))
        head = (
            f'<svg class="chart" role="img" aria-label="{label}" id="{escape(self.chart_id)}" '
            f'viewBox="0 0 {num(self.width)} {num(math.ceil(self.height))}" '
            f'font-family="{escape(FONT)}">'
        )
        return head + f"<title>{label}</title>\n" + "\n".join(self.parts) + "\n</svg>\n"
