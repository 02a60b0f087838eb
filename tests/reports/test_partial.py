"""Partial data: a project holding only some counties says what "riket" is, and never compares a county with itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.html import render_county, render_overview
from samverkan_cli.reports.model import Provenance, build_county_report, build_overview
from samverkan_cli.reports.score_table import score_tables

from .conftest import EXAMPLES


def _analysed(tmp_path: Path, instrument: Instrument, prefixes: tuple[str, ...]) -> AnalysisResult:
    from samverkan_cli.analysis import AnalysisOptions, analyze
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.store import open_store

    init_project(tmp_path)
    files = sorted(f for f in (EXAMPLES / "exports" / "2026").iterdir() if f.name.startswith(prefixes))
    with open_store(tmp_path / "samverkan.db") as store:
        import_files(store, instrument, files, "2026")
        return analyze(store, instrument, AnalysisOptions(bootstrap=50))


@pytest.fixture(scope="module")
def only_vg(tmp_path_factory: pytest.TempPathFactory, instrument: Instrument) -> AnalysisResult:
    return _analysed(tmp_path_factory.mktemp("vg"), instrument, ("14_",))


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory, instrument: Instrument) -> AnalysisResult:
    return _analysed(tmp_path_factory.mktemp("five"), instrument, ("01_", "03_", "04_", "05_", "06_"))


class TestOneCounty:
    def test_no_comparison_with_itself(
        self, only_vg: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """With only VG imported the VG report shows no riket value, no verdict and says why."""
        report = build_county_report(only_vg, instrument, provenance, "14")
        assert report.riket_is_self
        assert all(m.versus_riket is None and not m.riket.shown for org in report.scores for m in org.measures)
        html = render_county(report)
        assert "Riket = 1 av 21 län hittills." in html
        assert "kan inte jämföras med riket" in html
        assert "Bättre än riket" not in html and "I nivå med riket" not in html
        assert "Riket 60,0" not in html

    def test_analyze_table_has_no_verdicts(self, only_vg: AnalysisResult, instrument: Instrument) -> None:
        """The analyze table names the coverage and writes no verdict against itself."""
        tables = score_tables(only_vg, instrument, "sv")
        assert len(tables) > 1 and all(t.title.endswith("riket = 1 av 21 län hittills") for t in tables)
        assert not any("nivå" in cell or "bättre" in cell for t in tables for row in t.rows for cell in row)


class TestSomeCounties:
    def test_every_html_output_says_the_coverage(
        self, five: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """County report and overview both say "riket = 5 av 21 län hittills"; comparisons are kept."""
        report = build_county_report(five, instrument, provenance, "01")
        assert not report.riket_is_self and report.coverage.partial
        assert "Riket = 5 av 21 län hittills." in render_county(report)
        overview = build_overview(five, instrument, provenance)
        assert "Riket = 5 av 21 län hittills." in render_overview(overview)

    def test_workbook_says_the_coverage(
        self, five: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The workbook's overview sheet and method sheet name the coverage."""
        import io

        from openpyxl import load_workbook

        from samverkan_cli.reports.excel import workbook_bytes
        from samverkan_cli.reports.model import ReportModel

        model = ReportModel(build_overview(five, instrument, provenance))
        wb = load_workbook(io.BytesIO(workbook_bytes(model)))
        texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert any("5 av 21 län hittills" in t for t in texts)

    def test_full_data_has_no_notice(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """With all 21 counties nothing changes."""
        overview = build_overview(real_result, instrument, provenance)
        assert not overview.coverage.partial
        assert "län hittills" not in render_overview(overview)
