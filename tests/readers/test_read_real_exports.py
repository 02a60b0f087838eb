"""Every genuine platform export in /work/shared/fixtures/real-exports reads as its platform."""

from __future__ import annotations

import pytest
from shared_fixtures import REAL_EXPORTS as REAL

from samverkan_cli.readers import RawTable, read_table

pytestmark = pytest.mark.real_exports

# (relative path, platform, data rows, columns, header rows) as documented in SOURCES.md.
CASES = [
    ("qualtrics/qualtRics_sample.csv", "qualtrics", 1, 20, 3),
    ("qualtrics/qualtRics_sample_legacy.csv", "qualtrics_legacy", 1, 15, 2),
    ("qualtrics/QualtricsTools_No_Basis_for_Evaluation_Insights.csv", "qualtrics", 15, 49, 3),
    ("qualtrics/QualtricsTools_No_Basis_for_Evaluation_Legacy.csv", "qualtrics_legacy", 15, 48, 2),
    ("qualtrics/qualtrics-spss_TestProject-Menu_API.csv", "qualtrics", 7, 21, 3),
    ("qualtrics/qualtrics-spss_TestProject-Menu_numeric.csv", "qualtrics", 7, 34, 3),
    ("qualtrics/qualtrics-spss_TestProject-Menu_excel-resaved.csv", "qualtrics", 7, 34, 3),
    ("qualtrics/qualtrics-spss_TestProject-Menu_API.sav", "spss", 7, 34, 1),
    ("qualtrics/qualtrics-spss_TestProject-Menu_native.sav", "spss", 7, 34, 1),
    ("surveymonkey/TheGoodHoustonians_Sheet_1.csv", "surveymonkey", 4, 256, 2),
    ("surveymonkey/fivethirtyeight_steak-risk-survey.csv", "surveymonkey", 550, 15, 2),
    ("limesurvey/analisi-lime-survey_results-survey559574.xlsx", "limesurvey", 7, 313, 1),
    ("limesurvey/efptPWG_Malta.csv", "limesurvey", 5, 69, 1),
    ("google_forms/AutisticaCitizenScience_Form_Responses_1.csv", "google_forms", 42, 5, 1),
    ("ms_forms/ms-forms-quiz-calculator_Category-1.xlsx", "microsoft_forms", 7, 37, 1),
    ("swedish/FrogeFormular_google_forms_sv_formularData.csv", "google_forms", 21, 4, 1),
]


def real(relative: str) -> RawTable:
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"real export fixture {relative} is not available")
    return read_table(path)


class TestEveryRealExport:
    @pytest.mark.parametrize(("relative", "platform", "rows", "columns", "headers"), CASES)
    def test_shape_and_platform(self, relative: str, platform: str, rows: int, columns: int, headers: int) -> None:
        """Each export is recognised with the documented rows, columns and header rows."""
        table = real(relative)
        assert table.platform == platform
        assert len(table.rows) == rows
        assert len(table.columns) == columns
        assert table.header_rows == headers
        assert all(len(r) == columns for r in table.rows)
        assert len(table.row_numbers) == rows
        assert all(isinstance(c, str) for r in table.rows for c in r)


class TestQualtrics:
    def test_german_umlauts_survive(self) -> None:
        """UTF-8 without BOM keeps the German labels of row 2 intact."""
        table = real("qualtrics/qualtRics_sample.csv")
        assert table.columns[9].question == "Nachname des Empfängers"
        assert table.columns[0].import_id == "startDate"
        assert table.headers[table.response_id_column or 0] == "ResponseId"
        assert table.row_numbers == [4]

    def test_python_dict_import_ids_and_dash_options(self) -> None:
        """Single-quoted ImportIds parse; ``Question-Choice`` texts split into question/option."""
        table = real("qualtrics/QualtricsTools_No_Basis_for_Evaluation_Insights.csv")
        column = table.columns[table.headers.index("Q2_-1")]
        assert column.import_id == "QID2-4"
        assert column.question == "Check all statements you agree with"
        assert column.option == "No basis for evaluation"
        assert table.response_id_column == 0

    def test_legacy_trailing_comma_column_dropped(self) -> None:
        """The empty column a legacy export's trailing comma adds is not kept."""
        table = real("qualtrics/qualtRics_sample_legacy.csv")
        assert table.encoding == "utf-8-sig"
        assert table.headers[0] == "ResponseID"
        assert table.columns[0].variable == "V1"
        assert table.rows[0][1] == "Standard-Antwortsatz"

    def test_multi_select_joined_with_comma(self) -> None:
        """API exports keep a multi-select in one cell; the separator is a comma."""
        table = real("qualtrics/qualtrics-spss_TestProject-Menu_API.csv")
        assert table.multi_separator == ","
        q1 = table.headers.index("Q1")
        assert "Ramen,Curry" in [r[q1] for r in table.rows]

    def test_split_columns_get_options(self) -> None:
        """``Question - Option`` in row 2 gives the column's option."""
        table = real("qualtrics/qualtrics-spss_TestProject-Menu_numeric.csv")
        column = table.columns[table.headers.index("Q1_1")]
        assert column.question == "Which foods would you prefer to eat? Select all that apply."
        assert column.option == "Ramen"


