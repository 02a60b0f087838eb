"""``report --charts DIR``: every chart of the reports as a file of its own, SVG and 300 dpi PNG.

The files are made from the very SVG the HTML reports inline (:func:`county_charts`,
:func:`overview_charts`), so they carry the same numbers, the same ``..`` for hidden groups and
the same notes. One folder per county (``lan-14/``) and one for the national overview
(``riket/``); file names are the chart's subject in the report's language, in plain ASCII so they
survive every slide tool and file share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.reports.model import CountyReport, OverviewReport
from samverkan_cli.reports.png import standalone_svg, svg_to_png
from samverkan_cli.reports.pool import init_pool_worker

__all__ = ["DPI", "ChartFile", "chart_files", "write_charts"]

#: Resolution of the PNG copies (print and slide quality).
DPI = 300
#: Below this many charts the PNGs are drawn in-process (a pool's start-up costs more).
_POOL_MIN_CHARTS = 24

_NAMES: dict[str, Msg] = {
    "dimensions": Msg("omraden", "areas"),
    "items": Msg("fragor", "items"),
    "referrals": Msg("remissvagar", "referrals"),
    "brukarrevision": Msg("brukarrevision", "user-audit"),
    "trend": Msg("trend", "trend"),
    "ranking": Msg("rangordning", "ranking"),
}
_OVERVIEW_DIR = Msg("riket", "sweden")


@dataclass(frozen=True)
class ChartFile:
    """One chart to write: its path without suffix (relative to the charts folder) and its SVG."""

    stem: str
    svg: str


def _slug(text: str) -> str:
    """``Rutiner för samverkan`` -> ``rutiner-for-samverkan`` (ASCII, lower case, at most 40 chars)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].rstrip("-") or "x"


def chart_files(counties: Sequence[CountyReport], overview: OverviewReport | None, lang: Lang) -> list[ChartFile]:
    """The charts of ``counties`` and ``overview``, named and in report order."""
    from samverkan_cli.reports.html import county_charts, overview_charts

    files: list[ChartFile] = []
    for report in counties:
        folder = Path(report.filename).stem
        charts: dict[str, Any] = county_charts(report)
        for key, markup in charts.items():
            if key == "items":
                groups = zip(report.items, markup, strict=True)
                for number, (group, svg) in enumerate(groups, start=1):
                    if svg is not None:
                        stem = (
                            f"{_NAMES['items'].render(lang)}-{number:02d}-{_slug(group.label)}-{_slug(group.org_typ)}"
                        )
                        files.append(ChartFile(f"{folder}/{stem}", str(svg)))
            elif markup is not None:
                files.append(ChartFile(f"{folder}/{_NAMES[key].render(lang)}", str(markup)))
    if overview is not None:
        folder = _OVERVIEW_DIR.render(lang)
        for key, markup in overview_charts(overview).items():
            files.append(ChartFile(f"{folder}/{_NAMES[key].render(lang)}", str(markup)))
    return files


def _png(svg: str) -> bytes:
    return svg_to_png(svg, DPI)


def write_charts(files: Sequence[ChartFile], out_dir: Path, workers: int = 1) -> list[Path]:
    """Write each chart as ``<stem>.svg`` and ``<stem>.png`` under ``out_dir``; return the paths."""
    pngs: Iterable[bytes]
    pool: ProcessPoolExecutor | None = None
    if workers > 1 and len(files) >= _POOL_MIN_CHARTS:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=init_pool_worker)
        pngs = pool.map(_png, [f.svg for f in files], chunksize=8)
    else:
        pngs = (_png(f.svg) for f in files)
    written: list[Path] = []
    try:
        for chart, png in zip(files, pngs, strict=True):
            svg_path = out_dir / f"{chart.stem}.svg"
            write_atomic(svg_path, standalone_svg(chart.svg).encode("utf-8"))
            png_path = svg_path.with_suffix(".png")
            write_atomic(png_path, png)
            written += [svg_path, png_path]
    finally:
        if pool is not None:
            pool.shutdown()
    return written
