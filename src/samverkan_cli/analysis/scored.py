"""The intermediate state every part of the analysis reads: cell arrays, grid and suppression.

It lives apart from :mod:`samverkan_cli.analysis.core` so the parts (comparisons, descriptives,
reliability, tables) import it downward and ``core`` imports the parts: no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samverkan_cli.analysis.grid import Grid
from samverkan_cli.analysis.groups import Cells, Units
from samverkan_cli.analysis.load import Data
from samverkan_cli.analysis.options import AnalysisOptions
from samverkan_cli.analysis.scoring import Scoring
from samverkan_cli.analysis.stats import Summary

__all__ = ["BoolArray", "FloatArray", "Scored"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Scored:
    """Intermediate state shared by the parts of the analysis.

    ``cells`` holds the per-cell sums (``n``/``s``/``ss``/``pos``); ``suppressed`` and ``primary``
    are the disclosure decision over them, made in one place (``core._score``).
    """

    data: Data
    grid: Grid
    scoring: Scoring
    units: Units
    unit_values: FloatArray  # units x measures
    cells: Cells
    summary: Summary
    suppressed: BoolArray
    primary: BoolArray
    previous: dict[str, str]
    options: AnalysisOptions
    frame: FloatArray | None = None  # register sizes (lan + 1, org_typ + 1), NaN where none; see tables.frame_array
