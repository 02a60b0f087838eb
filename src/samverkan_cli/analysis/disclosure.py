"""Disclosure control by audit: what the published numbers reveal about small groups, and what to hide.

The cell arrays are shaped ``(wave, lan + 1, org_typ + 1, k)`` like :class:`~.groups.Cells`: the
last lan position is riket (sum of the counties), the last org_typ position alla (sum of the types).
An attacker knows every group's n (participation is public) and every published value up to half
its rounding unit. Everything else is unknown, so the base cells' sums are the unknowns of a linear
program:

* **Means and shares** (protection-interval audit of Hundepool et al., the SDC handbook, as in
  τ-ARGUS): each published mean, share and difference bounds a linear expression of the base
  sums; each base mean lies in 0-100. The feasible interval of every primary cell's mean (and
  share, in percentage points) must be at least ``protection_points`` wide.
* **Counts**: per item the unknowns are the answer counts per base cell and option. Published count
  rows are exact, means and shares of the item are intervals, each cell's number of answers is
  public. No count of a primary cell may be determined (its LP range holds a single integer).

Complementary suppression is greedy: while a primary cell fails, the published statistics that bind
its interval (nonzero LP duals) name the cells or count rows that could be hidden; the cheapest is
hidden (count rows before cells, then the fewest organisations newly hidden) and the audit reruns.
Removing a published statistic only enlarges the feasible set, so the loop ends with every primary
cell protected (at worst everything around it is hidden).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "Breach",
    "CountTable",
    "DisclosurePlan",
    "DisclosureRules",
    "Published",
    "audit",
    "plan_disclosure",
    "published_statistics",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Cell = tuple[int, int]  # (lan, org_typ) within one wave; lan == n_lan is riket, typ == n_typ is alla
Owner = tuple[str, int, int]  # ("cell" | "count", lan, org_typ): hiding it removes the statistic
CountKey = tuple[int, int, int, str]  # (wave, lan, org_typ, item) of a count row

_EPS = 1e-6  # slack on every published interval: the true point must stay feasible despite float error
_TOL = 1e-6  # LP tolerance when deciding whether a count range holds a single integer


@dataclass(frozen=True)
class DisclosureRules:
    """Thresholds and the precision of everything published (``[disclosure]`` in samverkan.toml)."""

    min_n: int = 5
    protection_points: float = 20.0
    mean_decimals: int = 1  # means, differences, CI bounds on the 0-100 scale
    share_decimals: int = 3  # shares as proportions (0.613)
    # "none": differences are published as differences of the published (rounded) means, so they add
    # nothing; "riket"/"rest": exact differences (county - riket or - rest of riket) rounded on their own.
    riket_diff: Literal["none", "riket", "rest"] = "none"


@dataclass(frozen=True)
class CountTable:
    """Answer counts of one item per cell, shaped ``(wave, lan + 1, org_typ + 1, option)`` like ``Cells``.

    ``scores`` gives each option's score on 0-100 (``None`` for missing labels such as "Vet ej" and
    for choice options); ``measure`` is the index of the item's measure in ``n``/``s``/``pos`` when its
    mean and share are published too. ``exclusive`` is False for multi-choice items.
    """

    item: str
    counts: FloatArray
    scores: tuple[float | None, ...]
    measure: int | None = None
    positive: tuple[bool, ...] = ()  # options counted as positive in share_positive (scored items)
    exclusive: bool = True
    answered: FloatArray | None = None  # (wave, lan + 1, org_typ + 1) units answering; default: sum of counts


@dataclass(frozen=True)
class Breach:
    """A primary cell whose value can be narrowed too far (``low``-``high``) from what is published."""

    kind: Literal["mean", "share", "count"]
    wave: int
    lan: int
    typ: int
    measure: int | None
    item: str | None
    option: int | None
    low: float
    high: float


@dataclass(frozen=True)
class DisclosurePlan:
    """Which cells show no value and which count rows are not published."""

    suppressed: BoolArray  # (wave, lan + 1, org_typ + 1, measure): the cell's values are hidden
    primary: BoolArray  # 0 < n < min_n
    complementary: BoolArray  # hidden to protect a primary cell
    withheld_counts: frozenset[CountKey] = field(default_factory=frozenset)

    def count_published(self, wave: int, lan: int, typ: int, table: CountTable, n_item: float, min_n: int) -> bool:
        """Whether the count row of ``table`` for this cell is published (``n_item`` answers to the item)."""
        if n_item <= 0 or (wave, lan, typ, table.item) in self.withheld_counts:
            return False
        if table.measure is not None:
            return not bool(self.suppressed[wave, lan, typ, table.measure])
        return n_item >= min_n


@dataclass(frozen=True)
class Published:
    """Published statistics of one layer as rows ``low <= coef @ x <= high`` over the unknowns ``x``."""

    coef: FloatArray  # rows x unknowns
    low: FloatArray
    high: FloatArray
    owners: tuple[tuple[Owner, ...], ...]  # per row: hiding any of these removes the row

    @staticmethod
    def stack(parts: Sequence[Published], width: int) -> Published:
        """All rows of ``parts`` (each over ``width`` unknowns) as one set."""
        parts = [p for p in parts if len(p.low)]
        if not parts:
            return Published(np.zeros((0, width)), np.zeros(0), np.zeros(0), ())
        return Published(
            np.vstack([p.coef for p in parts]),
            np.concatenate([p.low for p in parts]),
            np.concatenate([p.high for p in parts]),
            tuple(o for p in parts for o in p.owners),
        )


# --- the layer: one wave of one measure, base cells with n > 0 as unknowns ---------------------------


@dataclass(frozen=True)
class _Layer:
    n: FloatArray  # (lan + 1, typ + 1)
    member: FloatArray  # (lan + 1) * (typ + 1) cells x unknowns: which base cells each cell sums
    base: tuple[Cell, ...]  # the unknowns

    @staticmethod
    def of(n: FloatArray) -> _Layer:
        n_lan, n_typ = n.shape[0] - 1, n.shape[1] - 1
        base = tuple((lan, t) for lan in range(n_lan) for t in range(n_typ) if n[lan, t] > 0)
        member = np.zeros((n.shape[0], n.shape[1], len(base)))
        for j, (lan, t) in enumerate(base):
            for cl in (lan, n_lan):
                for ct in (t, n_typ):
                    member[cl, ct, j] = 1.0
        return _Layer(n, member.reshape(n.shape[0] * n.shape[1], len(base)), base)

    def row(self, cell: Cell) -> FloatArray:
        out: FloatArray = self.member[cell[0] * self.n.shape[1] + cell[1]]
        return out

    def mean_coef(self, cell: Cell, n: FloatArray | None = None) -> FloatArray:
        out: FloatArray = self.row(cell) / (self.n if n is None else n)[cell]
        return out


def _interval(value: FloatArray, decimals: int) -> tuple[FloatArray, FloatArray]:
    """What a reader of ``value`` rounded to ``decimals`` knows: the rounded value +- half a unit."""
    pub = np.round(value, decimals)
    half = 0.5 * 10.0**-decimals + _EPS
    return pub - half, pub + half


def published_statistics(
    n: FloatArray,
    value: FloatArray,
    shown: BoolArray,
    *,
    decimals: int = 1,
    riket_diff: Literal["none", "riket", "rest"] = "none",
) -> Published:
    """Every published statistic of one wave x measure as linear rows over the base cells' sums.

    ``n``/``value``/``shown`` are ``(lan + 1, org_typ + 1)``: group sizes, sums of the 0-100 values
    (or 100 x the positive shares) and which cells show a value. Published are: the mean of every
    shown cell; for every shown county cell the difference from the same type in riket (county -
    riket, or county - rest of riket); the gap vårdcentral (type 0) - kommun (type 1) of every lan and
    riket where both are shown. Each at ``decimals``. This is the one place to add a statistic.
    """
    return _statistics(_Layer.of(n), n, value, shown, decimals, riket_diff)


def _statistics(
    layer: _Layer, n: FloatArray, value: FloatArray, shown: BoolArray, decimals: int, riket_diff: str
) -> Published:
    n_lan, n_typ = n.shape[0] - 1, n.shape[1] - 1
    width = n.shape[1]
    x = np.array([value[c] for c in layer.base])
    ok = (shown & (n > 0)).ravel()
    flat_n = np.where(n > 0, n, 1.0).ravel()
    mean = layer.member / flat_n[:, None]  # every cell's mean as a row over the base sums
    blocks: list[FloatArray] = [mean[ok]]
    owners: list[tuple[Owner, ...]] = [(("cell", int(i // width), int(i % width)),) for i in np.flatnonzero(ok)]
    if riket_diff == "none":
        low, high = _interval(mean[ok] @ x, decimals)
        return Published(mean[ok], low, high, tuple(owners))
    county = np.array([lan * width + t for lan in range(n_lan) for t in range(n_typ + 1)], dtype=np.int64)
    riket = n_lan * width + county % width
    pair = ok[county] & ok[riket]
    if riket_diff == "rest":
        rest_n = flat_n[riket] - flat_n[county]
        pair &= rest_n > 0
        rest = (layer.member[riket] - layer.member[county]) / np.where(rest_n > 0, rest_n, 1.0)[:, None]
        blocks.append((mean[county] - rest)[pair])
    else:
        blocks.append((mean[county] - mean[riket])[pair])
    owners += [(("cell", int(c // width), int(c % width)), ("cell", n_lan, int(c % width))) for c in county[pair]]
    if n_typ >= 2:
        vc = np.arange(n_lan + 1) * width
        gap = ok[vc] & ok[vc + 1]
        blocks.append((mean[vc] - mean[vc + 1])[gap])
        owners += [(("cell", int(c // width), 0), ("cell", int(c // width), 1)) for c in vc[gap]]
    coef = np.vstack(blocks)
    low, high = _interval(coef @ x, decimals)
    return Published(coef, low, high, tuple(owners))


# --- LP: one HiGHS model per problem, re-solved warm for every objective ---------------------------


@dataclass(frozen=True)
class _Problem:
    """Ranges of ``objectives @ x`` over ``{x : pub rows hold, 0 <= x <= upper, eq_coef @ x == eq_value}``."""

    pub: Published
    upper: FloatArray
    objectives: FloatArray  # targets x unknowns
    eq_coef: FloatArray | None = None  # public identities (answers per cell): never withheld
    eq_value: FloatArray | None = None


@dataclass(frozen=True)
class _Range:
    low: float
    high: float
    binding: frozenset[int]  # rows of ``pub`` with a nonzero dual at the minimum or the maximum


def _rows(prob: _Problem) -> tuple[FloatArray, FloatArray, FloatArray]:
    if prob.eq_coef is None or prob.eq_value is None or not len(prob.eq_value):
        return prob.pub.coef, prob.pub.low, prob.pub.high
    eq_lo, eq_hi = prob.eq_value - _EPS, prob.eq_value + _EPS
    return (
        np.vstack([prob.pub.coef, prob.eq_coef]),
        np.concatenate([prob.pub.low, eq_lo]),
        np.concatenate([prob.pub.high, eq_hi]),
    )


def _solve(problems: Sequence[_Problem]) -> list[list[_Range]]:
    """Minimise and maximise every objective of every problem (HiGHS, warm-started per problem)."""
    try:  # scipy's bundled HiGHS binding keeps the model between objectives: ~10x faster than linprog
        from scipy.optimize._highspy import _core
    except ImportError:  # pragma: no cover - depends on the scipy build
        return [_solve_linprog(p) for p in problems]
    if not hasattr(_core, "_Highs"):  # pragma: no cover
        return [_solve_linprog(p) for p in problems]
    return [_solve_highs(_core, p) for p in problems]


def _solve_highs(core: Any, prob: _Problem) -> list[_Range]:
    from scipy import sparse

    coef, low, high = _rows(prob)
    width, n_pub = coef.shape[1], len(prob.pub.low)
    if width == 0:
        return [_Range(0.0, 0.0, frozenset()) for _ in prob.objectives]
    a = sparse.csc_matrix(coef)
    lp = core.HighsLp()
    lp.num_col_, lp.num_row_ = width, coef.shape[0]
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = np.zeros(width), np.zeros(width), prob.upper
    lp.row_lower_, lp.row_upper_ = low, high
    lp.a_matrix_.format_ = core.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = width, coef.shape[0]
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    highs = core._Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("presolve", "off")  # tiny models: presolve costs more than it saves on re-solves
    highs.passModel(lp)
    idx = np.arange(width, dtype=np.int32)
    out: list[_Range] = []
    for obj in prob.objectives:
        ends: list[float] = []
        binding: set[int] = set()
        for sign in (1.0, -1.0):
            highs.changeColsCost(width, idx, sign * obj)
            highs.run()
            if highs.getModelStatus() != core.HighsModelStatus.kOptimal:  # the truth is feasible: numerical
                return _solve_linprog(prob)
            sol = highs.getSolution()
            ends.append(float(obj @ np.asarray(sol.col_value)))
            binding |= set(np.flatnonzero(np.abs(np.asarray(sol.row_dual)[:n_pub]) > 1e-9).tolist())
        out.append(_Range(ends[0], ends[1], frozenset(binding)))
    return out


def _solve_linprog(prob: _Problem) -> list[_Range]:
    """The same ranges through ``scipy.optimize.linprog`` (HiGHS), one LP per end."""
    from scipy.optimize import linprog

    coef, low, high = _rows(prob)
    n_pub = len(prob.pub.low)
    a_ub, b_ub = np.vstack([coef, -coef]), np.concatenate([high, -low])
    bounds = np.column_stack([np.zeros_like(prob.upper), prob.upper])
    out: list[_Range] = []
    for obj in prob.objectives:
        ends: list[float] = []
        binding: set[int] = set()
        for sign in (1.0, -1.0):
            res = linprog(sign * obj, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
            if res.status != 0:
                raise RuntimeError(f"disclosure audit LP failed: {res.message}")
            ends.append(float(obj @ res.x))
            dual = np.abs(res.ineqlin.marginals)
            binding |= set(np.flatnonzero((dual[:n_pub] > 1e-9) | (dual[len(low) : len(low) + n_pub] > 1e-9)).tolist())
        out.append(_Range(ends[0], ends[1], frozenset(binding)))
    return out


# --- magnitude audit: means and shares -------------------------------------------------------------


def _primary(n: FloatArray, min_n: int) -> BoolArray:
    return (n > 0) & (n < min_n)


def _cells(mask: BoolArray) -> list[Cell]:
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(mask), strict=True)]


def _magnitude_problems(
    n: FloatArray, s: FloatArray, pos: FloatArray, shown: BoolArray, targets: list[Cell], rules: DisclosureRules
) -> list[tuple[Literal["mean", "share"], _Problem]]:
    """The mean and the share problem of one wave x measure (arrays ``(lan + 1, org_typ + 1)``)."""
    layer = _Layer.of(n)
    upper = 100.0 * np.array([n[c] for c in layer.base])
    objectives = np.vstack([layer.mean_coef(c) for c in targets]) if targets else np.zeros((0, len(layer.base)))
    share_decimals = max(rules.share_decimals - 2, 0)  # a proportion to 3 decimals is a percentage to 1
    out: list[tuple[Literal["mean", "share"], _Problem]] = []
    for kind, value, decimals in (("mean", s, rules.mean_decimals), ("share", 100.0 * pos, share_decimals)):
        pub = _statistics(layer, n, value, shown, decimals, rules.riket_diff)
        out.append((kind, _Problem(pub, upper, objectives)))  # type: ignore[arg-type]
    return out


def _magnitude_breaches(
    n: FloatArray,
    s: FloatArray,
    pos: FloatArray,
    suppressed: BoolArray,
    rules: DisclosureRules,
    layers: Iterable[tuple[int, int]],
    only: dict[tuple[int, int], set[Cell]] | None = None,
    primary: BoolArray | None = None,
) -> dict[tuple[int, int], list[tuple[Breach, _Range, Published]]]:
    """Failing primary cells of the given (wave, measure) layers, with the ranges' binding rows."""
    small = _primary(n, rules.min_n) if primary is None else primary
    jobs: list[tuple[tuple[int, int], Literal["mean", "share"], list[Cell], _Problem]] = []
    for w, m in layers:
        targets = _cells(small[w, :, :, m])
        if only is not None:  # hiding more only widens intervals: cells that passed stay passing
            targets = [c for c in targets if c in only.get((w, m), set())]
        if not targets:
            continue
        shown = ~suppressed[w, :, :, m]
        for kind, prob in _magnitude_problems(n[w, :, :, m], s[w, :, :, m], pos[w, :, :, m], shown, targets, rules):
            jobs.append(((w, m), kind, targets, prob))
    out: dict[tuple[int, int], list[tuple[Breach, _Range, Published]]] = {}
    for (key, kind, targets, prob), ranges in zip(jobs, _solve([j[3] for j in jobs]), strict=True):
        for cell, rng in zip(targets, ranges, strict=True):
            if rng.high - rng.low < rules.protection_points - 1e-7:
                breach = Breach(kind, key[0], *cell, key[1], None, None, rng.low, rng.high)
                out.setdefault(key, []).append((breach, rng, prob.pub))
    return out


