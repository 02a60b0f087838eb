"""``report --charts DIR``: every report chart as a standalone SVG and a 300 dpi PNG for slides."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.build import ReportOptions, make_report
from samverkan_cli.reports.png import SVG_NS, standalone_svg, svg_to_png
from samverkan_cli.reports.svg import Svg
from samverkan_cli.store import open_store


def _png_header(data: bytes) -> tuple[int, int, int]:
    """(width, height, pixels per metre) from the IHDR and pHYs chunks of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    at = data.index(b"pHYs")
    per_x, per_y, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    assert unit == 1 and per_x == per_y
    return width, height, per_x


def _inline(svg_file: str) -> str:
    """The inline element of a standalone chart file (what the HTML report carries)."""
    head = re.match(r'<\?xml[^>]*>\n<svg xmlns="[^"]+" width="[^"]+" height="[^"]+" ', svg_file)
    assert head is not None
    return "<svg " + svg_file[head.end() :]


@pytest.fixture(scope="module")
def exported(project: Path, instrument: Instrument, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Reports and charts of Blekinge (small, hidden groups) and Halland, as `report --charts` makes them."""
    out = tmp_path_factory.mktemp("chart-export")
    options = ReportOptions(lans=("10", "14"), charts_dir=out / "diagram")
    with open_store(project / "samverkan.db") as store:
        result = make_report(store, instrument, out / "reports", options)
    assert len(result.charts) == len(list((out / "diagram").rglob("*.*")))
    return out / "reports", out / "diagram"


class TestChartFiles:
    def test_every_chart_of_the_reports_is_written_as_svg_and_png(self, exported: tuple[Path, Path]) -> None:
        """One folder per county and one for riket; each chart once as .svg and once as .png; counted on stderr."""
        _reports, charts = exported
        svgs = sorted(p.relative_to(charts) for p in charts.rglob("*.svg"))
        pngs = sorted(p.relative_to(charts) for p in charts.rglob("*.png"))
        assert [p.with_suffix("") for p in svgs] == [p.with_suffix("") for p in pngs]
        assert {p.parts[0] for p in svgs} == {"lan-10", "lan-14", "riket"}
        assert Path("lan-14/omraden.svg") in svgs and Path("riket/rangordning.svg") in svgs
        assert any(p.name.startswith("fragor-01-rutiner-for-samverkan") for p in svgs)

    def test_each_svg_is_the_chart_the_html_report_shows(self, exported: tuple[Path, Path]) -> None:
        """Same numbers, same '..' for hidden groups: the file is the report's own inline SVG."""
        reports, charts = exported
        for lan in ("10", "14"):
            html = (reports / f"lan-{lan}.html").read_text(encoding="utf-8")
            files = sorted((charts / f"lan-{lan}").glob("*.svg"))
            assert files
            for path in files:
                assert _inline(path.read_text(encoding="utf-8")) in html, path.name
        # Blekinge's small groups stay hidden in the chart file too.
        blekinge = (charts / "lan-10" / "omraden.svg").read_text(encoding="utf-8")
        assert ".. färre än 5 svar" in blekinge and ".. dold för att skydda" in blekinge

    def test_svg_files_are_valid_standalone_svg(self, exported: tuple[Path, Path]) -> None:
        """Each file parses as XML in the SVG namespace, sized in points, with its <title>."""
        _reports, charts = exported
        for path in charts.rglob("*.svg"):
            root = ET.parse(path).getroot()
            assert root.tag == f"{{{SVG_NS}}}svg"
            assert root.get("width", "").endswith("pt") and root.get("height", "").endswith("pt")
            assert root.find(f"{{{SVG_NS}}}title") is not None

    def test_png_is_300_dpi_at_the_size_of_the_svg(self, exported: tuple[Path, Path]) -> None:
        """Pixels = points / 72 x 300 (to the pixel), and the PNG says 300 dpi (11811 pixels per metre)."""
        _reports, charts = exported
        for path in charts.rglob("*.svg"):
            root = ET.parse(path).getroot()
            _x, _y, w, h = (float(v) for v in root.get("viewBox", "").split())
            width, height, per_metre = _png_header(path.with_suffix(".png").read_bytes())
            assert abs(width - w / 72 * 300) < 1 and abs(height - h / 72 * 300) < 1, path.name
            assert per_metre == 11811

    def test_english_names_under_lang_en(self, project: Path, tmp_path: Path, cli) -> None:
        """--lang en names the files in English (areas, ranking) in a folder 'sweden'."""
        result = cli("--project", project, "--lang", "en", "report", "--lan", "14", "--format", "html",
                     "--out", tmp_path / "r", "--charts", tmp_path / "c")  # fmt: skip
        assert result.code == 0, result.err
        assert (tmp_path / "c" / "lan-14" / "areas.png").is_file()
        assert (tmp_path / "c" / "sweden" / "ranking.svg").is_file()
        count = len(list((tmp_path / "c").rglob("*.svg")))
        assert f"{count} charts in {tmp_path / 'c'} (SVG and PNG, 300 dpi)" in result.err

    def test_a_file_in_the_way_is_a_usage_error(self, project: Path, tmp_path: Path, cli) -> None:
        """--charts naming an existing file exits 2 with a message and writes no report."""
        blocker = tmp_path / "diagram"
        blocker.write_text("mine", encoding="utf-8")
        result = cli("--project", project, "report", "--lan", "14", "--out", tmp_path / "r", "--charts", blocker)
        assert result.code == 2
        assert "finns redan och är ingen katalog" in result.err
        assert blocker.read_text(encoding="utf-8") == "mine"
        assert not (tmp_path / "r").exists()


class TestPngDrawing:
    def _pixels(self, svg: Svg, dpi: int = 72) -> Image.Image:
        return Image.open(io.BytesIO(svg_to_png(svg.render(), dpi))).convert("L")

    def test_shapes_land_where_the_svg_puts_them(self) -> None:
        """A 36 pt square at (36, 36) of a 144 pt chart at 72 dpi covers pixels 36-71; the rest is white."""
        svg = Svg(144, 144, "t", "test")
        svg.rect(36, 36, 36, 36, "#000000")
        image = self._pixels(svg)
        assert image.size == (144, 144)
        assert image.getpixel((54, 54)) < 10
        assert image.getpixel((30, 54)) > 245 and image.getpixel((80, 54)) > 245
        assert image.getpixel((54, 30)) > 245 and image.getpixel((54, 80)) > 245

    def test_text_is_drawn_at_its_anchor(self) -> None:
        """End-anchored text ends at x; start-anchored text starts there; nothing is drawn on the wrong side."""
        for anchor, inked, blank in (("end", (40, 100), (101, 144)), ("start", (101, 144), (0, 99))):
            svg = Svg(144, 60, "t", "test")
            svg.text(100, 30, "Vårdcentral", 12, "#000000", anchor=anchor)
            image = self._pixels(svg)
            columns = [min(image.getpixel((x, y)) for y in range(60)) for x in range(144)]
            assert min(columns[inked[0] : inked[1]]) < 100
            assert min(columns[blank[0] : blank[1]]) > 245

    def test_same_chart_same_bytes(self) -> None:
        """Rendering twice gives identical PNG bytes (no time stamp or software tag)."""
        svg = Svg(100, 50, "t", "test")
        svg.text(10, 25, "Riket 60,0 $x$", 9, "#333333")
        assert svg_to_png(svg.render()) == svg_to_png(svg.render())

    def test_hostile_text_stays_text(self) -> None:
        """Markup and control characters in a label give a well-formed file and a PNG, never an error."""
        svg = Svg(200, 50, "t", "<script>alert(1)</script> & \x07\x1b[2J")
        svg.text(10, 25, "<b>Län</b> & \x00\x07 $\\frac{1}{0}$", 9, "#333333")
        file = standalone_svg(svg.render())
        root = ET.fromstring(file)
        assert "<script>" in "".join(root.itertext())
        assert svg_to_png(file)[:4] == b"\x89PNG"

    def test_an_element_it_cannot_draw_is_refused(self) -> None:
        """Anything outside the chart subset is an error, never silently left out of the picture."""
        with pytest.raises(ValueError, match="<image>"):
            svg_to_png('<svg viewBox="0 0 10 10"><image href="x.png"/></svg>')
