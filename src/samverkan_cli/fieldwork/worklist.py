"""A working list (rows of text) and its three forms: a table on screen, CSV for mail merge, XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Lang, Msg

__all__ = ["WorkList", "csv_text", "write_csv", "write_xlsx"]


@dataclass(frozen=True)
class WorkList:
    """Column headers and rows; ``note`` (when set) is the internal-use line that opens each file."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""
    sheet: str = "Lista"


def csv_text(worklist: WorkList, lang: Lang) -> str:
    """CSV as a mail merge reads it: ``;`` under Swedish (Excel's list separator there), ``,`` in English."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "sv" else ",", lineterminator="\r\n")
    if worklist.note:
        writer.writerow([worklist.note])
    writer.writerow(worklist.columns)
    writer.writerows(worklist.rows)
    return buffer.getvalue()


def write_csv(worklist: WorkList, path: Path, lang: Lang) -> None:
    """Write the CSV in UTF-8 with a byte-order mark, so Excel and Word read å, ä and ö right."""
    write_atomic(path, csv_text(worklist, lang).encode("utf-8-sig"))


_ABOUT = Msg("Om listan", "About")


def write_xlsx(worklist: WorkList, path: Path, lang: Lang) -> None:
    """One sheet with the list; with a ``note``, a first sheet says what the list is."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    if worklist.note:
        first.title = _ABOUT.render(lang)
        first.append([worklist.note])
        first["A1"].font = Font(bold=True)
        sheet = book.create_sheet(worklist.sheet[:31])
    else:
        first.title = worklist.sheet[:31]
        sheet = first
    sheet.append(worklist.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in worklist.rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(worklist.columns, start=1):
        width = max([len(header), *(len(r[index - 1]) for r in worklist.rows if index - 1 < len(r))])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
