"""The workbook, reopened with openpyxl: sheets, numbers with formats, frozen filtered headers, no formulas."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument
from samverkan_cli.reports.excel import workbook_bytes
from samverkan_cli.reports.model import Provenance, build_report_model

from .sample_doc import HOSTILE_COMMENT, SAMPLE, SAMPLE_DOC

SV_SHEETS = ["Översikt", "Dimensioner", "Frågor", "Remissvägar", "Brukarrevision", "Metod och källor"]
EN_SHEETS = ["Overview", "Dimensions", "Items", "Referral paths", "User audit", "Method and sources"]


def _open(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def workbook(instrument: Instrument, provenance: Provenance) -> Workbook:
    model = build_report_model(SAMPLE, instrument, provenance, "sv", include_comments=True)
    return _open(workbook_bytes(model, include_comments=True))


class TestWorkbook:
    def test_sheets_in_swedish(self, workbook: Workbook) -> None:
        """The six report sheets exist (plus response rates and, with the flag, comments)."""
        assert [n for n in workbook.sheetnames if n in SV_SHEETS] == SV_SHEETS

    def test_sheets_in_english(self, instrument: Instrument, provenance: Provenance) -> None:
        """--lang en gives English sheet names."""
        model = build_report_model(SAMPLE, instrument, provenance, "en")
        names = _open(workbook_bytes(model)).sheetnames
        assert [n for n in names if n in EN_SHEETS] == EN_SHEETS

    def test_print_setup(self, workbook: Workbook) -> None:
        """Every sheet prints A4 landscape, one page wide, with its header row repeated on each page."""
        for ws in workbook.worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
            assert ws.print_title_rows == "$1:$1"

    def test_frozen_headers_filters_and_widths(self, workbook: Workbook) -> None:
        """Every sheet freezes its header row, has an auto filter over its table and sized columns."""
        for ws in workbook.worksheets:
            assert ws.freeze_panes == "A2", ws.title
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
            assert ws.column_dimensions["A"].width and ws.column_dimensions["A"].width >= 6

    def test_numbers_are_numbers_with_formats(self, workbook: Workbook) -> None:
        """Scores are floats formatted 0.0, counts ints formatted 0, shares formatted as percent."""
        ws = workbook["Dimensioner"]
        header = [c.value for c in ws[1]]
        mean, n, share = header.index("Medelvärde") + 1, header.index("n") + 1, header.index("Andel positiva") + 1
        numeric = [r for r in range(2, ws.max_row + 1) if isinstance(ws.cell(r, mean).value, float)]
        assert numeric
        row = numeric[0]
        assert ws.cell(row, mean).number_format == "0.0"
        assert isinstance(ws.cell(row, n).value, int) and ws.cell(row, n).number_format == "0"
        assert ws.cell(row, share).number_format == "0%"

    def test_suppressed_cells_are_dots_with_a_comment(self, workbook: Workbook) -> None:
        """Suppressed values are the text '..' with a comment explaining why."""
        ws = workbook["Dimensioner"]
        dots = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == ".."]
        assert dots
        assert all(c.data_type == "s" for c in dots)
        assert any(c.comment is not None and "röjandeskydd" in c.comment.text for c in dots)

    def test_no_formula_from_input_text(self, workbook: Workbook) -> None:
        """Text beginning with = + - @ (comments, file names) is stored as a string, never a formula."""
        formulas = [
            (ws.title, c.coordinate)
            for ws in workbook.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.data_type == "f"
        ]
        assert formulas == []
        texts = [c.value for row in workbook["Kommentarer"].iter_rows(min_row=2) for c in row]
        assert HOSTILE_COMMENT in texts
        source = [c.value for row in workbook["Metod och källor"].iter_rows() for c in row if c.value]
        assert any(str(v).startswith("=cmd") for v in source) or any("=cmd" in str(v) for v in source)

    def test_leading_equals_cell_is_string(self, instrument: Instrument, provenance: Provenance) -> None:
        """A comment that is exactly a formula is written as text and reads back as the same text."""
        doc = dict(SAMPLE_DOC)
        group = next(c for c in SAMPLE_DOC["comments"] if c["wave"] == "2026")
        doc["comments"] = [{**group, "comments": ["=1+1", "+46 70", "-2", "@SUM(A1)"]}]
        lan = group["lan"]
        model = build_report_model(
            AnalysisResult.from_dict(doc), instrument, provenance, "sv", lans=[lan], include_comments=True
        )
        ws = _open(workbook_bytes(model, include_comments=True))["Kommentarer"]
        values = {ws.cell(r, 4).value: ws.cell(r, 4).data_type for r in range(2, ws.max_row + 1)}
        assert values == {"=1+1": "s", "+46 70": "s", "-2": "s", "@SUM(A1)": "s"}

    def test_real_analysis_workbook(
        self, real_result: AnalysisResult, instrument: Instrument, provenance: Provenance
    ) -> None:
        """The real analysis gives a workbook with 21 counties plus riket on the overview sheet."""
        model = build_report_model(real_result, instrument, provenance, "sv")
        ws = _open(workbook_bytes(model))["Översikt"]
        assert ws.max_row == 1 + 21 + 1
        assert ws.cell(ws.max_row, 2).value == "Riket"
