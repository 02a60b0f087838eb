"""Item, dimension and index scores (SPEC 6.1-6.4), vectorised and driven by the codebook.

Every function works on a response x item matrix of scale values (NaN = not answered or a missing
label such as "Vet ej") and returns matrices with one row per response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument

__all__ = ["Scores", "Scoring", "score_responses"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Scoring:
    """The scoring rules of an instrument as arrays, one entry per scored item (codebook order)."""

    items: tuple[str, ...]
    dimensions: tuple[str, ...]
    low: FloatArray
    span: FloatArray
    reverse: npt.NDArray[np.bool_]
    positive_min: FloatArray
    dimension_of: npt.NDArray[np.intp]
    min_answered_share: float
    index_min_dimensions: int

    @classmethod
    def from_instrument(cls, instrument: Instrument) -> Scoring:
        items = instrument.scored_items
        dims = tuple(d.id for d in instrument.dimensions if instrument.items_of(d.id))
        return cls(
            items=tuple(i.id for i in items),
            dimensions=dims,
            low=np.array([i.scale.min_value for i in items], dtype=float),
            span=np.array([i.scale.max_value - i.scale.min_value for i in items], dtype=float),
            reverse=np.array([i.reverse for i in items], dtype=bool),
            positive_min=np.array(
                [i.scale.positive_min if i.scale.positive_min is not None else i.scale.max_value for i in items],
                dtype=float,
            ),
            dimension_of=np.array([dims.index(i.dimension or "") for i in items], dtype=np.intp),
            min_answered_share=instrument.min_answered_share,
            index_min_dimensions=instrument.index_min_dimensions,
        )

    @property
    def measures(self) -> tuple[str, ...]:
        """Measure ids in output order: dimensions, ``index``, items."""
        return (*self.dimensions, "index", *self.items)


@dataclass(frozen=True)
class Scores:
    """Per-response scores (0-100) and positive shares (0-1) for every measure, NaN when missing."""

    values: FloatArray
    positive: FloatArray


def _row_mean(values: FloatArray, min_count: float) -> tuple[FloatArray, FloatArray]:
    answered = ~np.isnan(values)
    count = answered.sum(axis=1).astype(float)
    total = np.where(answered, values, 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where((count >= min_count) & (count > 0), total / count, np.nan)
    return mean, count


def score_responses(raw: FloatArray, scoring: Scoring) -> Scores:
    """Score a response x item matrix of scale values into all measures (dimensions, index, items).

    >>> from samverkan_cli.instrument import load_instrument
    >>> s = Scoring.from_instrument(load_instrument(None))
    >>> raw = np.full((1, len(s.items)), np.nan); raw[0, s.items.index("R4")] = 4.0
    >>> float(score_responses(raw, s).values[0, s.measures.index("R4")])
    100.0
    """
    item_scores = (raw - scoring.low) / scoring.span * 100.0
    item_scores = np.where(scoring.reverse, 100.0 - item_scores, item_scores)
    item_pos = np.where(np.isnan(raw), np.nan, (item_scores >= _positive_score(scoring)).astype(float))

    n_resp, n_dims = raw.shape[0], len(scoring.dimensions)
    dim_scores = np.full((n_resp, n_dims), np.nan)
    dim_pos = np.full((n_resp, n_dims), np.nan)
    for d in range(n_dims):
        cols = np.flatnonzero(scoring.dimension_of == d)
        # "at least half of the dimension's items": compare counts, not rounded shares
        need = scoring.min_answered_share * len(cols) - 1e-9
        dim_scores[:, d], _ = _row_mean(item_scores[:, cols], need)
        share, _ = _row_mean(item_pos[:, cols], need)
        dim_pos[:, d] = share
    index, _ = _row_mean(dim_scores, scoring.index_min_dimensions)
    index_pos, _ = _row_mean(dim_pos, scoring.index_min_dimensions)
    values = np.column_stack([dim_scores, index, item_scores])
    positive = np.column_stack([dim_pos, index_pos, item_pos])
    return Scores(values, positive)


def _positive_score(scoring: Scoring) -> FloatArray:
    # By symmetry the threshold on the 0-100 score is the same for reverse items: top-two on a
    # reversed agree4 item means the two "disagree" labels. The epsilon absorbs float rounding.
    return (scoring.positive_min - scoring.low) / scoring.span * 100.0 - 1e-9
