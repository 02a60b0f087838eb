"""A real browser renders the reports: not blank on screen, sensible page count on A4."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.build import ReportOptions, build_reports
from samverkan_cli.reports.model import Provenance

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def _chromium(*args: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def rendered(
    real_result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    out = tmp_path_factory.mktemp("browser")
    build_reports(real_result, instrument, provenance, out, ReportOptions(lans=("14",), formats=("html",), workers=1))
    return out


@pytest.mark.parametrize("name", ["lan-14.html", "index.html"])
class TestBrowser:
    def test_screenshot_is_not_blank(self, rendered: Path, name: str) -> None:
        """The first screen has text and colour: many distinct colours in a large PNG."""
        from PIL import Image

        png = rendered / f"{name}.png"
        _chromium(f"--screenshot={png}", "--window-size=1280,2400", (rendered / name).as_uri())
        assert png.stat().st_size > 50_000
        with Image.open(png) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 200

    def test_prints_to_a_sensible_number_of_a4_pages(self, rendered: Path, name: str) -> None:
        """Printing to PDF gives a readable handful of pages, not one huge or hundreds."""
        pdf = rendered / f"{name}.pdf"
        _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (rendered / name).as_uri())
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        assert 2 <= pages <= 14, pages
