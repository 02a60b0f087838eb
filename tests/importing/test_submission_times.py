"""Every export's submission time is recognised, read per column into ISO 8601, and only that is stored."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from shared_fixtures import REAL_EXPORTS

from samverkan_cli.ingest.prepare import prepare_table
from samverkan_cli.ingest.timestamps import normalise_submitted, parse_submitted
from samverkan_cli.instrument import Instrument
from samverkan_cli.readers import read_table
from samverkan_cli.readers.platform import recognise

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPORTS = sorted(p for wave in ("2025", "2026") for p in (EXAMPLES / "exports" / wave).iterdir())
MAPPING: dict[str, str] = tomllib.loads((EXAMPLES / "mapping.toml").read_text(encoding="utf-8"))["columns"]
#: a hand-made export (Östergötland's, "Svarsdatum" first) whose first column the tests rewrite
TEMPLATE = EXAMPLES / "exports" / "2026" / "05_ostergotland.csv"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?$")


def _template_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(TEMPLATE.read_bytes().decode("cp1252")), delimiter=";"))


def _export(path: Path, times: list[str]) -> Path:
    """The template export with its first ``len(times)`` responses submitted at ``times`` (the rest dropped)."""
    rows = _template_rows()
    assert rows[0][0] == "Svarsdatum"
    out = [rows[0]]
    for when, row in zip(times, rows[1:], strict=False):
        out.append([when, *row[1:]])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(out)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


class TestExampleExports:
    @pytest.mark.parametrize("path", EXPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
    def test_every_example_has_a_submission_column_read_as_iso(self, path: Path, instrument: Instrument) -> None:
        """Each of the 42 example exports (CSV and XLSX, every platform) has its submission column
        recognised, and every response's stored time is ISO 8601 text that parses."""
        table = read_table(path)
        assert table.submitted_column is not None, [c.name for c in table.columns[:8]]
        prepared = prepare_table(table, instrument, MAPPING)
        assert not [f for f in prepared.findings if f.code == "unreadable_submitted"]
        times = [r.submitted_at for r in prepared.responses]
        dated = [t for t in times if t is not None]
        # 2025 Västmanland has one abandoned response without a submitdate; every other response has a time.
        assert len(dated) >= len(times) - 1 and dated
        for text in dated:
            assert ISO.match(text), text
            assert datetime.fromisoformat(text).year == int(path.parent.name)

    def test_the_six_counties_that_had_no_times_now_have_them(self) -> None:
        """Uppsala, Halland, Västerbotten (Netigate "Skickad") and Östergötland, Dalarna, Jämtland ("Svarsdatum")."""
        found = {p.name[:2]: read_table(p).columns[read_table(p).submitted_column or 0].name for p in EXPORTS}
        assert {lan: found[lan] for lan in ("03", "13", "24")} == dict.fromkeys(("03", "13", "24"), "Skickad")
        assert {lan: found[lan] for lan in ("05", "20", "23")} == dict.fromkeys(("05", "20", "23"), "Svarsdatum")


@pytest.mark.real_exports
class TestRealExports:
    @pytest.mark.parametrize(
        "name",
        [
            "google_forms/AutisticaCitizenScience_Form_Responses_1.csv",
            "limesurvey/analisi-lime-survey_results-survey559574.xlsx",
            "limesurvey/efptPWG_Malta.csv",
            "ms_forms/ms-forms-quiz-calculator_Category-1.xlsx",
            "qualtrics/qualtrics-spss_TestProject-Menu_excel-resaved.csv",
            "qualtrics/QualtricsTools_No_Basis_for_Evaluation_Legacy.csv",
            "surveymonkey/TheGoodHoustonians_Sheet_1.csv",
            "swedish/FrogeFormular_google_forms_sv_formularData.csv",
        ],
    )
    def test_genuine_exports_times_all_read(self, name: str) -> None:
        """Genuine exports (US M/D/Y, Excel-resaved, Swedish fm/em, Italian LimeSurvey) read without a loss."""
        table = read_table(REAL_EXPORTS / name)
        assert table.submitted_column is not None
        times = normalise_submitted([row[table.submitted_column] for row in table.rows])
        assert not times.unreadable
        assert all(t is None or ISO.match(t) for t in times.values)
        assert any(times.values)

    def test_us_month_first_is_decided_by_the_column(self) -> None:
        """Qualtrics re-saved by Excel writes ``1/11/2021 18:06``: 13 January in the same column says month first."""
        table = read_table(REAL_EXPORTS / "qualtrics/qualtrics-spss_TestProject-Menu_excel-resaved.csv")
        assert table.submitted_column is not None
        values = normalise_submitted([row[table.submitted_column] for row in table.rows]).values
        assert values[0] == "2021-01-11T18:06:00"


