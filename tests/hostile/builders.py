"""Small generators for hostile inputs: each builds its file in a few KB, in a test's tmp dir."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["xlsx", "xlsx_bomb", "xml_spreadsheet_2003"]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(cells: dict[tuple[int, int], object], dimension: str | None = None) -> str:
    """Worksheet XML with ``cells`` keyed by 0-based (row, column)."""
    by_row: dict[int, list[tuple[int, object]]] = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, []).append((c, v))
    parts = [_SHEET_HEAD.format(dimension=f'<dimension ref="{dimension}"/>' if dimension else "")]
    for r in sorted(by_row):
        parts.append(f'<row r="{r + 1}">')
        parts.extend(_cell(f"{_column(c)}{r + 1}", v) for c, v in sorted(by_row[r]))
        parts.append("</row>")
    parts.append(_SHEET_TAIL)
    return "".join(parts)


def xlsx(
    path: Path,
    rows: list[list[object]] | None = None,
    *,
    cells: dict[tuple[int, int], object] | None = None,
    dimension: str | None = None,
    sheet_name: str = "Blad1",
    target: str = "worksheets/sheet1.xml",
) -> Path:
    """Write a minimal XLSX: ``rows`` from A1, plus any ``cells`` at (row, column).

    ``target`` is where the workbook's relation puts the sheet part (relative to ``xl/``).
    """
    grid: dict[tuple[int, int], object] = {}
    for r, row in enumerate(rows or []):
        for c, value in enumerate(row):
            if value not in ("", None):
                grid[(r, c)] = value
    grid.update(cells or {})
    return _package(path, sheet_xml(grid, dimension), sheet_name, target)


def _package(path: Path, sheet: str, sheet_name: str = "Blad1", target: str = "worksheets/sheet1.xml") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet_name, {'"': "&quot;"})))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.replace("worksheets/sheet1.xml", target))
        z.writestr(posixpath.normpath(f"xl/{target}"), sheet)
    return path


def xlsx_bomb(path: Path, inflated_mb: int = 1100) -> Path:
    """An XLSX whose sheet XML inflates to ``inflated_mb`` MB of whitespace (a few MB compressed at most)."""
    head = _SHEET_HEAD.format(dimension="") + '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(name="Blad1"))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(head.encode())
            for _ in range(inflated_mb):
                out.write(chunk)
            out.write(_SHEET_TAIL.encode())
    return path


def xml_spreadsheet_2003(path: Path, rows: list[list[str]]) -> Path:
    """An "XML Spreadsheet 2003" file, as Excel writes it with Save As."""
    body = "".join(
        "<Row>" + "".join(f'<Cell><Data ss:Type="String">{escape(v)}</Data></Cell>' for v in row) + "</Row>"
        for row in rows
    )
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\n'
        ' xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel"\n'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"\n'
        ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
        f'<Worksheet ss:Name="Blad1"><Table>{body}</Table></Worksheet></Workbook>\n',
        encoding="utf-8",
    )
    return path
