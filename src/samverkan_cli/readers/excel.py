"""Workbooks (XLSX, XLSM, XLSB, XLS, ODS) -> :class:`Grid`, via python-calamine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.cells import sheet_texts
from samverkan_cli.readers.grid import Grid
from samverkan_cli.readers.limits import DEFAULT_LIMITS, ReadLimits, SheetExtent, check_contents, check_xlsx
from samverkan_cli.readers.problems import unreadable
from samverkan_cli.readers.sniff import Kind

__all__ = ["read_workbook_grid"]

# Merged cells are only filled in where headers live; merging in data rows is layout.
_HEADER_AREA = 3
# A survey export has more columns than this; a sheet of label/value pairs does not.
_TABLE_WIDTH = 3


def read_workbook_grid(path: Path, kind: Kind, sheet: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> Grid:
    """Read the chosen sheet (``sheet`` by name or 1-based index) or the first with answers.

    Formula cells give their cached value, as Excel shows them. Sheets over ``limits`` are
    refused before calamine sees them; a sparse sheet is read without its blank rows.
    """
    import python_calamine as pc

    extents: dict[str, SheetExtent] = {}
    if kind is Kind.XLSX:
        extents = check_xlsx(path, limits)
    elif kind is Kind.ODS:
        check_contents(path, limits)
    elif kind is Kind.XLS:
        from samverkan_cli.readers.binary_limits import check_xls

        extents = check_xls(path, limits)

    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError as exc:
        raise unreadable(
            path,
            Msg("arbetsboken är lösenordsskyddad.", "the workbook is password protected."),
            Msg(
                "Öppna den i Excel, ta bort lösenordet och spara som .xlsx utan lösenord.",
                "Open it in Excel, remove the password and save as .xlsx without a password.",
            ),
        ) from exc
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        raise _corrupt(path, exc) from exc
    except BaseException as exc:
        raise _corrupt(path, exc) from _panic_or_reraise(exc)
    try:
        name, values, numbers = _choose_sheet(path, workbook, sheet, _Sparse(extents, limits))
    except pc.CalamineError as exc:
        raise _corrupt(path, exc) from exc
    except BaseException as exc:
        raise _corrupt(path, exc) from _panic_or_reraise(exc)
    rows = sheet_texts(values)
    notes: list[Msg] = []
    aggregates = None
    if kind is Kind.XLSX:
        from samverkan_cli.readers.xlsx_formulas import aggregate_formula_cells, uncached_formulas

        def aggregates() -> dict[int, int]:
            return aggregate_formula_cells(path, name)

        if uncached_formulas(path, name):
            notes.append(
                Msg(
                    "Bladet '{sheet}' har formler utan sparat värde; de cellerna lästes som tomma.",
                    "Sheet '{sheet}' has formulas without a saved value; those cells read as empty.",
                ).format(sheet=name)
            )
    if len(workbook.sheet_names) > 1 and sheet is None:
        notes.append(
            Msg(
                "Arbetsboken har flera blad; bladet '{sheet}' lästes.",
                "The workbook has several sheets; sheet '{sheet}' was read.",
            ).format(sheet=name)
        )
    others = [] if sheet is not None else [n for n in _worksheet_order(workbook) if n != name]
    return Grid(rows, numbers, sheet=name, notes=notes, aggregates=aggregates, other_sheets=others)


def _panic_or_reraise(exc: BaseException) -> BaseException:
    # pyo3 turns a Rust panic inside calamine (a slice out of range in a damaged file) into
    # PanicException, which derives from BaseException; anything else (Ctrl+C) goes on.
    if type(exc).__name__ != "PanicException":
        raise exc
    return exc


def _corrupt(path: Path, exc: BaseException) -> Exception:
    return unreadable(
        path,
        Msg(
            "arbetsboken är skadad eller i ett format som inte stöds ({err}).",
            "the workbook is corrupt or in an unsupported format ({err}).",
        ).format(err=exc),
        Msg(
            "Öppna den i Excel och spara som .xlsx, eller exportera den på nytt.",
            "Open it in Excel and save as .xlsx, or export it again.",
        ),
    )


class _Sparse:
    """Which sheets are read row by row, skipping blank rows (a few cells in a huge rectangle)."""

    def __init__(self, extents: dict[str, SheetExtent], limits: ReadLimits) -> None:
        self._extents = extents
        self._limits = limits

    def __contains__(self, name: object) -> bool:
        extent = self._extents.get(str(name))
        return extent is not None and extent.cells > self._limits.sparse_cells


_Loaded = tuple[str, list[list[Any]], list[int]]


def _choose_sheet(path: Path, workbook: Any, sheet: str | None, sparse: _Sparse) -> _Loaded:
    names: list[str] = list(workbook.sheet_names)
    if sheet is not None:
        name = _named_sheet(path, names, sheet)
        values, numbers = _load(workbook, name, name in sparse)
        if not values:
            raise unreadable(
                path, Msg("bladet '{s}' är tomt.", "sheet '{s}' is empty.").format(s=name), _sheet_hint(names)
            )
        return name, values, numbers
    candidates = _worksheet_order(workbook)
    fallback: _Loaded | None = None
    pairs: _Loaded | None = None
    for name in candidates:
        values, numbers = _load(workbook, name, name in sparse)
        if not values:
            continue
        if len(values) >= 2 and max(map(len, values[:10])) >= _TABLE_WIDTH:
            return name, values, numbers
        if len(values) >= 2 and len(values[0]) >= 2:
            # Two columns of "Enkät: ...", "Exporterad: ..." is a cover sheet, unless nothing wider exists.
            pairs = pairs or (name, values, numbers)
        fallback = fallback or (name, values, numbers)
    if pairs is not None:
        return pairs
    if fallback is None:
        raise unreadable(
            path,
            Msg("arbetsboken innehåller inga ifyllda celler.", "the workbook contains no filled cells."),
            Msg(
                "Kontrollera att det är rätt fil och att svaren har exporterats.",
                "Check that this is the right file and that responses were exported.",
            ),
        )
    return fallback


def _worksheet_order(workbook: Any) -> list[str]:
    visible: list[str] = []
    hidden: list[str] = []
    for meta in workbook.sheets_metadata:
        if "Chart" in str(meta.typ):
            continue
        (visible if str(meta.visible).endswith("Visible") else hidden).append(meta.name)
    return visible + hidden


def _named_sheet(path: Path, names: list[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    folded = {n.casefold().strip(): n for n in names}
    if wanted.casefold().strip() in folded:
        return folded[wanted.casefold().strip()]
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise unreadable(
        path, Msg("bladet '{s}' finns inte.", "there is no sheet '{s}'.").format(s=wanted), _sheet_hint(names)
    )


def _sheet_hint(names: list[str]) -> Msg:
    listed = ", ".join(f"{i}: {n}" for i, n in enumerate(names, start=1))
    return Msg(
        "Välj ett av bladen med namn eller nummer: {names}.", "Choose one of the sheets by name or number: {names}."
    ).format(names=listed)


def _load(workbook: Any, name: str, sparse: bool) -> tuple[list[list[Any]], list[int]]:
    """The sheet's rows and their 1-based row numbers."""
    ws = workbook.get_sheet_by_name(name)
    if sparse:
        return _load_sparse(ws)
    values: list[list[Any]] = ws.to_python(skip_empty_area=True)
    if not values:
        return values, []
    top, left = ws.start
    merged = ws.merged_cell_ranges
    if merged:
        _fill_merged_headers(values, merged, top, left)
    return values, list(range(top + 1, top + 1 + len(values)))


