"""The one shape every reader returns: :class:`RawTable`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.skipped import SkippedRows

__all__ = ["PLATFORMS", "ColumnMeta", "RawTable"]

#: Platform codes as in SPEC section 11.
PLATFORMS = (
    "google_forms",
    "microsoft_forms",
    "qualtrics",
    "qualtrics_legacy",
    "surveymonkey",
    "limesurvey",
    "netigate",
    "spss",
    "generic",
)


@dataclass(frozen=True)
class ColumnMeta:
    """What the export says about one column, after its platform's header rows are combined.

    ``name`` is the display header (what the user sees in row 1 of the file, or the
    combined "question - option" header); ``variable`` the platform's variable name/code if
    it has one (Qualtrics ``Q3_1``, LimeSurvey ``V1[SQ001]``, SPSS variable); ``question``
    the question text; ``option`` the sub-label of a split multi-select/matrix column
    (SurveyMonkey row 2, LimeSurvey ``[option]``, Qualtrics ``Question - Option``);
    ``import_id`` the Qualtrics ImportId; ``value_labels`` SPSS value labels.
    """

    name: str
    variable: str = ""
    question: str = ""
    option: str = ""
    import_id: str = ""
    value_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class RawTable:
    """A survey export read into strings, header rows removed, with where each row came from.

    Every cell is a ``str`` (``""`` for empty). Numbers from spreadsheets are written
    without a spurious ``.0``; dates as ISO 8601. ``row_numbers[i]`` is the 1-based row
    (spreadsheet) or record line (CSV) of ``rows[i]`` in the source file, so findings can
    name the row the user sees. ``rows`` are data rows holding a value: blank rows and totals
    under the answers are in ``skipped``. ``misnamed`` is the workbook extension (".xlsx") of
    a file that is really text. ``other_sheets`` lets the importer try the next sheet when
    the one read holds no question of the codebook (an "Information" sheet placed first).
    """

    path: Path
    platform: str
    columns: list[ColumnMeta]
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_rows: int = 1
    multi_separator: str | None = None
    decimal_comma: bool = False
    response_id_column: int | None = None
    submitted_column: int | None = None
    notes: list[Msg] = field(default_factory=list)
    skipped: SkippedRows = field(default_factory=SkippedRows)
    misnamed: str | None = None
    #: other sheets of the workbook that hold cells, when the sheet was chosen automatically
    other_sheets: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]
