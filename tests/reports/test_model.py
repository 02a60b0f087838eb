"""The report model: golden values and suppression, from the sample document and a real analysis."""

from __future__ import annotations

from typing import Any

import pytest

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.model import (
    Provenance,
    build_county_report,
    build_overview,
    build_report_model,
)

from .sample_doc import HOSTILE_COMMENT, SAMPLE, SAMPLE_DOC, SAMPLE_LANS


def _row(doc: dict[str, Any], **key: str) -> dict[str, Any]:
    return next(r for r in doc["results"] if all(r[k] == v for k, v in key.items()))


class TestSampleDocument:
    def test_headline_values_are_the_documents(self, instrument: Instrument, provenance: Provenance) -> None:
        """Every first-screen value is the analysis' value, and riket comes from the riket row."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        for score in report.headline:
            row = _row(SAMPLE_DOC, wave="2026", lan="14", org_typ="alla", measure=score.measure)
            ref = _row(SAMPLE_DOC, wave="2026", lan="riket", org_typ="alla", measure=score.measure)
            assert (score.county.n, score.county.mean, score.county.ci_low, score.county.ci_high) == (
                row["n"],
                row["mean"],
                row["ci_low"],
                row["ci_high"],
            )
            assert score.riket.mean == ref["mean"]
        assert [s.measure for s in report.headline] == [
            "rutiner",
            "remissvagar",
            "brukarinflytande",
            "kompetens",
            "index",
        ]

    def test_defaults_to_the_latest_wave_with_previous_for_trend(
        self, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Without --wave the latest wave is reported, and the trend runs from the previous one."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        assert (report.wave, report.previous_wave) == ("2026", "2025")
        assert [w for w, _e in report.trend[0].points] == ["2025", "2026"]

    def test_suppressed_group_stays_suppressed(self, instrument: Instrument, provenance: Provenance) -> None:
        """Jämtland's vårdcentraler (n=4) have no value anywhere in the model."""
        report = build_county_report(SAMPLE, instrument, provenance, "23")
        vc = next(o for o in report.scores if o.org_typ == "vardcentral")
        assert all(m.county.suppressed and m.county.mean is None and m.county.ci_low is None for m in vc.measures)
        assert all(g.vardcentral.mean is None and g.gap is None for g in report.gap)
        groups = {g.org_typ: g for g in report.referrals.groups} if report.referrals else {}
        assert groups["vardcentral"].suppressed and all(s is None for _o, s in groups["vardcentral"].shares)

    def test_item_answers_ordered_negative_to_positive_with_missing_last(
        self, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Answers run from most negative to most positive, reverse items flipped, 'Vet ej' last."""
        report = build_county_report(SAMPLE, instrument, provenance, "14")
        items = {it.item: it for group in report.items for it in group.items}
        assert [a.label for a in items["R4"].answers] == [
            "Instämmer inte alls",
            "Instämmer knappast",
            "Instämmer delvis",
            "Instämmer helt",
            "Vet ej",
            "Ej aktuellt",
        ]
        assert [a.label for a in items["V5"].answers][:4] == [
            "Instämmer helt",
            "Instämmer delvis",
            "Instämmer knappast",
            "Instämmer inte alls",
        ]
        assert [a.label for a in items["R1"].answers] == ["Nej", "Ja", "Vet ej"]
        assert items["R1"].answers[-1].missing

    def test_comments_only_with_the_flag(self, instrument: Instrument, provenance: Provenance) -> None:
        """Free text is absent unless asked for, and then kept verbatim (escaping is the renderer's job)."""
        lan = SAMPLE_LANS[-1]
        assert build_county_report(SAMPLE, instrument, provenance, lan).comments is None
        report = build_county_report(SAMPLE, instrument, provenance, lan, include_comments=True)
        assert report.comments is not None
        texts = [t for g in report.comments for t in g.texts]
        assert HOSTILE_COMMENT in texts

    def test_comments_never_for_a_group_below_the_threshold(
        self, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Even if the document carried comments for a small group, the model drops them."""
        doc = dict(SAMPLE_DOC)
        doc["comments"] = [
            *SAMPLE_DOC["comments"],
            {"wave": "2026", "lan": "23", "org_typ": "vardcentral", "item": "X1", "n": 4, "comments": ["hemligt"]},
            {"wave": "2026", "lan": "23", "org_typ": "vardcentral", "item": "X1", "n": 50, "comments": ["lögn"]},
        ]
        report = build_county_report(AnalysisResult.from_dict(doc), instrument, provenance, "23", include_comments=True)
        assert report.comments is not None
        assert {g.org_typ for g in report.comments} <= {"kommun", "alla"}

    def test_english_labels(self, instrument: Instrument, provenance: Provenance) -> None:
        """--lang en gives English dimension, organisation and answer labels."""
        report = build_county_report(SAMPLE, instrument, provenance, "14", lang="en")
        assert report.headline[0].label == "Collaboration routines"
        assert report.scores[1].label == "Primary care centres"
        assert report.items[0].items[0].answers[1].label == "Yes"

    def test_overview_ranking_and_links(self, instrument: Instrument, provenance: Provenance) -> None:
        """The overview ranks counties by index (rank order) and links only reports that exist."""
        overview = build_overview(SAMPLE, instrument, provenance, linked=["14"])
        ranks = [r.rank for r in overview.ranking]
        assert ranks == sorted(ranks)
        assert {r.lan: r.href for r in overview.heatmap} == {"09": None, "14": "lan-14.html", "23": None}
        assert overview.riket.lan == "riket" and overview.riket.href is None


class TestRealAnalysis:
    """Golden tests against the analysis of the shipped example exports."""

    def test_every_shown_value_equals_the_analysis(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """For every county, organisation type and measure the model holds exactly the document's numbers."""
        model = build_report_model(real_result, instrument, provenance, "sv")
        wave = real_result.latest_wave()
        checked = 0
        for report in model.counties:
            for org in report.scores:
                for m in org.measures:
                    row = real_result.score(wave, report.lan, org.org_typ, m.measure)
                    assert row is not None
                    assert m.county.mean == row.mean and m.county.n == row.n
                    assert m.county.suppressed == row.suppressed
                    checked += 1
        assert checked > 300

    def test_gotland_is_fully_suppressed(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Gotland (3 answers in 2026) shows no score, no distribution and no comment."""
        report = build_county_report(real_result, instrument, provenance, "09", include_comments=True)
        assert all(not s.county.shown for s in report.headline)
        assert all(it.suppressed and not it.answers for g in report.items for it in g.items)
        assert report.comments == ()

    def test_suppressed_in_document_means_none_in_model(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """No suppressed row of the document reaches any model value (including distributions)."""
        model = build_report_model(real_result, instrument, provenance, "sv")
        suppressed = {
            (r.lan, r.org_typ, r.item)
            for r in real_result.distributions
            if r.suppressed and r.wave == model.overview.wave and r.org_typ == "alla"
        }
        for report in model.counties:
            for g in report.items:
                for it in g.items:
                    if (report.lan, "alla", it.item) in suppressed:
                        assert it.suppressed and it.answers == ()

    def test_va_gotaland_has_a_trend(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """Two waves in the store give a trend from 2025 to 2026 with the previous-wave comparison."""
        report = build_county_report(real_result, instrument, provenance, "14")
        assert report.previous_wave == "2025"
        assert report.trend and all(row.change is not None for row in report.trend)

    @pytest.mark.parametrize("lan", ["14", "10"])
    def test_kommun_table_lists_every_kommun(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance, lan: str
    ) -> None:
        """The kommun table has every kommun of the county, with who answered and never a score."""
        from samverkan_cli.reference import kommuner_in_lan

        report = build_county_report(real_result, instrument, provenance, lan)
        assert {k.code for k in report.kommuner} == {k.code for k in kommuner_in_lan(lan)}
        assert set(report.kommuner[0].__dataclass_fields__) == {
            "code",
            "name",
            "socialtjanst",
            "vardcentraler",
            "annan",
        }
