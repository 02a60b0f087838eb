"""Benchmark: render every county report + overview + workbook for a realistic document.

Prints the total time, the share spent drawing charts (matplotlib), and the ratio against a raw
baseline measured in the same run: the same charts rendered alone, with no model, HTML or files.
Goal: total (serial) under 5x the charts-alone time; ``--all`` uses a process pool of 2.

    .venv/bin/python benchmarks/bench_report.py            # hand-made 21-county document
    .venv/bin/python benchmarks/bench_report.py --real     # analysis of the example exports
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _document(real: bool) -> AnalysisResult:
    from samverkan_cli.analysis import AnalysisOptions, AnalysisResult, analyze

    if not real:
        from tests.reports.sample_doc import make_doc

        return AnalysisResult.from_dict(make_doc())
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    root = Path(tempfile.mkdtemp(prefix="bench-report-"))
    init_project(root)
    inst = load_instrument()
    with open_store(root / "samverkan.db") as store:
        for wave in ("2025", "2026"):
            import_files(store, inst, sorted((REPO / "examples" / "exports" / wave).iterdir()), wave)
        for register in sorted((REPO / "examples" / "register").iterdir()):
            import_frame(store, register, "vardcentral", None)
        return analyze(store, inst, AnalysisOptions())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="analyse the example exports instead")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.reports.build import ReportOptions, build_reports
    from samverkan_cli.reports.html import county_charts, overview_charts
    from samverkan_cli.reports.model import Provenance, build_county_report, build_overview

    result = _document(args.real)
    inst = load_instrument()
    prov = Provenance("bench", inst.id, inst.version, "2026-01-01T00:00:00+00:00")
    lans = result.lans()
    county_charts(build_county_report(result, inst, prov, lans[0]))  # warm up imports and fonts

    # Baseline: the same charts alone (models prepared outside the clock).
    reports = [build_county_report(result, inst, prov, lan) for lan in lans]
    overview = build_overview(result, inst, prov)
    t0 = time.perf_counter()
    for report in reports:
        county_charts(report)
    overview_charts(overview)
    charts_alone = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as out:
        serial = build_reports(result, inst, prov, Path(out), ReportOptions(workers=1))
    with tempfile.TemporaryDirectory() as out:
        parallel = build_reports(result, inst, prov, Path(out), ReportOptions(workers=args.workers))

    print(f"counties: {len(serial.counties)}, files: {len(serial.files)}")
    print(f"charts alone (baseline):      {charts_alone:6.2f} s")
    print(
        f"serial total:                 {serial.seconds:6.2f} s  (charts {serial.chart_seconds:.2f} s, "
        f"{serial.chart_seconds / serial.seconds:.0%} of the time)"
    )
    print(f"parallel total ({args.workers} workers):   {parallel.seconds:6.2f} s")
    print(f"ratio serial / charts alone:  {serial.seconds / charts_alone:6.2f}x  (goal < 5x)")
    print(f"speed-up from the pool:       {serial.seconds / parallel.seconds:6.2f}x")
    print("timings serial:", {k: round(v, 2) for k, v in serial.timings.items()})


if __name__ == "__main__":
    main()
