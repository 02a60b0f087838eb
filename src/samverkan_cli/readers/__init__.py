"""Readers: any supported export file -> :class:`RawTable`.

>>> table = read_table(Path("svar.csv"))  # doctest: +SKIP
>>> table.platform, table.headers[:2], table.rows[0][:2]  # doctest: +SKIP
('google_forms', ['Tidstämpel', 'Verksamhetens namn'], ['2026/03/22 8:53:03 fm CET', 'VC Ale'])
"""

from __future__ import annotations

import stat
from pathlib import Path

from samverkan_cli.errors import InputError, UsageError
from samverkan_cli.i18n import Msg
from samverkan_cli.readers.base import PLATFORMS, ColumnMeta, RawTable
from samverkan_cli.readers.limits import DEFAULT_LIMITS, ReadLimits
from samverkan_cli.readers.problems import not_a_workbook, unreadable

__all__ = ["PLATFORMS", "ColumnMeta", "RawTable", "ReadLimits", "read_table"]

_HEAD_BYTES = 8192
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def read_table(path: Path, sheet: str | None = None, limits: ReadLimits | None = None) -> RawTable:
    """Read a survey export (CSV/TSV/TXT, XLSX/XLSM/XLS/ODS, SPSS .sav) into a RawTable.

    The format is found from the content, not the file name. ``sheet`` picks a workbook
    sheet by name or 1-based number; without it the first sheet that holds a table is read.
    Anything that cannot be read raises :class:`InputError` (a missing path raises
    :class:`UsageError`, as SPEC section 9 files "missing file" under usage errors).
    A file with header rows and no responses gives a table with no rows and a note.
    """
    path = Path(path)
    try:
        return _read(path, sheet, limits or DEFAULT_LIMITS)
    except (InputError, UsageError):
        raise
    except MemoryError as exc:
        raise unreadable(
            path,
            Msg("filen är för stor för minnet.", "the file is too large for memory."),
            Msg("Dela upp exporten i mindre filer.", "Split the export into smaller files."),
        ) from exc
    except Exception as exc:  # a reader bug or library surprise must not become a traceback
        raise unreadable(
            path,
            Msg(
                "oväntat fel vid läsning ({err}: {detail}).", "unexpected error while reading ({err}: {detail})."
            ).format(err=type(exc).__name__, detail=exc),
            Msg(
                "Öppna filen i Excel och spara den som .xlsx, eller exportera den på nytt.",
                "Open the file in Excel and save it as .xlsx, or export it again.",
            ),
        ) from exc


def _read(path: Path, sheet: str | None, limits: ReadLimits) -> RawTable:
    from samverkan_cli.readers.sniff import Kind, detect_kind

    data = _read_bytes(path)
    kind = detect_kind(path, data[:_HEAD_BYTES])
    if kind is Kind.SAV:
        from samverkan_cli.readers.spss import read_sav

        return read_sav(path)
    if kind is Kind.TEXT:
        from samverkan_cli.readers.csv_reader import read_text_grid

        grid = read_text_grid(path, data)
        if sheet is not None:
            grid.notes.append(
                Msg(
                    "Filen är en textfil; bladvalet '{s}' ignorerades.",
                    "The file is a text file; the sheet choice '{s}' was ignored.",
                ).format(s=sheet)
            )
    else:
        from samverkan_cli.readers.excel import read_workbook_grid

        del data  # calamine reads the file itself
        grid = read_workbook_grid(path, kind, sheet, limits)
    from samverkan_cli.readers.grid import tidy
    from samverkan_cli.readers.table import build_table

    grid = tidy(grid)
    if not grid.rows:
        raise unreadable(
            path, Msg("filen innehåller inga ifyllda celler.", "the file contains no filled cells."), _EXPORT_AGAIN
        )
    misnamed = kind is Kind.TEXT and path.suffix.lower() in _WORKBOOK_SUFFIXES
    if misnamed and not _reads_as_table(grid.rows):
        raise not_a_workbook(path, Msg("texten är ingen tabell", "its text is not a table"))
    table = build_table(path, grid)
    if misnamed:
        # Imported only if its columns match the codebook: the importer checks that.
        table.misnamed = path.suffix
    return table


def _reads_as_table(rows: list[list[str]]) -> bool:
    """A header of at least two named columns and rows that split into about as many fields."""
    header = sum(1 for c in rows[0] if c.strip())
    if header < 2 or len(rows) < 2:
        return False
    widths = [sum(1 for c in r if c.strip()) for r in rows[1:51]]
    return sum(1 for w in widths if w >= 2) * 2 >= len(widths)


_EXPORT_AGAIN = Msg(
    "Kontrollera att det är rätt fil och exportera svaren på nytt från enkätverktyget.",
    "Check that this is the right file and export the responses again from the survey tool.",
)


_SPECIAL = (
    (stat.S_ISFIFO, Msg("en namngiven rörledning (FIFO)", "a named pipe (FIFO)")),
    (stat.S_ISSOCK, Msg("en socket", "a socket")),
    (stat.S_ISCHR, Msg("en teckenenhet", "a character device")),
    (stat.S_ISBLK, Msg("en blockenhet", "a block device")),
)


def _refuse_special(path: Path) -> None:
    """Only regular files are read: opening a FIFO or a device blocks or never ends."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # reading reports it in its own words
    if stat.S_ISREG(mode):
        return
    what = next((m for test, m in _SPECIAL if test(mode)), Msg("ingen vanlig fil", "not a regular file"))
    raise unreadable(
        path,
        Msg(f"det är {what.sv}, inte en vanlig fil.", f"it is {what.en}, not a regular file."),
        Msg("Spara exporten som en vanlig fil och importera den.", "Save the export as a regular file and import it."),
    )


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise UsageError(
            Msg("Filen {f} finns inte.", "File {f} does not exist.").format(f=path),
            Msg("Kontrollera sökvägen.", "Check the path."),
        )
    if path.is_dir():
        raise unreadable(
            path,
            Msg("det är en mapp, inte en fil.", "it is a directory, not a file."),
            Msg(
                "Ange exportfilerna i mappen, t.ex. {p}/*.xlsx.", "Name the export files in it, e.g. {p}/*.xlsx."
            ).format(p=path),
        )
    _refuse_special(path)
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise unreadable(
            path,
            Msg("behörighet saknas att läsa filen.", "no permission to read the file."),
            Msg(
                "Ge ditt konto läsrätt till filen, eller kopiera den till projektmappen.",
                "Give your account read access to the file, or copy it into the project folder.",
            ),
        ) from exc
    except OSError as exc:
        raise unreadable(
            path,
            Msg("filen gick inte att öppna ({err}).", "the file could not be opened ({err}).").format(err=exc),
            _EXPORT_AGAIN,
        ) from exc
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise unreadable(path, Msg("filen är tom.", "the file is empty."), _EXPORT_AGAIN)
    return data