class TestSurveyMonkey:
    def test_question_carried_forward_and_nul_removed(self) -> None:
        """Row-1 question text fills the option columns after it; NUL cells are removed."""
        table = real("surveymonkey/TheGoodHoustonians_Sheet_1.csv")
        first, second = table.columns[9], table.columns[10]
        assert first.question.startswith("Contact Information (if your location")
        assert second.question == first.question
        assert first.option == "Name"
        assert "\xa0" not in first.question
        assert any("NUL" in n.en for n in table.notes)
        assert not any("\x00" in c for r in table.rows for c in r)
        assert table.headers[table.response_id_column or 0] == "RespondentID"

    def test_response_sub_label_is_not_an_option(self) -> None:
        """``Response`` under a question is a placeholder, and ``<br>`` is cleaned away."""
        table = real("surveymonkey/fivethirtyeight_steak-risk-survey.csv")
        assert all(c.option == "" for c in table.columns)
        assert "<br>" not in table.columns[1].question
        assert table.row_numbers[0] == 3


class TestLimeSurvey:
    def test_subquestion_code_parsed(self) -> None:
        """``0011 [SQ001]`` gives variable ``0011[SQ001]`` and option ``SQ001``."""
        table = real("limesurvey/efptPWG_Malta.csv")
        column = table.columns[table.headers.index("0011 [SQ001]")]
        assert column.variable == "0011[SQ001]"
        assert column.option == "SQ001"
        assert table.response_id_column == 0

    def test_italian_full_text_headers(self) -> None:
        """Italian metadata headers are recognised and ``text [option]`` splits."""
        table = real("limesurvey/analisi-lime-survey_results-survey559574.xlsx")
        assert table.sheet == "licei tradizionali (classico e"
        column = table.columns[table.headers.index("1.1 Ruolo: [Altro]")]
        assert (column.question, column.option) == ("1.1 Ruolo:", "Altro")
        assert table.rows[0][0] == "12"  # float 12.0 from the sheet, written without ".0"
        assert table.rows[0][1] == "2025-04-08 11:21:13"


class TestForms:
    def test_swedish_google_forms(self) -> None:
        """``Tidstämpel`` marks Google Forms; trailing spaces in headers are trimmed."""
        table = real("swedish/FrogeFormular_google_forms_sv_formularData.csv")
        assert table.headers[0] == "Tidstämpel"
        assert table.headers[1] == "Hur gammal är du ?"
        assert table.multi_separator == ", "
        assert table.submitted_column == 0
        assert table.rows[0][3] == "Volvo "  # answers are left as typed

    def test_google_forms_multiline_answers(self) -> None:
        """Bare LF inside quoted answers stays in the cell; rows are numbered as Excel shows them."""
        table = real("google_forms/AutisticaCitizenScience_Form_Responses_1.csv")
        assert any("\n" in c for r in table.rows for c in r)
        assert table.row_numbers == list(range(2, 44))

    def test_microsoft_forms_dates_as_iso(self) -> None:
        """Excel date serials become ISO datetimes and the ID column is the response id."""
        table = real("ms_forms/ms-forms-quiz-calculator_Category-1.xlsx")
        assert table.rows[0][:3] == ["3", "2020-05-22T17:58:08", "2020-05-22T18:03:46"]
        assert table.multi_separator == ";"
        assert (table.response_id_column, table.submitted_column) == (0, 2)


class TestSpss:
    def test_value_labels_applied(self) -> None:
        """Answers are the value labels and questions the variable labels."""
        table = real("qualtrics/qualtrics-spss_TestProject-Menu_API.sav")
        finished = table.headers.index("Finished")
        assert {r[finished] for r in table.rows} == {"True"}
        column = table.columns[table.headers.index("Q1_1")]
        assert column.question.startswith("Which foods would you prefer to eat?")
        assert column.value_labels == {"1": "Ramen"}
        assert "Ramen" in [r[table.headers.index("Q1_1")] for r in table.rows]

    def test_unknown_case_count(self) -> None:
        """The Qualtrics writer's ncases = -1 file still gives all seven cases."""
        table = real("qualtrics/qualtrics-spss_TestProject-Menu_native.sav")
        assert len(table.rows) == 7
        assert table.row_numbers == list(range(2, 9))
