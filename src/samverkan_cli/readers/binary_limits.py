"""Read with limits, binary workbooks: .xlsb sheet parts and the .xls ``Workbook`` stream.

python-calamine builds a dense grid from the first to the last cell of a sheet, so one cell at
the grid's far corner aborts the process (an allocation of hundreds of GB) or takes a gigabyte.
The record streams are walked here first, in constant memory and within the byte limit, and a
sheet whose declared or actual rectangle is over :class:`ReadLimits` is refused with a message.

The walks follow what calamine reads, record by record: in an .xlsb part (MS-XLSB) the rows of
``BrtRowHdr`` and the columns of the cell records between ``BrtBeginSheetData`` and
``BrtEndSheetData``; in an .xls (MS-XLS, BIFF8 in an OLE2 file) every ``BoundSheet8`` substream
from its offset to its ``EOF``, with its ``DIMENSIONS`` and cell records. calamine parses all
sheets of an .xls when the file is opened, so there the sheets' rectangles are bounded together.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.limits import ReadLimits, SheetExtent, too_big, too_many_cells
from samverkan_cli.readers.problems import damaged_workbook, unreadable

__all__ = ["check_xls", "measure_xlsb_part", "xlsb_sheet_names"]

_CHUNK = 1 << 20
_WIDE = 1 << 30  # "no cell yet" for a minimum

# --- .xlsb -------------------------------------------------------------------------------

_XLSB_CELLS = frozenset(range(0x02, 0x0C))  # BrtCellRk … BrtFmlaError: a u32 column first
_ROW_HEADER = 0x00
_WS_DIM = 0x94
_BEGIN_SHEET_DATA = 0x91
_END_SHEET_DATA = 0x92
_LAST_ROW = 0x0010_0000  # calamine stops reading a sheet at a BrtRowHdr beyond this
_XLSB_HEADROOM = 22  # longest record header (6 bytes) + the 16 bytes of BrtWsDim read here


def measure_xlsb_part(stream: IO[bytes], limits: ReadLimits) -> SheetExtent | None:
    """Walk one BIFF12 worksheet part; None when it inflates past the byte limit.

    Returns the declared ``BrtWsDim`` rectangle if that alone is over ``max_cells``, else the
    rectangle of the cells calamine would place (rows and columns are 0-based in the file).
    Cell records are counted wherever they stand, which can only overstate the rectangle.
    """
    # One record per cell: the loop is written out (no helpers, no slices for the common case)
    # because it runs millions of times on a large export.
    data = b""
    end = at = size = row = 0
    in_data = False
    top = left = _WIDE
    bottom = right = -1
    while True:
        if end - at < _XLSB_HEADROOM:
            more = stream.read(_CHUNK)
            size += len(more)
            if size > limits.max_sheet_bytes:
                return None
            data = data[at:end] + more
            end, at = len(data), 0
            if not end:
                break
            if end < _XLSB_HEADROOM:
                data += bytes(_XLSB_HEADROOM)  # zeros past the end, never taken for a record
        typ = data[at]
        if typ & 0x80:
            typ = (typ & 0x7F) | ((data[at + 1] & 0x7F) << 7)
            at += 2
        else:
            at += 1
        length = data[at]
        at += 1
        if length & 0x80:
            length &= 0x7F
            for shift in (7, 14, 21):
                byte = data[at]
                at += 1
                length |= (byte & 0x7F) << shift
                if not byte & 0x80:
                    break
        if at > end:
            break  # a truncated record: calamine stops with an error, nothing more is placed
        if typ <= 0x0B:
            if length >= 4 and at + 4 <= end:
                if typ >= 0x02:  # BrtCellRk … BrtFmlaError: the column comes first
                    column = int.from_bytes(data[at : at + 4], "little")
                    if column > right:
                        right = column
                    if column < left:
                        left = column
                    if row > bottom:
                        bottom = row
                    if row < top:
                        top = row
                elif typ == _ROW_HEADER:
                    row = int.from_bytes(data[at : at + 4], "little")
                    if row > _LAST_ROW:
                        break
        elif typ == _END_SHEET_DATA and in_data:
            break
        elif not in_data:
            if typ == _WS_DIM and length >= 16 and at + 16 <= end:
                first_row, last_row, first_col, last_col = struct.unpack_from("<4I", data, at)
                declared = SheetExtent(first_row + 1, first_col + 1, last_row + 1, last_col + 1, 0)
                if declared.cells > limits.max_cells:
                    return declared
            in_data = typ == _BEGIN_SHEET_DATA
        at += length
        if at > end:  # the payload runs past the buffer: skip the rest of it unread
            skip = at - end
            while skip > 0:
                more = stream.read(min(skip, _CHUNK))
                if not more:
                    break
                size += len(more)
                skip -= len(more)
                if size > limits.max_sheet_bytes:
                    return None
            data, end, at = b"", 0, 0
    if bottom < 0:
        return SheetExtent(1, 1, 0, 0, size)
    return SheetExtent(top + 1, left + 1, bottom + 1, right + 1, size)


def xlsb_sheet_names(workbook: bytes, rels: str) -> dict[str, str]:
    """Worksheet part -> sheet name, from ``xl/workbook.bin`` (BrtBundleSh) and its relations."""
    import re

    targets = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<(?:\w+:)?Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"', rels)
    }
    names: dict[str, str] = {}
    at = 0
    while at < len(workbook):
        byte = workbook[at]
        typ = (byte & 0x7F) | ((workbook[at + 1] & 0x7F) << 7) if byte & 0x80 else byte
        at += 2 if byte & 0x80 else 1
        length = 0
        for shift in (0, 7, 14, 21):
            byte = workbook[at] if at < len(workbook) else 0
            at += 1
            length |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        payload = workbook[at : at + length]
        at += length
        if typ == 0x9C and len(payload) >= 12:  # BrtBundleSh: state, tab id, relation id, name
            rel_len = int.from_bytes(payload[8:12], "little")
            if rel_len == 0xFFFF_FFFF:
                continue
            rel_id = payload[12 : 12 + 2 * rel_len].decode("utf-16-le", "replace")
            rest = payload[12 + 2 * rel_len :]
            name_len = int.from_bytes(rest[:4], "little")
            name = rest[4 : 4 + 2 * name_len].decode("utf-16-le", "replace")
            if rel_id in targets:
                names.setdefault(f"xl/{targets[rel_id]}", name)
        elif typ == 0x90:  # BrtEndBundleShs
            break
    return names


# --- .xls --------------------------------------------------------------------------------

_EOF = 0x000A
_BOF = 0x0809
_BOUND_SHEET = 0x0085
_DIMENSIONS = 0x0200
_MUL_RK = 0x00BD
# NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA: row and column (u16) first.
_XLS_CELLS = frozenset((0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006))
_MINI_STREAM_CUTOFF = 4096
_MAX_RECORD = 4 + 0xFFFF
_STGTY_STREAM = 2


class _Stream:
    """Random access to one OLE2 stream by following its sector chain in the file (never read whole)."""

    def __init__(self, handle: IO[bytes], chain: array[int], sector_size: int, size: int) -> None:
        self._handle = handle
        self._chain = chain
        self._sector = sector_size
        self.size = size

    def read_at(self, offset: int, count: int) -> bytes:
        count = min(count, self.size - offset)
        parts: list[bytes] = []
        while count > 0:
            index, within = divmod(offset, self._sector)
            first = self._chain[index]
            run = 1  # consecutive sectors are read in one go
            while (
                index + run < len(self._chain)
                and self._chain[index + run] == first + run
                and run * self._sector - within < count
            ):
                run += 1
            self._handle.seek((first + 1) * self._sector + within)
            part = self._handle.read(min(count, run * self._sector - within))
            if not part:
                break
            parts.append(part)
            offset += len(part)
            count -= len(part)
        return b"".join(parts)


class _Bytes:
    """A small stream (under the mini-stream cutoff) already in memory, read like :class:`_Stream`."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.size = len(data)

    def read_at(self, offset: int, count: int) -> bytes:
        return self._data[offset : offset + count]


