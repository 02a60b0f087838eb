"""Disclosure control by audit: protection intervals of means and shares, determined counts, the plan."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.analysis.disclosure import (
    CountTable,
    DisclosureRules,
    audit,
    plan_disclosure,
    published_statistics,
)

VC, KOMMUN, ANNAN, ALLA = 0, 1, 2, 3
RULES = DisclosureRules()


def totals(base: np.ndarray) -> np.ndarray:
    """(wave, lan, typ, k) base cells with riket and alla added, like ``Cells``."""
    arr = np.concatenate([base, base.sum(axis=2, keepdims=True)], axis=2)
    return np.concatenate([arr, arr.sum(axis=1, keepdims=True)], axis=1)


def grid(sizes: list[list[int]], means: list[list[float]], share: float = 0.5) -> tuple[np.ndarray, ...]:
    """One wave, one measure: n per county x [vc, kommun, annan] and the cell means."""
    n = np.array(sizes, dtype=float)[None, :, :, None]
    m = np.array(means, dtype=float)[None, :, :, None]
    return totals(n), totals(n * m), totals(n * share)


# The example data's 2026 group sizes (vårdcentral, kommun) for 21 counties; Gotland and Blekinge as named.
SIZES_2026 = [
    [160, 19], [35, 7], [15, 8], [23, 11], [24, 12], [18, 6], [13, 10], [2, 1], [5, 2], [103, 24], [27, 3],
    [137, 42], [19, 10], [24, 11], [18, 8], [25, 12], [24, 8], [17, 5], [10, 6], [18, 14], [16, 13],
]  # fmt: skip
GOTLAND, BLEKINGE, HALLAND = 7, 8, 10


def blekinge_like(seed: int = 4) -> tuple[np.ndarray, ...]:
    """Issue 12's 2026 shape: Gotland (2 vc, 1 kommun), Blekinge (5 vc, 2 kommuner), Halland (27 vc, 3 kommuner)."""
    rng = np.random.default_rng(seed)
    sizes = np.array([[*row, 0] for row in SIZES_2026], dtype=float)
    n = sizes[None, :, :, None]
    means = rng.uniform(35, 75, n.shape)
    shares = rng.uniform(0.3, 0.8, n.shape)
    return totals(n), totals(n * means), totals(n * shares)


class TestPublishedStatistics:
    def test_rows_are_means_differences_and_gaps(self) -> None:
        """Shown cells give a mean row, shown county/riket pairs a difference, shown vc/kommun pairs a gap."""
        n, s, _ = grid([[10, 10, 0], [10, 10, 0]], [[50, 60, 0], [70, 80, 0]])
        shown = np.ones((3, 4), dtype=bool)
        pub = published_statistics(n[0, :, :, 0], s[0, :, :, 0], shown, riket_diff="riket")
        kinds = sorted(len(o) for o in pub.owners)
        assert kinds.count(1) == 9  # 3 lans (2 counties + riket) x (vc, kommun, alla) with n > 0
        assert kinds.count(2) == 6 + 3  # county - riket for 3 types x 2 counties, and 3 gaps
        x = np.array([500.0, 600.0, 700.0, 800.0])
        assert np.all(pub.low <= pub.coef @ x) and np.all(pub.coef @ x <= pub.high)

    def test_interval_is_half_a_rounding_unit(self) -> None:
        """A mean of 61.26 published to one decimal is known to lie in 61.25-61.35."""
        n, s, _ = grid([[10, 0, 0]], [[61.26, 0, 0]])
        pub = published_statistics(n[0, :, :, 0], s[0, :, :, 0], np.ones((2, 4), dtype=bool))
        assert np.allclose(pub.low[0], 61.25, atol=1e-5) and np.allclose(pub.high[0], 61.35, atol=1e-5)


class TestMagnitudeAudit:
    def test_lone_hidden_cell_under_shown_total_is_a_breach(self) -> None:
        """alla and vårdcentral shown pin the hidden kommun mean: the audit reports it."""
        n, s, pos = grid([[40, 2, 0], [40, 30, 0]], [[60, 20, 0], [50, 50, 0]])
        hidden = (n > 0) & (n < 5)
        breaches = audit(n, s, pos, hidden)
        assert {(b.kind, b.lan, b.typ) for b in breaches} >= {("mean", 0, KOMMUN), ("share", 0, KOMMUN)}
        mean = next(b for b in breaches if b.kind == "mean")
        assert mean.high - mean.low < 3.5  # only the rounding of the shown means is left

    def test_rounding_of_a_large_total_protects(self) -> None:
        """A cell of 1 in a column of 700: riket's rounding alone leaves it more than 20 points open."""
        n, s, pos = grid([[700, 0, 0], [1, 0, 0]], [[55, 0, 0], [90, 0, 0]])
        hidden = np.zeros_like(n, dtype=bool)
        hidden[0, 1, :, 0] = True  # the small county (vc and its alla)
        assert audit(n, s, pos, hidden) == []

    def test_small_column_is_not_protected_by_rounding(self) -> None:
        """The same cell of 1 next to a county of 20 is pinned by riket to a few points."""
        n, s, pos = grid([[20, 0, 0], [1, 0, 0]], [[55, 0, 0], [90, 0, 0]])
        hidden = np.zeros_like(n, dtype=bool)
        hidden[0, 1, :, 0] = True
        assert any(b.lan == 1 and b.kind == "mean" for b in audit(n, s, pos, hidden))


