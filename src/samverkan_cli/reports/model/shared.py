"""What the county and overview models share: analysis rows as report values, the method section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.model.labels import INDEX
from samverkan_cli.reports.model.types import MISSING_ESTIMATE, Comparison, Coverage, Estimate, Methods, ReliabilityRow

if TYPE_CHECKING:
    from samverkan_cli import analysis
    from samverkan_cli.analysis import AnalysisResult
    from samverkan_cli.instrument import Instrument

__all__ = ["comparison", "coverage", "estimate", "measures", "methods"]


def estimate(row: analysis.GroupScore | None) -> Estimate:
    """A group's result as the report shows it; a missing mean counts as suppressed."""
    if row is None:
        return MISSING_ESTIMATE
    suppressed = row.suppressed or row.mean is None
    return Estimate(
        n=row.n,
        mean=None if suppressed else row.mean,
        sd=None if suppressed else row.sd,
        ci_low=None if suppressed else row.ci_low,
        ci_high=None if suppressed else row.ci_high,
        share_positive=None if suppressed else row.share_positive,
        suppressed=suppressed,
        uncertain=row.uncertain and not suppressed,
        protects_other=suppressed and row.suppression == "protects_other",
    )


def comparison(row: analysis.Comparison | None) -> Comparison | None:
    """A comparison as the report shows it."""
    if row is None:
        return None
    return Comparison(diff=row.diff, ci_low=row.ci_low, ci_high=row.ci_high, p=row.p, verdict=row.verdict)


def measures(instrument: Instrument, lang: Lang) -> list[tuple[str, str]]:
    """(id, label) of the dimensions, then the index."""
    dims = [(d.id, d.label.get(lang)) for d in instrument.dimensions]
    return [*dims, (INDEX, instrument.index_label.get(lang))]


def methods(result: AnalysisResult, instrument: Instrument, lang: Lang, wave: str) -> Methods:
    """The method section: thresholds, reliability of the wave and overall, dimensions, method text."""
    labels = {d.id: d.label.get(lang) for d in instrument.dimensions}
    meta = result.meta
    reliability = tuple(
        ReliabilityRow(
            wave=row.wave,
            dimension=row.dimension,
            label=labels.get(row.dimension, row.dimension),
            alpha=row.alpha,
            n=row.n,
            flag=row.flag,
        )
        for row in result.reliability
        if row.wave in (wave, "alla")
    )
    return Methods(
        unit=meta.unit,
        min_n=meta.min_n,
        uncertain_below=meta.uncertain_below,
        reliability=reliability,
        dimensions=tuple(
            (d.id, d.label.get(lang), tuple(i.id for i in instrument.items_of(d.id))) for d in instrument.dimensions
        ),
        index_label=instrument.index_label.get(lang),
        min_answered_share=instrument.min_answered_share,
        index_min_dimensions=instrument.index_min_dimensions,
        text=_method_paragraphs(lang, meta.min_n, meta.uncertain_below, meta.protection_points),
    )


def _method_paragraphs(lang: Lang, min_n: int, uncertain_below: int, protection: float) -> tuple[str, ...]:
    """The analysis library's own method text, so the report describes exactly what was computed."""
    from samverkan_cli.analysis.method import method_text

    text = method_text(lang, min_n=min_n, uncertain_below=uncertain_below, protection_points=protection)
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def coverage(result: AnalysisResult, wave: str) -> Coverage:
    """How many of Sweden's counties have results in ``wave``: what "riket" stands for so far."""
    from samverkan_cli import reference

    return Coverage(present=len(result.lans(wave)), total=len(reference.lan()))
