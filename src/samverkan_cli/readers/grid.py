"""A :class:`Grid` is a file's cells before header rows are interpreted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from samverkan_cli.i18n import Msg

__all__ = ["Grid", "tidy"]


@dataclass
class Grid:
    """Rows of text cells with their 1-based source row numbers, plus how they were read.

    ``aggregates`` (workbooks only) tells per sheet row how many cells hold a SUM/AVERAGE-like
    formula; it is called only if a row under the answers may be a totals row.
    """

    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    notes: list[Msg] = field(default_factory=list)
    aggregates: Callable[[], dict[int, int]] | None = None
    #: the workbook's other sheets with cells, in order, when the sheet was chosen automatically
    other_sheets: list[str] = field(default_factory=list)


def _blank(row: list[str]) -> bool:
    return not any(map(str.strip, row))


def tidy(grid: Grid) -> Grid:
    """Drop leading and trailing blank rows and trailing all-empty columns; pad rows.

    Blank rows between answers are kept here (the table builder takes them out and lists
    them); row numbers are kept, so a blank leading row does not shift what a finding reports.
    """
    start = 0
    end = len(grid.rows)
    while start < end and _blank(grid.rows[start]):
        start += 1
    while end > start and _blank(grid.rows[end - 1]):
        end -= 1
    rows = grid.rows[start:end]
    numbers = grid.row_numbers[start:end]
    width = max((len(r) for r in rows), default=0)
    # Legacy Qualtrics ends every line with a comma, Excel often leaves formatted empty
    # columns at the right: a column with no header and no value carries nothing.
    while width and all(len(r) < width or not r[width - 1].strip() for r in rows):
        width -= 1
    header_width = len(rows[0]) if rows else 0
    longer = 0
    for i, row in enumerate(rows):
        n = len(row)
        if n != width:
            if n > header_width and any(c.strip() for c in row[header_width:width]):
                longer += 1
            rows[i] = row[:width] if n > width else row + [""] * (width - n)
    notes = list(grid.notes)
    if longer and longer < len(rows):
        notes.append(
            Msg(
                "{n} rader har fler fält än rubrikraden; extra kolumner fick tom rubrik.",
                "{n} rows have more fields than the header row; the extra columns got an empty header.",
            ).format(n=longer)
        )
    return Grid(rows, numbers, grid.encoding, grid.delimiter, grid.sheet, notes, grid.aggregates, grid.other_sheets)