class TestHeaderLabels:
    @pytest.mark.parametrize(
        "label",
        [
            "Svarsdatum", "Skickad", "Inskickad", "Tidstämpel", "Tidsstämpel", "Datum", "Slutförd", "Sluttid",
            "Avslutad", "Insänd", "Timestamp", "Submitted", "Completion time", "End date", "Date submitted",
            "Zeitstempel", "Marca temporal", "SVARSDATUM:", " Skickad ",
        ],
    )  # fmt: skip
    def test_a_label_heads_the_submission_column_on_a_plain_export(self, label: str) -> None:
        """A one-header-row export finds its submission column by an exact label, in any of the languages."""
        layout = recognise([["Svars-ID", label, "Kommun", "R1"], ["1", "2026-03-14 09:12", "Lund", "3"]])
        assert layout.submitted_column == 1

    @pytest.mark.parametrize(
        "header",
        [
            "Datum för senaste samverkansmötet",
            "När skickade ni senast en remiss?",
            "Vilket datum skickades rutinen ut?",
            "3. Datum",
            "Startdatum",
            "Tid (min)",
        ],
    )
    def test_a_question_with_a_date_word_is_not_taken(self, header: str) -> None:
        """Only a header that is exactly a label counts: a question about a date is still a question."""
        layout = recognise([["Kommun", header, "R1"], ["Lund", "2026-03-14", "3"]])
        assert layout.submitted_column is None

    def test_the_completion_is_preferred_to_a_bare_date(self) -> None:
        """With "Datum" and "Slutförd" both present, the end of the response is its submission time."""
        layout = recognise([["Datum", "Kommun", "Slutförd", "R1"], ["2026-03-01", "Lund", "2026-03-14", "3"]])
        assert layout.submitted_column == 2

    def test_a_second_time_column_is_bookkeeping(self, instrument: Instrument, tmp_path: Path) -> None:
        """The other time column is neither an item nor reported as an unmatched column."""
        rows = _template_rows()
        rows[0][1] = "Datum"  # "Tid (min)" renamed: a second time label
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(rows)
        from samverkan_cli.ingest.matching import match_columns

        path = tmp_path / "export.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        table = read_table(path)
        kinds = {p.header: p.kind for p in match_columns(table, instrument, MAPPING).plans}
        assert kinds["Svarsdatum"] == "submitted" and kinds["Datum"] == "metadata"


