"""`samverkan import` as a user runs it: real third-party exports, mapping files, JSON report, English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared_fixtures import REAL_EXPORTS as REAL

from samverkan_cli.batch.project import init_project
from samverkan_cli.ingest.pipeline import import_files
from samverkan_cli.instrument import load_instrument

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "exports"

REAL_EXPORTS = {
    "google_forms/AutisticaCitizenScience_Form_Responses_1.csv": "google_forms",
    "swedish/FrogeFormular_google_forms_sv_formularData.csv": "google_forms",
    "limesurvey/analisi-lime-survey_results-survey559574.xlsx": "limesurvey",
    "limesurvey/efptPWG_Malta.csv": "limesurvey",
    "ms_forms/ms-forms-quiz-calculator_Category-1.xlsx": "microsoft_forms",
    "qualtrics/QualtricsTools_No_Basis_for_Evaluation_Insights.csv": "qualtrics",
    "qualtrics/QualtricsTools_No_Basis_for_Evaluation_Legacy.csv": "qualtrics_legacy",
    "qualtrics/qualtRics_sample.csv": "qualtrics",
    "qualtrics/qualtRics_sample_legacy.csv": "qualtrics_legacy",
    "qualtrics/qualtrics-spss_TestProject-Menu_API.csv": "qualtrics",
    "qualtrics/qualtrics-spss_TestProject-Menu_API.sav": "spss",
    "qualtrics/qualtrics-spss_TestProject-Menu_native.sav": "spss",
    "qualtrics/qualtrics-spss_TestProject-Menu_numeric.csv": "qualtrics",
    "qualtrics/qualtrics-spss_TestProject-Menu_excel-resaved.csv": "qualtrics",
    "surveymonkey/TheGoodHoustonians_Sheet_1.csv": "surveymonkey",
    "surveymonkey/fivethirtyeight_steak-risk-survey.csv": "surveymonkey",
}


class TestRealExports:
    @pytest.mark.real_exports
    @pytest.mark.parametrize(("name", "platform"), sorted(REAL_EXPORTS.items()))
    def test_dry_run_recognises_platform_and_reports_mismatch(
        self,
        cli,
        tmp_path: Path,
        monkeypatch,  # type: ignore[no-untyped-def]
        name: str,
        platform: str,
    ) -> None:
        """A genuine export of another survey is read, its platform named, and the mismatch reported (exit 4)."""
        monkeypatch.chdir(tmp_path)
        result = cli("import", REAL / name, "--dry-run", "--format", "json")
        assert result.code == 4
        doc = json.loads(result.out)
        (report,) = doc["files"]
        assert report["platform"] == platform
        assert report["imported"] == 0
        codes = {f["code"] for f in report["findings"]}
        assert codes & {"no_item_columns", "missing_background"}
        assert "Traceback" not in result.err


class TestMapping:
    def test_template_proposes_and_mapping_imports_the_changed_header(self, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """--mapping-template writes the proposal for a changed header; importing with it reads that item."""
        source = EXAMPLES / "2025" / "12_skane.xlsx"
        monkeypatch.chdir(tmp_path)
        assert cli("import", source, "--mapping-template").code == 0
        template = tmp_path / "12_skane.mapping.toml"
        text = template.read_text(encoding="utf-8")
        assert '"Vi har regelbundna samverkansträffar med den andra huvudmannen." = "R5"' in text
        init_project(tmp_path / "p")
        result = cli(
            "--project", tmp_path / "p", "import", source, "--wave", "2025", "--mapping", template, "--format", "json"
        )
        assert result.code == 0
        report = json.loads(result.out)["files"][0]
        assert "proposed_column" not in {f["code"] for f in report["findings"]}
        import sqlite3

        con = sqlite3.connect(tmp_path / "p" / "samverkan.db")
        assert con.execute("SELECT COUNT(*) FROM answers WHERE item_id = 'R5'").fetchone()[0] > 100
        con.close()

    def test_bad_mapping_file_is_exit_6_naming_the_entry(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A mapping that names an unknown item is a configuration error listing the line."""
        init_project(tmp_path / "p")
        mapping = tmp_path / "m.toml"
        mapping.write_text('[columns]\n"Fråga 3" = "R99"\n', encoding="utf-8")
        result = cli(
            "--project",
            tmp_path / "p",
            "import",
            EXAMPLES / "2026" / "23_jamtland.csv",
            "--wave",
            "2026",
            "--mapping",
            mapping,
        )
        assert result.code == 6
        assert "R99" in result.err


class TestOutput:
    def test_json_report_has_the_documented_shape(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """--report writes the SPEC section 11 document; the CLI prints the same numbers as the library."""
        init_project(tmp_path / "p")
        source = EXAMPLES / "2026" / "20_dalarna.csv"
        result = cli("--project", tmp_path / "p", "import", source, "--wave", "2026", "--report", tmp_path / "r.json")
        assert result.code == 0
        doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        (report,) = doc["files"]
        assert set(report) >= {
            "file",
            "sha256",
            "platform",
            "encoding",
            "rows",
            "imported",
            "quarantined",
            "duplicates",
            "already_imported",
            "unmatched_columns",
            "findings",
        }
        finding = next(f for f in report["findings"] if f["code"] == "unknown_label")
        assert set(finding) == {"row", "column", "value", "code", "severity", "message", "hint"}
        assert (finding["row"], finding["value"], finding["severity"]) == (8, "Kanske", "warning")
        assert doc["summary"]["imported"] == report["imported"] == 37
        library = import_files(None, load_instrument(), [source], "2026", dry_run=True).to_dict("sv")
        assert library["files"][0]["imported"] == report["imported"]
        assert [f["code"] for f in library["files"][0]["findings"]] == [f["code"] for f in report["findings"]]
        assert "1 fil · 37 svar importerade · 0 i karantän · 1 varning" in result.err

    def test_english_messages(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """--lang en gives English findings and summary line."""
        init_project(tmp_path / "p")
        result = cli(
            "--lang",
            "en",
            "--project",
            tmp_path / "p",
            "import",
            EXAMPLES / "2026" / "20_dalarna.csv",
            "--wave",
            "2026",
        )
        assert "is not on the scale" in result.err
        assert "1 file · 37 responses imported · 0 quarantined · 1 warning" in result.err

    def test_status_after_import_and_frame(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """status shows responses per county and type with the response rate from the imported register."""
        init_project(tmp_path / "p")
        p = tmp_path / "p"
        assert cli("--project", p, "import", EXAMPLES / "2026" / "23_jamtland.csv", "--wave", "2026").code == 0
        assert (
            cli(
                "--project", p, "frame", "import", REPO / "examples" / "register" / "23_jamtland_vardcentraler.csv"
            ).code
            == 0
        )
        doc = json.loads(cli("--project", p, "status", "--format", "json").out)
        (wave,) = doc["waves"]
        assert wave["wave"] == "2026" and wave["responses"] == 16
        groups = {g["org_typ"]: g for g in wave["by_group"]}
        assert groups["kommun"]["frame"] == 8  # Jämtland has 8 kommuner
        assert groups["vardcentral"]["frame"] == 17
        assert groups["vardcentral"]["response_rate"] == round(groups["vardcentral"]["organisations"] / 17, 3)
        table = cli("--project", p, "status").out
        assert "23 Jämtlands län" in table and "Vårdcentral" in table
