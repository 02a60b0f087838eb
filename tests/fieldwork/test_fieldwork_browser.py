"""A real browser renders the internal progress page: the charts are drawn, names are escaped."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from samverkan_cli.fieldwork.page import write_page
from samverkan_cli.fieldwork.progress import CountyProgress, FieldProgress

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def _chromium(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args],
            check=True, capture_output=True, timeout=120, text=True,
        )  # fmt: skip
    return done.stdout


def _progress() -> FieldProgress:
    days = tuple(f"2026-03-{d:02d}" for d in range(1, 11))
    behind = CountyProgress("09", "<b>Gotlands län</b>", 8, 2, 0, 0.25, tuple(min(d / 40, 0.25) for d in range(10)))
    ahead = CountyProgress("18", "Örebro län", 40, 35, 3, 0.875, tuple(d / 11 for d in range(10)))
    return FieldProgress("2026", "2026-03-02", "2026-03-09", days, (behind, ahead))


class TestProgressPageInBrowser:
    def test_page_renders_charts_in_order(self, tmp_path: Path) -> None:
        """The DOM has one SVG curve per county, furthest behind first, both period marks, and escaped names."""
        page = write_page(_progress(), tmp_path, "sv")
        assert page == tmp_path / "intern" / "faltarbete.html"
        dom = _chromium("--dump-dom", page.as_uri())
        assert dom.count("<polyline") == 2 and dom.count('class="period"') == 4
        assert dom.index('id="lan-09"') < dom.index('id="lan-18"')
        assert "&lt;b&gt;Gotlands län&lt;/b&gt;" in dom

    def test_screenshot_is_not_blank(self, tmp_path: Path) -> None:
        """The screenshot has the charts' colours, not a blank page."""
        from PIL import Image

        page = write_page(_progress(), tmp_path, "en")
        png = tmp_path / "page.png"
        _chromium(f"--screenshot={png}", "--window-size=1000,700", page.as_uri())
        with Image.open(png) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 20
