"""Rows that hold no response: blank rows, and totals people add under the data in Excel.

``rows`` of a :class:`RawTable` are data rows that hold a value; what is taken out here is
listed by row number so the importer can report it in one finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["SkippedRows", "compact_rows", "split_skipped"]

# What Excel shows in a totals row: numbers, percentages, error values.
_NUMBER = re.compile(r"^(?:[-+−]?[\d\s\u00a0]*\d(?:[.,]\d+)?\s*%?|#[A-Z0-9/!?.]+)$")
# A formula written as text (CSV from a sheet, or a cell stored as text).
_AGGREGATE_TEXT = re.compile(
    r"^=\s*(?:SUM|SUMMA|SUMMA\.OM|AVERAGE|MEDEL|MEDELVÄRDE|COUNTA?|ANTALV?|ANTAL\.OM|MEDIAN|MIN|MAX|"
    r"SUBTOTAL|DELSUMMA|AGGREGATE|MÄNGD|STDEV|STDAV|TYPVÄRDE|MODE)\s*\(",
    re.IGNORECASE,
)
_SUMMARY_WORDS = frozenset(
    {
        "summa",
        "totalt",
        "total",
        "totals",
        "sum",
        "sums",
        "medel",
        "medelvärde",
        "medelvärden",
        "genomsnitt",
        "snitt",
        "antal",
        "average",
        "mean",
        "median",
        "count",
        "min",
        "max",
        "gesamt",
        "summe",
        "mittelwert",
        "anzahl",
        "promedio",
        "suma",
    }
)


@dataclass
class SkippedRows:
    """Row numbers of blank rows and of trailing total/formula rows that were left out."""

    blank: list[int] = field(default_factory=list)
    summary: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.blank or self.summary)


def split_skipped(
    rows: list[list[str]], numbers: list[int], aggregates: Callable[[], dict[int, int]] | None = None
) -> tuple[list[list[str]], list[int], SkippedRows]:
    """Drop blank rows anywhere and total/formula rows below the last response.

    Only the block at the end is looked at for totals, so a response in the middle is never
    taken for one. ``aggregates`` gives, for a workbook, how many SUM/AVERAGE-like formula
    cells each sheet row has; it is called only when a trailing row could be such a row.
    """
    skipped = SkippedRows()
    end = len(rows)
    formulas: dict[int, int] | None = None
    while end:
        row, number = rows[end - 1], numbers[end - 1]
        if _blank(row):
            end -= 1
            continue
        shape = _totals_shape(row)
        if shape is None:
            break
        label, counted = shape
        if label is None and not counted:
            if aggregates is None:
                break
            if formulas is None:
                formulas = aggregates()
            filled = sum(1 for c in row if c.strip())
            if formulas.get(number, 0) < filled:
                break
        skipped.summary.append(number)
        end -= 1
    skipped.summary.reverse()
    totals = set(skipped.summary)
    kept_rows: list[list[str]] = []
    kept_numbers: list[int] = []
    for row, number in zip(rows, numbers, strict=True):
        if number in totals:
            continue
        if _blank(row):
            skipped.blank.append(number)
            continue
        kept_rows.append(row)
        kept_numbers.append(number)
    return kept_rows, kept_numbers, skipped


def _blank(row: list[str]) -> bool:
    return not any(map(str.strip, row))


def _totals_shape(row: list[str]) -> tuple[str | None, bool] | None:
    """``(label, sure)`` when the row looks like a totals row, else None.

    A totals row is numbers or aggregate formulas, optionally after one leading label. It is
    sure when the label is a word such as "Summa" or a cell holds ``=SUM(...)`` as text;
    otherwise only the workbook's formulas can tell it from a numeric response.
    """
    filled = [c.strip() for c in row if c.strip()]
    label = None
    if not (_NUMBER.match(filled[0]) or _AGGREGATE_TEXT.match(filled[0])):
        label, filled = filled[0], filled[1:]
    if not all(_NUMBER.match(c) or _AGGREGATE_TEXT.match(c) for c in filled):
        return None
    if label is not None:
        word = re.split(r"[\s:]+", label.casefold(), maxsplit=1)[0]
        return (label, True) if word in _SUMMARY_WORDS else None
    return None, any(_AGGREGATE_TEXT.match(c) for c in filled)


def compact_rows(numbers: list[int], limit: int = 8) -> str:
    """Row numbers as short ranges: ``[6, 7, 8, 10]`` -> ``"6–8, 10"``, at most ``limit`` parts."""
    parts: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + ", …"
    return ", ".join(parts)
