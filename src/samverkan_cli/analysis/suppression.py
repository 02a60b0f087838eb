"""Disclosure control (SPEC 6.9): primary suppression of small groups and secondary suppression.

Cells live in arrays shaped ``(..., lan, org_typ, k)`` where the last position on the lan axis is
``riket`` (the sum of the counties) and the last position on the org_typ axis is ``alla`` (the sum
of the types). A total and its siblings form a *line*. A suppressed value must not be derivable
from a line, so in every line, repeated until nothing changes:

* total shown: the suppressed siblings must be none, or at least two whose n together is at least
  ``min_n``; otherwise the smallest shown sibling is suppressed too (or the total, if none is left);
* total suppressed: at least one present sibling must be suppressed as well, otherwise the
  smallest shown sibling is suppressed.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["LAN_AXIS", "TYP_AXIS", "suppress"]

LAN_AXIS = -3
TYP_AXIS = -2

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def suppress(n: IntArray, min_n: int) -> tuple[BoolArray, BoolArray]:
    """Return ``(suppressed, primary)`` masks for cell sizes ``n`` shaped ``(..., lan, org_typ, k)``."""
    primary = (n > 0) & (n < min_n)
    suppressed = primary.copy()
    changed = True
    while changed:
        changed = False
        for axis in (TYP_AXIS, LAN_AXIS):
            changed |= _secondary(n, suppressed, axis, min_n)
    return suppressed, primary


def _secondary(n: IntArray, suppressed: BoolArray, axis: int, min_n: int) -> bool:
    nn = np.moveaxis(n, axis, -1)
    ss = np.moveaxis(suppressed, axis, -1)  # a view: writes go to ``suppressed``
    sib_n, tot_n = nn[..., :-1], nn[..., -1]
    sib_s, tot_s = ss[..., :-1], ss[..., -1]
    present = sib_n > 0
    hidden = sib_s & present
    count = hidden.sum(axis=-1)
    hidden_n = np.where(hidden, sib_n, 0).sum(axis=-1)
    shown_total = (tot_n > 0) & ~tot_s
    need = shown_total & (count >= 1) & ((count == 1) | (hidden_n < min_n))
    need |= (tot_n > 0) & tot_s & (count == 0) & present.any(axis=-1)
    if not need.any():
        return False
    candidates = present & ~sib_s
    big = np.iinfo(np.int64).max
    pick = np.where(candidates, sib_n, big).argmin(axis=-1)
    has = candidates.any(axis=-1)
    where = np.nonzero(need & has)
    sib_s[(*where, pick[where])] = True
    tot_s[need & ~has] = True
    return True
