"""Read with limits: an XLSX sheet is measured before python-calamine is allowed to load it.

calamine allocates the whole rectangle from the first to the last used cell, so one cell at
``XFD1048576`` aborts the process and a sheet XML that inflates to a gigabyte takes gigabytes.
The sheet parts are streamed through zlib here (never held whole) and refused, with a message,
when they declare or hold more than :class:`ReadLimits` allows.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.problems import damaged_workbook, unreadable

__all__ = ["DEFAULT_LIMITS", "ReadLimits", "SheetExtent", "check_xlsx", "column_letters"]

_CHUNK = 1 << 20
_OVERLAP = 64
# Cell and row references. The literal ``r="`` first keeps the scan at regex-engine speed
# (a leading ``\s`` made it four times slower); the lookbehind then wants an attribute.
_COLUMNS = re.compile(rb'r="(?<=\sr=")([A-Z]{1,3})\d')
_ROWS = re.compile(rb'r="(?<=\sr=")[A-Z]{0,3}(\d{1,7})"')
_DIMENSION = re.compile(rb'dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
# What zipfile raises for a damaged or odd archive: zipfile answers an unsupported compression
# method with NotImplementedError and an encrypted member with RuntimeError.
_DAMAGED = (zipfile.BadZipFile, OSError, zlib.error, EOFError, NotImplementedError, RuntimeError)
_SMALL_PART = 16 * 1024 * 1024  # workbook.xml and its relations: a few KB in any real file


@dataclass(frozen=True)
class ReadLimits:
    """Upper bounds for one input file (``[import] max_cells`` and ``max_sheet_mb`` in samverkan.toml)."""

    max_cells: int = 4_000_000
    max_sheet_bytes: int = 256 * 1024 * 1024
    # Above this many cells in the used rectangle, blank rows are skipped while reading.
    sparse_cells: int = 1_000_000

    @classmethod
    def of(cls, max_cells: int, max_sheet_mb: int) -> ReadLimits:
        """Limits from the project's configuration (for the odd huge but legitimate export)."""
        return cls(max_cells=max_cells, max_sheet_bytes=max_sheet_mb * 1024 * 1024)


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class SheetExtent:
    """The used rectangle of one sheet part: 1-based rows and columns, and its inflated size."""

    top: int
    left: int
    bottom: int
    right: int
    size: int

    @property
    def cells(self) -> int:
        """Cells in the rectangle calamine will allocate."""
        if self.bottom < self.top or self.right < self.left:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)

    def ref(self) -> str:
        """The rectangle as Excel writes it, e.g. ``A1:XFD1048576``."""
        return f"{column_letters(self.left)}{self.top}:{column_letters(self.right)}{self.bottom}"


