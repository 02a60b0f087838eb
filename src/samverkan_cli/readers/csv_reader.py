"""Delimited text files (CSV, TSV, TXT; Excel "Unicode text" too) -> :class:`Grid`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.grid import Grid
from samverkan_cli.readers.problems import unreadable
from samverkan_cli.readers.sniff import decode_text, sniff_delimiter

__all__ = ["read_text_grid"]

# One answer can be long (pasted documents); the csv module's default cap is 128 KiB.
_FIELD_LIMIT = 2**31 - 1


def read_text_grid(path: Path, data: bytes) -> Grid:
    """Decode and split a delimited text file.

    ``row_numbers`` count records, header included, as a spreadsheet shows the file: a
    multi-line answer is one row, as it is when the CSV is opened in Excel.
    """
    decoded = decode_text(path, data)
    text = decoded.text
    delimiter = sniff_delimiter(text)
    rows: list[list[str]] = []
    numbers: list[int] = []
    swallowed: list[tuple[int, int, int]] = []
    old_limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        first_line = 1
        for record in reader:
            rows.append(record)
            if reader.line_num > first_line and _swallowed(record, delimiter, len(rows[0])):
                swallowed.append((len(rows), first_line, reader.line_num))
            first_line = reader.line_num + 1
        numbers = list(range(1, len(rows) + 1))
    except csv.Error as exc:
        raise unreadable(
            path,
            Msg(
                "rad {row} går inte att tolka som CSV ({err}).",
                "row {row} cannot be parsed as CSV ({err}).",
            ).format(row=len(rows) + 1, err=exc),
            Msg(
                "Öppna filen i Excel eller en texteditor och kontrollera citattecknen.",
                "Open the file in Excel or a text editor and check the quote characters.",
            ),
        ) from exc
    finally:
        csv.field_size_limit(old_limit)
    notes = decoded.notes + [_swallowed_note(row, first, last) for row, first, last in swallowed]
    return Grid(rows, numbers, encoding=decoded.encoding, delimiter=delimiter, notes=notes)


def _swallowed(record: list[str], delimiter: str, width: int) -> bool:
    """A field over several lines whose later lines split like records: a quote was never closed."""
    for field in record:
        if "\n" not in field and "\r" not in field:
            continue
        for line in field.splitlines()[1:]:
            if width >= 2 and line.count(delimiter) >= max(1, width // 2):
                return True
    return False


def _swallowed_note(row: int, first: int, last: int) -> Msg:
    return Msg(
        "Rad {row} (textrad {first}–{last}): ett citattecken stängs aldrig, så raderna {first}–{last} "
        "lästes som ett enda svar. Svaren på de raderna importerades inte var för sig; rätta citattecknet.",
        "Row {row} (text lines {first}–{last}): a quote character is never closed, so lines {first}–{last} "
        "were read as one response. The responses on those lines were not imported separately; fix the quote.",
    ).format(row=row, first=first, last=last)