def _cost(n: FloatArray, hidden: BoolArray, cell: Cell) -> tuple[float, int, float]:
    """Organisations newly hidden by hiding ``cell`` (a total hides those of its shown parts), then n.

    Ties prefer a total: with a county's kommun hidden, its "alla" reveals as much as its vårdcentral.
    """
    lan, t = cell
    n_lan, n_typ = n.shape[0] - 1, n.shape[1] - 1
    is_total = lan == n_lan or t == n_typ
    if not is_total:
        return float(n[cell]), 1, float(n[cell])
    lans = range(n_lan) if lan == n_lan else (lan,)
    typs = range(n_typ) if t == n_typ else (t,)
    already = sum(float(n[a, b]) for a in lans for b in typs if hidden[a, b])
    return float(n[cell]) - already, 0, float(n[cell])


def _siblings(n: FloatArray, cell: Cell) -> list[Cell]:
    lan, t = cell
    return [(lan, b) for b in range(n.shape[1]) if b != t] + [(a, t) for a in range(n.shape[0]) if a != lan]


def _candidates(n: FloatArray, hidden: BoolArray, breach: Breach, rng: _Range, pub: Published) -> list[Cell]:
    """Shown cells whose hiding removes a statistic binding the interval, cheapest first."""
    found = {(o[1], o[2]) for row in rng.binding for o in pub.owners[row] if o[0] == "cell"}
    if not found:  # degenerate duals: fall back to the cell's lines
        found = set(_siblings(n, (breach.lan, breach.typ)))
    found = {c for c in found if not hidden[c] and n[c] > 0} or set(_cells(~hidden & (n > 0)))
    return sorted(found, key=lambda c: (_cost(n, hidden, c), c))


