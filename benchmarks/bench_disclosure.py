"""Time the disclosure audit (plan_disclosure) on a grid the size of the demo, against the line rule.

2 waves x 21 counties x 3 types x 23 measures, seeded random means and shares, group sizes like the
example data (a few counties with 1-4 organisations of a type). Prints seconds and the ratio.
"""

from __future__ import annotations

import time

import numpy as np

from samverkan_cli.analysis.disclosure import audit, plan_disclosure
from samverkan_cli.analysis.suppression import suppress

WAVES, LANS, TYPES, MEASURES = 2, 21, 3, 23


def _grid(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    vc = rng.integers(12, 40, size=(WAVES, LANS))
    km = rng.integers(5, 15, size=(WAVES, LANS))
    vc[:, 0], vc[:, 11], km[:, 7], vc[:, 7], km[:, 8], vc[:, 8] = 160, 130, 1, 2, 2, 5
    km[:, 10] = 3
    base = np.stack([vc, km, np.zeros_like(vc)], axis=-1)[..., None].astype(float)
    n = np.repeat(base, MEASURES, axis=-1)
    means = rng.uniform(30, 80, n.shape)
    shares = rng.uniform(0.2, 0.9, n.shape)

    def totals(a: np.ndarray) -> np.ndarray:
        a = np.concatenate([a, a.sum(axis=2, keepdims=True)], axis=2)
        return np.concatenate([a, a.sum(axis=1, keepdims=True)], axis=1)

    return totals(n), totals(n * means), totals(n * shares)


def main() -> None:
    n, s, pos = _grid()
    start = time.perf_counter()
    for _ in range(10):
        old, _ = suppress(n.astype(np.int64), 5)
    line_rule = (time.perf_counter() - start) / 10
    start = time.perf_counter()
    plan = plan_disclosure(n, s, pos)
    planned = time.perf_counter() - start
    start = time.perf_counter()
    breaches = audit(n, s, pos, plan.suppressed)
    audited = time.perf_counter() - start
    print(f"line rule suppress():   {line_rule * 1000:8.2f} ms  hidden {int(old.sum())}")
    print(
        f"plan_disclosure():      {planned * 1000:8.2f} ms  hidden {int(plan.suppressed.sum())}"
        f" (primary {int(plan.primary.sum())}, complementary {int(plan.complementary.sum())})"
    )
    print(f"audit() of the plan:    {audited * 1000:8.2f} ms  breaches {len(breaches)}")
    print(f"ratio plan / line rule: {planned / line_rule:8.0f}x")


if __name__ == "__main__":
    main()
