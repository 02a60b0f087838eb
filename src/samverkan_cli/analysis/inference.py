"""Inference for published comparisons: county − riket, FDR verdicts, matched waves, frame-aware means.

Every function is pure and vectorised: it works elementwise on arrays of sufficient statistics (count
``n``, sum ``s``, sum of squares ``ss`` of the unit values, as in :mod:`samverkan_cli.analysis.stats`)
of any shape, so a whole wave × county × type × measure grid is one call. NaN marks an undefined
value (too few units), never an error.

Intervals inside 0–100. Means keep the usual t interval, truncated to 0–100 (:func:`clip_interval`):
the true mean lies in 0–100, so whenever the t interval covers it, its part inside 0–100 covers it
too; truncation keeps the coverage, only removes impossible values and leaves every interval that
was already inside 0–100 unchanged. A logit or other transformed scale would move every interval and
breaks down exactly where bounds leave the range, at means of 0 or 100 with little spread. Shares use
the Wilson score interval (:func:`wilson`), which stays inside 0–100 % by construction and, unlike the
normal (Wald) interval, keeps close to its nominal coverage for small groups and shares near 0 or
100 %.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from samverkan_cli.i18n import Msg

__all__ = [
    "METHOD_FRAME",
    "METHOD_INTERVALS",
    "METHOD_MULTIPLE",
    "METHOD_NO_FRAME",
    "METHOD_VS_RIKET",
    "METHOD_WAVES",
    "Difference",
    "Estimate",
    "MatchedSums",
    "PostStratified",
    "bh_adjust",
    "clip_interval",
    "county_vs_riket",
    "fpc",
    "frame_summary",
    "matched_sums",
    "matched_units",
    "matched_waves",
    "post_stratified",
    "t_test",
    "verdicts",
    "welch_difference",
    "wilson",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]

# A sum of squared deviations below this share of the raw sum of squares is rounding noise, not spread.
_NOISE = 1e-10


@dataclass(frozen=True)
class Difference:
    """A difference with standard error, degrees of freedom, CI and two-sided p, elementwise.

    Has the fields of :class:`samverkan_cli.analysis.stats.Welch` (``diff``, ``ci_low``,
    ``ci_high``, ``p``), so it can stand in for it.
    """

    diff: FloatArray
    se: FloatArray
    df: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    p: FloatArray


@dataclass(frozen=True)
class Estimate:
    """A mean with sd, standard error (finite-population corrected where a frame is given), df and CI."""

    mean: FloatArray
    sd: FloatArray
    se: FloatArray
    df: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray


@dataclass(frozen=True)
class PostStratified:
    """A frame-weighted mean with SE, df and CI; ``weighted`` is False where the plain mean was kept."""

    mean: FloatArray
    se: FloatArray
    df: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    n: FloatArray  # units the estimate rests on
    weighted: BoolArray


# ---------------------------------------------------------------------------------------- helpers


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _variance(n: FloatArray, s: FloatArray, ss: FloatArray) -> FloatArray:
    """Sample variance (ddof 1) from sums; NaN below two units, rounding noise clipped to 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = ss - s * s / n
        dev = np.where(dev <= _NOISE * np.abs(ss), 0.0, dev)
        var = dev / (n - 1)
    return np.where(n >= 2, var, np.nan)


def _fpc2(n: FloatArray, frame: FloatArray | None) -> FloatArray:
    """Variance factor (N − n)/N; 1 where the frame is unknown or smaller than the sample."""
    n = _f(n)
    if frame is None:
        return np.ones_like(n)
    big_n = _f(frame)
    known = np.isfinite(big_n) & (big_n > 0) & (big_n >= n)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(known, (big_n - n) / big_n, 1.0)


def _mean_variance(n: FloatArray, s: FloatArray, ss: FloatArray, frame: FloatArray | None) -> FloatArray:
    """Estimated variance of a group mean, corrected for the frame; 0 for a complete census."""
    factor = _fpc2(n, frame)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = _variance(n, s, ss) / n * factor
    # Every unit of the frame answered: the mean is known exactly, even from one unit.
    return np.where((factor == 0) & (n >= 1), 0.0, var)


