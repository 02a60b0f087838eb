"""Units of analysis and group sums per wave x lan x org_typ, with the riket and alla totals.

Cell arrays are shaped ``(wave, lan + 1, org_typ + 1, k)``: position ``-1`` on the lan axis is
riket, on the org_typ axis alla. Totals are sums of sufficient statistics, so every group is
computed from the same base cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samverkan_cli.analysis.load import ORG_TYPES, Data

__all__ = ["Cells", "Shares", "Units", "cell_sums", "long_shares", "make_units", "rollup", "unique_counts", "unit_mean"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Units:
    """One row per unit (organisation x wave, or response) and the unit of every response."""

    wave: IntArray
    lan: IntArray
    typ: IntArray
    org_id: IntArray
    kommun: npt.NDArray[np.object_]
    of_response: IntArray
    shape: tuple[int, int, int]  # waves, lans, org types

    @property
    def count(self) -> int:
        return len(self.wave)

    @property
    def cell(self) -> IntArray:
        """Flat base-cell index (wave, lan, org_typ) of every unit."""
        _, n_lan, n_typ = self.shape
        return (self.wave * n_lan + self.lan) * n_typ + self.typ


def make_units(data: Data, unit: str) -> Units:
    """Group responses into units: organisations within a wave (default) or single responses."""
    if unit == "response":
        first = np.arange(len(data.response_id), dtype=np.int64)
        inverse = first
    else:
        key = data.wave * (int(data.org_id.max(initial=0)) + 1) + data.org_id
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return Units(
        wave=data.wave[first],
        lan=data.lan[first],
        typ=data.typ[first],
        org_id=data.org_id[first],
        kommun=data.kommun[first],
        of_response=np.asarray(inverse, dtype=np.int64).reshape(-1),
        shape=(len(data.waves), len(data.lans), len(ORG_TYPES)),
    )


def unit_mean(matrix: FloatArray, units: Units) -> FloatArray:
    """Mean per unit of each column, ignoring NaN (NaN when a unit has no value)."""
    out = np.full((units.count, matrix.shape[1]), np.nan)
    idx = units.of_response
    for k in range(matrix.shape[1]):
        col = matrix[:, k]
        ok = ~np.isnan(col)
        cnt = np.bincount(idx[ok], minlength=units.count)
        tot = np.bincount(idx[ok], weights=col[ok], minlength=units.count)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[:, k] = np.where(cnt > 0, tot / cnt, np.nan)
    return out


def rollup(base: npt.NDArray[np.float64], shape: tuple[int, int, int]) -> FloatArray:
    """Add riket (sum over lan) and alla (sum over org_typ) to flat base cells ``(cells, k)``."""
    w, n_lan, n_typ = shape
    arr = base.reshape(w, n_lan, n_typ, -1)
    arr = np.concatenate([arr, arr.sum(axis=2, keepdims=True)], axis=2)
    return np.concatenate([arr, arr.sum(axis=1, keepdims=True)], axis=1)


@dataclass(frozen=True)
class Cells:
    """Sufficient statistics per cell and column: count, sum, sum of squares, sum of positives."""

    n: FloatArray
    s: FloatArray
    ss: FloatArray
    pos: FloatArray


def cell_sums(values: FloatArray, positive: FloatArray, units: Units) -> Cells:
    """Group sums of unit values (units x k) for every wave x lan x org_typ cell and the totals."""
    cells = int(np.prod(units.shape))
    cell = units.cell
    k = values.shape[1]
    n = np.zeros((cells, k))
    s = np.zeros((cells, k))
    ss = np.zeros((cells, k))
    pos = np.zeros((cells, k))
    for j in range(k):
        ok = ~np.isnan(values[:, j])
        c, v = cell[ok], values[ok, j]
        n[:, j] = np.bincount(c, minlength=cells)
        s[:, j] = np.bincount(c, weights=v, minlength=cells)
        ss[:, j] = np.bincount(c, weights=v * v, minlength=cells)
        p = positive[ok, j]
        pos[:, j] = np.bincount(c, weights=np.nan_to_num(p), minlength=cells)
    return Cells(*(rollup(a, units.shape) for a in (n, s, ss, pos)))


def unique_counts(keys: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct keys and their counts (a sort is much faster than numpy's hash path here)."""
    ordered = np.sort(keys, kind="stable")
    if len(ordered) == 0:
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    counts = np.diff(np.append(starts, len(ordered)))
    return ordered[starts], counts.astype(np.int64)


@dataclass(frozen=True)
class Shares:
    """Unit-weighted shares per cell and column, with units answering and response counts."""

    n: FloatArray  # units that answered the column's item
    share_sum: FloatArray  # sum over those units of the unit's share choosing the column
    count: FloatArray  # responses choosing the column


def long_shares(
    resp: IntArray,
    col: IntArray,
    answered_resp: IntArray,
    answered_item: IntArray,
    item_of_col: IntArray,
    units: Units,
) -> Shares:
    """Shares of units choosing each column (an option or a label) from long (response, column) pairs.

    ``answered_resp``/``answered_item`` list each (response, item) that was answered once. A unit's
    share is the fraction of its answering responses that chose the column; a cell's share is the
    mean of its units' shares, so every organisation weighs the same.
    """
    k, n_items = len(item_of_col), int(item_of_col.max(initial=-1)) + 1
    cells = int(np.prod(units.shape))
    unit_of = units.of_response
    ui_keys, ui_counts = unique_counts(unit_of[answered_resp] * n_items + answered_item)
    uc_keys, uc_counts = unique_counts(unit_of[resp] * k + col)
    u, c = uc_keys // k, uc_keys % k
    denom = ui_counts[np.searchsorted(ui_keys, u * n_items + item_of_col[c])]
    share_sum = np.bincount(units.cell[u] * k + c, weights=uc_counts / denom, minlength=cells * k)
    n_item = np.bincount(units.cell[ui_keys // n_items] * n_items + ui_keys % n_items, minlength=cells * n_items)
    n = n_item.reshape(cells, n_items)[:, item_of_col]
    resp_cell = units.cell[unit_of[resp]]
    count = np.bincount(resp_cell * k + col, minlength=cells * k)
    return Shares(
        n=rollup(n.astype(np.float64), units.shape),
        share_sum=rollup(share_sum.reshape(cells, k).astype(np.float64), units.shape),
        count=rollup(count.reshape(cells, k).astype(np.float64), units.shape),
    )
