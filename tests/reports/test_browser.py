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


def _chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
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
    return done.stdout.decode("utf-8", "replace")


#: Injected into a copy of a report: measures, after layout, every table and figure against the
#: viewport and posts the result to the page that frames it.
_MEASURE = """<script>
window.addEventListener('load', function () {
  var vw = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll('table, figure').forEach(function (t, i) {
    var r = t.getBoundingClientRect();
    if (r.right > vw + 0.5 || r.width > vw + 0.5) wide.push(t.tagName + ' ' + i + ': ' + Math.round(r.width));
  });
  var n = document.querySelectorAll('table').length;
  parent.postMessage(JSON.stringify({vw: vw, page: document.documentElement.scrollWidth, tables: n, wide: wide}), '*');
});
</script>"""

#: Headless Chromium will not open a window narrower than ~500 px, so the report is framed at 390 px.
_FRAME = """<!DOCTYPE html><html><body><pre id="out"></pre>
<iframe src="{src}" width="{width}" height="800"></iframe>
<script>addEventListener('message', function (e) {{ document.getElementById('out').textContent = e.data; }});</script>
</body></html>"""


def measure_at(page: Path, width: int) -> dict[str, object]:
    """Widths in ``page`` laid out ``width`` px wide: viewport, page scroll width, tables wider than the viewport."""
    import html
    import json

    probe = page.with_name(f"measure-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    frame = page.with_name(f"frame-{width}-{page.name}")
    frame.write_text(_FRAME.format(src=probe.name, width=width), encoding="utf-8")
    dom = _chromium("--hide-scrollbars", "--virtual-time-budget=5000", "--dump-dom", frame.as_uri())
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), dom[:500]
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


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


@pytest.mark.parametrize("name", ["lan-14.html", "index.html", "kallor.html"])
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

    def test_nothing_runs_off_a_phone_screen(self, rendered: Path, name: str) -> None:
        """At 390 px no table or chart is wider than the viewport and the page does not scroll sideways."""
        found = measure_at(rendered / name, 390)
        assert found["vw"] == 390, found
        assert found["tables"], found
        assert found["wide"] == [], found
        assert found["page"] == found["vw"], found

    def test_phone_screenshot_has_content(self, rendered: Path, name: str) -> None:
        """A 390 px screenshot of the framed report is not blank (look at it when changing the CSS)."""
        from PIL import Image

        frame = rendered / f"shot-{name}"
        frame.write_text(f'<iframe src="{name}" width="390" height="2400" style="border:0"></iframe>', encoding="utf-8")
        png = rendered / f"{name}-390.png"
        _chromium("--hide-scrollbars", f"--screenshot={png}", "--window-size=420,2400", frame.as_uri())
        with Image.open(png) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 100

    def test_prints_to_a_sensible_number_of_a4_pages(self, rendered: Path, name: str) -> None:
        """Printing to PDF gives a readable handful of pages, not one huge or hundreds."""
        pdf = rendered / f"{name}.pdf"
        _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (rendered / name).as_uri())
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        # Issue 15: a printed county report is at most 6 A4 pages (summary on page 1, sources apart).
        assert 2 <= pages <= 6, pages