def _pick_cell(
    n: FloatArray,
    s: FloatArray,
    pos: FloatArray,
    hidden: BoolArray,
    failing: tuple[Breach, _Range, Published],
    rules: DisclosureRules,
    tries: int = 8,
) -> Cell | None:
    """Hide the cheapest candidate that protects the cell, else the one widening it most per organisation."""
    breach, rng, pub = failing
    candidates = _candidates(n, hidden, breach, rng, pub)
    if not candidates:
        return None
    before = rng.high - rng.low
    best, best_gain = candidates[0], 0.0
    for cell in candidates[:tries]:  # cheapest first: stop at the first that protects the cell
        shown = ~hidden
        shown[cell] = False
        probs = _magnitude_problems(n, s, pos, shown, [(breach.lan, breach.typ)], rules)
        got = _solve([p for kind, p in probs if kind == breach.kind])[0][0]
        width = got.high - got.low
        if width >= rules.protection_points - 1e-7:
            return cell
        gain = (width - before) / (_cost(n, hidden, cell)[0] + 1.0)
        if gain > best_gain + 1e-9:
            best, best_gain = cell, gain
    return best


def _protect_magnitudes(
    n: FloatArray, s: FloatArray, pos: FloatArray, rules: DisclosureRules, primary: BoolArray
) -> BoolArray:
    """Primary plus greedy complementary suppression until every primary mean and share is protected."""
    suppressed = primary.copy()
    pending = {(w, m) for w in range(n.shape[0]) for m in range(n.shape[3]) if suppressed[w, :, :, m].any()}
    only: dict[tuple[int, int], set[Cell]] | None = None
    while pending:
        failing = _magnitude_breaches(n, s, pos, suppressed, rules, sorted(pending), only, primary)
        only = {key: {(b.lan, b.typ) for b, _, _ in items} for key, items in failing.items()}
        pending = set()
        for (w, m), items in failing.items():
            items.sort(key=lambda f: f[1].high - f[1].low)
            layer = (n[w, :, :, m], s[w, :, :, m], pos[w, :, :, m], suppressed[w, :, :, m])
            cell = _pick_cell(*layer, items[0], rules)
            if cell is not None:
                suppressed[w, cell[0], cell[1], m] = True
                pending.add((w, m))
    return suppressed


