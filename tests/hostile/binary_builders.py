"""Generators for binary workbooks (.xlsb and .xls) in a few KB, for hostile and normal cases.

Only what python-calamine needs is written: an .xlsb is a zip of BIFF12 record parts
(MS-XLSB), an .xls a BIFF8 ``Workbook`` stream (MS-XLS) inside a minimal OLE2 compound
file (MS-CFB, version 3, 512-byte sectors, no mini stream).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

__all__ = ["ole", "record", "xls", "xlsb", "xlsb_sheet"]

# (first row, last row, first column, last column), 0-based and inclusive.
Span = tuple[int, int, int, int]
Cells = dict[tuple[int, int], object]


def _grid(rows: list[list[object]] | None, cells: Cells | None) -> Cells:
    grid: Cells = {}
    for r, row in enumerate(rows or []):
        for c, value in enumerate(row):
            if value not in ("", None):
                grid[(r, c)] = value
    grid.update(cells or {})
    return grid


def _used(grid: Cells) -> Span:
    if not grid:
        return (0, 0, 0, 0)
    rows = [r for r, _ in grid]
    cols = [c for _, c in grid]
    return (min(rows), max(rows), min(cols), max(cols))


# --- .xlsb -------------------------------------------------------------------------------


def record(typ: int, payload: bytes = b"") -> bytes:
    """One BIFF12 record: varint type, varint size, payload."""
    head = bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    size = len(payload)
    varint = bytearray()
    while True:
        byte, size = size & 0x7F, size >> 7
        varint.append(byte | (0x80 if size else 0))
        if not size:
            break
    return head + bytes(varint) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_sheet(grid: Cells, dimension: Span | None = None) -> bytes:
    """One worksheet part: BrtBeginSheet, BrtWsDim, BrtBeginSheetData, rows and cells."""
    first_row, last_row, first_col, last_col = dimension or _used(grid)
    parts = [record(0x81), record(0x94, struct.pack("<4I", first_row, last_row, first_col, last_col))]
    parts.append(record(0x91))
    by_row: dict[int, list[tuple[int, object]]] = {}
    for (r, c), v in grid.items():
        by_row.setdefault(r, []).append((c, v))
    for r in sorted(by_row):
        parts.append(record(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0)))  # BrtRowHdr
        for c, v in sorted(by_row[r]):
            cell = struct.pack("<II", c, 0)
            if isinstance(v, int | float):
                parts.append(record(0x05, cell + struct.pack("<d", float(v))))  # BrtCellReal
            else:
                parts.append(record(0x06, cell + _wide(str(v))))  # BrtCellSt
    parts.extend([record(0x92), record(0x82)])
    return b"".join(parts)


_XLSB_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
    '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
    "</Types>"
)
_XLSB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.bin"/></Relationships>'
)
_XLSB_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
)


def xlsb(
    path: Path,
    rows: list[list[object]] | None = None,
    *,
    cells: Cells | None = None,
    dimension: Span | None = None,
    sheet_name: str = "Blad1",
    part: bytes | None = None,
) -> Path:
    """Write a minimal XLSB: ``rows`` from A1, plus any ``cells`` at 0-based (row, column).

    ``part`` replaces the generated worksheet part (hand-made records).
    """
    bundle = struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet_name)
    workbook = b"".join(
        [record(0x83), record(0x8F), record(0x9C, bundle), record(0x90), record(0x9D, bytes(26)), record(0x84)]
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _XLSB_CONTENT_TYPES)
        z.writestr("_rels/.rels", _XLSB_RELS)
        z.writestr("xl/workbook.bin", workbook)
        z.writestr("xl/_rels/workbook.bin.rels", _XLSB_WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.bin", part if part is not None else xlsb_sheet(_grid(rows, cells), dimension))
    return path


# --- .xls --------------------------------------------------------------------------------


def _biff(typ: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", typ, len(payload)) + payload


def _bof(kind: int) -> bytes:
    return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x0206))


def _xl_string(text: str, length_bytes: int) -> bytes:
    try:
        body, flags = text.encode("latin-1"), 0
    except UnicodeEncodeError:
        body, flags = text.encode("utf-16-le"), 1
    return struct.pack("<B" if length_bytes == 1 else "<H", len(text)) + bytes([flags]) + body


def xls_workbook_stream(
    grid: Cells, dimension: Span | None = None, sheet_names: tuple[str, ...] = ("Blad1",), offset: int | None = None
) -> bytes:
    """The BIFF8 ``Workbook`` stream: globals (BOF, CODEPAGE, BoundSheet8s, EOF) and one sheet substream.

    Every name in ``sheet_names`` points at that substream (or at ``offset``, when given).
    """
    first_row, last_row, first_col, last_col = dimension or _used(grid)
    sheet = [_bof(0x0010), _biff(0x0200, struct.pack("<IIHHH", first_row, last_row + 1, first_col, last_col + 1, 0))]
    for (r, c), v in sorted(grid.items()):
        if isinstance(v, int | float):
            sheet.append(_biff(0x0203, struct.pack("<HHHd", r, c, 0, float(v))))  # NUMBER
        else:
            sheet.append(_biff(0x0204, struct.pack("<HHH", r, c, 0) + _xl_string(str(v), 2)))  # LABEL
    sheet.append(_biff(0x000A))
    names = [_xl_string(n, 1) for n in sheet_names]
    start = len(_bof(0x0005)) + len(_biff(0x0042, b"\0\0")) + sum(len(_biff(0x0085, bytes(6) + n)) for n in names) + 4
    bound = [_biff(0x0085, struct.pack("<IBB", start if offset is None else offset, 0, 0) + n) for n in names]
    globals_ = [_bof(0x0005), _biff(0x0042, struct.pack("<H", 1200)), *bound, _biff(0x000A)]  # CODEPAGE: UTF-16
    return b"".join(globals_ + sheet)


_SECTOR = 512
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_NO_STREAM = 0xFFFFFFFF


def _dir_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NO_STREAM, _NO_STREAM, child)
        + bytes(16 + 4 + 8 + 8)  # CLSID, state bits, creation and modification time
        + struct.pack("<IQ", start, size)
    )


def ole(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (each padded to 4096 bytes, so none uses the mini stream)."""
    names = list(streams)
    assert len(names) <= 3
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    fat = [0xFFFFFFFD, _END_OF_CHAIN]  # sector 0: the FAT itself, sector 1: the directory
    starts = []
    for data in datas:
        count = -(-len(data) // _SECTOR)
        starts.append(len(fat))
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(_END_OF_CHAIN)
    assert len(fat) <= _SECTOR // 4, "one FAT sector holds 128 sectors (64 KB)"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([_FREE] * 108))
    )
    entries = [_dir_entry("Root Entry", 5, 1 if names else _NO_STREAM, _END_OF_CHAIN, 0)]
    # Siblings form a (degenerate, all-black) tree: each entry's right sibling is the next one.
    for i, (name, data, start) in enumerate(zip(names, datas, starts, strict=True)):
        entry = bytearray(_dir_entry(name, 2, _NO_STREAM, start, len(data)))
        if i + 1 < len(names):
            struct.pack_into("<I", entry, 0x48, i + 2)
        entries.append(bytes(entry))
    while len(entries) < 4:
        entries.append(_dir_entry("", 0, _NO_STREAM, 0, 0))
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *(fat + [_FREE] * (_SECTOR // 4 - len(fat))))
    body = b"".join(d.ljust(-(-len(d) // _SECTOR) * _SECTOR, b"\0") for d in datas)
    return header + fat_sector + b"".join(entries) + body


def xls(
    path: Path,
    rows: list[list[object]] | None = None,
    *,
    cells: Cells | None = None,
    dimension: Span | None = None,
    sheet_names: tuple[str, ...] = ("Blad1",),
    offset: int | None = None,
) -> Path:
    """Write a minimal BIFF8 .xls: ``rows`` from A1, plus any ``cells`` at 0-based (row, column).

    Each of ``sheet_names`` is a sheet reading the same substream; ``offset`` points them elsewhere.
    """
    stream = xls_workbook_stream(_grid(rows, cells), dimension, sheet_names, offset)
    path.write_bytes(ole({"Workbook": stream}))
    return path
