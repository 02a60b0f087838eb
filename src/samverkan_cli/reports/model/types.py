"""The report model's types: typed, render-free data the HTML, chart and Excel renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field

from samverkan_cli.i18n import Lang
from samverkan_cli.reports.model.labels import ALLA, INDEX

__all__ = [
    "MISSING_ESTIMATE",
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
    "SourceFile",
    "TrendLine",
    "TrendRow",
    "TrendTable",
]


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
    protects_other: bool = False  # hidden only so that a smaller group cannot be worked out

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.mean is not None


MISSING_ESTIMATE = Estimate()


@dataclass(frozen=True)
class Coverage:
    """How many of the country's counties "riket" is made of in a wave (all 21 once every county is in)."""

    present: int
    total: int

    @property
    def partial(self) -> bool:
        return 0 < self.present < self.total


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
class ComparedCounty:
    """A county the analyst chose to show next to riket (``report --compare``), as reported."""

    lan: str
    name: str
    #: (organisation type, measure) -> the value as the analysis reported it (suppressed stays so).
    scores: tuple[tuple[tuple[str, str], Estimate], ...]

    def get(self, org_typ: str, measure: str) -> Estimate:
        """The estimate of one group and measure; the missing estimate when it has none."""
        return dict(self.scores).get((org_typ, measure), MISSING_ESTIMATE)


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
    count: int | float | None
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
class TrendLine:
    """One county (or riket) on one measure in every wave, with each wave's change from the one before.

    ``changes[i]`` compares wave ``i`` with wave ``i - 1`` (``None`` for the first wave or when the
    analysis has no comparison); its verdict ``ej_jamforbar`` says the waves cannot be compared.
    """

    lan: str
    name: str
    href: str | None
    values: tuple[Estimate, ...]
    changes: tuple[Comparison | None, ...]


@dataclass(frozen=True)
class TrendTable:
    """One measure over every wave: a line per county, riket last."""

    measure: str
    label: str
    waves: tuple[str, ...]
    rows: tuple[TrendLine, ...]


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
class RetiredFile:
    """An input file the results no longer use: ``action`` is ``replaced`` or ``removed``, ``at`` when."""

    name: str
    sha256: str
    wave: str
    action: str
    at: str
    imported: int


@dataclass(frozen=True)
class Provenance:
    """Where a report comes from: inputs with hashes, instrument, tool, generation time."""

    tool_version: str
    instrument_id: str
    instrument_version: str
    generated_at: str
    files: tuple[SourceFile, ...] = ()
    findings: tuple[tuple[str, str, int], ...] = ()  # (severity, code, count)
    #: Files imported earlier and since replaced or removed (the audit trail of ``--replace``/``remove``).
    retired: tuple[RetiredFile, ...] = ()


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
    coverage: Coverage = Coverage(21, 21)
    #: Riket holds only this county: a comparison with riket would compare the county with itself.
    riket_is_self: bool = False
    #: Counties chosen with ``report --compare`` / ``[report] compare``, shown next to riket.
    compare: tuple[ComparedCounty, ...] = ()
    #: The analyst's Markdown from ``comments/lan-XX.md``; ``None`` when there is none.
    commentary: str | None = None

    @property
    def shown_types(self) -> tuple[str, ...]:
        """Labels of the organisation types (not "alla") with at least one value shown."""
        return tuple(
            org.label for org in self.scores if org.org_typ != ALLA and any(m.county.shown for m in org.measures)
        )

    @property
    def protects_other(self) -> bool:
        """Whether a headline value is hidden only to protect a smaller group."""
        return any(score.county.protects_other for score in self.headline)

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
    coverage: Coverage = Coverage(21, 21)
    #: Index and areas per county in every wave up to this one (empty with a single wave).
    trend: tuple[TrendTable, ...] = ()
    #: The analyst's Markdown from ``comments/riket.md``; ``None`` when there is none.
    commentary: str | None = None


@dataclass(frozen=True)
class ReportModel:
    overview: OverviewReport
    counties: tuple[CountyReport, ...] = field(default=())