# --- count audit: answer counts per item, option and cell -------------------------------------------


def _rollup(base: FloatArray) -> FloatArray:
    """``(lan, typ, ...)`` base cells with riket and alla added (the totals of ``Cells``)."""
    arr = np.concatenate([base, base.sum(axis=1, keepdims=True)], axis=1)
    return np.concatenate([arr, arr.sum(axis=0, keepdims=True)], axis=0)


@dataclass(frozen=True)
class _CountLayer:
    """One wave of one item: unknowns are counts of (base cell, option), base-cell major."""

    table: CountTable
    wave: int
    answered: FloatArray  # (lan + 1, typ + 1): units answering the item (public)
    counts: FloatArray  # (lan + 1, typ + 1, option), totals recomputed from the base cells
    layer: _Layer

    @staticmethod
    def of(table: CountTable, wave: int) -> _CountLayer:
        counts = _rollup(table.counts[wave, :-1, :-1])
        answered = counts.sum(axis=-1) if table.answered is None else _rollup(table.answered[wave, :-1, :-1])
        return _CountLayer(table, wave, answered, counts, _Layer.of(answered))

    @property
    def options(self) -> int:
        return int(self.counts.shape[-1])

    def cell_option(self, cell: Cell, option: int) -> FloatArray:
        return _kron(self.layer.row(cell), np.eye(self.options)[option])


