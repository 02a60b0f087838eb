"""Malformed and awkward inputs: read correctly, or refused with an InputError that says why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samverkan_cli.errors import InputError, UsageError
from samverkan_cli.readers import read_table

MALFORMED = Path(__file__).parents[1] / "data" / "malformed"


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(path)
    error = caught.value
    assert path.name in error.render("sv") and path.name in error.render("en")
    assert error.hint is not None
    assert error.exit_code == 3
    return error


class TestRefused:
    @pytest.mark.parametrize("name", ["empty.csv", "blank_lines.csv"])
    def test_empty_files(self, name: str) -> None:
        """A 0-byte file and a file of blank lines and bare delimiters are refused as empty."""
        assert "empty" in refused(MALFORMED / name).render("en") or "no filled" in refused(MALFORMED / name).render(
            "en"
        )

    def test_binary_garbage_named_csv(self) -> None:
        """Random bytes with a .csv name are not read as text."""
        assert "binary" in refused(MALFORMED / "garbage.csv").render("en")

    def test_truncated_xlsx(self) -> None:
        """A cut-off workbook is reported as corrupt or truncated."""
        assert "truncated" in refused(MALFORMED / "truncated.xlsx").render("en")

    def test_password_protected_xlsx(self) -> None:
        """An encrypted OOXML package says to save without a password."""
        error = refused(MALFORMED / "encrypted.xlsx")
        assert "password" in error.render("en")
        assert "lösenord" in error.render("sv")
        assert error.hint is not None and "without a password" in error.hint.en

    def test_html_saved_as_xls(self) -> None:
        """An HTML table with an .xls name says to re-save as .xlsx."""
        error = refused(MALFORMED / "html_table.xls")
        assert "HTML" in error.render("en")
        assert error.hint is not None and ".xlsx" in error.hint.en

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is refused with a hint to name the files in it."""
        folder = tmp_path / "exports"
        folder.mkdir()
        assert "directory" in refused(folder).render("en")

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A file without read permission is refused, not a PermissionError traceback."""
        path = tmp_path / "locked.csv"
        path.write_text("Kommun,R1\nAle,Ja\n", encoding="utf-8")
        path.chmod(0)
        try:
            if os.access(path, os.R_OK):
                pytest.skip("running with privileges that ignore file permissions")
            assert "permission" in refused(path).render("en")
        finally:
            path.chmod(0o600)

    def test_missing_file_is_a_usage_error(self, tmp_path: Path) -> None:
        """A path that does not exist is a usage error (exit 2), as SPEC section 9 says."""
        with pytest.raises(UsageError):
            read_table(tmp_path / "finns-inte.csv")

    def test_workbook_without_cells(self, tmp_path: Path) -> None:
        """A workbook whose sheets are all empty is refused as empty."""
        from openpyxl import Workbook

        path = tmp_path / "tom.xlsx"
        Workbook().save(path)
        assert "no filled cells" in refused(path).render("en")

    def test_unknown_sheet_lists_the_sheets(self) -> None:
        """Asking for a sheet that is not there lists the sheets there are."""
        with pytest.raises(InputError) as caught:
            read_table(MALFORMED / "two_sheets.xlsx", sheet="Resultat")
        assert caught.value.hint is not None
        assert "1: Info" in caught.value.hint.en and "2: Svar" in caught.value.hint.en


class TestReadAnyway:
    def test_header_only_gives_no_rows_and_a_note(self) -> None:
        """A file with headers and no answers is read as an empty table, with a note."""
        table = read_table(MALFORMED / "header_only.csv")
        assert table.rows == [] and table.headers == ["Tidstämpel", "Verksamhetens namn", "R1"]
        assert any("no responses" in n.en for n in table.notes)

    def test_utf16_tab_separated_with_bom(self) -> None:
        """Excel's "Unicode text" (UTF-16 LE, tabs) reads with Swedish letters and decimal comma."""
        table = read_table(MALFORMED / "utf16_tab.txt")
        assert (table.encoding, table.delimiter, table.decimal_comma) == ("utf-16-le", "\t", True)
        assert table.rows[0] == ["VC Ängelholm", "Ängelholm", "3,5"]

    def test_cp1252_semicolon_decimal_comma_blank_leading_rows(self) -> None:
        """Swedish Excel CSV: cp1252, semicolons, decimal comma, rows numbered as in the file."""
        table = read_table(MALFORMED / "cp1252_semicolon.csv")
        assert (table.encoding, table.delimiter, table.decimal_comma) == ("cp1252", ";", True)
        assert table.rows[0] == ["Vårdcentralen Öckerö", "Öckerö", "3,5"]
        assert table.row_numbers == [4, 5]

    def test_macroman_when_it_clearly_fits(self) -> None:
        """Old Mac CSV (MacRoman, CR line ends) decodes å ä ö correctly, with a note."""
        table = read_table(MALFORMED / "macroman.csv")
        assert table.encoding == "mac_roman"
        assert table.rows[1] == ["Socialtjänsten Åre", "Åre"]
        assert any("mac_roman" in n.en for n in table.notes)

    def test_mixed_line_endings(self) -> None:
        """CRLF records with bare LF inside quoted cells keep cells and row numbers right."""
        table = read_table(MALFORMED / "mixed_line_endings.csv")
        assert [r[0] for r in table.rows] == ["VC Ale", "VC Borås", "VC Kinna"]
        assert table.rows[0][1] == "rad ett\nrad två"
        assert table.row_numbers == [2, 3, 4]

    def test_duplicate_headers_disambiguated(self) -> None:
        """Repeated headers are kept as ``name (2)`` and the renaming is noted."""
        table = read_table(MALFORMED / "duplicate_headers.csv")
        assert table.headers == ["Kommun", "R1", "R1 (2)", "Kommun (2)"]
        assert table.rows[0] == ["Ale", "Ja", "Nej", "Ale"]
        assert any("R1 (2)" in n.en for n in table.notes)

    def test_nul_bytes_removed(self) -> None:
        """NUL bytes are dropped with a note; a row left empty is skipped and listed as blank."""
        table = read_table(MALFORMED / "nul_bytes.csv")
        assert table.rows == [["Ale", "Ja"]]
        assert table.row_numbers == [3]
        assert table.skipped.blank == [2]
        assert any("NUL" in n.en for n in table.notes)

    def test_blank_rows_between_answers_are_skipped_and_listed(self, tmp_path: Path) -> None:
        """Leading and trailing blank rows go; blank rows among the answers are left out and listed."""
        path = tmp_path / "svar.csv"
        path.write_text(";;\nKommun;R1\nAle;Ja\n;\nBorås;Nej\n;;\n\n", encoding="utf-8")
        table = read_table(path)
        assert table.rows == [["Ale", "Ja"], ["Borås", "Nej"]]
        assert table.row_numbers == [3, 5]
        assert table.skipped.blank == [4]

    def test_formula_cached_values(self) -> None:
        """Formula cells give the value Excel saved with them."""
        table = read_table(MALFORMED / "formulas_cached.xlsx")
        assert table.rows == [["Ale", "4", "8"], ["Borås", "1.5", "3"]]
        assert table.notes == []

    def test_formula_without_cached_value_is_empty_and_noted(self) -> None:
        """A formula saved without a value (script-written file) reads empty, with a note."""
        table = read_table(MALFORMED / "formulas_uncached.xlsx")
        assert table.rows == [["Ale", "4", ""]]
        assert any("formulas without a saved value" in n.en for n in table.notes)

    def test_merged_header_cells_carried_forward(self) -> None:
        """A question merged across option columns applies to each of them."""
        table = read_table(MALFORMED / "merged_headers.xlsx")
        assert table.platform == "surveymonkey"
        assert [c.question for c in table.columns[2:5]] == ["Vart hänvisar ni?"] * 3
        assert [c.option for c in table.columns[2:6]] == ["Beroendeenhet", "Vårdcentral", "Socialtjänst/IFO", ""]
        assert table.rows == [["111", "222", "Beroendeenhet", "", "Socialtjänst/IFO", "Ale"]]

    def test_excel_dates_and_numbers(self) -> None:
        """Date cells become ISO 8601; whole floats lose their ``.0``."""
        table = read_table(MALFORMED / "dates.xlsx")
        assert table.rows[0] == ["2026-03-22T08:53:03", "2026-03-22", "4", "0.25", "Ja"]
        assert table.rows[1][2] == "3"

    def test_sheet_choice(self) -> None:
        """The first sheet holding a table is read; ``sheet=`` picks by name or number."""
        assert read_table(MALFORMED / "two_sheets.xlsx").sheet == "Svar"
        assert read_table(MALFORMED / "two_sheets.xlsx", sheet="svar").sheet == "Svar"
        info = read_table(MALFORMED / "two_sheets.xlsx", sheet="1")
        assert info.sheet == "Info" and info.rows == []

    def test_sheet_choice_on_text_file_is_noted(self) -> None:
        """Choosing a sheet for a CSV is harmless and noted."""
        table = read_table(MALFORMED / "duplicate_headers.csv", sheet="Svar")
        assert any("ignored" in n.en for n in table.notes)

    def test_content_not_extension_decides(self, tmp_path: Path) -> None:
        """An xlsx renamed to .csv, and a CSV renamed to .xlsx, are still read."""
        as_csv = tmp_path / "svar.csv"
        as_csv.write_bytes((MALFORMED / "dates.xlsx").read_bytes())
        assert read_table(as_csv).sheet == "Sheet"
        as_xlsx = tmp_path / "svar.xlsx"
        as_xlsx.write_bytes((MALFORMED / "duplicate_headers.csv").read_bytes())
        assert read_table(as_xlsx).delimiter == ","


