"""Orchestration: analysis document -> report files (county HTML, overview, workbook).

County reports are independent, so ``--all`` renders them in a process pool (two workers by
default); files are written in a fixed order whatever order the workers finish in, each one
atomically (temporary file + rename) so a crash never leaves half a report behind.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samverkan_cli.errors import UsageError
from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.model import (
    DocIndex,
    Provenance,
    ReportModel,
    SourceFile,
    build_county_report,
    build_overview,
    county_filename,
)

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisOptions
    from samverkan_cli.store import Store

__all__ = [
    "FORMATS",
    "ReportOptions",
    "ReportOutput",
    "build_reports",
    "make_report",
    "provenance_from_store",
    "workbook_name",
]

FORMATS = ("html", "xlsx")
Progress = Callable[[int, int, str], None]


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


@dataclass(frozen=True)
class ReportOutput:
    """The files written (in a fixed order: county reports, overview, workbook) and timings."""

    out_dir: Path
    wave: str
    counties: tuple[str, ...]
    files: tuple[Path, ...]
    seconds: float
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

    wanted = None if waves is None else set(waves)
    files: list[SourceFile] = []
    findings: Counter[tuple[str, str]] = Counter()
    rows = store.query(
        "SELECT file_name, sha256, platform, wave, imported_at, rows, imported, quarantined, findings "
        "FROM imports ORDER BY wave, file_name, id"
    )
    for r in rows:
        if wanted is not None and r["wave"] not in wanted:
            continue
        files.append(
            SourceFile(
                name=str(r["file_name"]),
                sha256=str(r["sha256"]),
                platform=str(r["platform"]),
                wave=str(r["wave"]),
                imported_at=str(r["imported_at"]),
                rows=int(r["rows"]),
                imported=int(r["imported"]),
                quarantined=int(r["quarantined"]),
            )
        )
        try:
            parsed = json.loads(r["findings"] or "[]")
        except ValueError:
            parsed = []
        for finding in parsed if isinstance(parsed, list) else []:
            if isinstance(finding, Mapping):
                findings[(str(finding.get("severity", "")), str(finding.get("code", "")))] += 1
    order = {"error": 0, "warning": 1, "info": 2}
    return Provenance(
        tool_version=__version__,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
        files=tuple(files),
        findings=tuple(
            (sev, code, n)
            for (sev, code), n in sorted(findings.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0]))
        ),
    )


# Worker state: set once per worker process by the pool initializer (a process pool cannot share
# the parsed document otherwise without pickling it for every county).
_WORKER: dict[str, Any] = {}


def _init_worker(doc: Mapping[str, Any], instrument: Instrument, provenance: Provenance, opts: ReportOptions) -> None:
    _WORKER.update(index=DocIndex(doc), instrument=instrument, provenance=provenance, opts=opts)


def _init_pool_worker(
    doc: Mapping[str, Any], instrument: Instrument, provenance: Provenance, opts: ReportOptions
) -> None:
    """Pool worker set-up; the worker exits by itself if its parent run is killed (SIGKILL).

    Without this, workers of a killed ``samverkan run`` wait forever on their task queue, holding
    the parent's output pipes (so cron never sees the job end) and the database open.
    """
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    _init_worker(doc, instrument, provenance, opts)


def _render_county(lan: str) -> tuple[str, str, float]:
    """(file name, HTML, seconds spent in charts) of one county, in a worker or in-process."""
    from samverkan_cli.reports.html import county_charts, render_county

    opts: ReportOptions = _WORKER["opts"]
    report = build_county_report(
        _WORKER["index"],
        _WORKER["instrument"],
        _WORKER["provenance"],
        lan,
        wave=opts.wave,
        lang=opts.lang,
        include_comments=opts.include_comments,
        title=opts.title,
    )
    start = time.perf_counter()
    charts = county_charts(report)
    chart_seconds = time.perf_counter() - start
    return report.filename, render_county(report, opts.templates, charts), chart_seconds


def build_reports(
    doc: Mapping[str, Any],
    instrument: Instrument,
    provenance: Provenance,
    out_dir: Path,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
) -> ReportOutput:
    """Render the reports of ``doc`` (the analysis document) into ``out_dir``; return what was written.

    >>> # build_reports(analyze(store, inst).to_dict(), inst, provenance, Path("reports"))
    """
    from samverkan_cli.reports.excel import workbook_bytes
    from samverkan_cli.reports.html import overview_charts, render_overview

    opts = options or ReportOptions()
    started = time.perf_counter()
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
    index = DocIndex(doc)
    wave = index.wave(opts.wave)
    if not index.results or not any(key[0] == wave for key in index.results):
        raise UsageError(
            Msg("Det finns inga resultat för mätomgången {w}.", "There are no results for the wave {w}.").format(
                w=wave or "–"
            ),
            Msg(
                "Importera svar med `samverkan import FIL --wave {w}` först.",
                "Import answers with `samverkan import FILE --wave {w}` first.",
            ).format(w=wave or "2026"),
        )
    lans = tuple(opts.lans) if opts.lans is not None else index.lans
    bad = [lan for lan in lans if lan not in index.lans]
    if bad:
        raise UsageError(
            Msg("Inga resultat för län {c}.", "No results for county {c}.").format(c=", ".join(bad)),
            Msg("Län med resultat: {a}", "Counties with results: {a}").format(a=", ".join(index.lans)),
        )
    opts = ReportOptions(
        wave=wave,
        lans=lans,
        formats=opts.formats,
        lang=opts.lang,
        include_comments=opts.include_comments,
        templates=opts.templates,
        workers=opts.workers,
        title=opts.title,
    )
    files: list[Path] = []
    timings: dict[str, float] = {}
    chart_seconds = 0.0
    total = (len(lans) + 1 if "html" in opts.formats else 0) + (1 if "xlsx" in opts.formats else 0)
    done = 0

    def tick(label: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, label)

    if "html" in opts.formats:
        t0 = time.perf_counter()
        results: Iterable[tuple[str, str, float]]
        pool: ProcessPoolExecutor | None = None
        if opts.workers > 1 and len(lans) > 1:
            pool = ProcessPoolExecutor(
                max_workers=min(opts.workers, len(lans)),
                initializer=_init_pool_worker,
                initargs=(doc, instrument, provenance, opts),
            )
            results = pool.map(_render_county, lans)
        else:
            _init_worker(doc, instrument, provenance, opts)
            _WORKER["index"] = index
            results = map(_render_county, lans)
        try:
            for name, html, seconds in results:  # map keeps the order of ``lans``
                path = out_dir / name
                write_atomic(path, html.encode("utf-8"))
                files.append(path)
                chart_seconds += seconds
                tick(name)
        finally:
            if pool is not None:
                pool.shutdown()
            _WORKER.clear()
        timings["counties"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        existing = {lan for lan in index.lans if (out_dir / county_filename(lan)).exists()}
        overview = build_overview(
            index, instrument, provenance, wave=wave, lang=opts.lang, linked=existing | set(lans), title=opts.title
        )
        c0 = time.perf_counter()
        charts = overview_charts(overview)
        chart_seconds += time.perf_counter() - c0
        path = out_dir / "index.html"
        write_atomic(path, render_overview(overview, opts.templates, charts).encode("utf-8"))
        files.append(path)
        tick(path.name)
        timings["overview"] = time.perf_counter() - t0
    if "xlsx" in opts.formats:
        t0 = time.perf_counter()
        model = ReportModel(
            overview=build_overview(index, instrument, provenance, wave=wave, lang=opts.lang, title=opts.title),
            counties=tuple(
                build_county_report(
                    index,
                    instrument,
                    provenance,
                    lan,
                    wave=wave,
                    lang=opts.lang,
                    include_comments=opts.include_comments,
                    title=opts.title,
                )
                for lan in lans
            ),
        )
        path = out_dir / workbook_name(wave)
        write_atomic(path, workbook_bytes(model, include_comments=opts.include_comments))
        files.append(path)
        tick(path.name)
        timings["workbook"] = time.perf_counter() - t0
    return ReportOutput(
        out_dir=out_dir,
        wave=wave,
        counties=lans,
        files=tuple(files),
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
    doc = result.to_dict()
    waves: Sequence[str] = doc.get("meta", {}).get("waves", [])
    wave = opts.wave or (waves[-1] if waves else None)
    used = {w for w in (wave, doc.get("meta", {}).get("previous_wave", {}).get(wave or "")) if w}
    provenance = provenance_from_store(store, instrument, used, generated_at)
    return build_reports(doc, instrument, provenance, out_dir, opts, progress)