def _count_problem(
    cl: _CountLayer,
    suppressed: BoolArray | None,
    withheld: frozenset[CountKey],
    rules: DisclosureRules,
    targets: list[tuple[Cell, int]],
) -> _Problem:
    """Published counts (exact), the item's published means and shares (intervals), public answer totals."""
    table, k = cl.table, cl.options
    parts: list[Published] = []
    width = len(cl.layer.base) * k
    eye = np.eye(k)
    published: set[Cell] = set()
    for cell in _cells(cl.answered > 0):
        shown = suppressed is None and cl.answered[cell] >= rules.min_n
        shown |= suppressed is not None and not suppressed[cell]
        if not shown or (cl.wave, *cell, table.item) in withheld:
            continue
        published.add(cell)
        coef = _kron(cl.layer.row(cell)[None, :], eye)
        value = cl.counts[cell]
        parts.append(Published(coef, value - _EPS, value + _EPS, tuple((("count", *cell),) for _ in range(k))))
    scores = np.array([np.nan if v is None else v for v in table.scores])
    scored = ~np.isnan(scores)
    if table.measure is not None and suppressed is not None:
        n_scored = cl.counts[..., scored].sum(axis=-1)
        positive = np.array(table.positive or [False] * k, dtype=bool)
        for weights in (np.where(scored, scores, 0.0), 100.0 * positive):
            decimals = rules.mean_decimals if weights is not positive else rules.share_decimals - 2
            pub = _statistics(cl.layer, n_scored, cl.counts @ weights, ~suppressed, decimals, rules.riket_diff)
            parts.append(Published(_kron(pub.coef, weights[None, :]), pub.low, pub.high, pub.owners))
    eq_rows: list[FloatArray] = []
    eq_vals: list[float] = []
    for j, cell in enumerate(cl.layer.base):
        if cell not in published:  # a hidden cell's number of answers (and of "Vet ej") is not published
            continue
        pick = np.zeros(len(cl.layer.base))
        pick[j] = 1.0
        if table.exclusive:
            eq_rows.append(_kron(pick, np.ones(k)))
            eq_vals.append(float(cl.answered[cell]))
        if table.measure is not None and scored.any():
            eq_rows.append(_kron(pick, scored.astype(float)))
            eq_vals.append(float(cl.counts[cell][scored].sum()))
    upper = np.repeat([cl.answered[c] for c in cl.layer.base], k).astype(float)
    objectives = np.vstack([cl.cell_option(c, o) for c, o in targets]) if targets else np.zeros((0, width))
    return _Problem(
        Published.stack(parts, width),
        upper,
        objectives,
        np.vstack(eq_rows) if eq_rows else None,
        np.array(eq_vals) if eq_rows else None,
    )