def column_letters(index: int) -> str:
    """1-based column number -> Excel letters (1 -> A, 16384 -> XFD)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def check_xlsx(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> dict[str, SheetExtent]:
    """Measure every worksheet part; raise InputError for one over ``limits``. Returns name -> extent."""
    extents: dict[str, SheetExtent] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            xml, binary = parts or ({}, {})
            for info in archive.infolist():
                part = info.filename
                # Every part the workbook names as a sheet is measured, wherever it lies and whatever
                # its name ends with (calamine reads it all the same), and every part in xl/worksheets/.
                # An .xlsb keeps its sheets as BIFF12 record parts (sheet1.bin), walked record by record.
                in_sheets = parts is None or part.startswith("xl/worksheets/")
                as_xml = part in xml or (in_sheets and part.endswith(".xml"))
                as_binary = part in binary or (in_sheets and part.endswith(".bin"))
                if not (as_xml or as_binary):
                    continue
                sheet = xml.get(part) or binary.get(part) or posixpath.basename(part)
                if info.file_size > limits.max_sheet_bytes:
                    raise too_big(path, sheet, info.file_size, limits)
                for measure in (_measure,) * as_xml + (_measure_binary,) * as_binary:
                    extent = measure(archive, info, limits)
                    if extent is None:
                        raise too_big(path, sheet, limits.max_sheet_bytes + 1, limits)
                    if extent.cells > limits.max_cells:
                        raise too_many_cells(path, sheet, extent, limits)
                    extents[sheet] = extent
    except _DAMAGED as exc:
        raise damaged_workbook(path, exc) from exc
    return extents


def _measure(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits) -> SheetExtent | None:
    """Stream one part; None when it inflates past the byte limit (whatever its header claims)."""
    top = left = 1 << 30
    bottom = right = 0
    size = 0
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            size += len(chunk)
            if size > limits.max_sheet_bytes:
                return None
            data = tail + chunk
            # <dimension> precedes <sheetData> (ECMA-376 order): only the first chunk is searched.
            if not tail and size == len(chunk) and (found := _DIMENSION.search(data)):
                declared = _declared(found)
                if declared.cells > limits.max_cells:
                    return declared
            # A reference cut by the chunk end is found again in the overlap.
            end = len(data) if not chunk else max(len(data) - _OVERLAP, 0)
            # Sets first: a chunk holds a few distinct columns and rows but many cells.
            columns = [_column_number(c) for c in set(_COLUMNS.findall(data, 0, end))]
            rows = [int(r) for r in set(_ROWS.findall(data, 0, end))]
            if columns:
                left, right = min(left, *columns), max(right, *columns)
            if rows:
                top, bottom = min(top, *rows), max(bottom, *rows)
            if not chunk:
                break
            tail = data[end:]
    if bottom == 0:
        return SheetExtent(1, 1, 0, 0, size)
    return SheetExtent(top, min(left, right or 1), bottom, max(right, 1), size)


def _measure_binary(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits) -> SheetExtent | None:
    from samverkan_cli.readers.binary_limits import measure_xlsb_part

    with archive.open(info) as stream:
        return measure_xlsb_part(stream, limits)


def _declared(found: re.Match[bytes]) -> SheetExtent:
    left, top = _column_number(found.group(1)), int(found.group(2))
    if found.group(3):
        right, bottom = _column_number(found.group(3)), int(found.group(4))
    else:
        right, bottom = left, top
    return SheetExtent(top, left, bottom, right, 0)


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]] | None:
    """Sheet parts -> sheet names, from workbook.xml and from workbook.bin with their relations.

    None when the workbook's list of sheets cannot be read here (missing, damaged or over 16 MB):
    then every XML and BIN part is measured.
    """
    from samverkan_cli.readers.xlsx_formulas import sheet_parts

    members = set(archive.namelist())
    xml: dict[str, str] = {}
    binary: dict[str, str] = {}
    try:
        for small in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/workbook.bin", "xl/_rels/workbook.bin.rels"):
            if small in members and archive.getinfo(small).file_size > _SMALL_PART:
                return None
        if "xl/workbook.xml" in members:
            xml = {part: name for name, part in sheet_parts(archive).items()}
        if "xl/workbook.bin" in members:
            from samverkan_cli.readers.binary_limits import xlsb_sheet_names

            rels = archive.read("xl/_rels/workbook.bin.rels").decode("utf-8", "replace")
            binary = xlsb_sheet_names(archive.read("xl/workbook.bin"), rels)
    except (KeyError, ValueError, IndexError):
        return None
    return xml, binary


def too_big(path: Path, sheet: str, size: int, limits: ReadLimits) -> Exception:
    """A sheet over ``max_sheet_mb``; a zipped workbook (.xlsx, .xlsb) may be a zip bomb, an .xls is just large."""
    zipped = path.suffix.lower() != ".xls"
    what = (
        Msg(
            "bladet '{sheet}' packas upp till mer än {limit} MB ({size} MB); det är för stort eller en zip-bomb.",
            "sheet '{sheet}' unpacks to more than {limit} MB ({size} MB); it is too large or a zip bomb.",
        )
        if zipped
        else Msg(
            "bladet '{sheet}' är större än {limit} MB ({size} MB).",
            "sheet '{sheet}' is larger than {limit} MB ({size} MB).",
        )
    )
    return unreadable(
        path,
        what.format(sheet=sheet, limit=limits.max_sheet_bytes // 2**20, size=max(size // 2**20, 1)),
        Msg(
            "Exportera svaren på nytt, eller dela upp filen. "
            "Gränsen kan höjas med max_sheet_mb under [import] i samverkan.toml.",
            "Export the responses again, or split the file. "
            "The limit can be raised with max_sheet_mb under [import] in samverkan.toml.",
        ),
    )


def too_many_cells(path: Path, sheet: str, extent: SheetExtent, limits: ReadLimits) -> Exception:
    return unreadable(
        path,
        Msg(
            "bladet '{sheet}' spänner över {ref} ({cells} celler), mer än gränsen {limit}.",
            "sheet '{sheet}' spans {ref} ({cells} cells), more than the limit of {limit}.",
        ).format(sheet=sheet, ref=extent.ref(), cells=f"{extent.cells:,}", limit=f"{limits.max_cells:,}"),
        Msg(
            "Troligen finns en cell långt ner eller långt till höger: ta bort tomma rader och kolumner "
            "i Excel (Ctrl+Slut visar den sista cellen) och spara igen. "
            "Gränsen kan höjas med max_cells under [import] i samverkan.toml.",
            "Probably a cell far down or far to the right: delete the empty rows and columns in Excel "
            "(Ctrl+End shows the last cell) and save again. "
            "The limit can be raised with max_cells under [import] in samverkan.toml.",
        ),
    )


def check_contents(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """An ODS keeps all sheets in ``content.xml``: refuse it when it inflates past the byte limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            size = info.file_size
            if size <= limits.max_sheet_bytes:
                size = 0
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        if size > limits.max_sheet_bytes:
                            break
    except (KeyError, *_DAMAGED):
        return  # calamine reports a damaged file in its own words
    if size > limits.max_sheet_bytes:
        raise too_big(path, "content.xml", size, limits)
