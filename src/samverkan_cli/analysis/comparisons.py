"""Comparisons (county vs the rest of riket, vårdcentral vs kommun, previous wave) and county ranks."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from samverkan_cli.analysis.grid import TYPES
from samverkan_cli.analysis.load import ORG_TYPES
from samverkan_cli.analysis.rows import Comparison, Ranking, rnd
from samverkan_cli.analysis.scored import FloatArray, Scored
from samverkan_cli.analysis.stats import welch

__all__ = ["comparisons", "rankings"]

Key = tuple[str, str, str]
VERSUS_ORDER = {"riket": 0, "kommun": 1, "previous_wave": 2}


def _verdict(low: float, high: float) -> str:
    if low > 0:
        return "battre"
    if high < 0:
        return "samre"
    return "i_niva"


def _row(key: Key, measure: str, versus: str, diff: Any, low: Any, high: Any, p: Any) -> Comparison:
    return Comparison(
        *key,
        measure=measure,
        versus=versus,
        diff=rnd(diff, 1),
        ci_low=rnd(low, 1),
        ci_high=rnd(high, 1),
        p=rnd(p, 4),
        verdict=_verdict(float(low), float(high)),
    )


def comparisons(sc: Scored) -> tuple[Comparison, ...]:
    """Every comparison whose groups are both shown; sorted by group, measure and ``versus``."""
    c, grid, hidden = sc.cells, sc.grid, sc.suppressed
    n_lan, vc, km = len(grid.lans), TYPES.index("vardcentral"), TYPES.index("kommun")
    # County against the rest of the country: riket minus the county keeps the samples independent.
    rest = [a[:, n_lan : n_lan + 1] - a[:, :n_lan] for a in (c.n, c.s, c.ss)]
    vs_riket = welch(c.n[:, :n_lan], c.s[:, :n_lan], c.ss[:, :n_lan], *rest)
    ok_riket = ~hidden[:, :n_lan] & (c.n[:, :n_lan] >= 2) & (rest[0] >= max(sc.options.min_n, 2))
    gap = welch(c.n[:, :, vc], c.s[:, :, vc], c.ss[:, :, vc], c.n[:, :, km], c.s[:, :, km], c.ss[:, :, km])
    ok_gap = ~hidden[:, :, vc] & ~hidden[:, :, km] & (c.n[:, :, vc] >= 2) & (c.n[:, :, km] >= 2)
    comparable = _comparable(sc)

    rows: list[tuple[tuple[int, ...], Comparison]] = []
    for w, lan, t in grid.groups():
        key = grid.labels(w, lan, t)
        for m, measure in enumerate(grid.measures):
            if not grid.shows_measure(measure) or c.n[w, lan, t, m] == 0:
                continue
            order = (w, lan, t, m)
            if lan < n_lan and ok_riket[w, lan, t, m]:
                at = (w, lan, t, m)
                rows.append(
                    (
                        (*order, 0),
                        _row(
                            key,
                            measure,
                            "riket",
                            vs_riket.diff[at],
                            vs_riket.ci_low[at],
                            vs_riket.ci_high[at],
                            vs_riket.p[at],
                        ),
                    )
                )
            if t == vc and ok_gap[w, lan, m]:
                at2 = (w, lan, m)
                rows.append(
                    (
                        (*order, 1),
                        _row(key, measure, "kommun", gap.diff[at2], gap.ci_low[at2], gap.ci_high[at2], gap.p[at2]),
                    )
                )
            prev_row = _previous(sc, w, lan, t, m, comparable)
            if prev_row is not None:
                rows.append(((*order, 2), prev_row))
    return tuple(row for _, row in sorted(rows, key=lambda r: r[0]))


def _previous(
    sc: Scored, w: int, lan: int, t: int, m: int, comparable: dict[tuple[str, str], bool]
) -> Comparison | None:
    grid, c = sc.grid, sc.cells
    wave = grid.waves[w]
    prev = sc.previous.get(wave)
    if not sc.options.compare_previous or prev is None or prev not in grid.waves:
        return None
    p = grid.waves.index(prev)
    if c.n[p, lan, t, m] == 0:
        return None
    measure = grid.measures[m]
    key = grid.labels(w, lan, t)
    if not comparable[(wave, measure)]:
        return Comparison(*key, measure, "previous_wave", None, None, None, None, "ej_jamforbar")
    if sc.suppressed[w, lan, t, m] or sc.suppressed[p, lan, t, m] or min(c.n[w, lan, t, m], c.n[p, lan, t, m]) < 2:
        return None
    a, b = (w, lan, t, m), (p, lan, t, m)
    res = welch(*(np.asarray([x[a]]) for x in (c.n, c.s, c.ss)), *(np.asarray([x[b]]) for x in (c.n, c.s, c.ss)))
    return _row(key, measure, "previous_wave", res.diff[0], res.ci_low[0], res.ci_high[0], res.p[0])


def _comparable(sc: Scored) -> dict[tuple[str, str], bool]:
    """Per (wave, measure): are the items behind it worded and scaled alike in the previous wave?"""
    scoring, sigs = sc.scoring, sc.data.signatures
    items_of: dict[str, tuple[str, ...]] = {"index": scoring.items}
    for d, dim in enumerate(scoring.dimensions):
        items_of[dim] = tuple(i for i, j in zip(scoring.items, scoring.dimension_of, strict=True) if j == d)
    for item in scoring.items:
        items_of[item] = (item,)
    out: dict[tuple[str, str], bool] = {}
    for wave in sc.grid.waves:
        prev = sc.previous.get(wave)
        for measure in scoring.measures:
            if prev is None or prev not in sigs:
                out[(wave, measure)] = False
                continue
            now, before = sigs.get(wave, {}), sigs[prev]
            out[(wave, measure)] = all(
                now.get(i, frozenset()) == before.get(i, frozenset()) and len(now.get(i, frozenset())) <= 1
                for i in items_of[measure]
            )
    return out


def rankings(sc: Scored) -> tuple[Ranking, ...]:
    """Rank of every shown county per wave, org_typ and measure (1 = highest mean) with a bootstrap band.

    The band holds the 2.5th and 97.5th percentiles of the county's rank over ``bootstrap``
    resamples of units within each county and organisation type, seeded per wave and cell so the
    result does not depend on which counties are output.
    """
    grid, c, opts = sc.grid, sc.cells, sc.options
    n_lan = len(grid.lans)
    if n_lan == 0:
        return ()
    rows: list[Ranking] = []
    for w, wave in enumerate(grid.waves):
        if wave not in grid.out_waves:
            continue
        mean = c.s[w, :n_lan] / np.where(c.n[w, :n_lan] > 0, c.n[w, :n_lan], np.nan)  # lan x type x measure
        rankable = ~sc.suppressed[w, :n_lan] & (c.n[w, :n_lan] > 0)
        observed = _min_rank(np.where(rankable, mean, np.nan))
        low = high = None
        if opts.bootstrap > 0:
            boot = _bootstrap_means(sc, w)  # B x lan x type x measure
            ranks = _ordinal_rank(np.where(rankable[None], boot, np.nan))
            low = np.quantile(ranks, 0.025, axis=0, method="lower")
            high = np.quantile(ranks, 0.975, axis=0, method="higher")
        count = rankable.sum(axis=0)
        for lan in range(n_lan):
            for t in range(len(TYPES)):
                if not grid.shows(w, lan, t) or "lan" not in grid.by:
                    continue
                for m, measure in enumerate(grid.measures):
                    if not rankable[lan, t, m] or not grid.shows_measure(measure):
                        continue
                    rows.append(
                        Ranking(
                            *grid.labels(w, lan, t),
                            measure=measure,
                            rank=int(observed[lan, t, m]),
                            rank_low=None if low is None else int(low[lan, t, m]),
                            rank_high=None if high is None else int(high[lan, t, m]),
                            of=int(count[t, m]),
                        )
                    )
    return tuple(rows)


def _min_rank(values: FloatArray) -> FloatArray:
    """Rank along axis 0 (1 = highest), ties share the best rank, NaN gets NaN."""
    greater = (values[None, :] > values[:, None]).sum(axis=1)  # [i] = how many j beat i
    return np.where(np.isnan(values), np.nan, greater + 1.0)


def _ordinal_rank(values: FloatArray) -> FloatArray:
    """Rank along axis 1 (1 = highest, ties in county order), NaN last."""
    key = np.where(np.isnan(values), np.inf, -values)
    order = np.argsort(key, axis=1, kind="stable")
    ranks = np.empty_like(order)
    positions = np.broadcast_to(
        np.arange(1, values.shape[1] + 1).reshape(1, -1, *([1] * (values.ndim - 2))), values.shape
    )
    np.put_along_axis(ranks, order, positions, axis=1)
    return ranks.astype(float)


def _bootstrap_means(sc: Scored, w: int) -> FloatArray:
    units, values = sc.units, sc.unit_values
    b, n_lan = sc.options.bootstrap, len(sc.grid.lans)
    n_types, n_measures = len(ORG_TYPES), values.shape[1]
    sums = np.zeros((b, n_lan, n_types + 1, n_measures))
    counts = np.zeros_like(sums)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    in_wave = units.wave == w
    wave_seed = zlib.crc32(sc.grid.waves[w].encode("utf-8"))
    for lan in range(n_lan):
        for t in range(n_types):
            idx = np.flatnonzero(in_wave & (units.lan == lan) & (units.typ == t))
            k = len(idx)
            if k == 0:
                continue
            lan_seed = zlib.crc32(sc.grid.lans[lan].encode("utf-8"))
            rng = np.random.default_rng([sc.options.seed, wave_seed, lan_seed, t])
            draws = rng.integers(0, k, size=(b, k))
            weights = np.bincount((np.arange(b)[:, None] * k + draws).ravel(), minlength=b * k).reshape(b, k)
            weights = weights.astype(float)
            sums[:, lan, t] = weights @ filled[idx]
            counts[:, lan, t] = weights @ present[idx].astype(float)
    sums[:, :, -1] = sums[:, :, :-1].sum(axis=2)
    counts[:, :, -1] = counts[:, :, :-1].sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)
