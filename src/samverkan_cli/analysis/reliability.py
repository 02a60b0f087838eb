"""Cronbach's alpha per dimension, over all selected waves (``wave = "alla"``) and per wave."""

from __future__ import annotations

from typing import Any

import numpy as np

from samverkan_cli.analysis.rows import Reliability, rnd
from samverkan_cli.analysis.scored import Scored
from samverkan_cli.analysis.stats import cronbach_alpha

__all__ = ["ALPHA_FLAG_BELOW", "reliability"]

ALPHA_FLAG_BELOW = 0.6


def reliability(sc: Scored) -> tuple[Reliability, ...]:
    """Alpha of each dimension's item scores over units with every item answered (listwise).

    Computed over all counties (it describes the instrument, not a county); alpha is null when
    fewer than ``min_n`` units are complete or the dimension has a single item.
    """
    scoring, grid, units = sc.scoring, sc.grid, sc.units
    offset = len(scoring.dimensions) + 1
    selected = [w for w, wave in enumerate(grid.waves) if wave in grid.out_waves]
    rows: list[Reliability] = []
    scopes: list[tuple[str, Any]] = [("alla", np.isin(units.wave, selected))]
    scopes += [(grid.waves[w], units.wave == w) for w in selected]
    for label, mask in scopes:
        for d, dim in enumerate(scoring.dimensions):
            if not grid.shows_measure(dim) and grid.out_measures is not None:
                continue
            cols = offset + np.flatnonzero(scoring.dimension_of == d)
            alpha, n = cronbach_alpha(sc.unit_values[np.ix_(mask, cols)])
            if n < sc.options.min_n:
                alpha = None
            rows.append(Reliability(label, dim, rnd(alpha, 3), n, alpha is not None and alpha < ALPHA_FLAG_BELOW))
    return tuple(rows)
