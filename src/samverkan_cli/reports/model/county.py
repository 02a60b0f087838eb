"""The model of one county report (SPEC section 7), built from the typed analysis result."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.model.labels import ALLA, ORG_ORDER, RIKET, county_filename, lan_name, org_label, org_rank
from samverkan_cli.reports.model.shared import comparison, coverage, estimate, measures, methods
from samverkan_cli.reports.model.types import (
    MISSING_ESTIMATE,
    AnswerCount,
    CommentGroup,
    ComparedCounty,
    CountyReport,
    DimensionItems,
    Estimate,
    GapRow,
    ItemDistribution,
    KommunRow,
    MeasureScore,
    OptionGroup,
    OptionShares,
    OrgScores,
    Provenance,
    ResponseRate,
    TrendRow,
)
from samverkan_cli.text import fold

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult, AnswerShare
    from samverkan_cli.instrument import Instrument, Item

__all__ = ["build_county_report"]

#: The codebook roles of the items behind the referral and brukarrevision sections.
REFERRAL_ROLE = "referral_destinations"
AUDIT_ROLE = "audit_interest"


@dataclass(frozen=True)
class _County:
    """One county in one wave of one result: what every section builder reads."""

    result: AnalysisResult
    instrument: Instrument
    lang: Lang
    wave: str
    lan: str
    #: Riket is this county alone (only it is imported): nothing to compare it with.
    alone: bool = False

    def estimate(self, org: str, measure: str, *, lan: str | None = None, wave: str | None = None) -> Estimate:
        return estimate(self.result.score(wave or self.wave, lan or self.lan, org, measure))

    def has(self, org: str, measure: str) -> bool:
        return self.result.score(self.wave, self.lan, org, measure) is not None


def build_county_report(
    result: AnalysisResult,
    instrument: Instrument,
    provenance: Provenance,
    lan: str,
    *,
    wave: str | None = None,
    lang: Lang = "sv",
    include_comments: bool = False,
    title: str | None = None,
    compare: Sequence[str] = (),
    commentary: str | None = None,
) -> CountyReport:
    """The model of one county report (SPEC section 7) for ``lan`` in ``wave`` (default: latest).

    ``compare`` names counties to show next to riket; the county itself and counties without
    results in the wave are left out.
    """
    w = wave if wave is not None else result.latest_wave()
    alone = result.lans(w) == (lan,)
    c = _County(result, instrument, lang, w, lan, alone)
    mlist = measures(instrument, lang)
    orgs = [o for o in _org_types(result) if any(c.has(o, m) for m, _ in mlist)]
    part_orgs = [o for o in orgs if o != ALLA] or [ALLA]
    referral_item = instrument.item_with_report_role(REFERRAL_ROLE)
    audit_item = instrument.item_with_report_role(AUDIT_ROLE)
    return CountyReport(
        lang=lang,
        title=title or instrument.title.get(lang),
        instrument_title=instrument.title.get(lang),
        lan=lan,
        name=lan_name(lan, lang),
        wave=w,
        previous_wave=result.previous_wave(w),
        headline=tuple(_score(c, ALLA, m, label) for m, label in mlist),
        response_rates=_response_rates(c),
        scores=tuple(
            OrgScores(org, org_label(instrument, org, lang), tuple(_score(c, org, m, label) for m, label in mlist))
            for org in orgs
        ),
        gap=_gap(c, mlist),
        items=_items(c),
        referrals=_option_shares(c, referral_item, part_orgs) if referral_item else None,
        brukarrevision=_option_shares(c, audit_item, part_orgs) if audit_item else None,
        trend=_trend(c, mlist),
        kommuner=_kommuner(c),
        comments=_comments(c) if include_comments else None,
        methods=methods(result, instrument, lang, w),
        provenance=provenance,
        filename=county_filename(lan),
        coverage=coverage(result, w),
        riket_is_self=alone,
        compare=_compared(c, compare, orgs, mlist),
        commentary=commentary,
    )


def _compared(
    c: _County, codes: Sequence[str], orgs: Sequence[str], mlist: list[tuple[str, str]]
) -> tuple[ComparedCounty, ...]:
    """The chosen counties' values on the report's groups and measures, suppressed as reported."""
    present = set(c.result.lans(c.wave))
    chosen = [code for code in dict.fromkeys(codes) if code != c.lan and code in present]
    return tuple(
        ComparedCounty(
            lan=code,
            name=lan_name(code, c.lang),
            scores=tuple(((org, m), c.estimate(org, m, lan=code)) for org in orgs for m, _ in mlist),
        )
        for code in chosen
    )


def _org_types(result: AnalysisResult) -> tuple[str, ...]:
    """Organisation types with results in report order (unknown types last, sorted)."""
    present = result.org_types()
    return tuple(o for o in ORG_ORDER if o in present) + tuple(sorted(present - set(ORG_ORDER)))


def _score(c: _County, org: str, measure: str, label: str) -> MeasureScore:
    if c.alone:  # riket is the county itself: show no riket value and no comparison with itself
        return MeasureScore(measure, label, c.estimate(org, measure), MISSING_ESTIMATE, None)
    return MeasureScore(
        measure=measure,
        label=label,
        county=c.estimate(org, measure),
        riket=c.estimate(org, measure, lan=RIKET),
        versus_riket=comparison(c.result.comparison(c.wave, c.lan, org, measure, "riket")),
    )


def _gap(c: _County, mlist: list[tuple[str, str]]) -> tuple[GapRow, ...]:
    """Vårdcentraler against kommuner on every measure either side has a result for."""
    return tuple(
        GapRow(
            measure=m,
            label=label,
            vardcentral=c.estimate("vardcentral", m),
            kommun=c.estimate("kommun", m),
            gap=comparison(c.result.comparison(c.wave, c.lan, "vardcentral", m, "kommun")),
        )
        for m, label in mlist
        if c.has("vardcentral", m) or c.has("kommun", m)
    )


def _items(c: _County) -> tuple[DimensionItems, ...]:
    return tuple(
        DimensionItems(
            dimension=d.id,
            label=d.label.get(c.lang),
            org_typ=ALLA,
            items=tuple(_distribution(c, item) for item in c.instrument.items_of(d.id)),
        )
        for d in c.instrument.dimensions
    )


def _trend(c: _County, mlist: list[tuple[str, str]]) -> tuple[TrendRow, ...]:
    prev = c.result.previous_wave(c.wave)
    if prev is None:
        return ()
    return tuple(
        TrendRow(
            measure=m,
            label=label,
            points=((prev, c.estimate(ALLA, m, wave=prev)), (c.wave, c.estimate(ALLA, m))),
            change=comparison(c.result.comparison(c.wave, c.lan, ALLA, m, "previous_wave")),
        )
        for m, label in mlist
    )


def _answers(item: Item, rows: Sequence[AnswerShare], lang: Lang) -> tuple[AnswerCount, ...]:
    """An item's answers ordered from most negative to most positive, missing labels ("Vet ej") last."""
    by_key = {fold(r.label): r for r in rows}
    ordered = sorted(item.scale.labels, key=lambda label: label.value, reverse=item.reverse)
    levels = len(ordered)

    def find(*keys: str) -> AnswerShare | None:
        return next((by_key[fold(k)] for k in keys if fold(k) in by_key), None)

    def count(text: str, row: AnswerShare | None, level: int) -> AnswerCount:
        """The answer at ``level`` (-1: a missing label); no row means nobody chose it."""
        return AnswerCount(text, row.count if row else None, row.share if row else None, level, levels, level < 0)

    answers = [
        count(label.text.get(lang), find(label.text.sv, label.text.en, *label.aliases), level)
        for level, label in enumerate(ordered)
    ]
    answers += [count(missing.get(lang), find(missing.sv, missing.en), -1) for missing in item.scale.missing]
    return tuple(answers)