def _kron(a: FloatArray, b: FloatArray) -> FloatArray:
    return np.asarray(np.kron(a, b), dtype=np.float64)


def _determined(rng: _Range) -> bool:
    """The range holds one integer, or (fractional organisation shares) a single value."""
    return math.ceil(rng.low - _TOL) == math.floor(rng.high + _TOL) or rng.high - rng.low < _TOL


def _count_breaches(
    tables: Sequence[CountTable],
    n_waves: int,
    suppressed: BoolArray,
    withheld: frozenset[CountKey],
    rules: DisclosureRules,
    only: Iterable[tuple[int, int]] | None = None,
) -> dict[tuple[int, int], list[tuple[Breach, _Range, Published]]]:
    """Determined counts of primary cells per (wave, table index)."""
    keys = list(only) if only is not None else [(w, i) for w in range(n_waves) for i in range(len(tables))]
    jobs: list[tuple[tuple[int, int], _CountLayer, list[tuple[Cell, int]], _Problem]] = []
    for w, i in keys:
        cl = _CountLayer.of(tables[i], w)
        primary = _primary(cl.answered, rules.min_n)
        m = tables[i].measure
        if m is not None:
            primary |= suppressed[w, :, :, m] & _primary(cl.answered, rules.min_n)
        targets = [(c, o) for c in _cells(primary) for o in range(cl.options)]
        if not targets:
            continue
        sup = None if m is None else suppressed[w, :, :, m]
        jobs.append(((w, i), cl, targets, _count_problem(cl, sup, withheld, rules, targets)))
    out: dict[tuple[int, int], list[tuple[Breach, _Range, Published]]] = {}
    for (key, cl, targets, prob), ranges in zip(jobs, _solve([j[3] for j in jobs]), strict=True):
        for (cell, option), rng in zip(targets, ranges, strict=True):
            if _determined(rng):
                breach = Breach("count", key[0], *cell, cl.table.measure, cl.table.item, option, rng.low, rng.high)
                out.setdefault(key, []).append((breach, rng, prob.pub))
    return out


