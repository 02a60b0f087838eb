"""Find formula cells that an xlsx stores without a cached value.

Files written by scripts (openpyxl, some exporters) keep the formula but no result, and a
fast reader then sees an empty cell. Only the first megabyte of the sheet is scanned: enough
for a computed column, and it keeps this check cheap on large exports.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

__all__ = ["aggregate_formula_cells", "sheet_parts", "uncached_formulas"]

_SCAN_BYTES = 1 << 20
_UNCACHED = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_FORMULA = re.compile(rb"<f[\s>/]")


def uncached_formulas(path: Path, sheet: str) -> bool:
    """True when the sheet's first megabyte holds a formula cell with no ``<v>`` value."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return False
            head = _read_head(archive, part)
    except (zipfile.BadZipFile, KeyError, OSError, zlib.error, ValueError):
        return False
    return bool(_FORMULA.search(head)) and bool(_UNCACHED.search(head))


# A formula cell: its row number, shared-formula index and formula text (absent on a shared copy).
_FORMULA_CELL = re.compile(
    rb'<c\b[^>]*?\br="[A-Z]{1,3}(\d+)"[^>]*>\s*(?:<is>.*?</is>\s*)?<f\b([^>]*?)(?:/>|>([^<]*)</f>)', re.DOTALL
)
_SHARED_INDEX = re.compile(rb'\bsi="(\d+)"')
# Totals under the data: SUM, AVERAGE, COUNT ... over a range (stored with English names in xlsx).
_AGGREGATE = re.compile(
    rb"^\s*(?:_xlfn\.)?(?:SUM|SUMIFS?|AVERAGE|AVERAGEIFS?|COUNTA?|COUNTIFS?|COUNTBLANK|MEDIAN|MIN|MAX|"
    rb"SUBTOTAL|AGGREGATE|STDEV(?:\.[SP])?|STDEVA?|MODE(?:\.SNGL)?)\s*\(",
    re.IGNORECASE,
)
_CHUNK = 1 << 20
_OVERLAP = 4096


def aggregate_formula_cells(path: Path, sheet: str) -> dict[int, int]:
    """Row number -> how many cells of that row hold a SUM/AVERAGE/COUNT-like formula.

    The whole sheet part is streamed (totals sit at the end); shared formulas count with the
    text of the cell that defines them.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return {}
            with archive.open(part) as stream:
                return _scan_aggregates(stream)
    except (zipfile.BadZipFile, KeyError, OSError, zlib.error, ValueError):
        return {}


def _scan_aggregates(stream: IO[bytes]) -> dict[int, int]:
    counts: dict[int, int] = {}
    shared: dict[bytes, bool] = {}
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        # Keep the end of the buffer for the next round unless it is the last: a cell may be cut.
        cut = len(data) if not chunk else max(data.rfind(b"<c ", 0, len(data) - _OVERLAP), 0)
        for cell in _FORMULA_CELL.finditer(data, 0, cut):
            row, attrs, text = cell.group(1), cell.group(2), cell.group(3)
            index = _SHARED_INDEX.search(attrs)
            if text:
                aggregate = bool(_AGGREGATE.match(text))
                if index:
                    shared[index.group(1)] = aggregate
            else:
                aggregate = bool(index) and shared.get(index.group(1) if index else b"", False)
            if aggregate:
                counts[int(row)] = counts.get(int(row), 0) + 1
        if not chunk:
            return counts
        tail = data[cut:]


def _read_head(archive: zipfile.ZipFile, part: str) -> bytes:
    with archive.open(part) as stream:
        return stream.read(_SCAN_BYTES)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    return sheet_parts(archive).get(sheet)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive (``xl/worksheets/sheet1.xml``)."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    ids: dict[str, str] = {}
    for tag in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        attrs = _attributes(tag.group(0))
        rel_id = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if rel_id is not None:
            ids.setdefault(rel_id, _unescape(attrs.get("name", "")))
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    parts: dict[str, str] = {}
    for tag in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = _attributes(tag.group(0))
        name = ids.get(attrs.get("Id", ""))
        if name is None or name in parts:
            continue
        target = attrs.get("Target", "")
        parts[name] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return parts


def _attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w:]+)="([^"]*)"', tag))


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )
