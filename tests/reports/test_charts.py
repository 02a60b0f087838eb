"""Charts: deterministic, accessible inline SVG text, no network references, no matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from samverkan_cli.instrument import Instrument
from samverkan_cli.reports import charts
from samverkan_cli.reports.model import Provenance, build_county_report, build_overview

from .sample_doc import SAMPLE


class TestCharts:
    def test_same_input_same_svg(self, instrument: Instrument, provenance: Provenance) -> None:
        """Rendering twice gives byte-identical SVG (fixed hash salt, no dates)."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        first = charts.dimension_chart(report.scores, "sv", 5)
        assert first == charts.dimension_chart(report.scores, "sv", 5)
        assert charts.item_chart(report.items[0], "sv", 5) == charts.item_chart(report.items[0], "sv", 5)

    def test_svg_is_clean_inline_markup(self, instrument: Instrument, provenance: Provenance) -> None:
        """No XML prolog, DOCTYPE, metadata or namespace URLs: nothing that points outside the page."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        svg = charts.item_chart(report.items[1], "sv", 5)
        assert svg.startswith('<svg class="chart"')
        assert "http" not in svg and "<metadata" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg

    def test_building_reports_does_not_import_matplotlib(self, tmp_path: Path) -> None:
        """Rendering county reports, the overview and the workbook never imports matplotlib."""
        code = (
            "import sys, pathlib\n"
            "from tests.reports.sample_doc import SAMPLE\n"
            "from samverkan_cli.instrument import load_instrument\n"
            "from samverkan_cli.reports.build import ReportOptions, build_reports\n"
            "from samverkan_cli.reports.model import Provenance\n"
            "prov = Provenance('0', 'samverkan-2026', '1.0', '2026-01-01T00:00:00+00:00', (), ())\n"
            f"out = build_reports(SAMPLE, load_instrument(), prov, pathlib.Path({str(tmp_path)!r}),"
            " ReportOptions(workers=1))\n"
            "print(len(out.files), 'matplotlib' in sys.modules)\n"
        )
        root = Path(__file__).resolve().parents[2]
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False)
        assert run.returncode == 0, run.stderr
        files, imported = run.stdout.split()
        assert int(files) > 2
        assert imported == "False"

    def test_svg_is_accessible(self, instrument: Instrument, provenance: Provenance) -> None:
        """Every chart is an image with an aria-label and a <title>, and its labels are text."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        overview = build_overview(SAMPLE, instrument, provenance)
        svgs = [
            charts.dimension_chart(report.scores, "sv", 5),
            charts.item_chart(report.items[0], "sv", 5),
            charts.ranking_chart(overview.ranking, overview.ranked_of, "sv"),
        ]
        for svg in svgs:
            assert 'role="img"' in svg and 'aria-label="' in svg and "<title>" in svg and "viewBox" in svg
        assert "Alla verksamheter" in svgs[0] and "Riket" in svgs[0]

    def test_dollar_signs_are_not_mathtext(self, instrument: Instrument, provenance: Provenance) -> None:
        """A '$' in a label (user codebook) is drawn as text, not parsed as TeX."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        group = report.items[0]
        odd = type(group)(
            group.dimension,
            group.label,
            group.org_typ,
            tuple(
                type(it)(
                    it.item,
                    "Kostar $5 $x^2$ <b>&",
                    it.dimension,
                    it.reverse,
                    it.n,
                    it.suppressed,
                    it.uncertain,
                    it.answers,
                    it.score,
                )
                for it in group.items
            ),
        )
        svg = charts.item_chart(odd, "sv", 5)
        assert "Kostar $5 $x^2$ &lt;b&gt;&amp;" in svg

    def test_matplotlib_not_imported_by_the_model_or_cli(self) -> None:
        """Importing the report model and the report command does not import matplotlib or openpyxl."""
        code = (
            "import sys, samverkan_cli.reports.model, samverkan_cli.reports.build, samverkan_cli.cli.report_cmd;"
            "print([m for m in ('matplotlib', 'openpyxl', 'jinja2') if m in sys.modules])"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "[]"
