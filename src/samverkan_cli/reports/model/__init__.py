"""The report model: typed, render-free data built from the typed analysis result (SPEC section 11).

This package is the one adapter between :class:`~samverkan_cli.analysis.AnalysisResult` and every
report renderer. It never computes a statistic from raw data and never un-suppresses: a value the
analysis suppressed stays ``None`` with ``suppressed=True``.

``types`` holds the dataclasses, ``labels`` the labels of codes, ``county`` and ``overview`` the
builders of the two kinds of report.

>>> model = build_report_model(result, instrument, provenance, "sv")   # doctest: +SKIP
>>> model.counties[0].headline[0].county.mean                         # doctest: +SKIP
63.1
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.model.county import build_county_report
from samverkan_cli.reports.model.labels import county_filename, lan_name, org_label, verdict_label
from samverkan_cli.reports.model.overview import build_overview
from samverkan_cli.reports.model.types import (
    AnswerCount,
    CommentGroup,
    ComparedCounty,
    Comparison,
    CountyLink,
    CountyReport,
    Coverage,
    DimensionItems,
    Estimate,
    GapRow,
    HeatCell,
    HeatRow,
    ItemDistribution,
    KommunRow,
    MeasureScore,
    Methods,
    OptionGroup,
    OptionShares,
    OrgScores,
    OverviewReport,
    Provenance,
    RankRow,
    ReliabilityRow,
    ReportModel,
    ResponseRate,
    RetiredFile,
    SourceFile,
    TrendLine,
    TrendRow,
    TrendTable,
)

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult
    from samverkan_cli.instrument import Instrument

__all__ = [
    "AnswerCount",
    "CommentGroup",
    "ComparedCounty",
    "Comparison",
    "CountyLink",
    "CountyReport",
    "Coverage",
    "DimensionItems",
    "Estimate",
    "GapRow",
    "HeatCell",
    "HeatRow",
    "ItemDistribution",
    "KommunRow",
    "MeasureScore",
    "Methods",
    "OptionGroup",
    "OptionShares",
    "OrgScores",
    "OverviewReport",
    "Provenance",
    "RankRow",
    "ReliabilityRow",
    "ReportModel",
    "ResponseRate",
    "RetiredFile",
    "SourceFile",
    "TrendLine",
    "TrendRow",
    "TrendTable",
    "build_county_report",
    "build_overview",
    "build_report_model",
    "county_filename",
    "lan_name",
    "org_label",
    "verdict_label",
]


def build_report_model(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    lang: Lang = "sv",
    *,
    wave: str | None = None,
    lans: Iterable[str] | None = None,
    include_comments: bool = False,
    title: str | None = None,
) -> ReportModel:
    """The whole report model: the overview plus one county report per requested county."""
    selected = tuple(lans) if lans is not None else result.lans()
    overview = build_overview(
        result, instrument, provenance, wave=wave, lang=lang, lans=result.lans(), linked=selected, title=title
    )
    counties = tuple(
        build_county_report(
            result, instrument, provenance, lan, wave=wave, lang=lang, include_comments=include_comments, title=title
        )
        for lan in selected
    )
    return ReportModel(overview, counties)