def _pick_count_action(
    failing: tuple[Breach, _Range, Published], answered: FloatArray, n: FloatArray | None, hidden: BoolArray | None
) -> Owner | None:
    """Withhold the smallest binding count row; hide a binding cell only when no count row binds."""
    _, rng, pub = failing
    owners = {o for row in rng.binding for o in pub.owners[row]}
    rows = sorted((answered[o[1], o[2]], o) for o in owners if o[0] == "count")
    if rows:
        return rows[0][1]
    if n is None or hidden is None:
        return None
    cells = [(o[1], o[2]) for o in owners if o[0] == "cell" and not hidden[o[1], o[2]]]
    if not cells:
        cells = list(_cells(~hidden & (n > 0)))
    return ("cell", *min(cells, key=lambda c: (_cost(n, hidden, c), c))) if cells else None


def _protect_counts(
    tables: Sequence[CountTable], n: FloatArray, suppressed: BoolArray, rules: DisclosureRules
) -> frozenset[CountKey]:
    """Withhold count rows (and, if that is not enough, hide more cells) until no primary count is determined."""
    withheld: set[CountKey] = set()
    pending: list[tuple[int, int]] | None = None
    while pending is None or pending:
        failing = _count_breaches(tables, n.shape[0], suppressed, frozenset(withheld), rules, pending)
        pending = []
        for (w, i), items in failing.items():
            m = tables[i].measure
            answered = _CountLayer.of(tables[i], w).answered
            layer_n = None if m is None else n[w, :, :, m]
            hidden = None if m is None else suppressed[w, :, :, m]
            action = _pick_count_action(items[0], answered, layer_n, hidden)
            if action is None:
                continue
            if action[0] == "count":
                withheld.add((w, action[1], action[2], tables[i].item))
            elif m is not None:
                suppressed[w, action[1], action[2], m] = True
            pending.append((w, i))
    return frozenset(withheld)