def _load_sparse(ws: Any) -> tuple[list[list[Any]], list[int]]:
    # iter_rows yields every row from row 1, blank ones too, one at a time: only filled rows are kept.
    values: list[list[Any]] = []
    numbers: list[int] = []
    for index, row in enumerate(ws.iter_rows()):
        if any(c != "" and c is not None for c in row):
            values.append(row)
            numbers.append(index + 1)
    merged = ws.merged_cell_ranges
    if merged and values and numbers[0] == ws.start[0] + 1:
        _fill_merged_headers(values, merged, ws.start[0], ws.start[1])
    return values, numbers


def _fill_merged_headers(values: list[list[Any]], merged: Any, top: int, left: int) -> None:
    """Carry a merged header's text into the cells it spans (SurveyMonkey's question over its options).

    A row whose every value is a merged block is a title or a group heading above the header,
    not a header: filling it would make a title look like a header as wide as the table.
    """
    anchors: dict[int, set[int]] = {}
    for (r0, c0), _ in merged:
        anchors.setdefault(r0 - top, set()).add(c0 - left)
    for (r0, c0), (r1, c1) in merged:
        if r0 - top >= _HEADER_AREA:
            continue
        row0 = r0 - top
        if 0 <= row0 < len(values) and all(
            c in anchors[row0] for c, v in enumerate(values[row0]) if v not in ("", None)
        ):
            continue
        rows = range(max(r0 - top, 0), min(r1 - top, _HEADER_AREA - 1, len(values) - 1) + 1)
        if not rows or not 0 <= r0 - top < len(values):
            continue
        source = values[r0 - top]
        if not 0 <= c0 - left < len(source):
            continue
        value = source[c0 - left]
        for r in rows:
            row = values[r]
            for c in range(max(c0 - left, 0), min(c1 - left, len(row) - 1) + 1):
                if row[c] in ("", None):
                    row[c] = value
