"""Personal data in every field: the database bytes hold none of it, whatever the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samverkan_cli.i18n import Msg
from samverkan_cli.ingest.privacy import mask_text, names_personal_data, pseudonymise
from tests.hostile.test_hostile_files import db_bytes, example_lines

PHONES = (
    "(08) 765 43 21",
    "+46 (0)70-345 67 89",
    "070.456.78.90",
    "070-123 45 67",
    "08-123 45 67",
    "031-12 34 56",
    "+46 70 123 45 67",
    "0046 31 12 34 56",
    "+46701234567",
    "08/765 43 21",
)
PERSONNUMMER = "19121212-1212"
EMAIL = "anna.andersson@example.se"


class TestPhoneForms:
    @pytest.mark.parametrize("phone", PHONES)
    def test_each_swedish_form_is_masked(self, phone: str) -> None:
        """Every Swedish number form, landline and mobile, becomes [telefon]."""
        assert mask_text(f"ring {phone} idag") == "ring [telefon] idag"

    @pytest.mark.parametrize("text", ["01.02.2026", "08.30-09.15", "2026-03-22", "0.5", "10 000 kr", "kl 08:30"])
    def test_dates_times_and_amounts_are_kept(self, text: str) -> None:
        """Dates, times and amounts share the digits but are not phone numbers."""
        assert mask_text(text) == text


class TestIdentifyingColumns:
    @pytest.mark.parametrize(
        "header", ["Kontaktperson", "Namn på kontaktperson", "Mejl", "Telefon", "Personnummer", "Your e-mail"]
    )
    def test_recognised_by_meaning(self, header: str) -> None:
        """Contact person, name, mail, phone and personnummer columns are identifying in both languages."""
        assert names_personal_data(header)

    def test_organisation_name_is_not_a_person(self) -> None:
        """The organisation's name column is not taken for a person's name."""
        assert not names_personal_data("Verksamhetens namn")

    def test_response_id_pseudonym_is_stable_and_masked(self) -> None:
        """A personnummer as response id becomes the same masked pseudonym every time."""
        first = pseudonymise(PERSONNUMMER)
        assert first == pseudonymise(PERSONNUMMER) and "1212" not in first


class TestDatabaseBytes:
    def test_no_form_reaches_database_report_or_terminal(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """Phone forms in free text, org name, a scored answer and kommun, a Kontaktperson column and an
        e-mail header: none reaches the database file, the --report JSON or the terminal."""
        lines = example_lines()
        header = lines[0].split(";")
        free = next(i for i, h in enumerate(header) if h.startswith("Övriga synpunkter"))
        rows = []
        for n, line in enumerate(lines[1:12]):
            cells = line.split(";")
            cells[free] = "ring " + PHONES[n % len(PHONES)] + f" eller {EMAIL}"
            cells[header.index("Verksamhet")] += " tel " + PHONES[(n + 1) % len(PHONES)]
            cells.extend(["Anna Andersson " + PHONES[(n + 2) % len(PHONES)], "x"])
            rows.append(cells)
        rows[0][6] = PHONES[3]  # a phone number in a scored answer
        rows[1][header.index("Kommun")] = PERSONNUMMER  # a personnummer in the kommun field
        header += ["Kontaktperson", f"Frågor till {EMAIL}"]
        path = tmp_path / "personal.csv"
        path.write_text("\r\n".join(";".join(r) for r in [header, *rows]) + "\r\n", encoding="utf-8")
        report = tmp_path / "r.json"
        result = cli("--project", project, "import", path, "--wave", "2026", "--report", report)
        assert result.code in (0, 4), result.err
        data = db_bytes(project) + report.read_bytes() + (result.out + result.err).encode()
        json.loads(report.read_text(encoding="utf-8"))
        for secret in (*PHONES, PERSONNUMMER, EMAIL, "Anna Andersson"):
            assert secret.encode() not in data, secret
        assert b"[telefon]" in data


class TestTerminal:
    def test_message_parameters_lose_control_characters(self) -> None:
        """An escape sequence in a file, sheet or wave name never reaches the rendered message."""
        msg = Msg("Fil {f}", "File {f}").format(f="a\x1b[2J\x1b]0;x\x07b\r.csv")
        assert msg.en == "File ab.csv" and msg.render("sv") == "Fil ab.csv"

    def test_ansi_response_id_is_not_printed(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A file name with ESC and a kommun cell with ESC print no control character."""
        lines = example_lines()
        cells = lines[1].split(";")
        cells[lines[0].split(";").index("Kommun")] = "\x1b[2JNowhere"
        path = tmp_path / "e\x1b[31mvil.csv"
        path.write_text(lines[0] + "\r\n" + ";".join(cells) + "\r\n" + lines[2] + "\r\n", encoding="utf-8")
        result = cli("--project", project, "import", path, "--wave", "2026")
        assert "Traceback" not in result.err
        assert "\x1b" not in result.out + result.err

    def test_stored_names_print_no_control_character(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """status and quarantine list show stored file names and raw rows without their escape sequences."""
        lines = example_lines()
        cells = lines[1].split(";")
        cells[lines[0].split(";").index("Kommun")] = "\x1b[2JNowhere"
        path = tmp_path / "e\x1b]0;title\x07vil.csv"
        path.write_text(lines[0] + "\r\n" + ";".join(cells) + "\r\n" + lines[2] + "\r\n", encoding="utf-8")
        cli("--project", project, "import", path, "--wave", "2026")
        for args in (("status",), ("quarantine", "list"), ("quarantine", "list", "--format", "csv")):
            result = cli("--project", project, *args)
            assert "Traceback" not in result.err
            assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
        assert "vil.csv" in cli("--project", project, "status").out
