"""Turn a tidy :class:`Grid` into a :class:`RawTable`: platform, header rows, notes."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.base import ColumnMeta, RawTable
from samverkan_cli.readers.grid import Grid
from samverkan_cli.readers.platform import recognise
from samverkan_cli.readers.skipped import split_skipped

__all__ = ["build_table", "short_list"]

_COMMA_DECIMAL = re.compile(r"^[-+−]?\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^[-+−]?\d+\.\d+$")
_DECIMAL_SAMPLE = 500


def build_table(path: Path, grid: Grid) -> RawTable:
    """Recognise the platform from the grid's first rows and split off its header rows.

    A file with header rows but no answers gives a table with no rows and a note: the file
    was read correctly, it just holds no responses yet.
    """
    notes = list(grid.notes)
    grid = _skip_title_rows(grid, notes)
    layout = recognise(grid.rows[:3])
    header_rows = min(layout.header_rows, len(grid.rows))
    columns = _unique_names(layout.columns, notes)
    rows, numbers, skipped = split_skipped(grid.rows[header_rows:], grid.row_numbers[header_rows:], grid.aggregates)
    if not rows:
        notes.append(
            Msg("Filen har bara rubrikrader och inga svar.", "The file has header rows only and no responses.")
        )
    decimal_comma = grid.delimiter in (";", "\t") and _uses_decimal_comma(rows)
    return RawTable(
        path=path,
        platform=layout.platform,
        columns=columns,
        rows=rows,
        row_numbers=numbers,
        encoding=grid.encoding,
        delimiter=grid.delimiter,
        sheet=grid.sheet,
        header_rows=header_rows,
        multi_separator=layout.multi_separator,
        decimal_comma=decimal_comma,
        response_id_column=layout.response_id_column,
        submitted_column=layout.submitted_column,
        notes=notes,
        skipped=skipped,
        other_sheets=list(grid.other_sheets),
    )


# Titles sit in the first rows of a sheet ("Export från Netigate 2026-03-01", a date range, a
# merged heading over question groups); the header is the first row about as wide as the table.
_TITLE_SCAN = 10


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def _skip_title_rows(grid: Grid, notes: list[Msg]) -> Grid:
    """Drop title lines above the header: rows of at most two cells (or a fifth of the width)
    over a row that is at least twice as wide. A narrow table (under four columns) is left alone."""
    head = grid.rows[:_TITLE_SCAN]
    widths = [_filled(r) for r in head]
    widest = max(widths, default=0)
    if widest < 4 or recognise(head[:3]).platform not in ("generic", "netigate"):
        return grid  # a known layout starts at row 1 (SurveyMonkey's row 1 can be narrow)
    start = 0
    known = False
    while start < len(head) - 1 and widths[start] <= max(2, widest // 5) and widths[start] * 2 < widest:
        if start and recognise(head[start : start + 3]).platform not in ("generic", "netigate"):
            known = True  # a known layout starts here (under a title), its narrow first row included
            break
        start += 1
    if start == 0 or not (known or widths[start] * 2 >= widest):
        return grid
    titles = [" ".join(c.strip() for c in r if c.strip()) for r in grid.rows[:start]]
    titles = [t for t in titles if t]
    notes.append(
        Msg(
            "Raderna ovanför rubrikraden (rad {first}–{last}) är rubriker och lästes inte som svar: {titles}.",
            "The rows above the header row (rows {first}–{last}) are titles and were not read as responses: {titles}.",
        ).format(first=grid.row_numbers[0], last=grid.row_numbers[start - 1], titles=short_list(titles, 3, 60))
    )
    return dataclasses.replace(grid, rows=grid.rows[start:], row_numbers=grid.row_numbers[start:])


def _unique_names(columns: list[ColumnMeta], notes: list[Msg]) -> list[ColumnMeta]:
    seen: dict[str, int] = {}
    renamed: list[str] = []
    result: list[ColumnMeta] = []
    taken = {c.name for c in columns}
    for column in columns:
        name = column.name
        if not name:
            result.append(column)
            continue
        count = seen.get(name, 0) + 1
        seen[name] = count
        if count == 1:
            result.append(column)
            continue
        new = f"{name} ({count})"
        while new in taken:
            count += 1
            new = f"{name} ({count})"
        seen[name] = count
        taken.add(new)
        renamed.append(new)
        result.append(dataclasses.replace(column, name=new))
    if renamed:
        notes.append(
            Msg("Dubbla kolumnrubriker döptes om: {names}.", "Duplicate column headers were renamed: {names}.").format(
                names=short_list(renamed)
            )
        )
    return result


def short_list(names: list[str], count: int = 5, width: int = 40) -> str:
    """A list for one line: at most ``count`` names cut to ``width`` characters, then "(+N)".

    Headers are often whole question texts; ten of them made an info line of 1,800 characters.
    """
    shown = [n if len(n) <= width else n[: width - 1] + "…" for n in names[:count]]
    more = f" (+{len(names) - count})" if len(names) > count else ""
    return ", ".join(repr(n) for n in shown) + more


def _uses_decimal_comma(rows: list[list[str]]) -> bool:
    comma = point = 0
    for row in rows[:_DECIMAL_SAMPLE]:
        for cell in row:
            if cell and (cell[0].isdigit() or cell[0] in "-+−"):
                if _COMMA_DECIMAL.match(cell):
                    comma += 1
                elif _POINT_DECIMAL.match(cell):
                    point += 1
    return comma > 0 and comma > point