def _welch_df(a: FloatArray, b: FloatArray, n1: FloatArray, n2: FloatArray) -> FloatArray:
    """Welch–Satterthwaite degrees of freedom of the variance sum a + b."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))


def _half_width(se: FloatArray, df: FloatArray, level: float) -> FloatArray:
    """Half width of the t interval; 0 where the standard error is 0 (the value is exact)."""
    from scipy import special

    # stdtrit inverts the t distribution iteratively (~20 µs a value); group intervals share few
    # distinct df (n - 1), so each distinct df is inverted once.
    df_all = np.broadcast_to(df, np.broadcast(df, se).shape)
    distinct, where = np.unique(df_all, return_inverse=True)
    with np.errstate(invalid="ignore"):
        quantile = special.stdtrit(distinct, 0.5 + level / 2)[where].reshape(df_all.shape)
    return np.where(se == 0, 0.0, quantile * se)


def _test(diff: FloatArray, se: FloatArray, df: FloatArray, level: float) -> Difference:
    """t interval and two-sided p of ``diff``; an exact difference (se 0) gets p 0, or 1 if it is 0."""
    from scipy import special

    with np.errstate(divide="ignore", invalid="ignore"):
        p = 2 * special.stdtr(df, -np.abs(diff / se))
    exact = (se == 0) & np.isfinite(diff)
    p = np.where(exact, np.where(diff == 0, 1.0, 0.0), p)
    half = _half_width(se, df, level)
    return Difference(diff, se, df, diff - half, diff + half, p)


def t_test(diff: npt.ArrayLike, se: npt.ArrayLike, df: npt.ArrayLike, level: float = 0.95) -> Difference:
    """The t interval and two-sided p of ``diff`` with a given standard error and df, elementwise.

    Used to test a *published* difference (of rounded means) with a test's SE and df: a p-value of
    the exact difference, printed to three decimals, would give that difference far more precisely
    than the rounded means do (and with it a hidden group's mean, by subtraction).
    """
    return _test(_f(diff), _f(se), _f(df), level)


def welch_difference(
    n1: FloatArray,
    s1: FloatArray,
    ss1: FloatArray,
    n2: FloatArray,
    s2: FloatArray,
    ss2: FloatArray,
    level: float = 0.95,
) -> Difference:
    """Welch's unequal-variance t test of group 1 minus group 2 from sums, with its SE and df."""
    n1, s1, ss1, n2, s2, ss2 = (_f(x) for x in (n1, s1, ss1, n2, s2, ss2))
    a = _mean_variance(n1, s1, ss1, None)
    b = _mean_variance(n2, s2, ss2, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = s1 / n1 - s2 / n2
        se = np.sqrt(a + b)
    return _test(diff, se, _welch_df(a, b, n1, n2), level)


# ------------------------------------------------------------------------------ county − riket


def county_vs_riket(
    n_c: FloatArray,
    s_c: FloatArray,
    ss_c: FloatArray,
    n_all: FloatArray,
    s_all: FloatArray,
    ss_all: FloatArray,
    *,
    frame_c: FloatArray | None = None,
    frame_all: FloatArray | None = None,
    level: float = 0.95,
) -> Difference:
    """County mean minus riket mean (riket including the county), tested against the rest of riket.

    With N = n_all and rest = riket − county, mean_c − mean_all = (1 − n_c/N)·(mean_c − mean_rest)
    exactly, so the difference, its SE and CI bounds are the independent Welch test of county vs
    rest scaled by (1 − n_c/N), with the same t, df and p. ``diff`` is computed as
    mean_c − mean_all so it equals the printed Länet − Riket.

    With ``frame_c``/``frame_all`` (units in the register, NaN where unknown) each group's
    variance is multiplied by the finite-population factor (N − n)/N (see :func:`fpc`), the rest's
    frame being frame_all − frame_c; df stay Welch–Satterthwaite on the corrected components.
    """
    n_c, s_c, ss_c, n_all, s_all, ss_all = (_f(x) for x in (n_c, s_c, ss_c, n_all, s_all, ss_all))
    n_r, s_r, ss_r = n_all - n_c, s_all - s_c, ss_all - ss_c
    frame_r = None if frame_c is None or frame_all is None else _f(frame_all) - _f(frame_c)
    a = _mean_variance(n_c, s_c, ss_c, None if frame_c is None else _f(frame_c))
    b = _mean_variance(n_r, s_r, ss_r, frame_r)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = n_r / n_all
        diff = s_c / n_c - s_all / n_all
        se = scale * np.sqrt(a + b)
    return _test(diff, se, _welch_df(a, b, n_c, n_r), level)


# ------------------------------------------------------------------------- multiple comparisons


def _bh_1d(p: FloatArray) -> FloatArray:
    m = len(p)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    # Step-up: each adjusted p is the smallest scaled p at its rank or above, which keeps them monotone.
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = adjusted
    return out


def bh_adjust(p: npt.ArrayLike, family: npt.ArrayLike | None = None) -> FloatArray:
    """Benjamini–Hochberg adjusted p-values (same shape as ``p``); NaN ignored and kept NaN.

    adjusted p_(i) = min over j ≥ i of min(1, m·p_(j)/j), p sorted ascending, m the number of
    non-NaN p-values. ``family`` (same shape, e.g. the wave index) adjusts each family separately.
    Equals statsmodels ``multipletests(p, method="fdr_bh")[1]``.

    >>> bh_adjust([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    values = _f(p)
    flat = values.reshape(-1)
    groups = np.zeros(flat.shape, dtype=np.int64) if family is None else np.asarray(family).reshape(-1)
    if groups.shape != flat.shape:
        raise ValueError("family must have the shape of p")
    out = np.full(flat.shape, np.nan)
    valid = ~np.isnan(flat)
    for g in np.unique(groups[valid]):
        idx = np.flatnonzero(valid & (groups == g))
        out[idx] = _bh_1d(flat[idx])
    return out.reshape(values.shape)


def verdicts(diff: npt.ArrayLike, p_adj: npt.ArrayLike, alpha: float = 0.05) -> StrArray:
    """``battre``/``samre`` where the adjusted p is below ``alpha`` (sign of ``diff``), else ``i_niva``.

    NaN p or diff gives ``i_niva``.
    """
    d, p = _f(diff), _f(p_adj)
    significant = p < alpha
    return np.where(significant & (d > 0), "battre", np.where(significant & (d < 0), "samre", "i_niva"))


# ------------------------------------------------------------------------------- matched waves


@dataclass(frozen=True)
class MatchedSums:
    """Sufficient statistics of a group in waves A and B and of its organisations present in both.

    ``*_a`` sum over the organisations with a value in A, ``*_b`` over those with a value in B,
    ``*_p`` over the paired ones (value in both, same group): ``sa_p``/``sb_p`` their A and B
    values, ``saa_p``/``sbb_p`` their squares, ``sab_p`` the cross-products. All are additive,
    so group totals (riket, alla) are sums of cells, e.g. via ``sums.map(rollup_fn)``.
    """

    n_a: FloatArray
    s_a: FloatArray
    ss_a: FloatArray
    n_b: FloatArray
    s_b: FloatArray
    ss_b: FloatArray
    n_p: FloatArray
    sa_p: FloatArray
    sb_p: FloatArray
    saa_p: FloatArray
    sbb_p: FloatArray
    sab_p: FloatArray

    def map(self, fn: Callable[[FloatArray], FloatArray]) -> MatchedSums:
        """Apply ``fn`` (e.g. a reshape or a rollup to totals) to every array."""
        return MatchedSums(*(fn(getattr(self, f.name)) for f in fields(self)))


def _cell_sums(cell: IntArray, values: FloatArray, mask: BoolArray, n_cells: int) -> tuple[FloatArray, ...]:
    """Count, sum and sum of squares of ``values`` (orgs × k) where ``mask``, per cell × column."""
    k = values.shape[1]
    rows, cols = np.nonzero(mask)
    idx = cell[rows] * k + cols
    v = values[rows, cols]
    size = n_cells * k
    return tuple(
        np.bincount(idx, weights=w, minlength=size).reshape(n_cells, k).astype(np.float64) for w in (None, v, v * v)
    )


def matched_sums(
    a: FloatArray, b: FloatArray, cell_a: IntArray, n_cells: int, cell_b: IntArray | None = None
) -> MatchedSums:
    """Sums per group (``n_cells`` × k) from organisation values aligned by row: ``a``/``b`` orgs × k.

    Row i is one organisation (the import's organisation key) in both waves; NaN where it has no
    value in that wave. ``cell_a``/``cell_b`` give its group index in each wave (``cell_b``
    defaults to ``cell_a``; rows whose value is NaN may hold any valid index). An organisation is
    paired for a column when it has a value in both waves and stays in the same group.
    """
    a, b = _f(a), _f(b)
    ca = np.asarray(cell_a, dtype=np.int64)
    cb = ca if cell_b is None else np.asarray(cell_b, dtype=np.int64)
    in_a, in_b = ~np.isnan(a), ~np.isnan(b)
    paired = in_a & in_b & (ca == cb)[:, None]
    n_a, s_a, ss_a = _cell_sums(ca, a, in_a, n_cells)
    n_b, s_b, ss_b = _cell_sums(cb, b, in_b, n_cells)
    n_p, sa_p, saa_p = _cell_sums(ca, a, paired, n_cells)
    _, sb_p, sbb_p = _cell_sums(ca, b, paired, n_cells)
    rows, cols = np.nonzero(paired)
    k = a.shape[1]
    sab_p = np.bincount(ca[rows] * k + cols, weights=a[rows, cols] * b[rows, cols], minlength=n_cells * k)
    return MatchedSums(
        n_a, s_a, ss_a, n_b, s_b, ss_b, n_p, sa_p, sb_p, saa_p, sbb_p, sab_p.reshape(n_cells, k).astype(np.float64)
    )


def matched_units(
    org_id: IntArray,
    wave: IntArray,
    group: IntArray,
    values: FloatArray,
    waves: tuple[int, int],
    n_groups: int,
) -> MatchedSums:
    """:func:`matched_sums` of wave ``waves[0]`` (A) against ``waves[1]`` (B) from unit rows.

    One row per organisation and wave (``values`` units × k, e.g. ``Scored.unit_values``;
    ``org_id``/``wave`` as in :class:`samverkan_cli.analysis.groups.Units`, ``group`` the unit's
    group index within the wave, e.g. ``lan * n_types + typ``). Rows are matched on ``org_id``;
    an organisation is paired where it has a value in both waves in the same group. Raises
    ValueError when an organisation has several rows in one wave (units are responses).
    """
    ids, grp, vals, wv = np.asarray(org_id), np.asarray(group, dtype=np.int64), _f(values), np.asarray(wave)
    in_a, in_b = wv == waves[0], wv == waves[1]
    if len(np.unique(ids[in_a])) < in_a.sum() or len(np.unique(ids[in_b])) < in_b.sum():
        raise ValueError("matching waves needs one unit per organisation and wave")
    orgs = np.unique(ids[in_a | in_b])
    k = vals.shape[1]
    a, b = np.full((len(orgs), k), np.nan), np.full((len(orgs), k), np.nan)
    cell_a, cell_b = np.zeros(len(orgs), dtype=np.int64), np.zeros(len(orgs), dtype=np.int64)
    at_a, at_b = np.searchsorted(orgs, ids[in_a]), np.searchsorted(orgs, ids[in_b])
    a[at_a], cell_a[at_a] = vals[in_a], grp[in_a]
    b[at_b], cell_b[at_b] = vals[in_b], grp[in_b]
    # An organisation missing from one wave has only NaN there; any valid group index will do.
    only_b = np.ones(len(orgs), dtype=bool)
    only_b[at_a] = False
    cell_a = np.where(only_b, cell_b, cell_a)
    only_a = np.ones(len(orgs), dtype=bool)
    only_a[at_b] = False
    cell_b = np.where(only_a, cell_a, cell_b)
    return matched_sums(a, b, cell_a, n_groups, cell_b)


def _pair_correlation(m: MatchedSums) -> FloatArray:
    """Pearson r of the paired values; 0 where undefined (fewer than 2 pairs, or no spread)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        cxx = m.saa_p - m.sa_p**2 / m.n_p
        cyy = m.sbb_p - m.sb_p**2 / m.n_p
        cxy = m.sab_p - m.sa_p * m.sb_p / m.n_p
        spread = (cxx > _NOISE * m.saa_p) & (cyy > _NOISE * m.sbb_p) & (m.n_p >= 2)
        r = np.where(spread, cxy / np.sqrt(cxx * cyy), 0.0)
    return np.clip(r, -1.0, 1.0)


def matched_waves(sums: MatchedSums, level: float = 0.95) -> Difference:
    """Mean in wave A minus mean in wave B, organisations in both waves matched (one combined SE).

    The means are over all organisations with a value in each wave (n_a, n_b), n_p of them in
    both. For org values x (A) and y (B), independent across organisations, only the n_p paired
    terms of Cov(x̄_A, ȳ_B) = Σ_i∈A Σ_j∈B Cov(x_i, y_j)/(n_a·n_b) are non-zero, so

        Var(x̄_A − ȳ_B) = s_a²/n_a + s_b²/n_b − 2·n_p·cov_ab/(n_a·n_b),

    with s_a, s_b the sample SDs over all of A and of B. cov_ab is estimated as r·s_a·s_b, r the
    correlation over the pairs: it equals the pairs' sample covariance when every organisation is
    paired, and it keeps the variance non-negative (n_p ≤ √(n_a·n_b) and |r| ≤ 1 give
    Var ≥ (s_a/√n_a − s_b/√n_b)²). With r = 0 (fewer than two pairs, or no spread) it is Welch.

    Degrees of freedom (Derrick, Toher & White 2017, partially overlapping samples t-test):
    df = (n_p − 1) + (γ − n_p + 1)·(n_a' + n_b')/(n_a' + n_b' + 2·n_p), γ the Welch df of
    s_a²/n_a + s_b²/n_b, n_a' = n_a − n_p and n_b' = n_b − n_p the unpaired counts. It is γ (Welch)
    with no pairs and n_p − 1 (paired t) with no unpaired organisations. No finite-population
    correction: the comparison is of the two waves' processes, not of two fixed populations.
    """
    m = sums.map(_f)
    var_a = _variance(m.n_a, m.s_a, m.ss_a)
    var_b = _variance(m.n_b, m.s_b, m.ss_b)
    r = _pair_correlation(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        va, vb = var_a / m.n_a, var_b / m.n_b
        cov = 2 * r * m.n_p * np.sqrt(var_a * var_b) / (m.n_a * m.n_b)
        se = np.sqrt(np.maximum(va + vb - cov, 0.0))
        diff = m.s_a / m.n_a - m.s_b / m.n_b
        unpaired = (m.n_a - m.n_p) + (m.n_b - m.n_p)
        gamma = _welch_df(va, vb, m.n_a, m.n_b)
        df = (m.n_p - 1) + (gamma - m.n_p + 1) * unpaired / (unpaired + 2 * m.n_p)
    return _test(diff, se, df, level)


# --------------------------------------------------------------------------- frame-aware means


def fpc(n: npt.ArrayLike, frame: npt.ArrayLike) -> FloatArray:
    """Standard-error factor √((N − n)/N) for n of N register units; 1 where N is unknown or < n.

    (N − n)/N = 1 − n/N is the factor that makes s²/n·(1 − n/N) unbiased for the variance of the
    mean when s² is the usual sample variance with divisor n − 1 (Cochran 1977, §2.4); the variant
    (N − n)/(N − 1) belongs with a population variance with divisor N. A frame smaller than the
    sample is out of date, so it is not used to narrow intervals.
    """
    return np.sqrt(_fpc2(_f(n), _f(frame)))


def frame_summary(
    n: FloatArray, s: FloatArray, ss: FloatArray, frame: FloatArray | None = None, level: float = 0.95
) -> Estimate:
    """Mean, sd and t CI (n − 1 df) from sums, the SE corrected by :func:`fpc` where a frame is known.

    Without a frame (or NaN) it equals :func:`samverkan_cli.analysis.stats.summarise`.
    """
    n, s, ss = _f(n), _f(s), _f(ss)
    var_mean = _mean_variance(n, s, ss, None if frame is None else _f(frame))
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, s / n, np.nan)
        sd = np.sqrt(_variance(n, s, ss))
        se = np.sqrt(var_mean)
    df = np.where(n >= 2, n - 1, np.nan)
    half = _half_width(se, df, level)
    return Estimate(mean, sd, se, df, mean - half, mean + half)


def post_stratified(
    n: FloatArray, s: FloatArray, ss: FloatArray, frame: FloatArray, level: float = 0.95
) -> PostStratified:
    """Mean over strata (last axis, e.g. vårdcentral, kommun, annan) weighted to the register's mix.

    ``frame`` (units in the register per stratum, NaN where the stratum has none) broadcasts to ``n``.

    Strata with a finite ``frame`` N_h are weighted W_h = N_h/Σ N_h: mean = Σ W_h·ȳ_h and
    Var = Σ W_h²·(1 − n_h/N_h)·s_h²/n_h (a census stratum, n_h = N_h, adds 0), df by
    Welch–Satterthwaite: Var²/Σ (W_h²·(1 − n_h/N_h)·s_h²/n_h)²/(n_h − 1). Strata without a frame
    (NaN, e.g. annan) are outside the population the register defines and are left out of the
    weighted mean. Where a framed stratum with N_h > 0 has no respondent, a single respondent out
    of several, or more respondents than the register, or no stratum has a frame, weighting is not
    possible: the plain mean over all strata with the usual t interval is returned, as without a
    register, and ``weighted`` is False.
    """
    n, s, ss = _f(n), _f(s), _f(ss)
    big_n = np.broadcast_to(_f(frame), n.shape)
    framed = np.isfinite(big_n)
    size = np.where(framed, big_n, 0.0)
    empty = (size == 0) & (n == 0)
    usable = (n >= 1) & (n <= size) & ((n >= 2) | (n == size))
    total = size.sum(axis=-1)
    weighted = np.all(~framed | empty | usable, axis=-1) & (total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = size / total[..., None]
        part = np.where(w > 0, w * s / n, 0.0)
        v = np.where(w > 0, w * w * _mean_variance(n, s, ss, big_n), 0.0)
        mean_w = part.sum(axis=-1)
        var_w = v.sum(axis=-1)
        df_w = var_w**2 / np.where(v > 0, v * v / (n - 1), 0.0).sum(axis=-1)
    plain = frame_summary(n.sum(axis=-1), s.sum(axis=-1), ss.sum(axis=-1), level=level)
    se_w = np.sqrt(var_w)
    half_w = _half_width(se_w, df_w, level)
    return PostStratified(
        mean=np.where(weighted, mean_w, plain.mean),
        se=np.where(weighted, se_w, plain.se),
        df=np.where(weighted, df_w, plain.df),
        ci_low=np.where(weighted, mean_w - half_w, plain.ci_low),
        ci_high=np.where(weighted, mean_w + half_w, plain.ci_high),
        n=np.where(weighted, np.where(framed, n, 0.0).sum(axis=-1), n.sum(axis=-1)),
        weighted=np.asarray(weighted, dtype=np.bool_),
    )


# ---------------------------------------------------------------------------- bounded intervals


def wilson(share: npt.ArrayLike, n: npt.ArrayLike, level: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval (low, high) of a share in 0–1 from ``n`` units; NaN where n < 1.

    centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n), z the normal
    quantile of (1 + level)/2. Equals statsmodels ``proportion_confint(k, n, method="wilson")``.
    """
    from scipy import special

    p, nn = _f(share), _f(n)
    z = float(special.ndtri(0.5 + level / 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1 + z * z / nn
        centre = (p + z * z / (2 * nn)) / denom
        half = z * np.sqrt(np.maximum(p * (1 - p), 0.0) / nn + z * z / (4 * nn * nn)) / denom
    ok = nn >= 1
    low = np.where(ok, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(ok, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def clip_interval(
    low: npt.ArrayLike, high: npt.ArrayLike, lower: float = 0.0, upper: float = 100.0
) -> tuple[FloatArray, FloatArray]:
    """Truncate interval bounds to [lower, upper] (0–100 for means, −100–100 for differences); NaN kept."""
    return np.clip(_f(low), lower, upper), np.clip(_f(high), lower, upper)


# ---------------------------------------------------------------------------------- method text

METHOD_VS_RIKET = Msg(
    """\
**Länet jämfört med riket.** Skillnaden mot riket är länets medelvärde minus rikets, där riket
omfattar länet, och är alltså lika med Länet − Riket. Osäkerheten kommer från Welchs t-test av
länet mot övriga riket (riket utom länet, så att grupperna är oberoende). Eftersom
länet − riket = (1 − n_län/n_riket) · (länet − övriga riket) skalas skillnaden och dess
{level} %-konfidensintervall med samma faktor, och p-värdet är detsamma som i testet mot övriga
riket.""",
    """\
**County compared with riket.** The difference from riket is the county's mean minus riket's,
riket including the county, so it equals County − Riket. Its uncertainty comes from Welch's t test
of the county against the rest of the country (riket without the county, so the groups are
independent). Since county − riket = (1 − n_county/n_riket) · (county − rest of riket), the
difference and its {level} % confidence interval are scaled by that factor, and the p-value is the
one of the test against the rest of riket.""",
)

METHOD_MULTIPLE = Msg(
    """\
**Många jämförelser.** I varje mätomgång prövas alla län mot riket för alla mått samtidigt; med
enbart 5 %-gränsen skulle ungefär var tjugonde jämförelse kallas bättre eller sämre av en slump.
P-värdena justeras därför med Benjamini–Hochbergs metod över alla jämförelser län–riket i
mätomgången, så att andelen felaktiga *bättre*/*sämre* bland dem förväntas vara högst {q} %.
Ett län är *bättre* eller *sämre* (efter skillnadens tecken) när det justerade p-värdet är under
{q} %, annars *i nivå*. Konfidensintervallen gäller varje jämförelse för sig och justeras inte;
ett intervall kan därför utesluta 0 fast omdömet är *i nivå*.""",
    """\
**Many comparisons.** Each wave, every county is tested against riket on every measure at once;
with the 5 % threshold alone about one comparison in twenty would be called better or worse by
chance. The p-values are therefore adjusted with the Benjamini–Hochberg method across all
county–riket comparisons of the wave, so that the expected share of false *better*/*worse* among
them is at most {q} %. A county is *better* or *worse* (by the sign of the difference) when the
adjusted p-value is below {q} %, otherwise *on a par*. The confidence intervals hold for each
comparison on its own and are not adjusted, so an interval can exclude 0 while the verdict is
*on a par*.""",
)

METHOD_WAVES = Msg(
    """\
**Jämförelse med föregående mätomgång.** Skillnaden är gruppens medelvärde i mätomgången minus
medelvärdet i föregående, båda över alla verksamheter som svarat i respektive omgång.
Verksamheter som svarat i båda omgångarna (samma verksamhet enligt importens
verksamhetsnyckel) jämförs med sig själva, övriga som oberoende, i ett gemensamt standardfel:
Var = s₁²/n₁ + s₂²/n₂ − 2·r·n₁₂·s₁·s₂/(n₁·n₂), där n₁₂ är antalet verksamheter i båda omgångarna
och r korrelationen mellan deras värden (t-testet för delvis överlappande stickprov, Derrick,
Toher och White 2017). Frihetsgraderna går från Welchs när ingen verksamhet finns i båda
omgångarna till det parade t-testets när alla gör det. Intervallet är ett {level} %-intervall.""",
    """\
**Comparison with the previous wave.** The difference is the group's mean in the wave minus its
mean in the previous wave, each over all organisations that answered in that wave. Organisations
that answered in both waves (the same organisation by the import's organisation key) are compared
with themselves, the others as independent, in one combined standard error:
Var = s₁²/n₁ + s₂²/n₂ − 2·r·n₁₂·s₁·s₂/(n₁·n₂), where n₁₂ is the number of organisations in both
waves and r the correlation of their values (the partially overlapping samples t test of Derrick,
Toher and White 2017). The degrees of freedom run from Welch's when no organisation is in both
waves to the paired t test's when all are. The interval is a {level} % interval.""",
)

METHOD_FRAME = Msg(
    """\
**Register.** När mätomgången har ett register över vårdcentraler och kommuner är populationen
registrets verksamheter. Konfidensintervallen använder då ändlighetskorrektionen: standardfelet
multipliceras med √((N − n)/N), där N är antalet i registret och n antalet som svarat, så att en
grupp där alla svarat har ett intervall utan bredd. Raden "alla" i ett län vägs efter registrets
fördelning mellan vårdcentraler och kommuner (poststratifiering): medelvärdet är Σ W_h·ȳ_h med
W_h = N_h/N och variansen Σ W_h²·(1 − n_h/N_h)·s_h²/n_h. Verksamheter av annan typ finns inte i
registret och ingår inte i det vägda medelvärdet; de redovisas i sin egen rad. Saknar en typ i
länet svar, eller har den bara ett svar av flera möjliga, vägs raden inte utan beräknas som utan
register.""",
    """\
**Register.** When the wave has a register of vårdcentraler and kommuner, the population is the
organisations in the register. Confidence intervals then use the finite-population correction:
the standard error is multiplied by √((N − n)/N), where N is the number in the register and n the
number that answered, so a group where everyone answered has an interval of no width. The "all"
row of a county is weighted to the register's mix of vårdcentraler and kommuner
(post-stratification): the mean is Σ W_h·ȳ_h with W_h = N_h/N and the variance
Σ W_h²·(1 − n_h/N_h)·s_h²/n_h. Organisations of another type are not in the register and are not
part of the weighted mean; they are reported in their own row. When a type has no answers in the
county, or one answer out of several possible, the row is not weighted but computed as without a
register.""",
)

METHOD_NO_FRAME = Msg(
    """\
**Utan register.** Har mätomgången inget register behandlas de svarande som ett urval ur en stor
population: ingen ändlighetskorrektion görs, och "alla" är medelvärdet över alla svarande
verksamheter.""",
    """\
**Without a register.** When the wave has no register, the respondents are treated as a sample
from a large population: no finite-population correction is made, and "all" is the mean over all
responding organisations.""",
)

METHOD_INTERVALS = Msg(
    """\
**Intervall inom 0–100.** Medelvärdens {level} %-intervall är det vanliga t-intervallet, avskuret
vid 0 och 100. Det sanna medelvärdet ligger alltid mellan 0 och 100, så när t-intervallet
täcker det gör också dess del inom 0–100: avskärningen behåller täckningsgraden, tar bara bort
omöjliga värden och lämnar alla intervall som redan låg inom skalan oförändrade. Andelar får
Wilsons intervall, som håller sig inom 0–100 % och, till skillnad från normalapproximationen,
behåller sin täckningsgrad även i små grupper och nära 0 och 100 %.""",
    """\
**Intervals inside 0–100.** The {level} % interval of a mean is the usual t interval, truncated at
0 and 100. The true mean always lies between 0 and 100, so whenever the t interval covers it, so
does its part inside 0–100: truncation keeps the coverage, only removes impossible values and
leaves every interval already inside the scale unchanged. Shares get the Wilson interval, which
stays inside 0–100 % and, unlike the normal approximation, keeps its coverage in small groups
and near 0 and 100 %.""",
)
