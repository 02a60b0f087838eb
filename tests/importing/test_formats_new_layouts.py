"""Export layouts first seen in issue 13, each in tests/data/formats in its platform's exact layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samverkan_cli.errors import InputError
from samverkan_cli.ingest.prepare import prepare_table
from samverkan_cli.instrument import Instrument
from samverkan_cli.readers import read_table

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
ITEMS = {
    "org_typ", "org_namn", "kommun", "roll", "R1", "R2", "R3", "R4", "R5", "R6", "V1", "V2", "V3", "V4", "V5",
    "B1", "B2", "B3", "B4", "B5", "B6", "K1", "K2", "K3", "X1",
}  # fmt: skip
V1_OPTIONS = 9

LAYOUTS = [
    # file, platform, header rows, data rows
    ("limesurvey_code_text.csv", "limesurvey", 1, 4),
    ("surveymonkey_startdate.csv", "surveymonkey", 2, 4),
    ("surveymonkey_question_first.xlsx", "surveymonkey", 2, 4),
    ("blank_line.csv", "netigate", 1, 4),
    ("blank_and_totals.xlsx", "netigate", 1, 4),
    ("csv_named.xlsx", "limesurvey", 1, 4),
]


class TestNewLayouts:
    @pytest.mark.parametrize(("name", "platform", "headers", "rows"), LAYOUTS, ids=[x[0] for x in LAYOUTS])
    def test_platform_rows_and_every_item_matched(
        self, instrument: Instrument, name: str, platform: str, headers: int, rows: int
    ) -> None:
        """The platform is recognised, only answer rows count, and every item column is matched, none proposed."""
        table = read_table(FORMATS / name)
        prepared = prepare_table(table, instrument)
        assert (table.platform, table.header_rows, prepared.rows) == (platform, headers, rows)
        assert prepared.match.matched_items == ITEMS
        assert len(prepared.match.of_kind("option")) == V1_OPTIONS
        assert {p.header for p in prepared.match.unmatched} <= {"Poäng"}  # the sheet's own score column
        assert not [f for f in prepared.findings if f.code == "proposed_column"]
        assert len(prepared.responses) == rows and not prepared.quarantined

    def test_limesurvey_code_text_metadata_columns(self, instrument: Instrument) -> None:
        """'id. Response ID' is the response id, 'submitdate. Date submitted' the submission time."""
        table = read_table(FORMATS / "limesurvey_code_text.csv")
        assert table.headers[table.response_id_column or 0] == "id. Response ID"
        assert table.headers[table.submitted_column or 0] == "submitdate. Date submitted"
        assert table.columns[5].variable == "org_typ"
        assert table.columns[5].question == "Vilken typ av verksamhet svarar du för?"
        lime = prepare_table(table, instrument)
        assert [r.response_id for r in lime.responses] == ["1", "2", "3", "4"]

    @pytest.mark.parametrize("name", ["surveymonkey_startdate.csv", "surveymonkey_question_first.xlsx"])
    def test_surveymonkey_second_header_row_is_not_a_response(self, name: str) -> None:
        """Row 2 (Response / Open-Ended Response / option labels) is a header row, so data starts on row 3."""
        table = read_table(FORMATS / name)
        assert table.row_numbers[0] == 3
        assert not any(c in ("Response", "Open-Ended Response") for row in table.rows for c in row)
        v1 = [c for c in table.columns if c.option == "Psykiatrisk mottagning"]
        assert len(v1) == 1 and v1[0].question.startswith("Vart hänvisar")


class TestSkippedRows:
    def test_blank_rows_and_totals_under_the_data_are_one_finding(self, instrument: Instrument) -> None:
        """~100 empty rows and =SUM/=AVERAGE rows under the answers are skipped and named in one finding."""
        table = read_table(FORMATS / "blank_and_totals.xlsx")
        assert table.row_numbers == [2, 3, 4, 5]
        assert len(table.skipped.blank) == 101 and table.skipped.summary == [107, 108]
        prepared = prepare_table(table, instrument)
        (finding,) = [f for f in prepared.findings if f.code == "skipped_rows"]
        assert finding.message("en").startswith("103 rows without a response are not counted: 101 empty and 2 total")
        assert "row 6–108" in finding.message("en")
        assert not [f for f in prepared.findings if f.code == "empty_row"]

    def test_blank_csv_line_is_not_a_row(self, instrument: Instrument) -> None:
        """A blank line between answers and ';;;' lines after them do not count in rows."""
        prepared = prepare_table(read_table(FORMATS / "blank_line.csv"), instrument)
        assert prepared.rows == 4
        assert [f.message("en") for f in prepared.findings if f.code == "skipped_rows"] == [
            "1 rows without a response are not counted: 1 empty and 0 total or formula rows under the answers (row 4)."
        ]


class TestTextNamedXlsx:
    def test_matching_csv_is_imported_with_a_warning(self, instrument: Instrument) -> None:
        """A CSV export saved as .xlsx whose columns match the codebook is read, saying the extension is wrong."""
        table = read_table(FORMATS / "csv_named.xlsx")
        assert table.misnamed == ".xlsx"
        prepared = prepare_table(table, instrument)
        assert len(prepared.responses) == 4
        (finding,) = [f for f in prepared.findings if f.code == "wrong_extension"]
        assert finding.severity == "warning" and "not an Excel workbook" in finding.message("en")

    def test_text_that_is_no_table_is_input_error(self) -> None:
        """A note saved as .xlsx is refused at once: not an Excel workbook."""
        with pytest.raises(InputError) as info:
            read_table(FORMATS / "note_named.xlsx")
        assert "not an Excel workbook" in info.value.message.en

    def test_table_of_another_survey_is_input_error(self, tmp_path: Path, instrument: Instrument) -> None:
        """A CSV of some other survey named .xlsx is not an Excel workbook and matches nothing: InputError."""
        path = tmp_path / "annan.xlsx"
        path.write_text("Namn,Ålder,Färg\nAnna,34,blå\nBo,51,röd\n", encoding="utf-8")
        table = read_table(path)
        with pytest.raises(InputError) as info:
            prepare_table(table, instrument)
        assert "do not match the codebook" in info.value.message.en

    def test_cli_exits_3(self, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """`samverkan import` of a text file named .xlsx that is no export exits 3 naming the file."""
        monkeypatch.chdir(tmp_path)
        result = cli("import", FORMATS / "note_named.xlsx", "--dry-run")
        assert result.code == 3
        assert "note_named.xlsx" in result.out + result.err
        assert "Traceback" not in result.err

    def test_cli_imports_matching_csv_named_xlsx(self, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """The matching CSV named .xlsx goes through the CLI with its rows and the wrong_extension warning."""
        monkeypatch.chdir(tmp_path)
        result = cli("import", FORMATS / "csv_named.xlsx", "--dry-run", "--format", "json")
        (report,) = json.loads(result.out)["files"]
        assert (report["platform"], report["rows"], report["imported"]) == ("limesurvey", 4, 4)
        assert "wrong_extension" in {f["code"] for f in report["findings"]}