def _distribution(c: _County, item: Item) -> ItemDistribution:
    rows = c.result.answer_shares(c.wave, c.lan, ALLA, item.id)
    n = next((r.n for r in rows if r.n is not None), None)
    suppressed = not rows or any(r.suppressed for r in rows)
    return ItemDistribution(
        item=item.id,
        text=item.text.get(c.lang),
        dimension=item.dimension or "",
        reverse=item.reverse,
        n=n,
        suppressed=suppressed,
        uncertain=not suppressed and any(r.uncertain for r in rows),
        answers=() if suppressed else _answers(item, rows, c.lang),
        score=c.estimate(ALLA, item.id),
    )


def _option_group(c: _County, item: Item, org: str, options: list[tuple[str, str, str]]) -> OptionGroup | None:
    rows = c.result.option_shares(c.wave, c.lan, org, item.id)
    if not rows:
        return None
    by_option = {fold(r.option): r for r in rows}
    suppressed = all(r.suppressed for r in rows)
    n = next((r.n for r in rows if r.n is not None), None)
    uncertain = any(r.uncertain for r in rows)
    shares: list[tuple[str, float | None]] = []
    for sv, shown, code in options:
        r = by_option.get(fold(sv)) or by_option.get(fold(code)) or by_option.get(fold(shown))
        shares.append((shown, None if r is None or r.suppressed else r.share))
    return OptionGroup(
        org_typ=org,
        label=org_label(c.instrument, org, c.lang),
        n=None if suppressed else n,
        suppressed=suppressed,
        uncertain=not suppressed and (uncertain or (n is not None and n < c.result.meta.uncertain_below)),
        shares=tuple(shares),
    )


