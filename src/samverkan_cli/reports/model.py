"""The report model: typed, render-free data built from the analysis document (SPEC section 11).

This module is the one adapter between the analysis JSON document and every report renderer,
so a change in the document's shape is fixed here and nowhere else. It never computes a
statistic from raw data and never un-suppresses: a value the analysis suppressed stays ``None``
with ``suppressed=True``. The only arithmetic is turning the analysis' own answer counts into
shares for the charts, and only for groups the analysis did not suppress.

>>> model = build_report_model(doc, instrument, provenance, "sv")   # doctest: +SKIP
>>> model.counties[0].headline[0].county.mean                      # doctest: +SKIP
63.1
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from samverkan_cli.i18n import Lang
from samverkan_cli.instrument import Instrument, Item
from samverkan_cli.text import fold

__all__ = [
    "AnswerCount",
    "CommentGroup",
    "Comparison",
    "CountyLink",
    "CountyReport",
    "DimensionItems",
    "DocIndex",
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
    "SourceFile",
    "TrendRow",
    "build_county_report",
    "build_overview",
    "build_report_model",
    "county_filename",
    "lan_name",
    "org_label",
    "verdict_label",
]

Verdict = Literal["battre", "i_niva", "samre", "ej_jamforbar"]
RIKET = "riket"
ALLA = "alla"
INDEX = "index"
ORG_ORDER = ("alla", "vardcentral", "kommun", "annan")

_ORG_LABELS: dict[str, tuple[str, str]] = {
    "alla": ("Alla verksamheter", "All organisations"),
    "vardcentral": ("Vårdcentraler", "Primary care centres"),
    "kommun": ("Kommuner (socialtjänst)", "Municipalities (social services)"),
    "annan": ("Andra verksamheter", "Other organisations"),
}
_VERDICTS: dict[str, tuple[str, str]] = {
    "battre": ("Bättre än riket", "Better than Sweden"),
    "i_niva": ("I nivå med riket", "On a par with Sweden"),
    "samre": ("Sämre än riket", "Worse than Sweden"),
    "ej_jamforbar": ("Ej jämförbar", "Not comparable"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def org_label(org_typ: str, lang: Lang = "sv") -> str:
    """Plural label of an organisation type code: ``vardcentral`` -> ``Vårdcentraler``."""
    return _pick(_ORG_LABELS.get(org_typ, (org_typ, org_typ)), lang)


def verdict_label(verdict: str | None, lang: Lang = "sv") -> str:
    """``battre`` -> ``Bättre än riket``; unknown or ``None`` -> ``..``."""
    if verdict is None:
        return ".."
    return _pick(_VERDICTS.get(verdict, (verdict, verdict)), lang)


@cache
def _lan_names() -> dict[str, str]:
    ref = resources.files("samverkan_cli.reference") / "data" / "kommuner.csv"
    with ref.open(encoding="utf-8") as fh:
        return {row["lan_code"]: row["lan_name"] for row in csv.DictReader(fh)}


def lan_name(code: str, lang: Lang = "sv") -> str:
    """County name of an SCB code; ``riket`` is ``Riket`` / ``Sweden``."""
    if code == RIKET:
        return "Sweden" if lang == "en" else "Riket"
    return _lan_names().get(code, code)


def county_filename(lan: str) -> str:
    """File name of a county report, relative to the overview: ``lan-14.html``."""
    return f"lan-{lan}.html"


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Estimate:
    """One group value as the analysis reported it; ``mean`` is ``None`` when suppressed."""

    n: int | None = None
    mean: float | None = None
    sd: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    share_positive: float | None = None
    suppressed: bool = True
    uncertain: bool = False

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.mean is not None


MISSING_ESTIMATE = Estimate()


@dataclass(frozen=True)
class Comparison:
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    verdict: str


@dataclass(frozen=True)
class MeasureScore:
    """A dimension (or the index, or an item) in the county next to riket."""

    measure: str
    label: str
    county: Estimate
    riket: Estimate
    versus_riket: Comparison | None

    @property
    def verdict(self) -> str | None:
        return self.versus_riket.verdict if self.versus_riket else None


@dataclass(frozen=True)
class OrgScores:
    org_typ: str
    label: str
    measures: tuple[MeasureScore, ...]


@dataclass(frozen=True)
class GapRow:
    """Vårdcentraler vs kommuner on one measure: the two sides' view of the same collaboration."""

    measure: str
    label: str
    vardcentral: Estimate
    kommun: Estimate
    gap: Comparison | None


