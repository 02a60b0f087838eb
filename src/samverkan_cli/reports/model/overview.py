"""The model of the national overview: heatmap county x dimension, index ranking, county links."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.model.labels import ALLA, INDEX, RIKET, county_filename, lan_name
from samverkan_cli.reports.model.shared import comparison, coverage, estimate, measures, methods
from samverkan_cli.reports.model.types import (
    CountyLink,
    HeatCell,
    HeatRow,
    OverviewReport,
    Provenance,
    RankRow,
    TrendLine,
    TrendTable,
)

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult
    from samverkan_cli.instrument import Instrument

__all__ = ["build_overview"]


def build_overview(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    *,
    wave: str | None = None,
    lang: Lang = "sv",
    lans: Iterable[str] | None = None,
    linked: Iterable[str] | None = None,
    title: str | None = None,
    commentary: str | None = None,
) -> OverviewReport:
    """The national overview: heatmap county x dimension, index ranking, links to county reports."""
    w = wave if wave is not None else result.latest_wave()
    mlist = tuple(measures(instrument, lang))
    shown_lans = tuple(lans) if lans is not None else result.lans(w)
    links = set(linked) if linked is not None else set(shown_lans)
    cov = coverage(result, w)

    def href(lan: str) -> str | None:
        return county_filename(lan) if lan in links and lan != RIKET else None

    def heat_row(lan: str) -> HeatRow:
        cells = []
        for m, _label in mlist:
            est = estimate(result.score(w, lan, ALLA, m))
            # With one county riket is that county: no verdict against itself.
            comp = result.comparison(w, lan, ALLA, m, "riket") if lan != RIKET and cov.present > 1 else None
            cells.append(HeatCell(m, est.mean, est.n, est.suppressed, est.uncertain, comp.verdict if comp else None))
        return HeatRow(lan, lan_name(lan, lang), href(lan), tuple(cells))

    ranking, ranked_of = _ranking(result, w, shown_lans, lang, href)
    counties = tuple(
        CountyLink(lan, lan_name(lan, lang), href(lan), estimate(result.score(w, lan, ALLA, INDEX)).n)
        for lan in shown_lans
    )
    return OverviewReport(
        lang=lang,
        title=title or instrument.title.get(lang),
        instrument_title=instrument.title.get(lang),
        wave=w,
        measures=mlist,
        heatmap=tuple(heat_row(lan) for lan in shown_lans),
        riket=heat_row(RIKET),
        ranking_measure=INDEX,
        ranking_label=instrument.index_label.get(lang),
        ranking=ranking,
        ranked_of=max(ranked_of, len(ranking)),
        counties=counties,
        methods=methods(result, instrument, lang, w),
        provenance=provenance,
        coverage=cov,
        trend=_trend(result, w, shown_lans, mlist, lang, href),
        commentary=commentary,
    )


def _trend(
    result: AnalysisResult,
    wave: str,
    shown: tuple[str, ...],
    mlist: tuple[tuple[str, str], ...],
    lang: Lang,
    href: Callable[[str], str | None],
) -> tuple[TrendTable, ...]:
    """Index first, then each area: every county's value in every wave up to ``wave``, riket last."""
    ordered = [w for w in result.meta.waves if result.has_results(w)]
    waves = tuple(ordered[: ordered.index(wave) + 1]) if wave in ordered else (wave,)
    if len(waves) < 2:
        return ()

    def line(lan: str, m: str) -> TrendLine:
        return TrendLine(
            lan=lan,
            name=lan_name(lan, lang),
            href=href(lan),
            values=tuple(estimate(result.score(w, lan, ALLA, m)) for w in waves),
            changes=tuple(
                comparison(result.comparison(w, lan, ALLA, m, "previous_wave")) if i else None
                for i, w in enumerate(waves)
            ),
        )

    order = [(m, label) for m, label in mlist if m == INDEX] + [(m, label) for m, label in mlist if m != INDEX]
    return tuple(TrendTable(m, label, waves, tuple(line(lan, m) for lan in (*shown, RIKET))) for m, label in order)


def _ranking(
    result: AnalysisResult, wave: str, shown: tuple[str, ...], lang: Lang, href: Callable[[str], str | None]
) -> tuple[tuple[RankRow, ...], int]:
    """The index ranking of the shown counties (by rank, then code) and how many were ranked."""
    ranks = result.ranking(wave, ALLA, INDEX)
    rows = [
        RankRow(
            lan=r.lan,
            name=lan_name(r.lan, lang),
            href=href(r.lan),
            rank=r.rank,
            rank_low=r.rank_low or r.rank,
            rank_high=r.rank_high or r.rank,
            estimate=estimate(result.score(wave, r.lan, ALLA, INDEX)),
        )
        for r in ranks
        if r.lan in shown
    ]
    rows.sort(key=lambda r: (r.rank, r.lan))
    return tuple(rows), max((r.of for r in ranks), default=0)
