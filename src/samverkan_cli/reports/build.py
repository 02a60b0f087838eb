"""Orchestration: typed analysis result -> report files (county HTML, overview, workbook).

Each county's report model is built once and shared by its HTML page and the workbook. Pages are
rendered in-process; a process pool is used only for many counties (see ``POOL_MIN_COUNTIES``).
Files are written in a fixed order whatever order the workers finish in, each one atomically
(temporary file + rename) so a crash never leaves half a report behind.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_cli.errors import UsageError
from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.instrument import Instrument
from samverkan_cli.progress import Progress
from samverkan_cli.reports.commentary import read_commentary
from samverkan_cli.reports.model import (
    CountyReport,
    Provenance,
    ReportModel,
    RetiredFile,
    SourceFile,
    build_county_report,
    build_overview,
    county_filename,
)
from samverkan_cli.reports.pool import init_pool_worker

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisOptions, AnalysisResult
    from samverkan_cli.store import Store

__all__ = [
    "FORMATS",
    "SOURCES_PAGE",
    "ReportOptions",
    "ReportOutput",
    "build_reports",
    "make_report",
    "provenance_from_store",
    "workbook_name",
]

FORMATS = ("html", "xlsx")
#: The one page with the method and every input file, shared by all reports.
SOURCES_PAGE = "kallor.html"


@dataclass(frozen=True)
class ReportOptions:
    """What ``samverkan report`` renders; ``lans=None`` means every county in the document."""

    wave: str | None = None
    lans: tuple[str, ...] | None = None
    formats: tuple[str, ...] = FORMATS
    lang: Lang = "sv"
    include_comments: bool = False
    templates: Path | None = None
    workers: int = 2
    title: str | None = None
    #: Counties shown next to riket in every county report (``--compare``, ``[report] compare``).
    compare: tuple[str, ...] = ()
    #: The project's ``comments/`` directory (``lan-14.md``, ``riket.md``); ``None``: no commentary.
    comments_dir: Path | None = None
    #: Counties whose HTML page is (re)written; ``None`` means all of ``lans``. The workbook always
    #: covers all of ``lans``, from the same report models.
    html_lans: tuple[str, ...] | None = None
    #: ``report --charts DIR``: also write every chart there as SVG and 300 dpi PNG.
    charts_dir: Path | None = None


@dataclass(frozen=True)
class ReportOutput:
    """The files written (in a fixed order: county reports, overview, workbook) and timings."""

    out_dir: Path
    wave: str
    counties: tuple[str, ...]
    files: tuple[Path, ...]
    seconds: float
    #: The chart files of ``report --charts DIR`` (SVG and PNG per chart); empty without it.
    charts: tuple[Path, ...] = ()
    chart_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def workbook_name(wave: str) -> str:
    """``samverkan-2026.xlsx``; characters unsafe in file names become ``_``."""
    return "samverkan-" + re.sub(r"[^\w.-]+", "_", wave) + ".xlsx"


def provenance_from_store(
    store: Store, instrument: Instrument, waves: Iterable[str] | None = None, generated_at: str | None = None
) -> Provenance:
    """Provenance of reports built from ``store``: the imports of ``waves`` with SHA-256 and findings."""
    from samverkan_cli import __version__
    from samverkan_cli.store.provenance import import_records, retired_imports

    waves = None if waves is None else tuple(waves)
    records = import_records(store, waves)
    findings = Counter(f for r in records for f in r.findings)
    order = {"error": 0, "warning": 1, "info": 2}
    return Provenance(
        tool_version=__version__,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
        files=tuple(
            SourceFile(r.file_name, r.sha256, r.platform, r.wave, r.imported_at, r.rows, r.imported, r.quarantined)
            for r in records
        ),
        findings=tuple(
            (sev, code, n)
            for (sev, code), n in sorted(findings.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0]))
        ),
        retired=tuple(
            RetiredFile(r.file_name, r.sha256, r.wave, r.action, r.at, r.imported)
            for r in retired_imports(store, waves)
        ),
    )


#: Below this many county pages a process pool costs more than it saves. Measured on the demo
#: (21 counties) with SVG-text charts: a county page renders in ~5 ms, so all 21 take ~0.1 s
#: in-process, while two pool workers took 0.15-0.3 s (start-up, imports, pickling the models).
#: ``SAMVERKAN_POOL_MIN_COUNTIES`` overrides it (e.g. for very large batches, or tests).
POOL_MIN_COUNTIES = 80


def _pool_min_counties() -> int:
    try:
        return int(os.environ.get("SAMVERKAN_POOL_MIN_COUNTIES", POOL_MIN_COUNTIES))
    except ValueError:
        return POOL_MIN_COUNTIES


def _render_county(report: CountyReport, templates: Path | None) -> tuple[str, str, float]:
    """(file name, HTML, seconds spent in charts) of one county model, in a worker or in-process."""
    from samverkan_cli.reports.html import county_charts, render_county

    start = time.perf_counter()
    charts = county_charts(report)
    chart_seconds = time.perf_counter() - start
    return report.filename, render_county(report, templates, charts), chart_seconds


def _county_models(
    result: AnalysisResult, instrument: Instrument, provenance: Provenance, opts: ReportOptions
) -> dict[str, CountyReport]:
    """One report model per selected county, shared by the HTML pages and the workbook."""
    return {
        lan: build_county_report(
            result,
            instrument,
            provenance,
            lan,
            wave=opts.wave,
            lang=opts.lang,
            include_comments=opts.include_comments,
            title=opts.title,
            compare=opts.compare,
            commentary=read_commentary(opts.comments_dir, lan),
        )
        for lan in opts.lans or ()
    }


class _Ticker:
    """Counts written files and reports each one to the progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def __call__(self, label: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress("report", self.done, self.total, label)


def _checked(result: AnalysisResult, opts: ReportOptions) -> ReportOptions:
    """The options with the wave and counties filled in; a usage error for what cannot be rendered."""
    unknown = [f for f in opts.formats if f not in FORMATS]
    if unknown:
        raise UsageError(
            Msg("Okänt format {f}.", "Unknown format {f}.").format(f=", ".join(unknown)),
            Msg("Använd --format html,xlsx.", "Use --format html,xlsx."),
        )
    if opts.templates is not None and not opts.templates.is_dir():
        raise UsageError(
            Msg("Mallkatalogen {d} finns inte.", "The template directory {d} does not exist.").format(d=opts.templates),
            Msg("Kopiera templates/ från källkoden och ange den katalogen.", "Copy templates/ from the source."),
        )
    if opts.charts_dir is not None and opts.charts_dir.exists() and not opts.charts_dir.is_dir():
        raise UsageError(
            Msg("{d} finns redan och är ingen katalog.", "{d} exists and is not a directory.").format(
                d=opts.charts_dir
            ),
            Msg("Ange en katalog för diagrammen med --charts.", "Give a directory for the charts with --charts."),
        )
    wave = opts.wave if opts.wave is not None else result.latest_wave()
    if not result.has_results(wave):
        raise UsageError(
            Msg("Det finns inga resultat för mätomgången {w}.", "There are no results for the wave {w}.").format(
                w=wave or "–"
            ),
            Msg(
                "Importera svar med `samverkan import FIL --wave {w}` först.",
                "Import answers with `samverkan import FILE --wave {w}` first.",
            ).format(w=wave or "2026"),
        )
    available = result.lans(wave)
    lans = tuple(opts.lans) if opts.lans is not None else available
    bad = [lan for lan in lans if lan not in available]
    if bad:
        raise UsageError(
            Msg("Inga resultat för län {c}.", "No results for county {c}.").format(c=", ".join(bad)),
            Msg("Län med resultat: {a}", "Counties with results: {a}").format(a=", ".join(available)),
        )
    return replace(opts, wave=wave, lans=lans)


def _write_counties(
    models: dict[str, CountyReport], lans: tuple[str, ...], out_dir: Path, opts: ReportOptions, tick: _Ticker
) -> tuple[list[Path], float]:
    """Render the county pages of ``lans`` (in a process pool only when there are many), in order."""
    files: list[Path] = []
    chart_seconds = 0.0
    rendered: Iterable[tuple[str, str, float]]
    pool: ProcessPoolExecutor | None = None
    reports = [models[lan] for lan in lans]
    if opts.workers > 1 and len(lans) >= _pool_min_counties():
        pool = ProcessPoolExecutor(max_workers=min(opts.workers, len(lans)), initializer=init_pool_worker)
        rendered = pool.map(_render_county, reports, [opts.templates] * len(reports), chunksize=4)
    else:
        rendered = (_render_county(report, opts.templates) for report in reports)
    try:
        for name, html, seconds in rendered:  # map keeps the order of ``lans``
            path = out_dir / name
            write_atomic(path, html.encode("utf-8"))
            files.append(path)
            chart_seconds += seconds
            tick(name)
    finally:
        if pool is not None:
            pool.shutdown()
    return files, chart_seconds


def _write_overview(
    result: AnalysisResult, instrument: Instrument, provenance: Provenance, out_dir: Path, opts: ReportOptions
) -> tuple[Path, float]:
    """Render index.html, linking every county whose report exists; returns (path, chart seconds)."""
    from samverkan_cli.reports.html import overview_charts, render_overview, render_sources

    lans = set(opts.lans or ())
    existing = {lan for lan in result.lans(opts.wave) if (out_dir / county_filename(lan)).exists()}
    overview = build_overview(
        result,
        instrument,
        provenance,
        wave=opts.wave,
        lang=opts.lang,
        linked=existing | lans,
        title=opts.title,
        commentary=read_commentary(opts.comments_dir, "riket"),
    )
    c0 = time.perf_counter()
    charts = overview_charts(overview)
    chart_seconds = time.perf_counter() - c0
    # Method and input files once for all reports; each report links here.
    write_atomic(out_dir / SOURCES_PAGE, render_sources(overview, opts.templates).encode("utf-8"))
    path = out_dir / "index.html"
    write_atomic(path, render_overview(overview, opts.templates, charts).encode("utf-8"))
    return path, chart_seconds


def _write_workbook(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    models: dict[str, CountyReport],
    out_dir: Path,
    opts: ReportOptions,
) -> Path:
    """Write the workbook of the overview and every selected county (the models the pages used)."""
    from samverkan_cli.reports.excel import workbook_bytes

    wave = opts.wave or ""
    model = ReportModel(
        overview=build_overview(
            result,
            instrument,
            provenance,
            wave=wave,
            lang=opts.lang,
            title=opts.title,
            commentary=read_commentary(opts.comments_dir, "riket"),
        ),
        counties=tuple(models[lan] for lan in opts.lans or ()),
    )
    path = out_dir / workbook_name(wave)
    write_atomic(path, workbook_bytes(model, include_comments=opts.include_comments))
    return path


def _write_charts(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    counties: list[CountyReport],
    opts: ReportOptions,
) -> list[Path]:
    """Every chart of the county reports and the overview as SVG and PNG in ``opts.charts_dir``."""
    from samverkan_cli.reports.chart_export import chart_files, write_charts

    assert opts.charts_dir is not None
    overview = build_overview(result, instrument, provenance, wave=opts.wave, lang=opts.lang, title=opts.title)
    return write_charts(chart_files(counties, overview, opts.lang), opts.charts_dir, opts.workers)


def build_reports(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    out_dir: Path,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
) -> ReportOutput:
    """Render the reports of the analysis ``result`` into ``out_dir``; return what was written.

    >>> # build_reports(analyze(store, inst), inst, provenance, Path("reports"))
    """
    started = time.perf_counter()
    opts = _checked(result, options or ReportOptions())
    lans = opts.lans or ()
    pages = lans if opts.html_lans is None else tuple(lan for lan in lans if lan in set(opts.html_lans))
    files: list[Path] = []
    timings: dict[str, float] = {}
    chart_seconds = 0.0
    total = (len(pages) + 1 if "html" in opts.formats else 0) + (1 if "xlsx" in opts.formats else 0)
    tick = _Ticker(total, progress)
    t0 = time.perf_counter()
    needed = replace(opts, lans=lans if "xlsx" in opts.formats else pages)
    models = _county_models(result, instrument, provenance, needed)
    timings["models"] = time.perf_counter() - t0
    if "html" in opts.formats:
        t0 = time.perf_counter()
        written, chart_seconds = _write_counties(models, pages, out_dir, opts, tick)
        files += written
        timings["counties"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        path, seconds = _write_overview(result, instrument, provenance, out_dir, replace(opts, lans=pages))
        chart_seconds += seconds
        files += [out_dir / SOURCES_PAGE, path]
        tick(path.name)
        timings["overview"] = time.perf_counter() - t0
    if "xlsx" in opts.formats:
        t0 = time.perf_counter()
        path = _write_workbook(result, instrument, provenance, models, out_dir, opts)
        files.append(path)
        tick(path.name)
        timings["workbook"] = time.perf_counter() - t0
    charts: list[Path] = []
    if opts.charts_dir is not None:
        t0 = time.perf_counter()
        charts = _write_charts(result, instrument, provenance, [models[lan] for lan in pages], opts)
        timings["charts"] = time.perf_counter() - t0
    return ReportOutput(
        out_dir=out_dir,
        wave=opts.wave or "",
        counties=lans,
        files=tuple(files),
        charts=tuple(charts),
        seconds=time.perf_counter() - started,
        chart_seconds=chart_seconds,
        timings=timings,
    )


def make_report(
    store: Store,
    instrument: Instrument,
    out_dir: Path,
    options: ReportOptions | None = None,
    analysis: AnalysisOptions | None = None,
    progress: Progress | None = None,
    generated_at: str | None = None,
) -> ReportOutput:
    """Analyse the store (every wave, so the trend has its previous wave) and render the reports."""
    from samverkan_cli.analysis import AnalysisOptions, analyze

    opts = options or ReportOptions()
    result = analyze(store, instrument, analysis or AnalysisOptions())
    waves = result.meta.waves
    wave = opts.wave or (waves[-1] if waves else None)
    used = {w for w in (wave, result.meta.previous_wave.get(wave or "")) if w}
    provenance = provenance_from_store(store, instrument, used, generated_at)
    return build_reports(result, instrument, provenance, out_dir, opts, progress)
