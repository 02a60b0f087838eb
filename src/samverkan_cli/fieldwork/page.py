"""The internal progress page ``reports/intern/faltarbete.html``: one small chart per county, inline SVG."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.fieldwork.progress import CountyProgress, FieldProgress
from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Lang

__all__ = ["PAGE_NAME", "render_page", "write_page"]

#: Where the page goes, under the reports directory; ``intern/`` is never linked from the published index.
PAGE_NAME = Path("intern") / "faltarbete.html"

_W, _H, _PAD = 300.0, 110.0, 6.0


@dataclass(frozen=True)
class _Chart:
    """Coordinates of one county's chart (computed here so the template only places them)."""

    county: CountyProgress
    points: str
    start_x: float | None
    end_x: float | None
    rate_pct: str


def _x(index: int, n: int) -> float:
    return round(_PAD + (_W - 2 * _PAD) * (index / (n - 1) if n > 1 else 0.5), 1)


def _y(share: float) -> float:
    return round(_H - _PAD - (_H - 2 * _PAD) * share, 1)


def _chart(county: CountyProgress, progress: FieldProgress) -> _Chart:
    n = len(progress.days)
    points = " ".join(f"{_x(i, n)},{_y(s)}" for i, s in enumerate(county.curve))
    marks = [_x(progress.days.index(d), n) if d in progress.days else None for d in (progress.start, progress.end)]
    rate = "–" if county.rate is None else f"{county.rate * 100:.0f} %"
    return _Chart(county, points, marks[0], marks[1], rate)


def render_page(progress: FieldProgress, lang: Lang) -> str:
    """The page as HTML text (Jinja, autoescape on)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("samverkan_cli.fieldwork", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("faltarbete.html.j2")
    return template.render(
        p=progress,
        charts=[_chart(c, progress) for c in progress.counties],
        lang=lang,
        t=lambda sv, en: en if lang == "en" else sv,
        width=_W,
        height=_H,
        pad=_PAD,
        y_half=_y(0.5),
    )


def write_page(progress: FieldProgress, reports_dir: Path, lang: Lang) -> Path:
    """Write the page under ``reports_dir/intern/`` and return its path."""
    path = reports_dir / PAGE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_page(progress, lang).encode("utf-8"))
    return path