@dataclass(frozen=True)
class AnswerCount:
    """One answer label of an item; ``level`` orders answers from most negative (0); missing = -1."""

    label: str
    count: int | None
    share: float | None
    level: int
    levels: int
    missing: bool


@dataclass(frozen=True)
class ItemDistribution:
    item: str
    text: str
    dimension: str
    reverse: bool
    n: int | None
    suppressed: bool
    uncertain: bool
    answers: tuple[AnswerCount, ...]
    score: Estimate = MISSING_ESTIMATE


@dataclass(frozen=True)
class DimensionItems:
    dimension: str
    label: str
    org_typ: str
    items: tuple[ItemDistribution, ...]


@dataclass(frozen=True)
class OptionGroup:
    org_typ: str
    label: str
    n: int | None
    suppressed: bool
    uncertain: bool
    shares: tuple[tuple[str, float | None], ...]


@dataclass(frozen=True)
class OptionShares:
    """Shares choosing each option of a descriptive item, per organisation type."""

    item: str
    text: str
    options: tuple[str, ...]
    groups: tuple[OptionGroup, ...]
    neutral: tuple[str, ...] = ()  # options meaning "no answer" (e.g. Vet ej), drawn grey


@dataclass(frozen=True)
class ResponseRate:
    org_typ: str
    label: str
    responded: int | None
    frame: int | None
    rate: float | None


@dataclass(frozen=True)
class TrendRow:
    measure: str
    label: str
    points: tuple[tuple[str, Estimate], ...]
    change: Comparison | None


@dataclass(frozen=True)
class KommunRow:
    code: str
    name: str
    socialtjanst: bool
    vardcentraler: int
    annan: int = 0


@dataclass(frozen=True)
class CommentGroup:
    org_typ: str
    label: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ReliabilityRow:
    wave: str
    dimension: str
    label: str
    alpha: float | None
    n: int | None
    flag: bool


@dataclass(frozen=True)
class SourceFile:
    """One imported input file as recorded in the store's ``imports`` table."""

    name: str
    sha256: str
    platform: str
    wave: str
    imported_at: str
    rows: int
    imported: int
    quarantined: int


@dataclass(frozen=True)
class Provenance:
    """Where a report comes from: inputs with hashes, instrument, tool, generation time."""

    tool_version: str
    instrument_id: str
    instrument_version: str
    generated_at: str
    files: tuple[SourceFile, ...] = ()
    findings: tuple[tuple[str, str, int], ...] = ()  # (severity, code, count)


@dataclass(frozen=True)
class Methods:
    unit: str
    min_n: int
    uncertain_below: int
    reliability: tuple[ReliabilityRow, ...]
    dimensions: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, label, item ids)
    index_label: str
    min_answered_share: float
    index_min_dimensions: int
    text: tuple[str, ...] = ()  # paragraphs of the analysis' method text (light Markdown: **bold**, *italic*)


@dataclass(frozen=True)
class CountyReport:
    lang: Lang
    title: str
    instrument_title: str
    lan: str
    name: str
    wave: str
    previous_wave: str | None
    headline: tuple[MeasureScore, ...]
    response_rates: tuple[ResponseRate, ...]
    scores: tuple[OrgScores, ...]
    gap: tuple[GapRow, ...]
    items: tuple[DimensionItems, ...]
    referrals: OptionShares | None
    brukarrevision: OptionShares | None
    trend: tuple[TrendRow, ...]
    kommuner: tuple[KommunRow, ...]
    comments: tuple[CommentGroup, ...] | None
    methods: Methods
    provenance: Provenance
    filename: str

    @property
    def verdict_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("battre", "i_niva", "samre"), 0)
        for score in self.headline:
            if score.measure != INDEX and score.verdict in counts:
                counts[score.verdict] += 1
        return counts


