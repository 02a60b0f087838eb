"""Shares choosing each option of descriptive items (V1, B6) and answer distributions of scored items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from samverkan_cli.analysis.groups import Shares, long_shares, unique_counts
from samverkan_cli.analysis.rows import AnswerShare, OptionShare, rnd
from samverkan_cli.analysis.scored import Scored
from samverkan_cli.text import fold

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument

__all__ = ["ShareTable", "answer_rows", "answer_table", "option_rows", "option_table"]

IntArray = npt.NDArray[np.int64]
T = TypeVar("T")
Column = tuple[str, str, float | None]  # item, option code or answer label, the label's value
Count = int | float | None
# (wave, lan, org_typ), column, n, count, share, suppressed, uncertain -> a typed row
MakeRow = Callable[[tuple[str, str, str], Column, int, Count, float | None, bool, bool], T]
# (wave, lan, org_typ) cell indices and item id -> is this row's count and share published?
Published = Callable[[int, int, int, str], bool]
# (wave, lan, org_typ) cell indices, the row's n, shown? -> the n to publish
PublicN = Callable[[int, int, int, int, bool], int]


@dataclass(frozen=True)
class ShareTable:
    """Organisations choosing each column (option or answer label) per cell, and its columns."""

    shares: Shares
    columns: tuple[Column, ...]


def _shares(sc: Scored, resp: IntArray, col: IntArray, item_of_col: IntArray) -> Shares:
    pairs, _ = unique_counts(resp * (len(item_of_col) + 1) + item_of_col[col])
    return long_shares(
        resp, col, pairs // (len(item_of_col) + 1), pairs % (len(item_of_col) + 1), item_of_col, sc.units
    )


def _text_columns(answers: pd.DataFrame, keys: dict[tuple[str, str], int]) -> tuple[IntArray, IntArray]:
    """(response, column) of answers whose (item, text value) is a known column.

    Text matches as :func:`samverkan_cli.text.fold` does; only the few distinct texts are folded.
    """
    sub = answers[answers["item"].isin({k[0] for k in keys}) & answers["value"].notna()]
    texts = pd.Categorical(sub["value"])
    items = list(answers["item"].cat.categories)
    norm = {(item, fold(value)): c for (item, value), c in keys.items()}
    lookup = np.full((len(items), len(texts.categories) + 1), -1, dtype=np.int64)
    for v, text in enumerate(texts.categories):
        folded = fold(str(text))
        for i, item in enumerate(items):
            lookup[i, v] = norm.get((item, folded), -1)
    col = lookup[sub["item"].cat.codes.to_numpy(), texts.codes]
    ok = col >= 0
    return sub["resp"].to_numpy()[ok].astype(np.int64), col[ok]


def _option_row(
    key: tuple[str, str, str], col: Column, n: int, count: Count, share: float | None, off: bool, unc: bool
) -> OptionShare:
    return OptionShare(*key, col[0], col[1], n, count, share, off, unc)


def _answer_row(
    key: tuple[str, str, str], col: Column, n: int, count: Count, share: float | None, off: bool, unc: bool
) -> AnswerShare:
    return AnswerShare(*key, col[0], col[1], col[2], n, count, share, off, unc)


def _count(value: float) -> Count:
    """Organisations choosing a column: whole unless an organisation answered several times."""
    rounded = round(float(value), 1) + 0.0
    return int(rounded) if rounded.is_integer() else rounded


def _rows(sc: Scored, table: ShareTable, published: Published, public_n: PublicN, make: MakeRow[T]) -> tuple[T, ...]:
    grid, opts, shares = sc.grid, sc.options, table.shares
    with np.errstate(divide="ignore", invalid="ignore"):
        share = shares.share_sum / shares.n
    rows: list[T] = []
    for w, lan, t in grid.groups():
        key = grid.labels(w, lan, t)
        participation = public_n(w, lan, t, 0, False)
        for k, column in enumerate(table.columns):
            n = int(shares.n[w, lan, t, k])
            # A small group keeps its rows even when none of it answered: missing rows would tell so.
            if n == 0 and not 0 < participation < opts.min_n:
                continue
            at = (w, lan, t, k)
            off = n == 0 or not published(w, lan, t, column[0])
            rows.append(
                make(
                    key,
                    column,
                    public_n(w, lan, t, n, not off),
                    None if off else _count(shares.share_sum[at]),
                    None if off else rnd(share[at], 3),
                    off,
                    not off and n < opts.uncertain_below,
                )
            )
    return tuple(rows)


def option_table(sc: Scored, instrument: Instrument) -> ShareTable | None:
    """Organisations choosing each option of every descriptive choice/multi item, per cell."""
    items = [i for i in instrument.descriptive_items if i.scale.type in ("choice", "multi")]
    columns: list[Column] = []
    keys: dict[tuple[str, str], int] = {}
    item_of_col: list[int] = []
    for n_item, item in enumerate(items):
        for option in item.scale.options:
            keys[(item.id, option.code)] = len(columns)
            columns.append((item.id, option.code, None))
            item_of_col.append(n_item)
    if not columns:
        return None
    resp, col = _text_columns(sc.data.answers, keys)
    return ShareTable(_shares(sc, resp, col, np.array(item_of_col, dtype=np.int64)), tuple(columns))


def option_rows(
    sc: Scored, table: ShareTable | None, published: Published, public_n: PublicN
) -> tuple[OptionShare, ...]:
    """Share of units choosing each option, per group (``n`` units answering the item; multi items can sum above 1)."""
    return () if table is None else _rows(sc, table, published, public_n, _option_row)


def answer_table(sc: Scored, instrument: Instrument) -> ShareTable | None:
    """Organisations per answer label (missing labels such as "Vet ej" included) of every scored item."""
    answers = sc.data.answers
    columns: list[Column] = []
    text_keys: dict[tuple[str, str], int] = {}
    item_of_col: list[int] = []
    resp_parts: list[IntArray] = []
    col_parts: list[IntArray] = []
    codes = answers["item"].cat.codes.to_numpy()
    categories = list(answers["item"].cat.categories)
    numeric = answers["numeric"].to_numpy(dtype=float)
    resp_all = answers["resp"].to_numpy().astype(np.int64)
    for n_item, item_id in enumerate(sc.scoring.items):
        scale = instrument.item(item_id).scale
        labels = sorted(scale.labels, key=lambda lab: -lab.value)
        first = len(columns)
        for label in labels:
            columns.append((item_id, label.text.sv, label.value))
            item_of_col.append(n_item)
        for missing in scale.missing:
            text_keys[(item_id, missing.sv)] = len(columns)
            columns.append((item_id, missing.sv, None))
            item_of_col.append(n_item)
        mask = (codes == categories.index(item_id)) & ~np.isnan(numeric)
        values = np.array([lab.value for lab in labels])
        hit = np.abs(numeric[mask][:, None] - values[None, :]) < 1e-9
        found = hit.any(axis=1)
        resp_parts.append(resp_all[mask][found])
        col_parts.append(first + hit.argmax(axis=1)[found].astype(np.int64))
    if not columns:
        return None
    text_resp, text_col = _text_columns(answers, text_keys)
    resp = np.concatenate([*resp_parts, text_resp])
    col = np.concatenate([*col_parts, text_col])
    return ShareTable(_shares(sc, resp, col, np.array(item_of_col, dtype=np.int64)), tuple(columns))


def answer_rows(
    sc: Scored, table: ShareTable | None, published: Published, public_n: PublicN
) -> tuple[AnswerShare, ...]:
    """Share of units per answer label of every scored item, per group (``n`` units answering it)."""
    return () if table is None else _rows(sc, table, published, public_n, _answer_row)
