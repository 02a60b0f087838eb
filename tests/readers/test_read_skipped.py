"""Blank rows and totals under the answers; short lists; header shapes of issue 13's unseen exports."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.ingest.matching import match_columns
from samverkan_cli.instrument import load_instrument
from samverkan_cli.readers import ColumnMeta, RawTable, read_table
from samverkan_cli.readers.platform import recognise
from samverkan_cli.readers.skipped import compact_rows, split_skipped
from samverkan_cli.readers.table import short_list


def split(rows: list[list[str]], formulas: dict[int, int] | None = None) -> tuple[list[int], list[int], list[int]]:
    numbers = list(range(2, len(rows) + 2))
    kept, kept_numbers, skipped = split_skipped(rows, numbers, (lambda: formulas) if formulas is not None else None)
    assert [r for r in rows if r in kept] == kept
    return kept_numbers, skipped.blank, skipped.summary


class TestSplitSkipped:
    def test_blank_rows_anywhere_are_listed(self) -> None:
        """Blank and whitespace-only rows among the answers are left out and listed."""
        assert split([["Ale", "Ja"], ["", " "], ["Borås", "Nej"]]) == ([2, 4], [3], [])

    def test_labelled_totals_at_the_end(self) -> None:
        """'Summa'/'Medelvärde:' rows of numbers under the answers are totals."""
        rows = [["Ale", "3"], ["Borås", "4"], ["", ""], ["Summa", "7"], ["Medelvärde:", "3,5"]]
        assert split(rows) == ([2, 3], [4], [5, 6])

    def test_formula_text_rows_at_the_end(self) -> None:
        """Cells holding =SUM(...) as text (a CSV from a sheet) make a totals row."""
        assert split([["Ale", "3"], ["", "=SUM(B2:B2)"], ["", "=MEDEL(B2:B2)"]]) == ([2], [], [3, 4])

    def test_numeric_row_is_a_total_only_if_the_sheet_says_formula(self) -> None:
        """A trailing row of bare numbers stays a response unless its cells are aggregate formulas."""
        rows = [["1", "3"], ["2", "4"]]
        assert split(rows) == ([2, 3], [], [])
        assert split(rows, {3: 1}) == ([2, 3], [], [])
        assert split(rows, {3: 2}) == ([2], [], [3])

    def test_totals_only_at_the_end(self) -> None:
        """A 'Summa' row with answers after it is not under the data, and text rows are never totals."""
        rows = [["Summa", "3"], ["Ale", "4"], ["Kommentar från enkätansvarig", ""]]
        assert split(rows) == ([2, 3, 4], [], [])

    def test_compact_rows(self) -> None:
        """Row numbers are written as ranges and cut after a few parts."""
        assert compact_rows([10, 6, 7, 8]) == "6–8, 10"
        assert compact_rows(list(range(1, 40, 2)), limit=3) == "1, 3, 5, …"


class TestShortLists:
    def test_renamed_question_headers_stay_short(self, tmp_path: Path) -> None:
        """Ten duplicated long question headers give a note of a few hundred characters, not 1,800."""
        question = "Vart hänvisar eller remitterar ni i första hand personer som behöver behandling? " * 2
        path = tmp_path / "svar.csv"
        path.write_text(";".join([question] * 11) + "\n" + ";".join(["x"] * 11) + "\n", encoding="utf-8")
        (note,) = [n for n in read_table(path).notes if "renamed" in n.en]
        assert len(note.en) < 300 and "(+5)" in note.en

    def test_short_list(self) -> None:
        """At most five names, each cut to 40 characters."""
        assert short_list(["a" * 50, "b"]) == repr("a" * 39 + "…") + ", 'b'"


class TestUnseenHeaderShapes:
    def test_limesurvey_code_text_swedish_ui(self) -> None:
        """'id. Svars-ID' style headings are LimeSurvey; the code is the variable."""
        layout = recognise(
            [
                [
                    "id. Svars-ID",
                    "submitdate. Datum inskickat",
                    "lastpage. Sista sidan",
                    "org_typ. Typ?",
                    "V1[SQ002]. Vart? [Psykiatri]",
                ]
            ]
        )
        assert (layout.platform, layout.response_id_column, layout.submitted_column) == ("limesurvey", 0, 1)
        assert layout.columns[3].variable == "org_typ"
        assert (layout.columns[4].variable, layout.columns[4].option) == ("V1[SQ002]", "Psykiatri")

    def test_generic_second_row_of_answers_is_not_surveymonkey(self) -> None:
        """A plain export whose first answer row is data stays one header row."""
        layout = recognise([["Tidpunkt", "Kommun", "R1", ""], ["2026-03-01 10:00", "Ale", "Ja", "extra"]])
        assert (layout.platform, layout.header_rows) == ("generic", 1)

    def test_id_and_question_text_is_a_match_in_any_layout(self) -> None:
        """'R4. <R4's text>' matches R4 even in a generic file; 'K1. Kön' (other text) does not."""
        inst = load_instrument()
        headers = [f"R4. {inst.item('R4').text.sv}", "K1. Kön", f"R5. {inst.item('R5').text.sv[:30]}…"]
        table = RawTable(Path("x.csv"), "generic", [ColumnMeta(name=h) for h in headers], [], [])
        plans = match_columns(table, inst).plans
        assert [(p.kind, p.item_id) for p in plans] == [("item", "R4"), ("unmatched", None), ("item", "R5")]
