"""Time the disclosure control: what it adds to an analysis, on the example data and on a random grid.

1. The example data (both waves, as ``samverkan demo`` imports it): ``analyze()`` end to end, and
   the publication plan inside it (LP audit for the scales, structural rule for item counts);
   prints the plan's seconds and its share of the analysis (issue 12: under 1 s).
2. A random grid the size of the demo (2 waves x 21 counties x 3 types x 23 measures) through the
   LP planner and the audit alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from samverkan_cli.analysis.disclosure import audit, plan_disclosure

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


def _example_project(root: Path) -> None:
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.matching import load_mapping
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    examples = Path(__file__).resolve().parents[1] / "examples"
    init_project(root)
    inst = load_instrument()
    mapping = load_mapping(examples / "mapping.toml", inst)
    with open_store(root / "samverkan.db") as store:
        for wave in ("2025", "2026"):
            import_files(store, inst, sorted((examples / "exports" / wave).iterdir()), wave, mapping=mapping)


def example_data() -> None:
    from samverkan_cli.analysis import AnalysisOptions, analyze, core, publication
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    inst = load_instrument()
    with tempfile.TemporaryDirectory() as tmp:
        _example_project(Path(tmp))
        with open_store(Path(tmp) / "samverkan.db") as store:
            timed: list[float] = []
            original = publication.plan_publication

            def plan(*args: object, **kwargs: object) -> publication.Publication:
                start = time.perf_counter()
                out = original(*args, **kwargs)  # type: ignore[arg-type]
                timed.append(time.perf_counter() - start)
                return out

            core.plan_publication = plan  # type: ignore[assignment]
            try:
                runs = []
                for _ in range(3):
                    start = time.perf_counter()
                    analyze(store, inst, AnalysisOptions())
                    runs.append(time.perf_counter() - start)
            finally:
                core.plan_publication = original
    whole, planned = sorted(runs)[1], sorted(timed)[1]
    print(
        f"example data: analyze() {whole:6.2f} s, of which the publication plan {planned:6.3f} s"
        f" ({planned / whole:.0%}; goal: under 1 s)"
    )


def main() -> None:
    example_data()
    n, s, pos = _grid()
    start = time.perf_counter()
    plan = plan_disclosure(n, s, pos)
    planned = time.perf_counter() - start
    start = time.perf_counter()
    breaches = audit(n, s, pos, plan.suppressed)
    audited = time.perf_counter() - start
    print(
        f"plan_disclosure():      {planned * 1000:8.2f} ms  hidden {int(plan.suppressed.sum())}"
        f" (primary {int(plan.primary.sum())}, complementary {int(plan.complementary.sum())})"
    )
    print(f"audit() of the plan:    {audited * 1000:8.2f} ms  breaches {len(breaches)}")


if __name__ == "__main__":
    main()
