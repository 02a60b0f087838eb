"""Own comparison set: ``report --compare 13,14`` shows chosen counties next to riket, as reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.html import render_county
from samverkan_cli.reports.model import Provenance, build_county_report


class TestCompareModel:
    def test_chosen_counties_carry_the_analysis_values(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Each chosen county has the analysis' value per group and measure; the county itself is left out."""
        report = build_county_report(real_result, instrument, provenance, "14", compare=("13", "14", "12"))
        assert [c.lan for c in report.compare] == ["13", "12"]
        skane = report.compare[1]
        row = real_result.score(report.wave, "12", "alla", "index")
        assert row is not None and skane.get("alla", "index").mean == row.mean

    def test_hidden_values_stay_hidden(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """A suppressed group of a compared county has no value in the model and '..' in the page."""
        report = build_county_report(real_result, instrument, provenance, "14", compare=("09",))
        gotland = report.compare[0]
        hidden = [(o, m) for (o, m), est in gotland.scores if est.suppressed]
        assert hidden and all(gotland.get(o, m).mean is None for o, m in hidden)
        html = render_county(report)
        assert "Gotlands län" in html

    def test_without_compare_nothing_changes(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """No --compare: the page is the same as before the option existed (no extra column)."""
        report = build_county_report(real_result, instrument, provenance, "14")
        assert report.compare == ()
        assert "riket compare" not in render_county(report)


class TestCompareCli:
    def test_report_compare_adds_cards_and_columns(self, project: Path, cli: Any, tmp_path: Path) -> None:
        """`report --compare 13,12` writes the counties' names in the cards and the score table."""
        result = cli("--project", project, "report", "--lan", "14", "--compare", "13,12", "-f", "html", "-o", tmp_path)
        assert result.code == 0, result.err
        html = (tmp_path / "lan-14.html").read_text(encoding="utf-8")
        assert html.count('class="riket compare">Hallands län') == 5  # index and four areas
        assert '<th class="r">Skåne län</th>' in html

    def test_config_compare_is_used(self, project: Path, cli: Any, tmp_path: Path) -> None:
        """`[report] compare = ["13"]` in samverkan.toml has the same effect as --compare."""
        toml = project / "samverkan.toml"
        original = toml.read_text(encoding="utf-8")
        try:
            assert "\ncompare = []\n" in original  # `samverkan init` writes the key, empty
            toml.write_text(original.replace("\ncompare = []\n", '\ncompare = ["13"]\n', 1), encoding="utf-8")
            result = cli("--project", project, "report", "--lan", "14", "-f", "html", "-o", tmp_path)
            assert result.code == 0, result.err
            assert 'class="riket compare">Hallands län' in (tmp_path / "lan-14.html").read_text(encoding="utf-8")
        finally:
            toml.write_text(original, encoding="utf-8")

    def test_unknown_code_is_a_usage_error(self, project: Path, cli: Any, tmp_path: Path) -> None:
        """An unknown county code exits 2 and says what to type."""
        result = cli("--project", project, "report", "--compare", "99", "-o", tmp_path)
        assert result.code == 2
        assert "99" in result.err and "--compare 13,14" in result.err
