"""Trend: the overview and the workbook show index and areas per county in every wave, with the change verdict."""

from __future__ import annotations

import io

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.excel import workbook_bytes
from samverkan_cli.reports.html import render_overview
from samverkan_cli.reports.model import Provenance, ReportModel, build_overview


class TestTrendModel:
    def test_every_wave_for_every_county_and_riket(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The index table comes first, holds both waves and a line per county with riket last."""
        o = build_overview(real_result, instrument, provenance)
        assert o.trend and o.trend[0].measure == "index"
        assert o.trend[0].waves == ("2025", "2026")
        assert len(o.trend) == len(o.measures)
        assert o.trend[0].rows[-1].lan == "riket"
        assert [r.lan for r in o.trend[0].rows[:-1]] == list(real_result.lans())

    def test_values_and_changes_are_the_analysis_own(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Each value is the wave's score and each change the analysis' previous-wave comparison."""
        o = build_overview(real_result, instrument, provenance)
        line = next(r for r in o.trend[0].rows if r.lan == "14")
        for wave, value in zip(o.trend[0].waves, line.values, strict=True):
            score = real_result.score(wave, "14", "alla", "index")
            assert score is not None and value.mean == score.mean
        comp = real_result.comparison("2026", "14", "alla", "index", "previous_wave")
        assert line.changes[0] is None
        assert comp is not None and line.changes[1] is not None and line.changes[1].verdict == comp.verdict

    def test_one_wave_has_no_trend(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The overview of the first wave has nothing earlier to show."""
        assert build_overview(real_result, instrument, provenance, wave="2025").trend == ()


class TestTrendRendered:
    def test_overview_has_the_trend_section(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """index.html has 'Utveckling över tid' with a column per wave; areas fold away under <details>."""
        html = render_overview(build_overview(real_result, instrument, provenance))
        assert 'id="utveckling"' in html and "Utveckling över tid" in html
        assert '<th class="r">2025</th><th class="r">2026</th>' in html
        assert html.count("<details><summary>") >= 4

    def test_workbook_has_a_trend_sheet(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The 'Utveckling' sheet follows the overview with one row per county, measure and wave."""
        from openpyxl import load_workbook

        o = build_overview(real_result, instrument, provenance)
        wb = load_workbook(io.BytesIO(workbook_bytes(ReportModel(o))))
        assert wb.sheetnames[:2] == ["Översikt", "Utveckling"]
        rows = list(wb["Utveckling"].iter_rows(values_only=True))
        assert len(rows) - 1 == sum(len(t.rows) * len(t.waves) for t in o.trend)
        first, second = (r for r in rows if r[0] == "14" and r[2] == "Samverkansindex")
        assert first[8] is None and second[9] in ("Säkert högre", "Säkert lägre", "Ingen säker förändring")
