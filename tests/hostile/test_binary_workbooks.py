"""Hostile .xlsb and .xls files, built here: refused with exit 3 and a message, in little memory.

Before these limits calamine aborted the process (SIGABRT, no message) on an .xlsb cell at
XFD1048576 and on an .xls DIMENSIONS record whose first row lies after its last, and an .xls
cell at IV65536 took 1.2 GB.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from samverkan_cli.readers import read_table
from samverkan_cli.readers.binary_limits import measure_xlsb_part
from samverkan_cli.readers.limits import ReadLimits, check_xlsx
from tests.hostile.binary_builders import record, xls, xlsb
from tests.hostile.child import import_in_child

TABLE: list[list[object]] = [["a", "b", "c"], ["1", "2", "3"]]
# A fresh interpreter importing the CLI and pandas takes about 60 MB; calamine's dense grid for
# IV65536 took 1,213 MB. The bound sits far from both.
MEMORY_BOUND_MB = 250


class TestXlsbLimits:
    def test_cell_at_the_last_address_is_refused_in_little_memory(self, project: Path, tmp_path: Path) -> None:
        """A cell at XFD1048576 exits 3 naming file, sheet and span, in a child that stays small (SIGABRT before)."""
        path = xlsb(tmp_path / "xfd.xlsb", TABLE, cells={(1048575, 16383): "x"})
        code, peak, err = import_in_child(project, path)
        assert code == 3, err
        assert "xfd.xlsb" in err and "'Blad1'" in err and "A1:XFD1048576" in err and "max_cells" in err
        assert peak < MEMORY_BOUND_MB

    def test_declared_dimension_over_the_bound_is_refused(self, tmp_path: Path) -> None:
        """A BrtWsDim larger than the bound is refused even when the cells are few."""
        path = xlsb(tmp_path / "dim.xlsb", TABLE, dimension=(0, 1048575, 0, 701))
        with pytest.raises(Exception, match="A1:ZZ1048576"):
            read_table(path)

    def test_column_beyond_the_grid_is_refused(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A cell record with column 2**32-1 is refused (calamine read the sheet as empty before)."""
        path = xlsb(tmp_path / "wide.xlsb", TABLE, cells={(1, 0xFFFF_FFFF): "x"})
        result = cli("--project", project, "--lang", "en", "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "more than the limit" in result.err

    def test_sparse_sheet_is_read_without_its_empty_rows(self, tmp_path: Path) -> None:
        """A table plus one cell at A1048576 reads the filled rows only, keeping their row numbers."""
        path = xlsb(tmp_path / "sparse.xlsb", TABLE, cells={(1048575, 0): "x"})
        table = read_table(path)
        assert table.row_numbers == [2, 1048576]

    def test_bound_is_measured_while_inflating(self, tmp_path: Path) -> None:
        """A sheet part of 3 MB (a few KB packed) is refused under a 1 MB byte bound without being held whole."""
        padding = record(0x0185, bytes(3 * 1024 * 1024))  # an unknown record the walk skips unread
        part = b"".join([record(0x81), record(0x91), padding, record(0x92), record(0x82)])
        path = xlsb(tmp_path / "bomb.xlsb", part=part)
        assert path.stat().st_size < 100_000
        with pytest.raises(Exception, match="zip"):
            check_xlsx(path, ReadLimits(max_sheet_bytes=1024 * 1024))
        # The walk itself stops at the bound, whatever size the zip header states.
        with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.bin") as stream:
            assert measure_xlsb_part(stream, ReadLimits(max_sheet_bytes=1024 * 1024)) is None

    def test_record_calamine_panics_on_is_a_message(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A shared-string index past the table (a Rust panic in calamine) exits 3 as a corrupt workbook."""
        row = record(0x00, struct.pack("<IIHBBBI", 0, 0, 300, 0, 0, 0, 0))
        dimension = record(0x94, struct.pack("<4I", 0, 0, 0, 0))
        cell = record(0x07, struct.pack("<III", 0, 0, 99))  # BrtCellIsst: string 99 of none
        part = b"".join([record(0x81), dimension, record(0x91), row, cell, record(0x92)])
        path = xlsb(tmp_path / "isst.xlsb", part=part)
        result = cli("--project", project, "--lang", "en", "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "isst.xlsb" in result.err and "corrupt" in result.err

    def test_normal_xlsb_reads_its_cells(self, tmp_path: Path) -> None:
        """A small .xlsb reads its header, text with å/ä/ö and numbers, from the sheet's name."""
        path = xlsb(tmp_path / "ok.xlsb", [["Kommun", "q1"], ["Västerås", 4]], sheet_name="Svar")
        table = read_table(path)
        assert table.sheet == "Svar"
        assert [c.name for c in table.columns] == ["Kommun", "q1"]
        assert table.rows == [["Västerås", "4"]]


class TestXlsLimits:
    def test_cell_at_the_last_address_is_refused_in_little_memory(self, project: Path, tmp_path: Path) -> None:
        """A cell at IV65536 exits 3 naming file, sheet and span, in a child that stays small (1.2 GB before)."""
        path = xls(tmp_path / "iv.xls", TABLE, cells={(65535, 255): "x"})
        code, peak, err = import_in_child(project, path)
        assert code == 3, err
        assert "iv.xls" in err and "'Blad1'" in err and "A1:IV65536" in err and "max_cells" in err
        assert peak < MEMORY_BOUND_MB

    def test_declared_dimension_over_the_bound_is_refused(self, tmp_path: Path) -> None:
        """A DIMENSIONS record larger than the bound is refused even when the cells are few."""
        path = xls(tmp_path / "dim.xls", TABLE, dimension=(0, 65535, 0, 255))
        with pytest.raises(Exception, match="A1:IV65536"):
            read_table(path)

    def test_inverted_dimension_is_refused_not_aborted(self, project: Path, tmp_path: Path) -> None:
        """First row after last row made calamine reserve 343 GB and abort; now it is a message."""
        path = xls(tmp_path / "inverted.xls", TABLE, dimension=(10, 4, 0, 2))
        code, peak, err = import_in_child(project, path)
        assert code == 3, err
        assert "inverted.xls" in err and "more than the limit" in err
        assert peak < MEMORY_BOUND_MB

    def test_sheet_offset_past_the_stream_is_corrupt(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A BoundSheet8 pointing past the Workbook stream (a panic in calamine) is named a corrupt workbook."""
        path = xls(tmp_path / "offset.xls", TABLE, offset=1_000_000)
        result = cli("--project", project, "--lang", "en", "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "offset.xls" in result.err and "corrupt" in result.err

    def test_sheets_are_bounded_together(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """calamine holds every sheet of an .xls at once, so their rectangles count together against max_cells."""
        config = project / "samverkan.toml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("max_cells = 4000000", "max_cells = 10", 1), encoding="utf-8"
        )
        one = xls(tmp_path / "one.xls", TABLE)
        assert cli("--project", project, "--lang", "en", "import", one, "--wave", "2026").code != 3
        path = xls(tmp_path / "two.xls", TABLE, sheet_names=("Blad1", "Blad2"))
        result = cli("--project", project, "--lang", "en", "import", path, "--wave", "2026")
        assert result.code == 3, result.err
        assert "together" in result.err and "max_cells" in result.err

    def test_sparse_sheet_is_read_without_its_empty_rows(self, tmp_path: Path) -> None:
        """A table plus one cell at U65536 (1.4 M cells in the rectangle) reads the filled rows only."""
        path = xls(tmp_path / "sparse.xls", TABLE, cells={(65535, 20): "x"})
        table = read_table(path)
        assert table.row_numbers == [2, 65536]

    def test_normal_xls_reads_its_cells(self, tmp_path: Path) -> None:
        """A small .xls reads its header, text with å/ä/ö and numbers, from the sheet's name."""
        path = xls(tmp_path / "ok.xls", [["Kommun", "q1"], ["Västerås", 4]], sheet_names=("Svar",))
        table = read_table(path)
        assert table.sheet == "Svar"
        assert [c.name for c in table.columns] == ["Kommun", "q1"]
        assert table.rows == [["Västerås", "4"]]