def _option_shares(c: _County, item: Item, orgs: Sequence[str]) -> OptionShares | None:
    """Shares choosing each option of ``item`` per organisation type; "no answer" options are neutral."""
    options = [(o.text.sv, o.text.get(c.lang), o.code) for o in item.scale.options]
    groups = [g for org in orgs if (g := _option_group(c, item, org, options)) is not None]
    if not groups:
        return None
    scales = c.instrument.scales.values()
    missing = {fold(t) for scale in scales for m in scale.missing for t in (m.sv, m.en)}
    neutral = tuple(shown for sv, shown, _code in options if fold(sv) in missing)
    return OptionShares(item.id, item.text.get(c.lang), tuple(o[1] for o in options), tuple(groups), neutral)


def _response_rates(c: _County) -> tuple[ResponseRate, ...]:
    rows = sorted(c.result.response_rates_of(c.wave, c.lan), key=lambda r: org_rank(r.org_typ))
    return tuple(
        ResponseRate(
            org_typ=r.org_typ,
            label=org_label(c.instrument, r.org_typ, c.lang),
            responded=r.organisations,
            frame=r.frame,
            rate=r.response_rate,
        )
        for r in rows
    )


def _kommuner(c: _County) -> tuple[KommunRow, ...]:
    rows = (
        KommunRow(r.kommun_code, r.kommun_name, r.socialtjanst, r.vardcentraler, r.annan)
        for r in c.result.kommuner_of(c.wave, c.lan)
    )
    return tuple(sorted(rows, key=lambda k: k.name))


def _large_enough(c: _County, org: str) -> bool:
    """Whether the analysis disclosed an n at or above the threshold for the group on some measure."""
    min_n = c.result.meta.min_n
    return any(s.n is not None and s.n >= min_n for s in c.result.group_scores(c.wave, c.lan, org))


def _comments(c: _County) -> tuple[CommentGroup, ...]:
    texts_by_org: dict[str, list[str]] = defaultdict(list)
    for row in c.result.comments_of(c.wave, c.lan):
        # Defence in depth: the analysis only sends groups >= min_n; check its n and its results again.
        if row.n < c.result.meta.min_n or not _large_enough(c, row.org_typ):
            continue
        texts_by_org[row.org_typ].extend(t for t in row.comments if t.strip())
    return tuple(
        CommentGroup(org, org_label(c.instrument, org, c.lang), tuple(texts_by_org[org]))
        for org in sorted(texts_by_org, key=org_rank)
        if texts_by_org[org]
    )
