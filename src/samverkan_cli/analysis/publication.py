"""What may be published: the disclosure plan for every output, built from the scored cells.

One plan per analysis, shared by terminal, JSON, CSV, HTML and XLSX: group values (means, SDs,
CIs, shares), comparisons and ranks follow ``suppressed``; answer and option counts follow
:meth:`Publication.shows_counts`. The plan comes from the audit in :mod:`.disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samverkan_cli.analysis.descriptives import ShareTable
from samverkan_cli.analysis.disclosure import CountTable, DisclosureRules, plan_disclosure
from samverkan_cli.analysis.groups import rollup
from samverkan_cli.analysis.scored import BoolArray, FloatArray, Scored

__all__ = [
    "PROTECTS_OTHER",
    "SMALL_GROUP",
    "Publication",
    "count_tables",
    "plan_publication",
    "structural_suppression",
    "totals_with_hidden_parts",
]

SMALL_GROUP = "small_group"
PROTECTS_OTHER = "protects_other"

CountKey = tuple[int, int, int, str]


@dataclass(frozen=True)
class Publication:
    """Which cells show values and which count rows are published."""

    suppressed: BoolArray  # (wave, lan + 1, org_typ + 1, measure)
    primary: BoolArray
    withheld: frozenset[CountKey]
    item_measure: dict[str, int]  # scored item -> its measure index
    answered: dict[str, FloatArray]  # item -> units answering it per cell (wave, lan + 1, org_typ + 1)
    min_n: int
    participation: FloatArray  # units (organisations) that answered the survey, per cell
    #: Shown totals (alla, riket) with a hidden part, per measure: they publish participation as n.
    mixed: BoolArray | None = None

    def public_n(self, w: int, lan: int, t: int, n: int, shown: bool, m: int | None = None) -> int:
        """The ``n`` to publish: the measure's own n when shown, else the group's participation.

        A hidden group's n per question would tell how many of it did not answer that question. So
        would a shown total's: riket's n minus the shown counties' n is the hidden county's n, and
        its participation is published. A total with a hidden part therefore publishes its
        participation too (its mean is still over the organisations with a value).
        """
        if shown and not (m is not None and self.mixed is not None and self.mixed[w, lan, t, m]):
            return n
        return int(self.participation[w, lan, t])

    def reason(self, at: tuple[int, int, int, int]) -> str | None:
        """Why a cell's values are hidden, or None when they are shown."""
        if not self.suppressed[at]:
            return None
        return SMALL_GROUP if self.primary[at] else PROTECTS_OTHER

    def shows_counts(self, w: int, lan: int, t: int, item: str) -> bool:
        """Whether the answer counts and shares of ``item`` are published for this cell."""
        answered = self.answered.get(item)
        if answered is None or answered[w, lan, t] < self.min_n or (w, lan, t, item) in self.withheld:
            return False
        m = self.item_measure.get(item)
        return m is None or not bool(self.suppressed[w, lan, t, m])


def count_tables(sc: Scored, table: ShareTable | None, multi_items: frozenset[str]) -> list[CountTable]:
    """One count table per item of a share table, with each answer's score for scored items.

    These are what the audit (:func:`.disclosure.audit`) checks the published counts against.
    """
    if table is None:
        return []
    scoring = sc.scoring
    out: list[CountTable] = []
    items = list(dict.fromkeys(col[0] for col in table.columns))
    for item in items:
        cols = [k for k, col in enumerate(table.columns) if col[0] == item]
        scores: list[float | None] = []
        positive: list[bool] = []
        measure = None
        if item in scoring.items:
            j = scoring.items.index(item)
            measure = scoring.measures.index(item)
            threshold = (scoring.positive_min[j] - scoring.low[j]) / scoring.span[j] * 100.0 - 1e-9
            for k in cols:
                value = table.columns[k][2]
                if value is None:
                    scores.append(None)
                    positive.append(False)
                    continue
                score = (value - scoring.low[j]) / scoring.span[j] * 100.0
                score = 100.0 - score if scoring.reverse[j] else score
                scores.append(float(score))
                positive.append(bool(score >= threshold))
        else:
            scores = [None] * len(cols)
        out.append(
            CountTable(
                item=item,
                counts=table.shares.share_sum[..., cols],
                scores=tuple(scores),
                measure=measure,
                positive=tuple(positive),
                exclusive=item not in multi_items,
                answered=table.shares.n[..., cols[0]],
            )
        )
    return out


def _small(n: FloatArray, min_n: int) -> BoolArray:
    small: BoolArray = (n > 0) & (n < min_n)
    return small


