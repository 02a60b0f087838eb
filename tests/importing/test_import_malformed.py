"""Bad input through `samverkan import`: right exit code, a message naming the file, no traceback,
and the database byte-for-byte unchanged unless rows were legitimately stored."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from samverkan_cli.batch.project import init_project

REPO = Path(__file__).resolve().parents[2]
MALFORMED = REPO / "tests" / "data" / "malformed"
EXAMPLE_CSV = REPO / "examples" / "exports" / "2026" / "23_jamtland.csv"  # cp1252, ';', CRLF

UNREADABLE = ["empty.csv", "blank_lines.csv", "garbage.csv", "truncated.xlsx", "encrypted.xlsx", "html_table.xls"]
NOT_OUR_INSTRUMENT = [
    "cp1252_semicolon.csv",
    "dates.xlsx",
    "duplicate_headers.csv",
    "formulas_cached.xlsx",
    "formulas_uncached.xlsx",
    "header_only.csv",
    "macroman.csv",
    "merged_headers.xlsx",
    "mixed_line_endings.csv",
    "nul_bytes.csv",
    "two_sheets.xlsx",
    "utf16_tab.txt",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    init_project(tmp_path / "p")
    return tmp_path / "p"


def db_bytes(project: Path) -> bytes:
    con = sqlite3.connect(project / "samverkan.db")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return (project / "samverkan.db").read_bytes()


def responses(project: Path) -> int:
    con = sqlite3.connect(project / "samverkan.db")
    try:
        return int(con.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
    finally:
        con.close()


class TestUnreadableFiles:
    @pytest.mark.parametrize("name", UNREADABLE)
    def test_exit_3_with_message_and_unchanged_database(self, cli, project: Path, name: str) -> None:  # type: ignore[no-untyped-def]
        """A file that cannot be read exits 3, names the file and what to do, and stores nothing."""
        before = db_bytes(project)
        result = cli("--project", project, "import", MALFORMED / name, "--wave", "2026")
        assert result.code == 3, result.err
        assert name in result.err
        assert "→" in result.err
        assert "Traceback" not in result.err + result.out
        assert db_bytes(project) == before

    def test_directory_is_exit_3(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A directory given as a file is refused with exit 3 and a hint."""
        result = cli("--project", project, "import", tmp_path, "--wave", "2026")
        assert result.code == 3
        assert "mapp" in result.err

    def test_missing_file_is_usage_error(self, cli, project: Path) -> None:  # type: ignore[no-untyped-def]
        """A path that does not exist is a usage error (exit 2)."""
        result = cli("--project", project, "import", project / "nope.csv", "--wave", "2026")
        assert result.code == 2
        assert "nope.csv" in result.err

    @pytest.mark.skipif(os.name != "posix", reason="permissions")
    def test_unreadable_file_is_exit_3(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A file without read permission exits 3 (skipped as root, who can read anything)."""
        path = tmp_path / "locked.csv"
        path.write_bytes(EXAMPLE_CSV.read_bytes())
        path.chmod(0)
        try:
            if os.access(path, os.R_OK):
                pytest.skip("running as root: permissions are not enforced")
            result = cli("--project", project, "import", path, "--wave", "2026")
            assert result.code == 3
        finally:
            path.chmod(0o644)


class TestFilesOfAnotherSurvey:
    @pytest.mark.parametrize("name", NOT_OUR_INSTRUMENT)
    def test_exit_4_and_database_unchanged(self, cli, project: Path, name: str) -> None:  # type: ignore[no-untyped-def]
        """A readable file whose columns are not our instrument exits 4 with a clear account, storing nothing."""
        before = db_bytes(project)
        result = cli("--project", project, "import", MALFORMED / name, "--wave", "2026")
        assert result.code == 4, result.err
        assert name in result.err
        assert "Traceback" not in result.err + result.out
        assert db_bytes(project) == before


class TestOddButValidExports:
    def test_utf16_tab_export_of_our_survey_imports(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """Excel's 'Unicode text' (UTF-16, tabs) of a real export imports the same responses."""
        text = EXAMPLE_CSV.read_bytes().decode("cp1252").replace(";", "\t")
        path = tmp_path / "unicode.txt"
        path.write_bytes("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
        result = cli("--project", project, "import", path, "--wave", "2026")
        assert result.code == 0, result.err
        assert responses(project) == 16

    def test_mixed_line_endings_import(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """CRLF and LF mixed in one file still give every row."""
        lines = EXAMPLE_CSV.read_bytes().split(b"\r\n")
        mixed = b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines) if line)
        path = tmp_path / "mixed.csv"
        path.write_bytes(mixed)
        assert cli("--project", project, "import", path, "--wave", "2026").code == 0
        assert responses(project) == 16

    def test_one_megabyte_cell_is_stored_masked(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A 1 MB free-text cell is imported whole, with a phone number in it masked."""
        text = EXAMPLE_CSV.read_bytes().decode("cp1252").splitlines()
        header = text[0].split(";")
        x1 = next(i for i, h in enumerate(header) if h.startswith("Övriga synpunkter"))
        cells = text[1].split(";")
        cells[x1] = "ring 070-123 45 67 " + "a" * 1_000_000
        path = tmp_path / "big.csv"
        path.write_text(";".join(header) + "\r\n" + ";".join(cells) + "\r\n", encoding="utf-8")
        assert cli("--project", project, "import", path, "--wave", "2026").code == 0
        con = sqlite3.connect(project / "samverkan.db")
        (value,) = con.execute("SELECT value FROM answers WHERE item_id = 'X1'").fetchone()
        con.close()
        assert len(value) > 1_000_000 and "070-123" not in value

    def test_five_thousand_columns(self, cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """An export with 5,000 extra columns imports its responses and reports the extra columns."""
        text = EXAMPLE_CSV.read_bytes().decode("cp1252").splitlines()
        extra = [f"Extra {i}" for i in range(5000)]
        rows = [";".join([text[0], *extra])] + [";".join([line, *([""] * 5000)]) for line in text[1:] if line]
        path = tmp_path / "wide.csv"
        path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
        result = cli("--project", project, "import", path, "--wave", "2026", "--report", tmp_path / "r.json")
        assert result.code == 0, result.err
        assert responses(project) == 16
        import json

        doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert len(doc["files"][0]["unmatched_columns"]) >= 5000


class TestStrictAndDryRun:
    def test_strict_fails_on_warnings_and_stores_nothing(self, cli, project: Path) -> None:  # type: ignore[no-untyped-def]
        """--strict turns a warning (an unknown label) into exit 4 with nothing stored."""
        before = db_bytes(project)
        path = REPO / "examples" / "exports" / "2026" / "20_dalarna.csv"
        result = cli("--project", project, "import", path, "--wave", "2026", "--strict")
        assert result.code == 4
        assert "--strict" in result.err
        assert db_bytes(project) == before

    def test_dry_run_reports_but_stores_nothing(self, cli, project: Path) -> None:  # type: ignore[no-untyped-def]
        """--dry-run prints the same account and summary line but leaves the database as it was."""
        before = db_bytes(project)
        result = cli("--project", project, "import", EXAMPLE_CSV, "--wave", "2026", "--dry-run")
        assert result.code == 0
        assert "16 svar skulle importeras" in result.err
        assert db_bytes(project) == before

    def test_wave_is_required(self, cli, project: Path) -> None:  # type: ignore[no-untyped-def]
        """Without --wave and without a configured wave the import is a usage error."""
        result = cli("--project", project, "import", EXAMPLE_CSV)
        assert result.code == 2
        assert "--wave" in result.err