class TestValues:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-03-14 09:12", "2026-03-14T09:12:00"),
            ("2026-03-14 09:12:33", "2026-03-14T09:12:33"),
            ("2024-02-29 23:59:59", "2024-02-29T23:59:59"),
            ("2026-03-14T00:00:00", "2026-03-14T00:00:00"),
            ("0026-03-14 09:12:33", "2026-03-14T09:12:33"),  # a year under 100 is this century's
            ("14/03/2026 09:12:33", "2026-03-14T09:12:33"),
            ("2026-03-14T09:12:33Z", "2026-03-14T10:12:33"),  # UTC -> Swedish local time
            ("2026-03-14T23:30:00+00:00", "2026-03-15T00:30:00"),  # the local day, not UTC's
            ("14.3.2026", "2026-03-14"),
            ("3/14/2026 9:12:33 AM", "2026-03-14T09:12:33"),
            ("3/14/2026 9:12:33 PM", "2026-03-14T21:12:33"),
            ("2026/03/14 3:50:03 em CET", "2026-03-14T15:50:03"),
            ("2026-03-14 kl. 9.12", "2026-03-14T09:12:00"),
            ("46095.38333333333", "2026-03-14T09:12:00"),  # an Excel serial shown as a number
            ("46095", "2026-03-14"),
        ],
    )
    def test_spellings_become_iso(self, text: str, expected: str) -> None:
        """Swedish, ISO with a zone, US 12-hour and Excel serial spellings all give the same ISO text."""
        assert normalise_submitted([text]).values == [expected]

    def test_day_and_month_are_decided_per_column(self) -> None:
        """``03/04/2026`` is 3 April beside a ``14/04/2026`` and 4 March beside a ``03/14/2026``."""
        swedish = normalise_submitted(["03/04/2026 09:00", "14/04/2026 10:00"]).values
        us = normalise_submitted(["03/04/2026 09:00", "03/14/2026 10:00"]).values
        assert swedish == ["2026-04-03T09:00:00", "2026-04-14T10:00:00"]
        assert us == ["2026-03-04T09:00:00", "2026-03-14T10:00:00"]

    def test_an_undecided_column_follows_its_clock(self) -> None:
        """No value above 12: a 12-hour clock (AM/PM) means US month first, otherwise Swedish day first."""
        assert normalise_submitted(["03/04/2026 9:00:00 AM"]).values == ["2026-03-04T09:00:00"]
        assert normalise_submitted(["03/04/2026 09:00"]).values == ["2026-04-03T09:00:00"]

    def test_one_value_alone_is_read_only_when_it_settles_its_order(self) -> None:
        """Without its column ``03/04/2026`` is no date rather than a wrong one (older stored values)."""
        assert parse_submitted("14/03/2026 09:12") == "2026-03-14T09:12:00"
        assert parse_submitted("03/04/2026") is None

    @pytest.mark.parametrize(
        "text",
        [
            "igår",
            "Anna Svensson 070-123 45 67",
            "anna@example.se",
            "2026-02-30",
            "2026-02-29 09:12:33",
            "2026-03-14 24:00:00",
            "2026-03-14 09:60:00",
            "25:61",
            "99999999",
            "ja",
        ],
    )
    def test_what_is_not_a_date_is_none(self, text: str) -> None:
        """Free text, impossible dates and numbers out of range are no time and are counted as unreadable."""
        times = normalise_submitted(["2026-03-14 09:12", text, ""])
        assert times.values == ["2026-03-14T09:12:00", None, None]
        assert times.unreadable == [1]


