"""Inference for comparisons agrees with hand-computed cases and with scipy/statsmodels references."""

from __future__ import annotations

import string

import numpy as np
import pytest
from scipy import stats as sps

from samverkan_cli.analysis import inference as inf
from samverkan_cli.analysis.stats import summarise, welch


def suff(x: list[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = np.asarray(x, dtype=float)
    return np.array([len(a)], float), np.array([a.sum()]), np.array([(a * a).sum()])


def add(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


COUNTY = [40.0, 60.0, 80.0]  # mean 60, sd 20
REST = [20.0, 30.0, 40.0, 50.0]  # mean 35, variance 500/3


class TestCountyVsRiket:
    def test_hand_computed(self) -> None:
        """Diff is mean_c − mean_riket = 60 − 320/7, SE is 4/7 of the county-vs-rest Welch SE."""
        c = suff(COUNTY)
        res = inf.county_vs_riket(*c, *add(c, suff(REST)))
        assert res.diff[0] == pytest.approx(60 - 320 / 7)
        assert res.diff[0] == pytest.approx(4 / 7 * 25)
        assert res.se[0] == pytest.approx(4 / 7 * np.sqrt(400 / 3 + 500 / 3 / 4))
        df = (400 / 3 + 125 / 3) ** 2 / ((400 / 3) ** 2 / 2 + (125 / 3) ** 2 / 3)
        assert res.df[0] == pytest.approx(df)

    def test_scaled_welch_against_scipy(self) -> None:
        """CI bounds are scipy's Welch interval of county vs rest times (1 − n_c/N), p is unchanged."""
        c = suff(COUNTY)
        res = inf.county_vs_riket(*c, *add(c, suff(REST)))
        ref = sps.ttest_ind(COUNTY, REST, equal_var=False)
        ci = ref.confidence_interval(0.95)
        assert res.p[0] == pytest.approx(ref.pvalue)
        assert (res.ci_low[0], res.ci_high[0]) == pytest.approx((4 / 7 * ci.low, 4 / 7 * ci.high))

    def test_diff_equals_printed_means(self) -> None:
        """The difference is exactly county mean minus riket mean over every county of a grid."""
        rng = np.random.default_rng(3)
        n = rng.integers(2, 40, size=(2, 21, 3, 5)).astype(float)
        s = n * rng.uniform(20, 80, size=n.shape)
        ss = s * s / n + (n - 1) * rng.uniform(50, 600, size=n.shape)
        res = inf.county_vs_riket(n, s, ss, n.sum(1, keepdims=True), s.sum(1, keepdims=True), ss.sum(1, keepdims=True))
        expected = s / n - s.sum(1, keepdims=True) / n.sum(1, keepdims=True)
        np.testing.assert_allclose(res.diff, expected, rtol=0, atol=1e-12)
        old = welch(n, s, ss, n.sum(1, keepdims=True) - n, s.sum(1, keepdims=True) - s, ss.sum(1, keepdims=True) - ss)
        np.testing.assert_allclose(res.p, old.p, rtol=1e-9)
        assert res.diff.shape == (2, 21, 3, 5)

    def test_finite_population_correction(self) -> None:
        """With frames each group's variance is multiplied by (N − n)/N, the rest's frame being N_all − N_c."""
        c, r = suff(COUNTY), suff(REST)
        res = inf.county_vs_riket(*c, *add(c, r), frame_c=np.array([6.0]), frame_all=np.array([14.0]))
        a = 400 / 3 * (6 - 3) / 6
        b = 500 / 3 / 4 * (8 - 4) / 8
        assert res.se[0] == pytest.approx(4 / 7 * np.sqrt(a + b))
        assert res.df[0] == pytest.approx((a + b) ** 2 / (a * a / 2 + b * b / 3))

    def test_census_is_exact(self) -> None:
        """When every unit of both frames answered, the difference has no uncertainty and p is 0."""
        c = suff(COUNTY)
        res = inf.county_vs_riket(*c, *add(c, suff(REST)), frame_c=np.array([3.0]), frame_all=np.array([7.0]))
        assert res.se[0] == 0 and res.p[0] == 0 and res.ci_low[0] == res.ci_high[0] == res.diff[0]

    def test_too_small_rest_is_nan(self) -> None:
        """A rest of one unit has no variance: SE and p are NaN."""
        c = suff(COUNTY)
        res = inf.county_vs_riket(*c, *add(c, suff([50.0])))
        assert np.isnan(res.se[0]) and np.isnan(res.p[0])


class TestBhAdjust:
    def test_hand_computed(self) -> None:
        """p (0.01, 0.04, 0.03, 0.005) adjust to (0.02, 0.04, 0.04, 0.02)."""
        out = inf.bh_adjust([0.01, 0.04, 0.03, 0.005])
        np.testing.assert_allclose(out, [0.02, 0.04, 0.04, 0.02])

    def test_step_up_keeps_order(self) -> None:
        """The smaller p is lowered to the larger one's adjusted value (0.02 → 0.012)."""
        np.testing.assert_allclose(inf.bh_adjust([0.01, 0.012]), [0.012, 0.012])

    def test_nan_ignored_and_kept(self) -> None:
        """NaN does not count towards m and stays NaN, in the input's shape."""
        out = inf.bh_adjust(np.array([[0.01, np.nan], [0.04, 0.03]]))
        assert out.shape == (2, 2) and np.isnan(out[0, 1])
        np.testing.assert_allclose(out[[0, 1, 1], [0, 0, 1]], [0.03, 0.04, 0.04])

    def test_matches_statsmodels(self) -> None:
        """Random p-values give statsmodels' fdr_bh adjustment, monotone in p and at most 1."""
        multitest = pytest.importorskip("statsmodels.stats.multitest")
        p = np.random.default_rng(7).uniform(0, 1, 275) ** 3
        out = inf.bh_adjust(p)
        np.testing.assert_allclose(out, multitest.multipletests(p, method="fdr_bh")[1], rtol=1e-12)
        order = np.argsort(p)
        assert np.all(np.diff(out[order]) >= 0) and out.max() <= 1

    def test_families_adjust_separately(self) -> None:
        """With a family per wave, each wave is adjusted as if alone."""
        multitest = pytest.importorskip("statsmodels.stats.multitest")
        rng = np.random.default_rng(8)
        p = rng.uniform(0, 0.2, size=(2, 30))
        wave = np.repeat([[0], [1]], 30, axis=1)
        out = inf.bh_adjust(p, wave)
        for w in (0, 1):
            np.testing.assert_allclose(out[w], multitest.multipletests(p[w], method="fdr_bh")[1])

    def test_family_shape_checked(self) -> None:
        """A family array of another shape is refused."""
        with pytest.raises(ValueError, match="shape"):
            inf.bh_adjust([0.1, 0.2], [0])


class TestVerdicts:
    def test_sign_and_threshold(self) -> None:
        """Below alpha the sign decides; at or above alpha, or NaN, it is i_niva."""
        out = inf.verdicts([2.0, -1.0, 3.0, -3.0, 1.0], [0.01, 0.049, 0.05, np.nan, 0.2])
        assert out.tolist() == ["battre", "samre", "i_niva", "i_niva", "i_niva"]


def matched_reference(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Partially overlapping samples t-test (Derrick, Toher & White 2017) written out from raw values."""
    x, y = a[~np.isnan(a)], b[~np.isnan(b)]
    both = ~np.isnan(a) & ~np.isnan(b)
    n1, n2, n12 = len(x), len(y), int(both.sum())
    s1, s2 = np.std(x, ddof=1), np.std(y, ddof=1)
    r = 0.0
    if n12 >= 2 and np.std(a[both]) > 0 and np.std(b[both]) > 0:
        r = float(np.corrcoef(a[both], b[both])[0, 1])
    se = np.sqrt(s1**2 / n1 + s2**2 / n2 - 2 * r * n12 * s1 * s2 / (n1 * n2))
    gamma = (s1**2 / n1 + s2**2 / n2) ** 2 / ((s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1))
    na, nb = n1 - n12, n2 - n12
    df = (n12 - 1) + (gamma - n12 + 1) * (na + nb) / (na + nb + 2 * n12)
    return float(x.mean() - y.mean()), float(se), float(df)


def one_group(a: list[float], b: list[float]) -> inf.MatchedSums:
    col_a, col_b = np.asarray(a)[:, None], np.asarray(b)[:, None]
    return inf.matched_sums(col_a, col_b, np.zeros(len(a), dtype=np.int64), 1)


NAN = float("nan")


class TestMatchedWaves:
    def test_no_pairs_is_welch(self) -> None:
        """With no organisation in both waves the result is Welch's test."""
        a = [*COUNTY, NAN, NAN, NAN, NAN]
        b = [NAN, NAN, NAN, *REST]
        res = inf.matched_waves(one_group(a, b))
        ref = welch(*suff(COUNTY), *suff(REST))
        for field in ("diff", "ci_low", "ci_high", "p"):
            assert getattr(res, field)[0, 0] == pytest.approx(getattr(ref, field)[0])

    def test_all_paired_is_paired_t(self) -> None:
        """With every organisation in both waves it is scipy's ttest_rel: diff, CI and p."""
        a = [55.0, 70.0, 40.0, 90.0, 62.5, 48.0]
        b = [50.0, 72.0, 30.0, 80.0, 60.0, 41.0]
        res = inf.matched_waves(one_group(a, b))
        ref = sps.ttest_rel(a, b)
        ci = ref.confidence_interval(0.95)
        assert res.diff[0, 0] == pytest.approx(np.mean(a) - np.mean(b))
        assert (res.ci_low[0, 0], res.ci_high[0, 0]) == pytest.approx((ci.low, ci.high))
        assert res.p[0, 0] == pytest.approx(ref.pvalue)
        assert res.df[0, 0] == pytest.approx(5)

    def test_partial_overlap_matches_reference(self) -> None:
        """Derrick et al.'s example data give the test written out from the raw values."""
        a = [20, 21, 16, 18, 14, 12, 14, 17] + [NAN] * 8 + [14, 15, 18, 20, 11, 19, 14, 15]
        b = [NAN] * 8 + [10, 16, 18, 16, 15, 14, 13, 10] + [15, 10, 15, 17, 13, 19, 12, 13]
        res = inf.matched_waves(one_group(a, b))
        diff, se, df = matched_reference(np.array(a, float), np.array(b, float))
        assert (res.diff[0, 0], res.se[0, 0], res.df[0, 0]) == pytest.approx((diff, se, df))
        assert res.p[0, 0] == pytest.approx(2 * sps.t.sf(abs(diff / se), df))

    def test_hand_computed_variance(self) -> None:
        """Two pairs with r = 1 reduce the Welch variance by 2·n_p·s_a·s_b/(n_a·n_b)."""
        a = [0.0, 100.0, 50.0, 50.0]
        b = [0.0, 100.0, NAN, NAN]
        res = inf.matched_waves(one_group(a, b))
        var_a, var_b = 5000 / 3, 5000.0
        expected = var_a / 4 + var_b / 2 - 2 * 2 * np.sqrt(var_a * var_b) / (4 * 2)
        assert res.se[0, 0] ** 2 == pytest.approx(expected)
        assert res.diff[0, 0] == pytest.approx(0.0)

    def test_variance_never_negative(self) -> None:
        """Strongly spread pairs among flat unpaired values still give a positive variance."""
        same = [0.0, 100.0, *[50.0] * 8]
        a2 = [*same, *[NAN] * 8]
        b2 = [0.0, 100.0, *[NAN] * 8, *[50.0] * 8]
        res = inf.matched_waves(one_group(a2, b2))
        var = 5000 / 9
        assert res.se[0, 0] ** 2 == pytest.approx(2 * var / 10 - 2 * 2 * var / 100)
        assert inf.matched_waves(one_group(same, same)).se[0, 0] == 0  # identical waves: exact

    def test_vectorised_over_groups_and_measures(self) -> None:
        """Thousands of groups × measures in one call agree with the per-group reference."""
        rng = np.random.default_rng(11)
        orgs, k, cells = 6000, 3, 2000
        cell = rng.integers(0, cells, orgs)
        base = rng.uniform(20, 90, (orgs, 1))
        a = np.clip(base + rng.normal(0, 10, (orgs, k)), 0, 100)
        b = np.clip(base + rng.normal(0, 10, (orgs, k)), 0, 100)
        a[rng.uniform(size=(orgs, k)) < 0.3] = np.nan
        b[rng.uniform(size=(orgs, k)) < 0.3] = np.nan
        res = inf.matched_waves(inf.matched_sums(a, b, cell, cells))
        assert res.diff.shape == (cells, k)
        for c in rng.choice(cells, 40, replace=False):
            rows = cell == c
            for j in range(k):
                if min((~np.isnan(a[rows, j])).sum(), (~np.isnan(b[rows, j])).sum()) < 2:
                    continue
                diff, se, df = matched_reference(a[rows, j], b[rows, j])
                assert (res.diff[c, j], res.se[c, j], res.df[c, j]) == pytest.approx((diff, se, df), rel=1e-7)


class TestMatchedSums:
    def test_sums_by_loop(self) -> None:
        """Counts and sums equal a loop over organisations; a group change breaks the pair."""
        a = np.array([[10.0, NAN], [20.0, 5.0], [30.0, 6.0], [40.0, 7.0]])
        b = np.array([[11.0, 1.0], [NAN, 2.0], [33.0, 3.0], [44.0, 4.0]])
        cell_a = np.array([0, 0, 1, 1])
        cell_b = np.array([0, 0, 1, 0])  # organisation 3 moved to group 0 in wave B
        m = inf.matched_sums(a, b, cell_a, 2, cell_b)
        np.testing.assert_array_equal(m.n_a, [[2, 1], [2, 2]])
        np.testing.assert_array_equal(m.n_b, [[2, 3], [1, 1]])
        np.testing.assert_array_equal(m.s_b, [[55, 7], [33, 3]])
        np.testing.assert_array_equal(m.n_p, [[1, 1], [1, 1]])
        np.testing.assert_array_equal(m.sab_p, [[110, 10], [990, 18]])
        np.testing.assert_array_equal(m.sbb_p, [[121, 4], [1089, 9]])

    def test_map_applies_to_every_field(self) -> None:
        """``map`` rolls every array up alike, e.g. to a total over groups."""
        m = one_group([1.0, 2.0], [3.0, NAN]).map(lambda x: x * 2)
        assert (m.n_a[0, 0], m.s_b[0, 0], m.n_p[0, 0]) == (4, 6, 2)


class TestMatchedUnits:
    def test_units_matched_on_org_id(self) -> None:
        """Unit rows of two waves give the same sums as rows aligned by organisation by hand."""
        org = np.array([7, 3, 9, 3, 7, 5])
        wave = np.array([0, 0, 0, 1, 1, 1])
        group = np.array([0, 1, 1, 1, 0, 0])
        values = np.array([[10.0], [20.0], [30.0], [22.0], [NAN], [50.0]])
        m = inf.matched_units(org, wave, group, values, (1, 0), 2)
        # Orgs sorted 3, 5, 7, 9; A = wave 1, B = wave 0.
        ref = inf.matched_sums(
            np.array([[22.0], [50.0], [NAN], [NAN]]),
            np.array([[20.0], [NAN], [10.0], [30.0]]),
            np.array([1, 0, 0, 1]),
            2,
        )
        for field in ("n_a", "s_a", "n_b", "s_b", "n_p", "sab_p"):
            np.testing.assert_array_equal(getattr(m, field), getattr(ref, field))
        assert m.n_p[1, 0] == 1 and m.sab_p[1, 0] == 440

    def test_repeated_organisation_refused(self) -> None:
        """Response units (an organisation twice in a wave) cannot be matched."""
        with pytest.raises(ValueError, match="one unit per organisation"):
            inf.matched_units(np.array([1, 1]), np.array([0, 0]), np.array([0, 0]), np.ones((2, 1)), (0, 1), 1)


class TestFrame:
    def test_fpc_hand_computed(self) -> None:
        """10 of 40 gives √(30/40); an unknown or too small frame gives 1."""
        np.testing.assert_allclose(inf.fpc([10, 10, 10, 5], [40, np.nan, 8, 5]), [np.sqrt(0.75), 1, 1, 0])

    def test_without_frame_equals_summarise(self) -> None:
        """No frame reproduces stats.summarise exactly."""
        x = suff([12.5, 40.0, 66.7, 80.0, 100.0])
        est, ref = inf.frame_summary(*x), summarise(*x)
        for field in ("mean", "sd", "ci_low", "ci_high"):
            assert getattr(est, field)[0] == pytest.approx(getattr(ref, field)[0])

    def test_frame_narrows_interval(self) -> None:
        """5 of 8 units: SE = sd/√5·√(3/8), t with 4 df."""
        x = [12.5, 40.0, 66.7, 80.0, 100.0]
        est = inf.frame_summary(*suff(x), frame=np.array([8.0]))
        se = np.std(x, ddof=1) / np.sqrt(5) * np.sqrt(3 / 8)
        assert est.se[0] == pytest.approx(se)
        assert est.ci_high[0] - est.mean[0] == pytest.approx(sps.t.ppf(0.975, 4) * se)

    def test_census_of_one(self) -> None:
        """One unit out of one is known exactly: the interval is the value."""
        est = inf.frame_summary(*suff([70.0]), frame=np.array([1.0]))
        assert (est.se[0], est.ci_low[0], est.ci_high[0]) == (0.0, 70.0, 70.0)


def strata(groups: list[list[float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sums = [suff(g) if g else (np.zeros(1), np.zeros(1), np.zeros(1)) for g in groups]
    return tuple(np.concatenate([s[i] for s in sums]) for i in range(3))  # type: ignore[return-value]


VC, KOMMUN, ANNAN = [60.0, 80.0], [20.0, 40.0, 30.0], [100.0]


class TestPostStratified:
    def test_hand_computed(self) -> None:
        """W = (0.4, 0.6): mean 46, variance 8 + 6 = 14, df 196/82; annan is left out."""
        res = inf.post_stratified(*strata([VC, KOMMUN, ANNAN]), frame=np.array([4.0, 6.0, np.nan]))
        assert bool(res.weighted) and res.mean == pytest.approx(46.0)
        assert res.se == pytest.approx(np.sqrt(14.0))
        assert res.df == pytest.approx(196 / 82)
        assert res.ci_high - res.mean == pytest.approx(sps.t.ppf(0.975, 196 / 82) * np.sqrt(14.0))
        assert res.n == 5

    def test_census_stratum_adds_no_variance(self) -> None:
        """A stratum where every unit answered (Gotland's one kommun) contributes only its mean."""
        res = inf.post_stratified(*strata([VC, [30.0], []]), frame=np.array([4.0, 1.0, np.nan]))
        assert res.mean == pytest.approx(0.8 * 70 + 0.2 * 30)
        assert res.se == pytest.approx(np.sqrt(0.64 * 0.5 * 100))

    def test_missing_stratum_falls_back(self) -> None:
        """A register type with no respondents gives the plain mean over all strata, not weighted."""
        res = inf.post_stratified(*strata([VC, [], ANNAN]), frame=np.array([4.0, 6.0, np.nan]))
        plain = summarise(*suff(VC + ANNAN))
        assert not bool(res.weighted)
        assert (res.mean, res.ci_low, res.ci_high) == pytest.approx((plain.mean[0], plain.ci_low[0], plain.ci_high[0]))

    def test_single_of_several_falls_back(self) -> None:
        """One respondent out of several in a stratum has no variance: not weighted."""
        res = inf.post_stratified(*strata([VC, [30.0], []]), frame=np.array([4.0, 3.0, np.nan]))
        assert not bool(res.weighted)

    def test_no_frame_is_plain(self) -> None:
        """Without any frame it is the ordinary alla mean and interval."""
        res = inf.post_stratified(*strata([VC, KOMMUN, ANNAN]), frame=np.full(3, np.nan))
        plain = summarise(*suff(VC + KOMMUN + ANNAN))
        assert not bool(res.weighted) and res.mean == pytest.approx(plain.mean[0])

    def test_vectorised_matches_loop(self) -> None:
        """Counties × strata in one call agree with a loop of the stratified formulas."""
        rng = np.random.default_rng(5)
        n = rng.integers(2, 30, size=(21, 3)).astype(float)
        s = n * rng.uniform(20, 80, n.shape)
        ss = s * s / n + (n - 1) * rng.uniform(50, 500, n.shape)
        frame = np.column_stack([n[:, 0] + rng.integers(0, 20, 21), n[:, 1] + rng.integers(0, 20, 21)])
        frame = np.column_stack([frame, np.full(21, np.nan)])
        res = inf.post_stratified(n, s, ss, frame)
        for c in range(21):
            w = frame[c, :2] / frame[c, :2].sum()
            means = s[c, :2] / n[c, :2]
            var = (ss[c, :2] - s[c, :2] ** 2 / n[c, :2]) / (n[c, :2] - 1)
            v = w**2 * (1 - n[c, :2] / frame[c, :2]) * var / n[c, :2]
            assert res.mean[c] == pytest.approx(float(w @ means))
            assert res.se[c] == pytest.approx(np.sqrt(v.sum()))
            assert res.df[c] == pytest.approx(v.sum() ** 2 / (v**2 / (n[c, :2] - 1)).sum())
        assert res.weighted.all()


class TestIntervals:
    def test_wilson_hand_computed(self) -> None:
        """0 of 10 gives (0, z²/(10 + z²)) and 5 of 10 is symmetric around 0.5."""
        z = sps.norm.ppf(0.975)
        low, high = inf.wilson([0.0, 0.5], [10, 10])
        assert (low[0], high[0]) == pytest.approx((0.0, z * z / (10 + z * z)))
        assert low[1] + high[1] == pytest.approx(1.0)

    def test_wilson_matches_statsmodels(self) -> None:
        """Every count of n = 1..30 gives statsmodels' Wilson interval, inside 0–1."""
        proportion = pytest.importorskip("statsmodels.stats.proportion")
        n = np.repeat(np.arange(1, 31), 31)
        k = np.tile(np.arange(31), 30)
        keep = k <= n
        n, k = n[keep], k[keep]
        low, high = inf.wilson(k / n, n)
        ref_low, ref_high = proportion.proportion_confint(k, n, method="wilson")
        np.testing.assert_allclose(low, ref_low, atol=1e-12)
        np.testing.assert_allclose(high, ref_high, atol=1e-12)
        assert low.min() >= 0 and high.max() <= 1

    def test_wilson_without_units_is_nan(self) -> None:
        """A share of no units has no interval."""
        low, high = inf.wilson([0.5], [0])
        assert np.isnan(low[0]) and np.isnan(high[0])

    def test_clip_interval(self) -> None:
        """Bounds outside 0–100 are cut, inside ones and NaN are kept."""
        low, high = inf.clip_interval([-3.0, 10.0, np.nan], [90.0, 104.0, np.nan])
        assert low[:2].tolist() == [0.0, 10.0] and high[:2].tolist() == [90.0, 100.0]
        assert np.isnan(low[2]) and np.isnan(high[2])


class TestMethodText:
    MESSAGES = (
        inf.METHOD_VS_RIKET,
        inf.METHOD_MULTIPLE,
        inf.METHOD_WAVES,
        inf.METHOD_FRAME,
        inf.METHOD_NO_FRAME,
        inf.METHOD_INTERVALS,
    )

    @staticmethod
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    def test_same_placeholders(self) -> None:
        """Swedish and English use the same placeholders and render with level and q."""
        for msg in self.MESSAGES:
            assert self.fields(msg.sv) == self.fields(msg.en)
            assert self.fields(msg.sv) <= {"level", "q"}
            for lang in ("sv", "en"):
                assert "{" not in msg.render(lang, level=95, q=5)

    def test_swedish_first(self) -> None:
        """The Swedish text is the first field and reads Swedish."""
        assert "riket" in inf.METHOD_VS_RIKET.sv and "Benjamini–Hochberg" in inf.METHOD_MULTIPLE.sv
        assert "Wilson" in inf.METHOD_INTERVALS.sv and "mätomgång" in inf.METHOD_WAVES.sv