@dataclass(frozen=True)
class HeatCell:
    measure: str
    value: float | None
    n: int | None
    suppressed: bool
    uncertain: bool
    verdict: str | None


@dataclass(frozen=True)
class HeatRow:
    lan: str
    name: str
    href: str | None
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class RankRow:
    lan: str
    name: str
    href: str | None
    rank: int
    rank_low: int
    rank_high: int
    estimate: Estimate


@dataclass(frozen=True)
class CountyLink:
    lan: str
    name: str
    href: str | None
    n: int | None


@dataclass(frozen=True)
class OverviewReport:
    lang: Lang
    title: str
    instrument_title: str
    wave: str
    measures: tuple[tuple[str, str], ...]  # (id, label): dimensions then index
    heatmap: tuple[HeatRow, ...]
    riket: HeatRow
    ranking_measure: str
    ranking_label: str
    ranking: tuple[RankRow, ...]
    ranked_of: int
    counties: tuple[CountyLink, ...]
    methods: Methods
    provenance: Provenance


@dataclass(frozen=True)
class ReportModel:
    overview: OverviewReport
    counties: tuple[CountyReport, ...] = field(default=())


# --------------------------------------------------------------------------- document index


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _estimate(row: Mapping[str, Any] | None) -> Estimate:
    if row is None:
        return MISSING_ESTIMATE
    suppressed = bool(row.get("suppressed", False)) or row.get("mean") is None
    return Estimate(
        n=_int(row.get("n")),
        mean=None if suppressed else _float(row.get("mean")),
        sd=None if suppressed else _float(row.get("sd")),
        ci_low=None if suppressed else _float(row.get("ci_low")),
        ci_high=None if suppressed else _float(row.get("ci_high")),
        share_positive=None if suppressed else _float(row.get("share_positive")),
        suppressed=suppressed,
        uncertain=bool(row.get("uncertain", False)) and not suppressed,
    )


def _comparison(row: Mapping[str, Any] | None) -> Comparison | None:
    if row is None:
        return None
    return Comparison(
        diff=_float(row.get("diff")),
        ci_low=_float(row.get("ci_low")),
        ci_high=_float(row.get("ci_high")),
        p=_float(row.get("p")),
        verdict=str(row.get("verdict") or "ej_jamforbar"),
    )