class TestPlan:
    def test_plan_passes_the_audit_where_the_line_rule_leaks(self) -> None:
        """Two tiny hidden siblings (2 + 2) leak through the rounded totals; the plan closes it."""
        n, s, pos = grid([[2, 2, 30], [30, 30, 30], [20, 20, 20]], [[10, 90, 50], [40, 60, 50], [55, 45, 50]])
        plan = plan_disclosure(n, s, pos)
        assert audit(n, s, pos, plan.suppressed) == []
        assert plan.primary[0, 0, VC, 0] and plan.primary[0, 0, KOMMUN, 0]
        assert (plan.complementary == (plan.suppressed & ~plan.primary)).all()

    def test_blekinge_vardcentral_stays_published(self) -> None:
        """Blekinge's vårdcentraler (5) are shown; its kommun and alla and all of Gotland are hidden."""
        n, s, pos = blekinge_like()
        plan = plan_disclosure(n, s, pos)
        gotland, blekinge = GOTLAND, BLEKINGE
        assert not plan.suppressed[0, blekinge, VC, 0]
        assert plan.suppressed[0, blekinge, KOMMUN, 0]
        assert plan.suppressed[0, gotland, [VC, KOMMUN, ALLA], 0].all()
        assert plan.suppressed[0, blekinge, ALLA, 0]
        assert audit(n, s, pos, plan.suppressed) == []

    def test_no_primary_cell_means_no_suppression(self) -> None:
        """Large cells everywhere: nothing is hidden and the audit is empty."""
        n, s, pos = grid([[10, 10, 0], [12, 9, 0]], [[50, 60, 0], [70, 80, 0]])
        plan = plan_disclosure(n, s, pos)
        assert not plan.suppressed.any() and audit(n, s, pos, plan.suppressed) == []


def yesno_table(ja: np.ndarray, nej: np.ndarray, measure: int | None = 0) -> CountTable:
    """Counts of Ja/Nej per county x type (one wave) as a scored yes/no item."""
    counts = totals(np.stack([ja, nej], axis=-1)[None].astype(float))
    return CountTable("R2", counts, (100.0, 0.0), measure=measure, positive=(True, False))


class TestCountAudit:
    def test_riket_by_type_counts_determine_a_hidden_count(self) -> None:
        """Riket by type minus the shown counties gives Gotland's kommun answer: the audit says so."""
        ja = np.array([[30, 8, 0], [25, 6, 0], [1, 1, 0]])
        nej = np.array([[10, 4, 0], [9, 5, 0], [1, 0, 0]])
        table = yesno_table(ja, nej, measure=None)
        n = totals((ja + nej)[None, :, :, None].astype(float))
        s, pos = totals((100.0 * ja)[None, :, :, None]), totals(ja[None, :, :, None].astype(float))
        hidden = (n > 0) & (n < 5)
        breaches = [b for b in audit(n, s, pos, hidden, [table]) if b.kind == "count"]
        assert any(b.lan == 2 and b.typ == KOMMUN for b in breaches)

    def test_plan_withholds_counts_until_nothing_is_determined(self) -> None:
        """A choice item (no mean published): count rows are withheld until nothing is determined."""
        ja = np.array([[30, 8, 0], [25, 6, 0], [1, 1, 0]])
        nej = np.array([[10, 4, 0], [9, 5, 0], [1, 0, 0]])
        table = yesno_table(ja, nej, measure=None)
        n = totals((ja + nej)[None, :, :, None].astype(float))
        s, pos = totals((100.0 * ja)[None, :, :, None]), totals(ja[None, :, :, None].astype(float))
        plan = plan_disclosure(n, s, pos, [table])
        assert audit(n, s, pos, plan.suppressed, [table], plan.withheld_counts) == []
        assert plan.withheld_counts
        assert all(key[3] == "R2" for key in plan.withheld_counts)


@st.composite
def small_grids(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """3-5 counties x 3 types, n in 0-30 with many 1-4, yes/no answers per cell."""
    lans = draw(st.integers(3, 5))
    sizes = st.one_of(st.integers(0, 4), st.integers(5, 30))
    n = np.array(draw(st.lists(sizes, min_size=lans * 3, max_size=lans * 3)), dtype=np.int64).reshape(lans, 3)
    frac = np.array(draw(st.lists(st.floats(0, 1), min_size=lans * 3, max_size=lans * 3))).reshape(lans, 3)
    ja = np.round(frac * n).astype(np.int64)
    return n, ja, n - ja, frac


class TestProperty:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(small_grids())
    def test_plan_always_passes_its_audit(self, g: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> None:
        """On random grids no primary mean or share is narrower than 20 points and no count is determined."""
        n_base, ja, nej, _ = g
        n = totals(n_base[None, :, :, None].astype(float))
        s = totals((100.0 * ja)[None, :, :, None].astype(float))
        pos = totals(ja[None, :, :, None].astype(float))
        table = yesno_table(ja, nej)
        plan = plan_disclosure(n, s, pos, [table])
        assert audit(n, s, pos, plan.suppressed, [table], plan.withheld_counts) == []
        assert (plan.suppressed >= plan.primary).all()
