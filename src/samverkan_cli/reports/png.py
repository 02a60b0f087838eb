"""Raster copies of the report charts: our own SVG drawn again with matplotlib's Agg renderer.

The charts are written as SVG text by :mod:`samverkan_cli.reports.svg`, which uses a small fixed
set of elements (``rect``, ``line``, ``circle``, ``polyline``, ``text`` with ``tspan`` lines and a
``title``). This module parses exactly that SVG and replays each element on a matplotlib figure
whose data units are the SVG's points, so the PNG shows the same shapes, numbers and ``..`` as the
report, in DejaVu Sans (bundled with matplotlib; no system fonts needed). Any other element is an
error rather than something silently left out of the picture.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["SVG_NS", "standalone_svg", "svg_to_png"]

SVG_NS = "http://www.w3.org/2000/svg"

_POINTS_PER_INCH = 72.0
_CAPS: dict[str, Literal["butt", "round", "projecting"]] = {"butt": "butt", "round": "round", "square": "projecting"}
_ANCHORS = {"start": "left", "middle": "center", "end": "right"}
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def standalone_svg(markup: str) -> str:
    """An inline chart ``<svg>`` as a file of its own: XML declaration, namespace, size in points."""
    size = _VIEWBOX.search(markup)
    if not markup.startswith("<svg ") or size is None:
        raise ValueError("not a chart from samverkan_cli.reports.svg")
    width, height = size.groups()
    head = f'<svg xmlns="{SVG_NS}" width="{width}pt" height="{height}pt" '
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head + markup[len("<svg ") :]


def svg_to_png(markup: str, dpi: int = 300) -> bytes:
    """The chart ``markup`` (inline or standalone) as PNG bytes at ``dpi``, on a white background."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    root = ET.fromstring(markup)
    width, height = _size(root)
    figure = Figure(figsize=(width / _POINTS_PER_INCH, height / _POINTS_PER_INCH), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)  # SVG's y grows downwards
    axes.set_axis_off()
    for element in root:
        _draw(axes, element)
    buffer = io.BytesIO()
    # No "Software" entry: the same chart gives the same bytes.
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _size(root: ET.Element) -> tuple[float, float]:
    box = root.get("viewBox", "").split()
    if len(box) != 4:
        raise ValueError("chart SVG without a viewBox")
    return float(box[2]), float(box[3])


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def _float(element: ET.Element, name: str, default: float = 0.0) -> float:
    value = element.get(name)
    return float(value) if value is not None else default


def _colour(value: str | None) -> str:
    return "none" if value in (None, "", "none") else str(value)


def _draw(axes: Axes, element: ET.Element) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Rectangle

    tag = _tag(element)
    stroke = _colour(element.get("stroke"))
    stroke_width = _float(element, "stroke-width")
    if tag == "title":
        return
    if tag == "rect":
        axes.add_patch(
            Rectangle(
                (_float(element, "x"), _float(element, "y")),
                _float(element, "width"),
                _float(element, "height"),
                facecolor=_colour(element.get("fill")),
                edgecolor=stroke,
                linewidth=stroke_width if stroke != "none" else 0.0,
            )
        )
    elif tag == "line":
        axes.add_line(
            Line2D(
                [_float(element, "x1"), _float(element, "x2")],
                [_float(element, "y1"), _float(element, "y2")],
                color=stroke,
                linewidth=stroke_width,
                solid_capstyle=_CAPS[element.get("stroke-linecap", "butt")],
            )
        )
    elif tag == "polyline":
        points = [tuple(float(v) for v in pair.split(",")) for pair in element.get("points", "").split()]
        axes.add_line(Line2D([p[0] for p in points], [p[1] for p in points], color=stroke, linewidth=stroke_width))
    elif tag == "circle":
        axes.add_patch(
            Circle(
                (_float(element, "cx"), _float(element, "cy")),
                _float(element, "r"),
                facecolor=_colour(element.get("fill")),
                edgecolor=stroke,
                linewidth=stroke_width,
            )
        )
    elif tag == "text":
        _text(axes, element)
    else:
        raise ValueError(f"chart SVG element <{tag}> has no PNG drawing")


def _text(axes: Axes, element: ET.Element) -> None:
    """``<text>`` at its baseline, one call per ``<tspan>`` line (mathtext off: ``$`` stays ``$``)."""
    style: dict[str, Any] = {
        "fontsize": _float(element, "font-size", 10.0),
        "color": _colour(element.get("fill")),
        "ha": _ANCHORS[element.get("text-anchor", "start")],
        "va": "baseline",
        "fontweight": element.get("font-weight", "normal"),
        "fontstyle": element.get("font-style", "normal"),
        "family": "DejaVu Sans",
        "parse_math": False,
    }
    x, y = _float(element, "x"), _float(element, "y")
    spans = [span for span in element if _tag(span) == "tspan"]
    if not spans:
        axes.text(x, y, element.text or "", **style)
        return
    for span in spans:
        y += _float(span, "dy")
        axes.text(_float(span, "x", x), y, span.text or "", **style)
