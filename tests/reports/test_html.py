"""HTML output: self-contained (no external URL), every chart present, free text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.html import render_county, render_overview
from samverkan_cli.reports.model import Provenance, build_county_report, build_overview

from .sample_doc import SAMPLE, SAMPLE_LANS


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "poster", "data"):
                self.links.append(value or "")
            if name == "id" and value:
                self.ids.append(value)
            if name == "style" and value:
                self.styles.append(value)


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def _allowed(link: str) -> bool:
    return (
        link.startswith(("#", "data:"))
        or link in ("index.html", "kallor.html")
        or (link.startswith("lan-") and link.endswith(".html") and "/" not in link)
    )


@pytest.fixture(scope="module")
def county_html(instrument: Instrument, provenance: Provenance) -> str:
    report = build_county_report(SAMPLE, instrument, provenance, SAMPLE_LANS[-1], include_comments=True)
    return render_county(report)


class TestCountyHtml:
    def test_no_external_resource(self, county_html: str) -> None:
        """Every src/href is an in-page anchor, a sibling report or a data: URL; no url() to the network."""
        parsed = _parse(county_html)
        assert parsed.links, "expected in-page links"
        assert [link for link in parsed.links if not _allowed(link)] == []
        assert "url(http" not in county_html and "@import" not in county_html
        assert "<link" not in county_html

    def test_every_chart_present(self, county_html: str) -> None:
        """Dimension forest plot, one diverging chart per dimension, referrals, brukarrevision and trend."""
        ids = set(_parse(county_html).ids)
        expected = {"c-dim", "c-items-0", "c-items-1", "c-items-2", "c-items-3", "c-ref", "c-audit", "c-trend"}
        assert expected <= ids
        assert county_html.count('<svg class="chart"') == len(expected)

    def test_chart_text_is_text(self, county_html: str) -> None:
        """Charts keep their labels as <text> (searchable, accessible), not glyph paths."""
        assert county_html.count("<text") > 100
        assert "Instämmer helt" in county_html

    def test_script_in_free_text_is_escaped(self, county_html: str) -> None:
        """A comment holding <script> appears as text; the page has no script element at all."""
        assert "script" not in _parse(county_html).tags
        assert "<script>alert" not in county_html
        assert "&lt;script&gt;alert" in county_html

    def test_unique_ids(self, county_html: str) -> None:
        """Chart element ids are prefixed per chart, so no id repeats in the document."""
        ids = _parse(county_html).ids
        assert len(ids) == len(set(ids))

    def test_swedish_numbers_and_print_css(self, county_html: str) -> None:
        """Swedish number style in the text and an A4 print stylesheet."""
        assert "@page { size: A4" in county_html
        assert "n = " in county_html or "n\u00a0=" in county_html
        assert any(ch in county_html for ch in (",0", ",1", ",2", ",3", ",4", ",5", ",6", ",7", ",8", ",9"))

    def test_without_comments_flag_no_comment_text(self, instrument: Instrument, provenance: Provenance) -> None:
        """Without --include-comments no free text reaches the HTML."""
        report = build_county_report(SAMPLE, instrument, provenance, SAMPLE_LANS[-1])
        html = render_county(report)
        assert "alert" not in html and 'id="synpunkter"' not in html

    def test_user_template_overrides_one_file(
        self, instrument: Instrument, provenance: Provenance, tmp_path: Any
    ) -> None:
        """A --templates directory overrides single templates and keeps autoescape."""
        (tmp_path / "style.css.j2").write_text("body { color: #123456; }", encoding="utf-8")
        report = build_county_report(SAMPLE, instrument, provenance, SAMPLE_LANS[-1], include_comments=True)
        html = render_county(report, tmp_path)
        assert "#123456" in html and "&lt;script&gt;" in html


class TestOverviewHtml:
    def test_links_heatmap_and_ranking(self, instrument: Instrument, provenance: Provenance) -> None:
        """Links to county reports, grey '..' cells for suppressed counties, the ranking chart."""
        overview = build_overview(SAMPLE, instrument, provenance)
        html = render_overview(overview)
        parsed = _parse(html)
        assert [link for link in parsed.links if not _allowed(link)] == []
        assert {f"lan-{lan}.html" for lan in SAMPLE_LANS} <= set(parsed.links)
        assert 'id="c-rank"' in html
        assert 'class="cell suppressed"' in html

    def test_real_document_renders_in_english(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The real analysis renders in English without Swedish UI words in headings."""
        overview = build_overview(real_result, instrument, provenance, lang="en")
        html = render_overview(overview)
        assert "<h1>National overview</h1>" in html and 'lang="en"' in html


class TestTemplateCopy:
    def test_top_level_templates_match_the_package(self) -> None:
        """templates/ (the copy users start from) is identical to the templates the package ships."""
        from pathlib import Path

        repo = Path(__file__).resolve().parents[2]
        package = repo / "src" / "samverkan_cli" / "reports" / "templates"
        shipped = {p.name: p.read_text(encoding="utf-8") for p in package.glob("*.j2")}
        copied = {p.name: p.read_text(encoding="utf-8") for p in (repo / "templates").glob("*.j2")}
        assert copied == shipped


class TestSourcesPage:
    def test_sources_live_on_one_shared_page(self, instrument: Instrument, provenance: Provenance) -> None:
        """kallor.html lists every input file with its hash; a county report only links to it."""
        from samverkan_cli.reports.html import render_sources

        overview = build_overview(SAMPLE, instrument, provenance)
        sources = render_sources(overview)
        assert provenance.files[0].sha256 in sources and "Okänd kommun" in sources
        assert "unknown_kommun" not in sources
        county = render_county(build_county_report(SAMPLE, instrument, provenance, SAMPLE_LANS[-1]))
        assert provenance.files[0].sha256 not in county
        assert 'href="kallor.html"' in county