class DocIndex:
    """Dictionary lookups over one analysis document, built once and shared by all counties."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        meta = doc.get("meta", {})
        self.meta: Mapping[str, Any] = meta
        self.waves: list[str] = [str(w) for w in meta.get("waves", [])]
        self.min_n = int(meta.get("min_n", 5))
        self.uncertain_below = int(meta.get("uncertain_below", 10))
        self.unit = str(meta.get("unit", "organisation"))
        self.results: dict[tuple[str, str, str, str], Mapping[str, Any]] = {}
        for row in doc.get("results", []):
            self.results[(str(row["wave"]), str(row["lan"]), str(row["org_typ"]), str(row["measure"]))] = row
        self.comparisons: dict[tuple[str, str, str, str, str], Mapping[str, Any]] = {}
        for row in doc.get("comparisons", []):
            key = (str(row["wave"]), str(row["lan"]), str(row["org_typ"]), str(row["measure"]), str(row["versus"]))
            self.comparisons[key] = row
        self.descriptives: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("descriptives", []):
            self.descriptives[(str(row["wave"]), str(row["lan"]), str(row["org_typ"]), str(row["item"]))].append(row)
        # One row per answer label: {wave, lan, org_typ, item, label, n, count, share, suppressed}.
        self.distributions: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("distributions", []):
            self.distributions[(str(row["wave"]), str(row["lan"]), str(row["org_typ"]), str(row["item"]))].append(row)
        self.rankings: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("rankings", []):
            self.rankings[(str(row["wave"]), str(row.get("org_typ", ALLA)), str(row["measure"]))].append(row)
        self.previous: dict[str, str] = {str(k): str(v) for k, v in (meta.get("previous_wave") or {}).items()}
        self.response_rates: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("response_rates", []):
            self.response_rates[(str(row["wave"]), str(row["lan"]))].append(row)
        self.kommun_table: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("kommun_table", []):
            self.kommun_table[(str(row.get("wave", "")), str(row["lan"]))].append(row)
        self.comments: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for row in doc.get("comments", []):
            self.comments[(str(row["wave"]), str(row["lan"]))].append(row)
        lans = {key[1] for key in self.results}
        self.lans: tuple[str, ...] = tuple(sorted(lan for lan in lans if lan != RIKET))
        orgs = {key[2] for key in self.results}
        self.org_types: tuple[str, ...] = tuple(o for o in ORG_ORDER if o in orgs) + tuple(
            sorted(orgs - set(ORG_ORDER))
        )

    def wave(self, wave: str | None) -> str:
        """The requested wave, or the latest one in the document."""
        if wave is not None:
            return str(wave)
        if self.waves:
            return self.waves[-1]
        found = sorted({key[0] for key in self.results})
        return found[-1] if found else ""

    def previous_wave(self, wave: str) -> str | None:
        if wave in self.previous:
            return self.previous[wave]
        if wave in self.waves:
            i = self.waves.index(wave)
            return self.waves[i - 1] if i > 0 else None
        return None

    def estimate(self, wave: str, lan: str, org: str, measure: str) -> Estimate:
        return _estimate(self.results.get((wave, lan, org, measure)))

    def comparison(self, wave: str, lan: str, org: str, measure: str, versus: str) -> Comparison | None:
        return _comparison(self.comparisons.get((wave, lan, org, measure, versus)))

    def group_large_enough(self, wave: str, lan: str, org: str) -> bool:
        """Whether the analysis disclosed an n at or above the threshold for the group on some measure."""
        for (w, la, o, _m), row in self.results.items():
            if (w, la, o) == (wave, lan, org):
                n = row.get("n")
                if n is not None and int(n) >= self.min_n:
                    return True
        return False

    def kommun_rows(self, wave: str, lan: str) -> list[Mapping[str, Any]]:
        rows = self.kommun_table.get((wave, lan))
        return rows if rows is not None else self.kommun_table.get(("", lan), [])


# --------------------------------------------------------------------------- builders


def _measures(instrument: Instrument, lang: Lang) -> list[tuple[str, str]]:
    dims = [(d.id, d.label.get(lang)) for d in instrument.dimensions]
    return [*dims, (INDEX, instrument.index_label.get(lang))]


def _methods(index: DocIndex, instrument: Instrument, lang: Lang, wave: str) -> Methods:
    labels = {d.id: d.label.get(lang) for d in instrument.dimensions}
    reliability = tuple(
        ReliabilityRow(
            wave=str(row.get("wave", "")),
            dimension=str(row["dimension"]),
            label=labels.get(str(row["dimension"]), str(row["dimension"])),
            alpha=_float(row.get("alpha")),
            n=_int(row.get("n")),
            flag=bool(row.get("flag", False)),
        )
        for row in index.doc.get("reliability", [])
        if str(row.get("wave", wave)) in (wave, "", "alla", "all") or row.get("wave") is None
    )
    return Methods(
        unit=index.unit,
        min_n=index.min_n,
        uncertain_below=index.uncertain_below,
        reliability=reliability,
        dimensions=tuple(
            (d.id, d.label.get(lang), tuple(i.id for i in instrument.items_of(d.id))) for d in instrument.dimensions
        ),
        index_label=instrument.index_label.get(lang),
        min_answered_share=instrument.min_answered_share,
        index_min_dimensions=instrument.index_min_dimensions,
        text=_method_paragraphs(lang, index.min_n, index.uncertain_below),
    )


def _method_paragraphs(lang: Lang, min_n: int, uncertain_below: int) -> tuple[str, ...]:
    """The analysis library's own method text, so the report describes exactly what was computed."""
    from samverkan_cli.analysis.method import method_text

    text = method_text(lang, min_n=min_n, uncertain_below=uncertain_below)
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _answers(item: Item, rows: Sequence[Mapping[str, Any]], lang: Lang) -> tuple[AnswerCount, ...]:
    """An item's answers ordered from most negative to most positive, missing labels ("Vet ej") last."""
    by_key = {fold(str(r.get("label", ""))): r for r in rows}
    ordered = sorted(item.scale.labels, key=lambda label: label.value, reverse=item.reverse)
    levels = len(ordered)

    def find(*keys: str) -> Mapping[str, Any]:
        return next((by_key[fold(k)] for k in keys if fold(k) in by_key), {})

    answers = [
        AnswerCount(
            label.text.get(lang),
            _int((row := find(label.text.sv, label.text.en, *label.aliases)).get("count")),
            _float(row.get("share")),
            level,
            levels,
            False,
        )
        for level, label in enumerate(ordered)
    ]
    answers += [
        AnswerCount(
            missing.get(lang),
            _int((row := find(missing.sv, missing.en)).get("count")),
            _float(row.get("share")),
            -1,
            levels,
            True,
        )
        for missing in item.scale.missing
    ]
    return tuple(answers)