def check_xls(path: Path, limits: ReadLimits) -> dict[str, SheetExtent]:
    """Measure every sheet substream of an .xls; raise InputError for one over ``limits``.

    Returns sheet name -> extent. A file the container parser cannot read is refused as damaged.
    """
    import olefile

    size = path.stat().st_size
    if size > limits.max_sheet_bytes:
        raise too_big(path, "Workbook", size, limits)
    try:
        with path.open("rb") as handle:
            header = handle.read(512)
            # olefile believes any sector size the header states and reads a sector that large.
            if len(header) < 512 or struct.unpack_from("<H", header, 30)[0] not in (9, 12):
                raise ValueError("the compound file header states an impossible sector size")
            handle.seek(0)
            with olefile.OleFileIO(handle) as ole:
                stream = _workbook_stream(ole, handle, size)
                if stream is None:
                    return {}  # calamine says what is missing in its own words
                return _measure_sheets(path, stream, limits)
    except (OSError, ValueError, IndexError, struct.error, EOFError, MemoryError) as exc:
        raise damaged_workbook(path, exc) from exc


def _workbook_stream(ole: Any, handle: IO[bytes], file_size: int) -> _Stream | _Bytes | None:
    # calamine opens "Workbook" (BIFF8), else "Book" (BIFF5).
    entries = {str(kid.name).casefold(): kid for kid in ole.root.kids if kid.entry_type == _STGTY_STREAM}
    entry = entries.get("workbook") or entries.get("book")
    if entry is None:
        return None
    if entry.size < ole.minisectorcutoff:
        return _Bytes(ole.openstream(entry.name).read(_MINI_STREAM_CUTOFF))
    sector = ole.sectorsize
    fat = ole.fat
    chain: array[int] = array("I")
    current = entry.isectStart
    # A chain that ends early or leaves the file (a truncated copy) ends the stream there, as
    # calamine reads it; the chain is never longer than the file has sectors.
    for _ in range(min(-(-entry.size // sector), file_size // sector)):
        if not 0 <= current < len(fat) or (current + 1) * sector >= file_size:
            break
        chain.append(current)
        current = fat[current]
    return _Stream(handle, chain, sector, min(entry.size, len(chain) * sector))


def _records(stream: _Stream | _Bytes, offset: int, budget: list[int]) -> Iterator[tuple[int, bytes]]:
    """Yield (type, payload) of each BIFF record from ``offset`` until the stream ends.

    ``budget`` holds the bytes still allowed to be walked; it is spent across calls, so a file
    whose sheets all start at the same long run of records cannot make the walk quadratic.
    """
    data = b""
    at = 0
    while True:
        if len(data) - at < _MAX_RECORD and offset + len(data) < stream.size:
            offset += at
            data = stream.read_at(offset, _CHUNK + _MAX_RECORD)
            at = 0
        if len(data) - at < 4:
            return
        typ, length = struct.unpack_from("<HH", data, at)
        end = at + 4 + length
        if end > len(data):
            return  # a record running past the stream: calamine stops with an error
        budget[0] -= 4 + length
        if budget[0] < 0:
            raise _OverBudget
        yield typ, data[at + 4 : end]
        at = end


class _OverBudget(Exception):
    pass


def _measure_sheets(path: Path, stream: _Stream | _Bytes, limits: ReadLimits) -> dict[str, SheetExtent]:
    budget = [limits.max_sheet_bytes]
    sheets: list[tuple[int, str]] = []
    biff8 = True
    try:
        for typ, payload in _records(stream, 0, budget):
            if typ == _EOF:
                break
            if typ == _BOF and len(payload) >= 2:
                biff8 = int.from_bytes(payload[:2], "little") in (0x0600, 0)
            elif typ == _BOUND_SHEET and len(payload) >= 6:
                sheets.append((int.from_bytes(payload[:4], "little"), _sheet_name(payload, biff8)))
        extents: dict[str, SheetExtent] = {}
        measured: dict[int, SheetExtent] = {}
        total = 0
        for offset, name in sheets:
            if offset >= stream.size:
                past = ValueError(f"sheet '{name}' starts at byte {offset}, after the end of the stream")
                raise damaged_workbook(path, past)
            if offset not in measured:
                measured[offset] = _measure_sheet(path, stream, offset, name, limits, budget)
            extent = measured[offset]
            total += extent.cells
            if total > limits.max_cells:
                raise _together_too_many(path, total, limits)
            extents.setdefault(name, extent)
    except _OverBudget:
        raise too_big(path, "Workbook", limits.max_sheet_bytes + 1, limits) from None
    return extents


def _measure_sheet(
    path: Path, stream: _Stream | _Bytes, offset: int, name: str, limits: ReadLimits, budget: list[int]
) -> SheetExtent:
    top = left = _WIDE
    bottom = right = -1
    for typ, payload in _records(stream, offset, budget):
        if typ in _XLS_CELLS and len(payload) >= 4:
            row, column = struct.unpack_from("<HH", payload)
            top, bottom = min(top, row), max(bottom, row)
            left, right = min(left, column), max(right, column)
        elif typ == _MUL_RK and len(payload) >= 6:
            row, first = struct.unpack_from("<HH", payload)
            last = int.from_bytes(payload[-2:], "little")
            if last >= first:
                top, bottom = min(top, row), max(bottom, row)
                left, right = min(left, first), max(right, last)
        elif typ == _DIMENSIONS:
            declared = _declared(payload)
            if declared is not None and declared.cells > limits.max_cells:
                raise too_many_cells(path, name, declared, limits)
        elif typ == _EOF:
            break
    if bottom < 0:
        return SheetExtent(1, 1, 0, 0, 0)
    extent = SheetExtent(top + 1, left + 1, bottom + 1, right + 1, 0)
    if extent.cells > limits.max_cells:
        raise too_many_cells(path, name, extent, limits)
    return extent


def _declared(payload: bytes) -> SheetExtent | None:
    """The rectangle calamine reserves for a DIMENSIONS record (u32 arithmetic, as it does)."""
    if len(payload) == 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", payload)
    elif len(payload) == 10:
        first_row, end_row, first_col, end_col = struct.unpack_from("<HHHH", payload)
    else:
        return None
    if end_row < 1 or end_col < 1:
        return None
    # calamine computes (last - first + 1) in u32: last < first wraps to about 4 billion rows.
    rows = ((end_row - 1 - first_row) % 2**32 + 1) % 2**32
    cols = ((end_col - 1 - first_col) % 2**32 + 1) % 2**32
    return SheetExtent(first_row + 1, first_col + 1, first_row + rows, first_col + cols, 0)


def _sheet_name(payload: bytes, biff8: bool) -> str:
    count = payload[6] if len(payload) > 6 else 0
    if biff8 and len(payload) > 7:
        wide = payload[7] & 1
        raw = payload[8 : 8 + count * (2 if wide else 1)]
        name = raw.decode("utf-16-le" if wide else "latin-1", "replace")
    else:
        name = payload[7 : 7 + count].decode("cp1252", "replace")
    return name.replace("\0", "")


def _together_too_many(path: Path, cells: int, limits: ReadLimits) -> Exception:
    return unreadable(
        path,
        Msg(
            "arbetsbokens blad spänner tillsammans över minst {cells} celler, mer än gränsen {limit} "
            "(en .xls läses med alla blad på en gång).",
            "the workbook's sheets together span at least {cells} cells, more than the limit of {limit} "
            "(an .xls is read with all its sheets at once).",
        ).format(cells=f"{cells:,}", limit=f"{limits.max_cells:,}"),
        Msg(
            "Spara bladet med svaren som .xlsx eller CSV i Excel, eller ta bort tomma rader och kolumner "
            "(Ctrl+Slut visar den sista cellen). "
            "Gränsen kan höjas med max_cells under [import] i samverkan.toml.",
            "Save the sheet with the responses as .xlsx or CSV in Excel, or delete the empty rows and columns "
            "(Ctrl+End shows the last cell). "
            "The limit can be raised with max_cells under [import] in samverkan.toml.",
        ),
    )
