"""Comparisons (county vs riket, vårdcentral vs kommun, previous wave) and county ranks."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from samverkan_cli.analysis.grid import TYPES
from samverkan_cli.analysis.groups import rollup
from samverkan_cli.analysis.inference import (
    Difference,
    bh_adjust,
    clip_interval,
    county_vs_riket,
    matched_units,
    matched_waves,
    t_test,
    verdicts,
    welch_difference,
)
from samverkan_cli.analysis.load import ORG_TYPES
from samverkan_cli.analysis.rows import Comparison, Ranking, rnd
from samverkan_cli.analysis.scored import BoolArray, FloatArray, Scored

__all__ = ["comparisons", "rankings"]

Key = tuple[str, str, str]
VERSUS_ORDER = {"riket": 0, "kommun": 1, "previous_wave": 2}


def _published(mean: FloatArray) -> FloatArray:
    """Means as published (1 decimal): differences are taken between these, so they add nothing."""
    return np.round(mean, 1)


def _published_test(diff: FloatArray, res: Difference) -> Difference:
    """The test of a published difference (of rounded means), with the SE and df of ``res``.

    Interval, p-value and verdict all come from the published difference. A p-value of the exact
    difference, printed to three decimals, would give it to a few hundredths of a point, and with
    the rounded means around it the mean of a hidden group (riket minus the shown counties) to a
    few points: on the example data Gotland's four vårdcentraler in 2025 to 7 points on the index.
    """
    return t_test(diff, res.se, res.df)


def _row(key: Key, measure: str, versus: str, res: Difference, at: Any, p_adj: float | None) -> Comparison:
    """A comparison as published: the difference of the published means, tested with the test's SE.

    The interval is centred on the published difference and the p-value is that difference's, so
    the exact means stay unpublished (the disclosure audit only has to reason about the published
    means); the interval's half-width is the test's.
    """
    diff = float(res.diff[at])
    low, high = clip_interval(np.asarray(res.ci_low[at]), np.asarray(res.ci_high[at]), -100.0, 100.0)
    p = float(res.p[at])
    decisive = p if p_adj is None else p_adj
    return Comparison(
        *key,
        measure=measure,
        versus=versus,
        diff=rnd(diff, 1),
        ci_low=rnd(low, 1),
        ci_high=rnd(high, 1),
        p=rnd(p, 3),
        verdict=str(verdicts(np.asarray(diff), np.asarray(decisive))),
        p_adjusted=None if p_adj is None else rnd(p_adj, 3),
    )


def _riket_tests(sc: Scored) -> tuple[Difference, BoolArray, FloatArray]:
    """County minus riket for every county cell, which are shown, and their BH-adjusted p-values.

    Benjamini–Hochberg runs per wave over the county–riket tests of the dimensions and the index
    (one family) and of the items (another family), so one wave's many tests do not produce
    "bättre"/"sämre" by chance.
    """
    c, hidden, n_lan = sc.cells, sc.suppressed, len(sc.grid.lans)
    riket = [a[:, n_lan : n_lan + 1] for a in (c.n, c.s, c.ss)]
    frame_c = frame_all = None
    if sc.frame is not None:
        frame_c, frame_all = sc.frame[None, :n_lan, :, None], sc.frame[None, n_lan:, :, None]
    county = (c.n[:, :n_lan], c.s[:, :n_lan], c.ss[:, :n_lan])
    exact = county_vs_riket(*county, *riket, frame_c=frame_c, frame_all=frame_all)
    with np.errstate(divide="ignore", invalid="ignore"):
        pub = _published(c.s / c.n)
    res = _published_test(pub[:, :n_lan] - pub[:, n_lan : n_lan + 1], exact)
    rest_n = riket[0] - c.n[:, :n_lan]
    ok = ~hidden[:, :n_lan] & ~hidden[:, n_lan:] & (c.n[:, :n_lan] >= 2) & (rest_n >= max(sc.options.min_n, 2))
    n_scales = len(sc.scoring.dimensions) + 1
    family = np.zeros(ok.shape, dtype=np.int64)
    family += np.arange(ok.shape[0])[:, None, None, None] * 2
    family[..., n_scales:] += 1
    p_adj = bh_adjust(np.where(ok, res.p, np.nan), family)
    return res, ok, p_adj


def comparisons(sc: Scored) -> tuple[Comparison, ...]:
    """Every comparison whose groups are both shown; sorted by group, measure and ``versus``."""
    c, grid, hidden = sc.cells, sc.grid, sc.suppressed
    n_lan, vc, km = len(grid.lans), TYPES.index("vardcentral"), TYPES.index("kommun")
    with np.errstate(divide="ignore", invalid="ignore"):
        pub = _published(c.s / c.n)
    vs_riket, ok_riket, p_adj = _riket_tests(sc)
    sides = [(c.n[:, :, t], c.s[:, :, t], c.ss[:, :, t]) for t in (vc, km)]
    exact_gap = welch_difference(*sides[0], *sides[1])
    gap = _published_test(pub[:, :, vc] - pub[:, :, km], exact_gap)
    ok_gap = ~hidden[:, :, vc] & ~hidden[:, :, km] & (c.n[:, :, vc] >= 2) & (c.n[:, :, km] >= 2)
    comparable = _comparable(sc)
    previous = _previous_tests(sc)

    rows: list[tuple[tuple[int, ...], Comparison]] = []
    for w, lan, t in grid.groups():
        key = grid.labels(w, lan, t)
        for m, measure in enumerate(grid.measures):
            if not grid.shows_measure(measure) or c.n[w, lan, t, m] == 0:
                continue
            order = (w, lan, t, m)
            if lan < n_lan and ok_riket[w, lan, t, m]:
                rows.append(((*order, 0), _row(key, measure, "riket", vs_riket, order, float(p_adj[order]))))
            if t == vc and ok_gap[w, lan, m]:
                rows.append(((*order, 1), _row(key, measure, "kommun", gap, (w, lan, m), None)))
            prev_row = _previous(sc, w, lan, t, m, comparable, previous)
            if prev_row is not None:
                rows.append(((*order, 2), prev_row))
    return tuple(row for _, row in sorted(rows, key=lambda r: r[0]))


def _previous_tests(sc: Scored) -> dict[int, Difference]:
    """Per wave with a previous wave: the matched comparison of every cell (``(lan + 1, typ + 1, k)``).

    Organisations in both waves are paired (the import's organisation key), the rest independent.
    With one unit per response (``--unit response``) there is no pairing: plain Welch. The test is
    of the published difference (see :func:`_published_test`).
    """
    grid, units, c = sc.grid, sc.units, sc.cells
    n_lan, n_typ = len(grid.lans), len(ORG_TYPES)
    with np.errstate(divide="ignore", invalid="ignore"):
        pub = _published(c.s / c.n)
    out: dict[int, Difference] = {}
    for w, wave in enumerate(grid.waves):
        prev = sc.previous.get(wave)
        if not sc.options.compare_previous or prev is None or prev not in grid.waves:
            continue
        p = grid.waves.index(prev)
        if sc.options.unit == "response":
            unmatched = welch_difference(c.n[w], c.s[w], c.ss[w], c.n[p], c.s[p], c.ss[p])
            out[w] = _published_test(pub[w] - pub[p], unmatched)
            continue
        group = units.lan * n_typ + units.typ
        sums = matched_units(units.org_id, units.wave, group, sc.unit_values, (w, p), n_lan * n_typ)
        totals = sums.map(lambda x: rollup(x, (1, n_lan, n_typ))[0])
        out[w] = _published_test(pub[w] - pub[p], matched_waves(totals))
    return out


def _previous(
    sc: Scored,
    w: int,
    lan: int,
    t: int,
    m: int,
    comparable: dict[tuple[str, str], bool],
    tests: dict[int, Difference],
) -> Comparison | None:
    grid, c = sc.grid, sc.cells
    wave = grid.waves[w]
    if w not in tests:
        return None
    p = grid.waves.index(sc.previous[wave])
    if c.n[p, lan, t, m] == 0:
        return None
    measure = grid.measures[m]
    key = grid.labels(w, lan, t)
    if not comparable[(wave, measure)]:
        return Comparison(*key, measure, "previous_wave", None, None, None, None, "ej_jamforbar")
    if sc.suppressed[w, lan, t, m] or sc.suppressed[p, lan, t, m] or min(c.n[w, lan, t, m], c.n[p, lan, t, m]) < 2:
        return None
    return _row(key, measure, "previous_wave", tests[w], (lan, t, m), None)


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