def _distribution(index: DocIndex, item: Item, wave: str, lan: str, org: str, lang: Lang) -> ItemDistribution:
    rows = index.distributions.get((wave, lan, org, item.id), [])
    score = index.estimate(wave, lan, org, item.id)
    n = next((_int(r.get("n")) for r in rows if r.get("n") is not None), None)
    suppressed = not rows or any(bool(r.get("suppressed")) for r in rows)
    return ItemDistribution(
        item=item.id,
        text=item.text.get(lang),
        dimension=item.dimension or "",
        reverse=item.reverse,
        n=n,
        suppressed=suppressed,
        uncertain=not suppressed and any(bool(r.get("uncertain")) for r in rows),
        answers=() if suppressed else _answers(item, rows, lang),
        score=score,
    )


def _option_shares(
    index: DocIndex, instrument: Instrument, item: Item, wave: str, lan: str, orgs: Sequence[str], lang: Lang
) -> OptionShares | None:
    options = [(o.text.sv, o.text.get(lang), o.code) for o in item.scale.options]
    groups: list[OptionGroup] = []
    for org in orgs:
        rows = index.descriptives.get((wave, lan, org, item.id))
        if not rows:
            continue
        by_option = {fold(str(r.get("option", ""))): r for r in rows}
        suppressed = all(bool(r.get("suppressed")) for r in rows)
        n = next((_int(r.get("n")) for r in rows if r.get("n") is not None), None)
        uncertain = any(bool(r.get("uncertain")) for r in rows)
        shares: list[tuple[str, float | None]] = []
        for sv, shown, code in options:
            r = by_option.get(fold(sv)) or by_option.get(fold(code)) or by_option.get(fold(shown))
            value = None if r is None or r.get("suppressed") else _float(r.get("share"))
            shares.append((shown, value))
        groups.append(
            OptionGroup(
                org_typ=org,
                label=org_label(org, lang),
                n=None if suppressed else n,
                suppressed=suppressed,
                uncertain=not suppressed and (uncertain or (n is not None and n < index.uncertain_below)),
                shares=tuple(shares),
            )
        )
    if not groups:
        return None
    missing = {fold(t) for scale in instrument.scales.values() for m in scale.missing for t in (m.sv, m.en)}
    neutral = tuple(shown for sv, shown, _code in options if fold(sv) in missing)
    return OptionShares(item.id, item.text.get(lang), tuple(o[1] for o in options), tuple(groups), neutral)


def _descriptive_item(instrument: Instrument, scale_type: str, position: int) -> Item | None:
    """The descriptive items of a scale type in codebook order (referrals: first multi; audit: first choice)."""
    found = [i for i in instrument.descriptive_items if i.scale.type == scale_type]
    return found[position] if len(found) > position else None


