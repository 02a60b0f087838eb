"""Exports nobody has shown us: the same answers in every shape they arrive in import the same.

Each example export (one per platform) is rewritten by every mutation in ``export_variants``
(encodings, delimiters, decimal comma, header noise, reordered columns, answer spellings,
multi-select layouts, Excel serial dates, title rows, merged headings, a cover sheet first,
Netigate/Esmaker/SurveyMonkey restyles) and must give the responses the original gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared_fixtures import REAL_EXPORTS

from samverkan_cli.batch.project import init_project
from samverkan_cli.ingest.pipeline import prepare_file
from samverkan_cli.ingest.timestamps import normalise_submitted
from samverkan_cli.instrument import Instrument
from samverkan_cli.readers import read_table
from tests.importing.export_variants import MUTATIONS, Source, load_source, signature

EXPORTS = Path(__file__).resolve().parents[2] / "examples" / "exports" / "2026"
SOURCES = [
    "06_jonkoping.csv",  # LimeSurvey, item codes, option columns Y/blank
    "22_vasternorrland.csv",  # Google Forms, numbered question texts, ", " multi-select
    "13_halland.xlsx",  # Netigate-like, item codes
    "18_orebro.xlsx",  # Microsoft Forms, ";" multi-select
    "21_gavleborg.xlsx",  # SurveyMonkey, two header rows
    "07_kronoberg.csv",  # Qualtrics, three header rows
    "23_jamtland.csv",  # hand-made, cp1252, ";"
]
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\x9b"}


@pytest.fixture(scope="module")
def sources(instrument: Instrument) -> dict[str, tuple[Source, list[tuple[object, ...]]]]:
    loaded = {}
    for name in SOURCES:
        source, prepared = load_source(EXPORTS / name, instrument)
        assert not prepared.fatal and prepared.responses, name
        loaded[name] = (source, signature(prepared))
    return loaded


class TestSameAnswersInEveryShape:
    @pytest.mark.parametrize("mutation", sorted(MUTATIONS))
    def test_variant_stores_what_the_original_stores(
        self,
        instrument: Instrument,
        sources: dict[str, tuple[Source, list[tuple[object, ...]]]],
        mutation: str,
        tmp_path: Path,
    ) -> None:
        """Every example rewritten by the mutation gives the same responses, answers and days in order."""
        tried = 0
        for name, (source, want) in sources.items():
            made = MUTATIONS[mutation](source, tmp_path / f"{Path(name).stem}__{mutation}")
            if made is None:
                continue  # the mutation does not apply to this layout (e.g. no multi-select column)
            tried += 1
            got, _ = prepare_file(made, None, None, instrument, None)
            if mutation in ("netigate_style", "esmaker_style", "surveymonkey_xlsx") and name == "01_stockholm.csv":
                continue
            assert not got.fatal, (name, mutation, [f.code for f in got.findings[:5]])
            assert signature(got) == want, (name, mutation, got.table.platform)
        assert tried, mutation


class TestLayoutsWithoutAnswersToCompare:
    @pytest.mark.parametrize("mutation", ["utf16le_bom_tab", "cp1252_semicolon_crlf", "xlsx_title_rows"])
    def test_real_exports_keep_platform_and_rows(self, instrument: Instrument, mutation: str, tmp_path: Path) -> None:
        """Genuine exports of other surveys keep their platform and row count through the mutation."""
        files = sorted(p for p in REAL_EXPORTS.glob("*/*.csv"))
        if not files:
            pytest.skip(f"shared real exports not found at {REAL_EXPORTS}")
        for path in files:
            source, prepared = load_source(path, instrument)
            made = MUTATIONS[mutation](source, tmp_path / f"{path.stem}__{mutation}")
            if made is None:
                continue
            table = read_table(made)
            assert (table.platform, len(table.rows)) == (prepared.table.platform, prepared.rows), (path.name, mutation)


class TestTitleRowsAndCoverSheet:
    def test_title_rows_are_named_in_a_note(self, instrument: Instrument, tmp_path: Path) -> None:
        """Rows above the header are reported with their row numbers, not read as answers."""
        source, _ = load_source(EXPORTS / "13_halland.xlsx", instrument)
        table = read_table(MUTATIONS["xlsx_title_rows"](source, tmp_path / "t"))  # type: ignore[arg-type]
        assert table.row_numbers[0] == 4  # title, blank row, header
        notes = " ".join(n.sv for n in table.notes)
        assert "rad 1–2" in notes and "Export från Netigate 2026-03-01" in notes

    def test_cover_sheet_first_is_skipped_and_said(self, instrument: Instrument, tmp_path: Path) -> None:
        """A two-column information sheet before the answers is passed over; the sheet read is named."""
        source, _ = load_source(EXPORTS / "13_halland.xlsx", instrument)
        table = read_table(MUTATIONS["xlsx_info_sheet_first"](source, tmp_path / "c"))  # type: ignore[arg-type]
        assert table.sheet == "Svar"
        assert table.other_sheets == ["Information"]

    def test_a_sheet_the_user_names_is_never_swapped(self, instrument: Instrument, tmp_path: Path) -> None:
        """With --sheet Information the importer reports that sheet's mismatch instead of reading another."""
        source, _ = load_source(EXPORTS / "13_halland.xlsx", instrument)
        path = MUTATIONS["xlsx_info_sheet_first"](source, tmp_path / "c")
        assert path is not None
        prepared, _refs = prepare_file(path, "Information", None, instrument, None)
        assert prepared.fatal and not prepared.match.matched_items
        assert not prepared.responses


class TestSubmittedText:
    @pytest.mark.parametrize(
        ("cell", "stored"),
        [
            ("46082.61", "2026-03-01T14:38:24"),
            ("46082,5", "2026-03-01T12:00:00"),
            ("46082", "2026-03-01"),
            ("01.03.2026 10:15", "2026-03-01T10:15:00"),
            ("2026/03/22 8:53:03 fm CET", "2026-03-22T08:53:03"),
            ("12", None),
            ("", None),
        ],
    )
    def test_excel_serials_become_iso_and_dates_stay(self, cell: str, stored: str | None) -> None:
        """An Excel date serial is stored as ISO 8601, and so is a written date; anything else as no time."""
        assert normalise_submitted([cell]).values == [stored]

    def test_personal_data_in_a_submission_cell_is_masked(self) -> None:
        """A hand-kept submission column with a phone number after the date does not store the number."""
        times = normalise_submitted(["2026-02-10 14:52:30 070-123 45 67"])
        assert times.values == [None] and times.unreadable == [0]


class TestCliOnVariants:
    @pytest.mark.parametrize("mutation", ["xlsx_title_rows", "xlsx_info_sheet_first", "header_noise", "netigate_style"])
    def test_import_prints_plain_swedish_and_no_control_characters(
        self, cli, instrument: Instrument, mutation: str, tmp_path: Path
    ) -> None:  # type: ignore[no-untyped-def]
        """The CLI imports the variant (exit 0), prints no traceback or control character, counts every row."""
        source, prepared = load_source(EXPORTS / "13_halland.xlsx", instrument)
        made = MUTATIONS[mutation](source, tmp_path / f"halland__{mutation}")
        assert made is not None
        init_project(tmp_path / "p")
        report = tmp_path / "r.json"
        result = cli("--project", tmp_path / "p", "import", made, "--wave", "2026", "--report", report)
        printed = result.out + result.err
        assert result.code == 0, printed
        assert "Traceback" not in printed and not CONTROL & set(printed)
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["files"][0]["imported"] == len(prepared.responses)
