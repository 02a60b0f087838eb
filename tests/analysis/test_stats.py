"""Statistics from sufficient statistics agree with scipy and pingouin."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin
import pytest
from scipy import stats as sps

from samverkan_cli.analysis.stats import cronbach_alpha, summarise, welch


def suff(x: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = np.asarray(x, dtype=float)
    return np.array([len(a)], float), np.array([a.sum()]), np.array([(a * a).sum()])


class TestSummarise:
    def test_known_values(self) -> None:
        """Mean 50, sd of (0, 50, 100) is 50, and the t CI uses 2 degrees of freedom."""
        s = summarise(*suff([0, 50, 100]))
        half = sps.t.ppf(0.975, 2) * 50 / np.sqrt(3)
        assert (s.mean[0], s.sd[0]) == (50.0, 50.0)
        assert (s.ci_low[0], s.ci_high[0]) == pytest.approx((50 - half, 50 + half))

    def test_ci_matches_scipy(self) -> None:
        """The interval equals scipy's t interval around the mean."""
        x = [12.5, 40.0, 66.7, 80.0, 100.0, 33.3, 55.0]
        s = summarise(*suff(x))
        low, high = sps.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=sps.sem(x))
        assert (s.ci_low[0], s.ci_high[0]) == pytest.approx((low, high))
        assert s.sd[0] == pytest.approx(np.std(x, ddof=1))

    def test_single_value_has_no_sd(self) -> None:
        """One unit has a mean but no sd or interval."""
        s = summarise(*suff([70.0]))
        assert s.mean[0] == 70.0 and np.isnan(s.sd[0]) and np.isnan(s.ci_low[0])


class TestWelch:
    def test_matches_ttest_ind(self) -> None:
        """Difference, CI and p equal scipy's Welch test."""
        a = [60.0, 70.0, 80.0, 90.0, 75.0, 65.0]
        b = [40.0, 55.0, 50.0, 70.0, 30.0, 45.0, 60.0, 52.0]
        w = welch(*suff(a), *suff(b))
        ref = sps.ttest_ind(a, b, equal_var=False)
        ci = ref.confidence_interval(0.95)
        assert w.diff[0] == pytest.approx(np.mean(a) - np.mean(b))
        assert w.p[0] == pytest.approx(ref.pvalue)
        assert (w.ci_low[0], w.ci_high[0]) == pytest.approx((ci.low, ci.high))


class TestCronbachAlpha:
    def test_matches_pingouin_listwise(self) -> None:
        """Alpha on complete rows equals pingouin's listwise alpha."""
        rng = np.random.default_rng(3)
        latent = rng.normal(size=40)
        m = np.column_stack([latent + rng.normal(scale=s, size=40) for s in (0.5, 0.8, 1.0, 1.2)])
        m[3, 1] = np.nan
        m[7, 2] = np.nan
        alpha, n = cronbach_alpha(m)
        ref, _ = pingouin.cronbach_alpha(pd.DataFrame(m), nan_policy="listwise")
        assert n == 38
        assert alpha == pytest.approx(ref)

    def test_known_value(self) -> None:
        """Two perfectly correlated items give alpha 1."""
        alpha, _ = cronbach_alpha(np.array([[0.0, 0.0], [50.0, 50.0], [100.0, 100.0]]))
        assert alpha == pytest.approx(1.0)