def build_county_report(
    index: DocIndex | Mapping[str, Any],
    instrument: Instrument,
    provenance: Provenance,
    lan: str,
    *,
    wave: str | None = None,
    lang: Lang = "sv",
    include_comments: bool = False,
    title: str | None = None,
) -> CountyReport:
    """The model of one county report (SPEC section 7) for ``lan`` in ``wave`` (default: latest)."""
    idx = index if isinstance(index, DocIndex) else DocIndex(index)
    w = idx.wave(wave)
    prev = idx.previous_wave(w)
    measures = _measures(instrument, lang)

    def score(org: str, measure: str, label: str) -> MeasureScore:
        return MeasureScore(
            measure=measure,
            label=label,
            county=idx.estimate(w, lan, org, measure),
            riket=idx.estimate(w, RIKET, org, measure),
            versus_riket=idx.comparison(w, lan, org, measure, "riket"),
        )

    orgs = [o for o in idx.org_types if any((w, lan, o, m) in idx.results for m, _ in measures)]
    scores = tuple(
        OrgScores(org, org_label(org, lang), tuple(score(org, m, label) for m, label in measures)) for org in orgs
    )
    headline = tuple(score(ALLA, m, label) for m, label in measures)

    gap = tuple(
        GapRow(
            measure=m,
            label=label,
            vardcentral=idx.estimate(w, lan, "vardcentral", m),
            kommun=idx.estimate(w, lan, "kommun", m),
            gap=idx.comparison(w, lan, "vardcentral", m, "kommun"),
        )
        for m, label in measures
        if (w, lan, "vardcentral", m) in idx.results or (w, lan, "kommun", m) in idx.results
    )

    items = tuple(
        DimensionItems(
            dimension=d.id,
            label=d.label.get(lang),
            org_typ=ALLA,
            items=tuple(_distribution(idx, item, w, lan, ALLA, lang) for item in instrument.items_of(d.id)),
        )
        for d in instrument.dimensions
    )

    part_orgs = [o for o in orgs if o != ALLA] or [ALLA]
    referral_item = _descriptive_item(instrument, "multi", 0)
    audit_item = _descriptive_item(instrument, "choice", 0)
    referrals = _option_shares(idx, instrument, referral_item, w, lan, part_orgs, lang) if referral_item else None
    audit = _option_shares(idx, instrument, audit_item, w, lan, part_orgs, lang) if audit_item else None

    trend: tuple[TrendRow, ...] = ()
    if prev is not None:
        trend = tuple(
            TrendRow(
                measure=m,
                label=label,
                points=((prev, idx.estimate(prev, lan, ALLA, m)), (w, idx.estimate(w, lan, ALLA, m))),
                change=idx.comparison(w, lan, ALLA, m, "previous_wave"),
            )
            for m, label in measures
        )

    rates = tuple(
        ResponseRate(
            org_typ=str(r["org_typ"]),
            label=org_label(str(r["org_typ"]), lang),
            responded=_int(r.get("organisations", r.get("responded"))),
            frame=_int(r.get("frame")),
            rate=_float(r.get("response_rate", r.get("rate"))),
        )
        for r in sorted(
            idx.response_rates.get((w, lan), []),
            key=lambda r: ORG_ORDER.index(r["org_typ"]) if r["org_typ"] in ORG_ORDER else 99,
        )
    )
    kommuner = tuple(
        sorted(
            (
                KommunRow(
                    code=str(r.get("kommun", r.get("kommun_code", ""))),
                    name=str(r.get("name", r.get("kommun_name", ""))),
                    socialtjanst=bool(r.get("socialtjanst", False)),
                    vardcentraler=int(r.get("vardcentraler", 0) or 0),
                    annan=int(r.get("annan", 0) or 0),
                )
                for r in idx.kommun_rows(w, lan)
            ),
            key=lambda k: k.name,
        )
    )

    comments: tuple[CommentGroup, ...] | None = None
    if include_comments:
        texts_by_org: dict[str, list[str]] = defaultdict(list)
        for row in idx.comments.get((w, lan), []):
            org = str(row["org_typ"])
            n = _int(row.get("n"))
            # Defence in depth: the analysis only sends groups >= min_n; check its n and its results again.
            if (n is not None and n < idx.min_n) or not idx.group_large_enough(w, lan, org):
                continue
            texts = row.get("comments", row.get("texts", []))
            texts_by_org[org].extend(str(t) for t in texts if str(t).strip())
        comments = tuple(
            CommentGroup(org, org_label(org, lang), tuple(texts_by_org[org]))
            for org in sorted(texts_by_org, key=lambda o: ORG_ORDER.index(o) if o in ORG_ORDER else 99)
            if texts_by_org[org]
        )

    name = lan_name(lan, lang)
    return CountyReport(
        lang=lang,
        title=title or instrument.title.get(lang),
        instrument_title=instrument.title.get(lang),
        lan=lan,
        name=name,
        wave=w,
        previous_wave=prev,
        headline=headline,
        response_rates=rates,
        scores=scores,
        gap=gap,
        items=items,
        referrals=referrals,
        brukarrevision=audit,
        trend=trend,
        kommuner=kommuner,
        comments=comments,
        methods=_methods(idx, instrument, lang, w),
        provenance=provenance,
        filename=county_filename(lan),
    )


