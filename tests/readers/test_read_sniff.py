"""Encoding and delimiter sniffing on small, typical Swedish inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.readers import read_table
from samverkan_cli.readers.sniff import decode_text, sniff_delimiter

SWEDISH = "Verksamhet;Kommun\nVårdcentralen Åmål;Åmål\nSocialtjänsten Jönköping;Jönköping\n"


class TestEncoding:
    @pytest.mark.parametrize(
        ("codec", "expected"),
        [
            ("utf-8", "utf-8"),
            ("utf-8-sig", "utf-8-sig"),
            ("cp1252", "cp1252"),
            ("utf-16", "utf-16-le"),
            ("utf-16-be", "utf-16-be"),
        ],
    )
    def test_swedish_letters_come_out_right(self, codec: str, expected: str) -> None:
        """å ä ö read back correctly whatever the encoding the file was saved in."""
        data = SWEDISH.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        decoded = decode_text(Path("x.csv"), data)
        assert decoded.text.replace("\r", "") == SWEDISH
        assert decoded.encoding == expected

    def test_cp1252_preferred_for_windows_punctuation(self) -> None:
        """Curly quotes and dashes from Word pasted into Excel stay cp1252."""
        text = "Svar\n”Det fungerar – ibland”\n€ 20\n"
        assert decode_text(Path("x.csv"), text.encode("cp1252")).encoding == "cp1252"

    def test_utf16_without_bom(self) -> None:
        """UTF-16 LE text that lost its BOM is still recognised from its zero bytes."""
        decoded = decode_text(Path("x.txt"), "Kommun\tR1\nÖrebro\tJa\n".encode("utf-16-le"))
        assert decoded.encoding == "utf-16-le"
        assert "Örebro" in decoded.text


class TestDelimiter:
    @pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
    def test_each_candidate(self, delimiter: str) -> None:
        """The delimiter that gives consistent columns wins."""
        text = "\n".join(delimiter.join(["a", "b b", "c"]) for _ in range(5)) + "\n"
        assert sniff_delimiter(text) == delimiter

    def test_decimal_commas_do_not_fool_it(self) -> None:
        """Unquoted decimal commas in a semicolon file do not make it comma-separated."""
        text = "Namn;Poäng;Andel\nA;3,5;0,25\nB;4;0,5\nC;2,75;1\n"
        assert sniff_delimiter(text) == ";"

    def test_quoted_commas_in_comma_file(self) -> None:
        """Quoted answers full of commas and semicolons stay one cell."""
        text = 'Tidstämpel,Svar\n1,"a, b; c"\n2,"d; e, f; g"\n3,h\n'
        assert sniff_delimiter(text) == ","

    def test_single_column(self, tmp_path: Path) -> None:
        """A one-column list reads as one column."""
        path = tmp_path / "kommuner.csv"
        path.write_text("Kommun\nAle\nBorås\n", encoding="utf-8")
        table = read_table(path)
        assert table.headers == ["Kommun"] and table.rows == [["Ale"], ["Borås"]]

    def test_decimal_point_is_not_decimal_comma(self, tmp_path: Path) -> None:
        """A semicolon file with decimal points is not flagged as decimal comma."""
        path = tmp_path / "svar.csv"
        path.write_text("Namn;Poäng\nA;3.5\nB;4.25\n", encoding="utf-8")
        assert read_table(path).decimal_comma is False