# --- public entry points -----------------------------------------------------------------------------


def plan_disclosure(
    n: FloatArray,
    s: FloatArray,
    pos: FloatArray,
    counts: Sequence[CountTable] = (),
    rules: DisclosureRules | None = None,
    primary: BoolArray | None = None,
) -> DisclosurePlan:
    """Primary and complementary suppression for ``Cells`` arrays (and count tables) that pass :func:`audit`.

    ``n``, ``s`` and ``pos`` are ``(wave, lan + 1, org_typ + 1, measure)``: units, sums of 0-100
    values and sums of positive shares per cell, totals included (``Cells.n/.s/.pos``). ``primary``
    names the small cells when units are not organisations (one response each): a cell is small by
    its number of organisations; by default the cells with 0 < n < ``min_n``.
    """
    rules = rules or DisclosureRules()
    primary = _primary(n, rules.min_n) if primary is None else primary & (n > 0)
    suppressed = _protect_magnitudes(n, s, pos, rules, primary)
    withheld = _protect_counts(counts, n, suppressed, rules) if counts else frozenset()
    return DisclosurePlan(suppressed, primary, suppressed & ~primary, withheld)


def audit(
    n: FloatArray,
    s: FloatArray,
    pos: FloatArray,
    suppressed: BoolArray,
    counts: Sequence[CountTable] = (),
    withheld: frozenset[CountKey] = frozenset(),
    rules: DisclosureRules | None = None,
    primary: BoolArray | None = None,
) -> list[Breach]:
    """Every primary cell whose mean or share can be narrowed below the protection width, or count determined.

    ``primary`` as in :func:`plan_disclosure`.
    """
    rules = rules or DisclosureRules()
    layers = [(w, m) for w in range(n.shape[0]) for m in range(n.shape[3])]
    found = _magnitude_breaches(n, s, pos, suppressed, rules, layers, primary=primary)
    found_counts = _count_breaches(counts, n.shape[0], suppressed, withheld, rules) if counts else {}
    return [b for d in (found, found_counts) for items in d.values() for b, _, _ in items]
