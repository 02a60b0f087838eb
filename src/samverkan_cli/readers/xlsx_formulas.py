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

__all__ = ["uncached_formulas"]

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


def _read_head(archive: zipfile.ZipFile, part: str) -> bytes:
    with archive.open(part) as stream:
        return stream.read(_SCAN_BYTES)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rel_id = None
    for tag in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        attrs = _attributes(tag.group(0))
        if _unescape(attrs.get("name", "")) == sheet:
            rel_id = next((v for k, v in attrs.items() if k.endswith(":id")), None)
            break
    if rel_id is None:
        return None
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    for tag in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = _attributes(tag.group(0))
        if attrs.get("Id") == rel_id:
            target = attrs.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


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