class TestLarge:
    def test_one_megabyte_cell(self, tmp_path: Path) -> None:
        """A 1 MB free-text answer is kept whole (beyond the csv module's default limit)."""
        text = "å" * 1_000_000
        path = tmp_path / "big_cell.csv"
        path.write_text(f'Kommun,X1\nAle,"{text}"\nBorås,kort\n', encoding="utf-8")
        table = read_table(path)
        assert table.rows[0][1] == text
        assert table.rows[1] == ["Borås", "kort"]

    def test_five_thousand_columns(self, tmp_path: Path) -> None:
        """A very wide export (5,000 columns) reads with every column."""
        headers = [f"Fråga {i}" for i in range(5000)]
        path = tmp_path / "wide.csv"
        path.write_text(";".join(headers) + "\n" + ";".join("x" * 5000) + "\n", encoding="utf-8")
        table = read_table(path)
        assert len(table.columns) == 5000
        assert table.delimiter == ";"
        assert table.rows == [["x"] * 5000]

    def test_five_thousand_columns_xlsx(self, tmp_path: Path) -> None:
        """The same width in a workbook."""
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Svar")
        ws.append([f"Fråga {i}" for i in range(5000)])
        ws.append([i % 4 + 1 for i in range(5000)])
        path = tmp_path / "wide.xlsx"
        wb.save(path)
        table = read_table(path)
        assert len(table.columns) == 5000
        assert table.rows[0][:5] == ["1", "2", "3", "4", "1"]