def build_overview(
    index: DocIndex | Mapping[str, Any],
    instrument: Instrument,
    provenance: Provenance,
    *,
    wave: str | None = None,
    lang: Lang = "sv",
    lans: Iterable[str] | None = None,
    linked: Iterable[str] | None = None,
    title: str | None = None,
) -> OverviewReport:
    """The national overview: heatmap county x dimension, index ranking, links to county reports."""
    idx = index if isinstance(index, DocIndex) else DocIndex(index)
    w = idx.wave(wave)
    measures = tuple(_measures(instrument, lang))
    shown_lans = tuple(lans) if lans is not None else idx.lans
    links = set(linked) if linked is not None else set(shown_lans)

    def href(lan: str) -> str | None:
        return county_filename(lan) if lan in links else None

    def row(lan: str) -> HeatRow:
        cells = []
        for m, _label in measures:
            est = idx.estimate(w, lan, ALLA, m)
            comp = idx.comparison(w, lan, ALLA, m, "riket") if lan != RIKET else None
            cells.append(HeatCell(m, est.mean, est.n, est.suppressed, est.uncertain, comp.verdict if comp else None))
        return HeatRow(lan, lan_name(lan, lang), href(lan) if lan != RIKET else None, tuple(cells))

    ranking_rows = []
    rank_rows = idx.rankings.get((w, ALLA, INDEX), [])
    ranked_of = max((int(r.get("of") or 0) for r in rank_rows), default=0)
    for r in rank_rows:
        lan = str(r["lan"])
        if lan not in shown_lans or r.get("rank") is None:
            continue
        ranking_rows.append(
            RankRow(
                lan=lan,
                name=lan_name(lan, lang),
                href=href(lan),
                rank=int(r["rank"]),
                rank_low=int(r.get("rank_low") or r["rank"]),
                rank_high=int(r.get("rank_high") or r["rank"]),
                estimate=idx.estimate(w, lan, ALLA, INDEX),
            )
        )
    ranking_rows.sort(key=lambda r: (r.rank, r.lan))
    counties = tuple(
        CountyLink(lan, lan_name(lan, lang), href(lan), idx.estimate(w, lan, ALLA, INDEX).n) for lan in shown_lans
    )
    return OverviewReport(
        lang=lang,
        title=title or instrument.title.get(lang),
        instrument_title=instrument.title.get(lang),
        wave=w,
        measures=measures,
        heatmap=tuple(row(lan) for lan in shown_lans),
        riket=row(RIKET),
        ranking_measure=INDEX,
        ranking_label=instrument.index_label.get(lang),
        ranking=tuple(ranking_rows),
        ranked_of=max(ranked_of, len(ranking_rows)),
        counties=counties,
        methods=_methods(idx, instrument, lang, w),
        provenance=provenance,
    )


def build_report_model(
    doc: Mapping[str, Any] | DocIndex,
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
    idx = doc if isinstance(doc, DocIndex) else DocIndex(doc)
    selected = tuple(lans) if lans is not None else idx.lans
    overview = build_overview(
        idx, instrument, provenance, wave=wave, lang=lang, lans=idx.lans, linked=selected, title=title
    )
    counties = tuple(
        build_county_report(
            idx, instrument, provenance, lan, wave=wave, lang=lang, include_comments=include_comments, title=title
        )
        for lan in selected
    )
    return ReportModel(overview, counties)