def _organisations(sc: Scored, has: BoolArray) -> FloatArray:
    """Distinct organisations per cell among the units where ``has`` (units x k), totals included.

    Equal to the unit counts when units are organisations; with one unit per response
    (``--unit response``) a group is small by its organisations, not by how many answers they sent.
    """
    units = sc.units
    cells = int(np.prod(units.shape))
    stride = int(units.org_id.max(initial=0)) + 1
    key = units.cell * stride + units.org_id
    out = np.zeros((cells, has.shape[1]))
    for k in range(has.shape[1]):
        pairs = np.unique(key[has[:, k]])
        out[:, k] = np.bincount(pairs // stride, minlength=cells)
    return rollup(out, units.shape)


def _organisations_answering(sc: Scored, items: list[str]) -> dict[str, FloatArray]:
    """Distinct organisations per cell that gave any answer ("Vet ej" included) to each of ``items``."""
    answers = sc.data.answers
    has = np.zeros((sc.units.count, len(items)), dtype=bool)
    given = (answers["value"].notna() | answers["numeric"].notna()).to_numpy()
    unit = sc.units.of_response[answers["resp"].to_numpy()]
    item = answers["item"].astype(str).to_numpy()
    for k, name in enumerate(items):
        has[unit[given & (item == name)], k] = True
    orgs = _organisations(sc, has)
    return {name: orgs[..., k] for k, name in enumerate(items)}


def structural_suppression(primary: BoolArray, present: BoolArray) -> BoolArray:
    """Hide small cells and every total (alla, riket) that has a hidden part, for integer-valued layers.

    Item answers are whole numbers, so a rounded mean of a large total pins its count exactly and
    the rounding gives no protection; instead no published total may contain a hidden cell. Then a
    hidden cell's answers can change freely (its unpublished totals absorb the change) and nothing
    published constrains them. Masks are ``(wave, lan + 1, org_typ + 1, k)``: the small cells and
    the cells with anyone in them.
    """
    base = primary[:, :-1, :-1]
    hidden = primary.copy()
    hidden[:, :-1, -1] |= base.any(axis=2)  # county alla
    hidden[:, -1, :-1] |= base.any(axis=1)  # riket by type
    hidden[:, -1, -1] |= hidden[:, :-1, -1].any(axis=1) | hidden[:, -1, :-1].any(axis=1)
    return hidden & present


def plan_publication(
    sc: Scored, options: ShareTable | None, answers: ShareTable | None, multi_items: frozenset[str]
) -> Publication:
    """Audit what would be published and hide cells and count rows until no small group is exposed.

    ``options`` are the descriptive items' option counts, ``answers`` the scored items' answer
    counts; ``multi_items`` names the items where one organisation may choose several options.
    """
    opts = sc.options
    rules = DisclosureRules(min_n=opts.min_n, protection_points=opts.protection_points)
    cells = sc.cells
    n_scales = len(sc.scoring.dimensions) + 1  # dimensions and the index: continuous scores
    # A group is small by its organisations; with one unit per response several answers of one
    # organisation must not make a group look large (the same as cells.n when units are organisations).
    orgs = _organisations(sc, ~np.isnan(sc.unit_values))
    small_all = (cells.n > 0) & (orgs < opts.min_n)
    scales = (cells.n[..., :n_scales], cells.s[..., :n_scales], cells.pos[..., :n_scales])
    scale_plan = plan_disclosure(*scales, (), rules, small_all[..., :n_scales])
    tables = count_tables(sc, options, multi_items) + count_tables(sc, answers, frozenset())
    answered = {t.item: np.asarray(t.answered) for t in tables if t.answered is not None}
    answering = _organisations_answering(sc, list(answered))
    # An item's cells count everyone who answered it, "Vet ej" included: that is what its answer counts show.
    item_n = cells.n[..., n_scales:]
    small, present = small_all[..., n_scales:].copy(), item_n > 0
    for k, item in enumerate(sc.scoring.items):
        if item in answered:
            small[..., k] |= _small(answered[item], opts.min_n)
            small[..., k] |= (answered[item] > 0) & (answering[item] < opts.min_n)
            present[..., k] |= answered[item] > 0
    suppressed = np.concatenate([scale_plan.suppressed, structural_suppression(small, present)], axis=-1)
    withheld: set[CountKey] = set()
    for table in tables:
        if table.measure is None and table.answered is not None:
            n_item = table.answered[..., None]
            few = _small(n_item, opts.min_n) | ((n_item > 0) & (answering[table.item][..., None] < opts.min_n))
            hidden = structural_suppression(few, n_item > 0)[..., 0]
            withheld |= {(int(w), int(lan), int(t), table.item) for w, lan, t in zip(*np.nonzero(hidden), strict=True)}
    item_measure = {t.item: t.measure for t in tables if t.measure is not None}
    primary = small_all.copy()
    primary[..., n_scales:] = small
    units = sc.units
    per_cell = np.bincount(units.cell, minlength=int(np.prod(units.shape))).astype(np.float64)
    participation = rollup(per_cell[:, None], units.shape)[..., 0]
    mixed = totals_with_hidden_parts(suppressed | (cells.n == 0), participation)
    return Publication(
        suppressed, primary, frozenset(withheld), item_measure, answered, opts.min_n, participation, mixed
    )


def totals_with_hidden_parts(hidden: BoolArray, participation: FloatArray) -> BoolArray:
    """Totals (county alla, riket) that are not hidden themselves but contain a hidden group.

    ``hidden`` is ``(wave, lan + 1, org_typ + 1, k)``; a part counts when anyone in it answered.
    """
    present = np.broadcast_to((participation > 0)[..., None], hidden.shape)
    parts = np.zeros_like(hidden)
    parts[:, :-1, :-1] = hidden[:, :-1, :-1] & present[:, :-1, :-1]
    with_parts = structural_suppression(parts, present)
    mixed: BoolArray = with_parts & ~parts & ~hidden
    return mixed
