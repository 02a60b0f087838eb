"""The analyst's commentary (comments/lan-14.md, comments/riket.md) is rendered safely into the reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.reports.commentary import read_commentary, render_commentary

HOSTILE = (
    "### Läget\n\n"
    "<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
    "[klicka](javascript:alert(3)) [också](JAVASCRIPT:alert(4)) <javascript:alert(5)> "
    "[data](data:text/html;base64,PHNjcmlwdD4=) [säker](https://example.se/)\n"
)


class TestRender:
    def test_raw_html_is_escaped(self) -> None:
        """<script> and inline HTML come out as text, never as tags."""
        html = str(render_commentary(HOSTILE))
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_javascript_links_are_inert(self) -> None:
        """Links to javascript: or data: in any case stay plain text; an https link is a link."""
        html = str(render_commentary(HOSTILE))
        assert 'href="javascript' not in html.lower() and 'href="data' not in html.lower()
        assert '<a href="https://example.se/">säker</a>' in html

    def test_markdown_is_rendered(self) -> None:
        """Headings, bold and lists become HTML."""
        html = str(render_commentary("### Rubrik\n\n**fet** text\n\n- ett\n- två\n"))
        assert "<h3>Rubrik</h3>" in html and "<strong>fet</strong>" in html and "<li>två</li>" in html


class TestRead:
    def test_missing_file_is_no_commentary(self, tmp_path: Path) -> None:
        """No file, an empty file or no directory means no commentary."""
        assert read_commentary(tmp_path, "14") is None
        assert read_commentary(None, "14") is None
        (tmp_path / "lan-14.md").write_text("  \n", encoding="utf-8")
        assert read_commentary(tmp_path, "14") is None

    def test_county_and_riket_files(self, tmp_path: Path) -> None:
        """lan-14.md belongs to county 14 and riket.md to riket; a BOM is dropped."""
        (tmp_path / "lan-14.md").write_text("\ufeffVG", encoding="utf-8")
        (tmp_path / "riket.md").write_text("Hela landet", encoding="utf-8")
        assert (read_commentary(tmp_path, "14"), read_commentary(tmp_path, "riket")) == ("VG", "Hela landet")


@pytest.fixture
def commented(project: Path) -> Any:
    comments = project / "comments"
    comments.mkdir(exist_ok=True)
    (comments / "lan-14.md").write_text(HOSTILE, encoding="utf-8")
    (comments / "riket.md").write_text("**Riket** i korthet.", encoding="utf-8")
    yield project
    (comments / "lan-14.md").unlink()
    (comments / "riket.md").unlink()


class TestInReports:
    def test_county_report_overview_and_workbook(self, commented: Path, cli: Any, tmp_path: Path) -> None:
        """The county page has the commentary after the summary, the overview riket's, the workbook both."""
        from openpyxl import load_workbook

        result = cli("--project", commented, "report", "--lan", "14", "--lan", "13", "-o", tmp_path)
        assert result.code == 0, result.err
        county = (tmp_path / "lan-14.html").read_text(encoding="utf-8")
        assert county.index('id="sammanfattning"') < county.index('id="kommentar"') < county.index('id="svar"')
        assert "<script>alert" not in county and 'href="javascript' not in county.lower()
        assert "<h3>Läget</h3>" in county
        assert 'id="kommentar"' not in (tmp_path / "lan-13.html").read_text(encoding="utf-8")
        assert "<strong>Riket</strong> i korthet." in (tmp_path / "index.html").read_text(encoding="utf-8")
        book = load_workbook(next(tmp_path.glob("*.xlsx")))
        rows = list(book["Analytikerns kommentar"].iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == ["riket", "14"]

    def test_init_writes_an_example(self, cli: Any, tmp_path: Path) -> None:
        """`samverkan init` writes comments/README.md with an example, under a name no report reads."""
        assert cli("init", tmp_path / "p").code == 0
        example = tmp_path / "p" / "comments" / "README.md"
        assert "lan-14.md" in example.read_text(encoding="utf-8")
        assert read_commentary(example.parent, "14") is None
