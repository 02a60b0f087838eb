"""Hostile files built here: each is refused with exit 3 and a message, or read within bounds."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from samverkan_cli.readers import read_table
from samverkan_cli.readers.limits import ReadLimits, check_xlsx
from tests.hostile.builders import xlsx, xlsx_bomb, xml_spreadsheet_2003
from tests.hostile.child import import_in_child

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = REPO / "examples" / "exports" / "2026" / "23_jamtland.csv"  # cp1252, ';', CRLF


def example_lines() -> list[str]:
    return EXAMPLE_CSV.read_bytes().decode("cp1252").split("\r\n")


def db_bytes(project: Path) -> bytes:
    con = sqlite3.connect(project / "samverkan.db")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return b"".join(p.read_bytes() for p in project.glob("samverkan.db*"))


class TestWorkbookLimits:
    def test_cell_at_the_last_address_is_refused_not_aborted(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A cell at XFD1048576 next to a real table exits 3 naming the sheet's span (calamine aborted before)."""
        path = xlsx(tmp_path / "xfd.xlsx", [["a", "b"], ["1", "2"]], cells={(1048575, 16383): "x"})
        result = cli("--project", project, "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "xfd.xlsx" in result.err and "XFD1048576" in result.err

    @pytest.mark.parametrize("target", ["worksheets/sheet1.dat", "other/sheet1.xml"])
    def test_sheet_part_anywhere_is_measured(self, project: Path, tmp_path: Path, target: str) -> None:
        """A sheet part outside xl/worksheets/*.xml is measured too (calamine read it and aborted before)."""
        path = xlsx(tmp_path / "moved.xlsx", [["a", "b"], ["1", "2"]], cells={(1048575, 16383): "x"}, target=target)
        code, _, err = import_in_child(project, path)
        assert code == 3, err
        assert "moved.xlsx" in err and "XFD1048576" in err

    def test_declared_dimension_over_the_bound_is_refused(self, tmp_path: Path) -> None:
        """A <dimension ref> larger than the bound is refused without reading the cells."""
        path = xlsx(tmp_path / "dim.xlsx", [["a", "b"]], dimension="A1:ZZ1048576")
        with pytest.raises(Exception, match="A1:ZZ1048576"):
            read_table(path)

    def test_sparse_sheet_is_read_without_its_empty_rows(self, tmp_path: Path) -> None:
        """A table plus one cell at A1048576 reads the filled rows only, keeping their row numbers."""
        path = xlsx(tmp_path / "sparse.xlsx", [["a", "b"], ["1", "2"]], cells={(1048575, 0): "x"})
        table = read_table(path)
        assert table.row_numbers == [2, 1048576]

    def test_zip_bomb_is_refused_by_its_unpacked_size(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A sheet XML inflating past the byte bound exits 3 and calls it a possible zip bomb."""
        path = xlsx_bomb(tmp_path / "bomb.xlsx", inflated_mb=300)
        assert path.stat().st_size < 400_000
        result = cli("--project", project, "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "zip" in result.err

    def test_bound_is_measured_while_inflating(self, tmp_path: Path) -> None:
        """The actual inflated bytes are counted, with a lower configurable bound."""
        path = xlsx_bomb(tmp_path / "bomb.xlsx", inflated_mb=3)
        with pytest.raises(Exception, match="zip"):
            check_xlsx(path, ReadLimits(max_sheet_bytes=1024 * 1024))

    def test_limits_come_from_the_project_configuration(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """[import] max_cells in samverkan.toml bounds a sheet; the message says which key raises it."""
        from openpyxl import Workbook

        config = project / "samverkan.toml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("max_cells = 4000000", "max_cells = 10", 1), encoding="utf-8"
        )
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in range(1, 6):
            sheet.append([f"r{row}c{col}" for col in range(1, 5)])
        path = tmp_path / "wide.xlsx"
        book.save(path)
        result = cli("--project", project, "--lang", "en", "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "more than the limit of 10" in result.err and "max_cells" in result.err


class TestOtherHostileFiles:
    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
    def test_fifo_is_refused_not_waited_on(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A named pipe called export.csv exits 3 at once, saying it is not a regular file."""
        fifo = tmp_path / "export.csv"
        os.mkfifo(fifo)
        result = cli("--project", project, "import", fifo, "--wave", "2026")
        assert result.code == 3
        assert "FIFO" in result.err

    def test_unclosed_quote_names_the_swallowed_rows(self, tmp_path: Path) -> None:
        """A quote opened in row 6 and never closed is reported with the row and the text lines it joined."""
        lines = example_lines()
        cells = lines[5].split(";")
        cells[3] = '"' + cells[3]
        lines[5] = ";".join(cells)
        path = tmp_path / "quote.csv"
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
        notes = [n.en for n in read_table(path).notes]
        assert any(n.startswith("Row 6 (text lines 6–") and "never closed" in n for n in notes), notes

    def test_xml_spreadsheet_2003_is_named(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """An XML Spreadsheet 2003 saved as .xls is called that, not an HTML table."""
        path = xml_spreadsheet_2003(tmp_path / "old.xls", [["a", "b"], ["1", "2"]])
        result = cli("--lang", "en", "--project", project, "import", path, "--wave", "2026")
        assert result.code == 3
        assert "XML Spreadsheet 2003" in result.err and "HTML" not in result.err

    def test_megabyte_kommun_cell_is_handled(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A 1 MB kommun cell imports without a traceback: a quarantined or stored row."""
        lines = example_lines()
        header = lines[0].split(";")
        cells = lines[1].split(";")
        cells[header.index("Kommun")] = "Östersund " * 100_000
        path = tmp_path / "kommun.csv"
        path.write_text(lines[0] + "\r\n" + ";".join(cells) + "\r\n" + lines[2] + "\r\n", encoding="utf-8")
        result = cli("--project", project, "import", path, "--wave", "2026")
        assert result.code in (0, 4), result.err
        assert "Traceback" not in result.err


class TestResolverCap:
    def test_overlong_kommun_text_is_no_kommun_without_matching(self) -> None:
        """Text longer than any kommun name resolves to none at once: the fuzzy matcher never sees it."""
        from samverkan_cli.reference import resolve_kommun

        match = resolve_kommun("Östersund " * 100_000)
        assert match.kommun is None and match.method == "none" and match.candidates == ()