class TestStored:
    @pytest.fixture
    def project(self, tmp_path: Path, cli: Callable[..., Any]) -> Path:
        root = tmp_path / "proj"
        assert cli("init", root).code == 0
        return root

    def test_junk_is_stored_as_no_time_with_one_finding(
        self, project: Path, tmp_path: Path, cli: Callable[..., Any]
    ) -> None:
        """Free text in the column never reaches the database; one finding names the column and the rows."""
        import json

        times = ["14/03/2026 09:12", "Anna Svensson 070-123 45 67", "15/03/2026 10:00", "ring mig", "", "16/03/2026"]
        export = _export(tmp_path / "export.csv", times)
        result = cli("--project", project, "--lang", "en", "import", export, "--wave", "2026", "--format", "json")
        assert result.code == 0, result.err
        findings = [f for f in json.loads(result.out)["files"][0]["findings"] if f["code"] == "unreadable_submitted"]
        assert len(findings) == 1
        assert findings[0]["column"] == "Svarsdatum" and findings[0]["row"] is None
        assert "2 values" in findings[0]["message"] and "row 3, 5" in findings[0]["message"]
        assert "Anna" not in json.dumps(findings) and "ring" not in json.dumps(findings)
        with sqlite3.connect(project / "samverkan.db") as db:
            stored = [r[0] for r in db.execute("SELECT submitted_at FROM responses ORDER BY source_row")]
            held = [r[0] for r in db.execute("SELECT submitted_at FROM quarantine")]
        assert stored == ["2026-03-14T09:12:00", None, "2026-03-15T10:00:00", None, None, "2026-03-16"]
        assert all(v is None or ISO.match(v) for v in held)

    def test_quarantine_holds_the_normalised_time(self, project: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
        """A held row keeps its time for a later correction, in the stored (ISO) form."""
        rows = _template_rows()
        rows[1][0], rows[1][4] = "14/03/2026 09:12", ""  # no kommun: quarantined
        rows[2][0] = "15/03/2026 10:00"
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(rows[:3])
        export = tmp_path / "held.csv"
        export.write_text(buffer.getvalue(), encoding="utf-8")
        assert cli("--project", project, "import", export, "--wave", "2026").code == 0
        with sqlite3.connect(project / "samverkan.db") as db:
            held = [r[0] for r in db.execute("SELECT submitted_at FROM quarantine")]
        assert held == ["2026-03-14T09:12:00"]

    def test_progress_reads_older_unnormalised_values(self, tmp_path: Path, cli: Callable[..., Any]) -> None:
        """A database written before times were normalised (export text, even junk) still draws its curve."""
        root = tmp_path / "old"
        assert cli("init", root).code == 0
        with (root / "samverkan.toml").open("a", encoding="utf-8") as fh:
            fh.write('\n[[waves]]\nname = "2026"\nstart = "2026-03-01"\nend = "2026-03-31"\n')
        export = _export(tmp_path / "export.csv", ["2026-03-02 08:00"] * 4)
        assert cli("--project", root, "import", export, "--wave", "2026").code == 0
        # rows 2-4 are vårdcentraler (outside the built-in frame of kommuner), row 5 is Vadstena kommun
        old = ["14/03/2026 09:12", "ring mig", "03/04/2026", "2026/03/05 3:50:03 em CET"]
        with sqlite3.connect(root / "samverkan.db") as db:
            ids = [r[0] for r in db.execute("SELECT id FROM responses ORDER BY id")]
            db.executemany("UPDATE responses SET submitted_at = ? WHERE id = ?", list(zip(old, ids, strict=True)))
        result = cli("--project", root, "status", "--progress", "--format", "json", "--lan", "05")
        assert result.code == 0, result.err
        import json

        county = json.loads(result.out)["counties"][0]
        days = json.loads(result.out)["days"]
        curve = dict(zip(days, county["curve"], strict=True))
        assert county["undated"] == 0
        assert curve["2026-03-04"] == 0.0
        assert curve["2026-03-05"] == pytest.approx(1 / 13)  # Östergötland's 13 kommuner


class TestOlderDatabases:
    def test_a_reexport_matches_responses_stored_with_the_exports_own_spelling(
        self, tmp_path: Path, cli: Callable[..., Any]
    ) -> None:
        """Responses stored before times were normalised (``2026-02-09 09:22:38``) are still recognised in
        a corrected re-export by their platform id and time, and not counted twice."""
        import json

        root = tmp_path / "proj"
        assert cli("init", root).code == 0
        source = EXAMPLES / "exports" / "2026" / "10_blekinge.csv"
        assert cli("--project", root, "import", source, "--wave", "2026").code == 0
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
        sub = rows[0].index("submitdate")
        with sqlite3.connect(root / "samverkan.db") as db:
            # what an older version stored: the cell as the export spelt it
            db.executemany(
                "UPDATE responses SET submitted_at = ? WHERE source_row = ?",
                [(row[sub], n) for n, row in enumerate(rows[1:], start=2)],
            )
            before = db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        corrected = rows[0].index("X1")
        for row in rows[1:]:
            row[corrected] = "Rättad kommentar"
        reexport = tmp_path / "blekinge_rattad.csv"
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        reexport.write_text(buffer.getvalue(), encoding="utf-8")
        result = cli("--project", root, "import", reexport, "--wave", "2026", "--format", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)["files"][0]["imported"] == 0
        with sqlite3.connect(root / "samverkan.db") as db:
            assert db.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == before
