"""Ways back, end to end from the CLI: import --replace, remove, quarantine list and release, declared waves.

Every command line the tool prints as a hint is run as printed (from the project directory).
"""

from __future__ import annotations

import io
import json
import shlex
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.batch.project import init_project

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "examples" / "exports"
JAMTLAND = EXPORTS / "2026" / "23_jamtland.csv"  # generic export, no response ids, 16 responses
KRONOBERG = EXPORTS / "2026" / "07_kronoberg.csv"  # Qualtrics: response ids and submission times


def _spoil(source: Path, target: Path, rows: tuple[int, ...], column: str, value: str) -> Path:
    """A copy of ``source`` with ``column`` set to ``value`` on the given physical lines (0 = header)."""
    raw = source.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "cp1252"
    text = raw.decode(encoding)
    lines = text.split("\n")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    import csv

    parsed = next(csv.reader(lines[:1], delimiter=delimiter))
    index = parsed.index(column)
    for n in rows:
        cells = next(csv.reader([lines[n]], delimiter=delimiter))
        cells[index] = value
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)
        lines[n] = out.getvalue()
    target.write_bytes("\n".join(lines).encode(encoding))
    return target


def _hints(text: str) -> list[list[str]]:
    """Every ``samverkan …`` command line printed in ``text``, split as a shell would."""
    found = []
    for line in text.splitlines():
        if "samverkan " not in line:
            continue
        found.append(shlex.split(line.split("samverkan ", 1)[1].strip().rstrip(".")))
    return found


def _db(project: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(project / "samverkan.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project; the tests run from inside it, as a user pasting hints would."""
    root = tmp_path / "p"
    init_project(root)
    monkeypatch.chdir(root)
    return root


class TestReplace:
    def test_already_imported_hint_runs_and_replaces_in_one_import(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A stored file imported again prints a --replace hint; run, it replaces the responses, history keeps both."""
        source = project / "export med mellanslag.csv"
        source.write_bytes(JAMTLAND.read_bytes())
        assert cli("import", source, "--wave", "2026").code == 0
        again = cli("import", source, "--wave", "2026")
        assert again.code == 0
        assert "redan importerad" in again.err
        (hint,) = [h for h in _hints(again.err) if "--replace" in h]
        assert hint[:2] == ["import", str(source)]
        result = cli(*hint, "--format", "json")
        assert result.code == 0
        report = json.loads(result.out)["files"][0]
        assert report["imported"] == 16
        assert [r["wave"] for r in report["replaced"]] == ["2026"]
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(16,)]
        assert _db(project, "SELECT COUNT(*) FROM imports") == [(1,)]
        assert _db(project, "SELECT action, replaced_by IS NOT NULL FROM import_history") == [("replaced", 1)]

    def test_replace_with_a_mapping_reads_the_lost_column(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A file imported without its changed column is re-imported with the mapping: the item is then stored."""
        source = EXPORTS / "2025" / "12_skane.xlsx"
        assert cli("import", source, "--wave", "2025").code == 0
        r5 = "SELECT COUNT(*) FROM answers WHERE item_id = 'R5'"
        assert _db(project, r5) == [(0,)]
        result = cli("import", source, "--wave", "2025", "--mapping", REPO / "examples" / "mapping.toml", "--replace")
        assert result.code == 0
        assert _db(project, r5)[0][0] > 100
        before = _db(project, "SELECT imported FROM import_history")[0][0]
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(before,)]


class TestRemove:
    def test_remove_file_asks_and_yes_removes(self, project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        """remove shows what goes, asks; 'n' keeps everything, --yes removes responses and keeps history."""
        assert cli("import", JAMTLAND, "--wave", "2026").code == 0
        monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
        kept = cli("remove", JAMTLAND)
        assert kept.code == 0
        assert "23_jamtland.csv" in kept.err and "16 svar" in kept.err
        assert "Inget togs bort." in kept.err
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(16,)]
        gone = cli("remove", JAMTLAND, "--yes")
        assert gone.code == 0
        assert "Borttaget: 1 importer, 16 svar" in gone.err
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(0,)]
        assert _db(project, "SELECT action, file_name FROM import_history") == [("removed", "23_jamtland.csv")]
        # the printed next step runs
        (run,) = [h for h in _hints(gone.err) if h == ["run"]]
        assert cli(*run).code == 0

    def test_remove_by_sha_prefix_and_by_wave(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A SHA-256 prefix names one import; --wave takes every import of that wave and nothing else."""
        assert cli("import", JAMTLAND, "--wave", "2026").code == 0
        assert cli("import", KRONOBERG, "--wave", "2026").code == 0
        assert cli("import", EXPORTS / "2025" / "23_jamtland.csv", "--wave", "2025").code == 0
        sha = _db(project, "SELECT sha256 FROM imports WHERE file_name = '07_kronoberg.csv'")[0][0]
        assert cli("remove", sha[:10], "--yes").code == 0
        assert _db(project, "SELECT DISTINCT file_name FROM imports ORDER BY 1") == [("23_jamtland.csv",)]
        assert cli("remove", "--wave", "2026", "-y").code == 0
        assert _db(project, "SELECT DISTINCT wave FROM responses") == [("2025",)]

    def test_nothing_matches_is_usage_error_with_a_hint_that_runs(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Removing what was never imported exits 2 and points to a command that lists the imports."""
        result = cli("remove", "finns-inte.csv", "--yes")
        assert result.code == 2
        (hint,) = _hints(result.err)
        assert cli(*hint).code == 0
        neither = cli("remove")
        assert neither.code == 2
        for hint in _hints(neither.err):
            assert hint[0] == "remove"


class TestQuarantine:
    def test_list_shows_each_held_row_with_its_finding_and_status_agrees(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Two rows with an unknown kommun are listed with their finding; status counts the same two."""
        bad = _spoil(JAMTLAND, project / "jamt.csv", (3, 5), "Kommun", "Atlantis")
        assert cli("import", bad, "--wave", "2026").code == 0
        listed = cli("--lang", "en", "quarantine", "list")
        assert listed.code == 0
        assert listed.out.count("Atlantis") == 2
        assert "does not exist" in listed.out  # rendered in English from the stored params
        status = json.loads(cli("status", "--format", "json").out)
        assert status["quarantined"] == 2 == status["imports"][0]["quarantined"]
        csv_text = cli("quarantine", "list", "--format", "csv").out
        assert csv_text.splitlines()[0].startswith("samverkan:ref,")
        assert len(csv_text.splitlines()) == 3

    def test_corrected_export_releases_the_rows_it_supersedes(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """The export corrected in Excel (same rows, kommun fixed) stores the two rows and releases them."""
        bad = _spoil(JAMTLAND, project / "jamt.csv", (3, 5), "Kommun", "Atlantis")
        assert cli("import", bad, "--wave", "2026").code == 0
        fixed = project / "jamt-rättad.csv"
        fixed.write_bytes(JAMTLAND.read_bytes())
        result = cli("import", fixed, "--wave", "2026", "--format", "json")
        report = json.loads(result.out)["files"][0]
        assert (report["imported"], report["released"]) == (2, 2)
        assert json.loads(cli("status", "--format", "json").out)["quarantined"] == 0
        assert "Inga rader i karantän." in cli("quarantine", "list").out
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(16,)]

    def test_fixed_quarantine_csv_from_the_printed_hints_releases_the_rows(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """The hints of `quarantine list` run as printed; the exported CSV, fixed, imports and releases the rows."""
        bad = _spoil(JAMTLAND, project / "jamt.csv", (3, 5), "Kommun", "Atlantis")
        assert cli("import", bad, "--wave", "2026").code == 0
        listed = cli("quarantine", "list")
        export, reimport = [h for h in _hints(listed.err) if h[0] in ("quarantine", "import")]
        written = cli(*export)
        assert written.code == 0
        out = project / "karantan.csv"
        text = out.read_text(encoding="utf-8-sig").replace(",Atlantis,", ",Östersund,")
        out.write_text(text, encoding="utf-8-sig")
        (again,) = [h for h in _hints(written.err) if h[0] == "import"]
        assert again == reimport
        result = cli(*again, "--format", "json")
        assert result.code == 0
        report = json.loads(result.out)["files"][0]
        assert (report["imported"], report["released"]) == (2, 2)
        assert not [f for f in report["findings"] if f["code"] == "unmatched_column"]
        assert json.loads(cli("status", "--format", "json").out)["quarantined"] == 0

    def test_platform_re_export_releases_by_response_id(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A corrected Qualtrics export releases the held row with the same response id and submission time."""
        bad = _spoil(KRONOBERG, project / "kron.csv", (5,), "Q3", "Atlantis")
        assert cli("import", bad, "--wave", "2026").code == 0
        assert _db(project, "SELECT COUNT(*) FROM quarantine WHERE response_id IS NOT NULL") == [(1,)]
        fixed = _spoil(KRONOBERG, project / "kron2.csv", (5,), "Q3", "Växjö")
        result = cli("import", fixed, "--wave", "2026", "--format", "json")
        assert json.loads(result.out)["files"][0]["released"] == 1
        assert json.loads(cli("status", "--format", "json").out)["quarantined"] == 0

    def test_removing_the_correction_holds_the_rows_again(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Remove the file that released rows: they are held again and status counts them."""
        bad = _spoil(JAMTLAND, project / "jamt.csv", (3, 5), "Kommun", "Atlantis")
        assert cli("import", bad, "--wave", "2026").code == 0
        fixed = project / "fixed.csv"
        fixed.write_bytes(JAMTLAND.read_bytes())
        assert cli("import", fixed, "--wave", "2026").code == 0
        result = cli("remove", fixed, "--yes")
        assert "2 rader som de hade ersatt hålls i karantän igen" in result.err
        assert json.loads(cli("status", "--format", "json").out)["quarantined"] == 2


def _declare(project: Path, waves: str) -> None:
    config = project / "samverkan.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + waves, encoding="utf-8")


_WAVES = """
[[waves]]
name = "2026"
start = "2026-01-01"
end = "2026-12-31"

[[waves]]
name = "2026-höst"
"""


class TestDeclaredWaves:
    def test_undeclared_wave_is_usage_error_listing_the_declared(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """--wave 20266 when 2026 and 2026-höst are declared exits 2 naming both; --new-wave imports it."""
        _declare(project, _WAVES)
        result = cli("import", JAMTLAND, "--wave", "20266")
        assert result.code == 2
        assert "2026, 2026-höst" in result.err
        assert "--new-wave" in result.err
        assert cli("import", JAMTLAND, "--wave", "20266", "--new-wave").code == 0

    def test_previous_wave_follows_the_declared_order(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Declared b-vår then a-höst: a-höst compares with b-vår, although a text sort puts a-höst first."""
        _declare(project, '[[waves]]\nname = "b-vår"\n\n[[waves]]\nname = "a-höst"\n')
        assert cli("import", JAMTLAND, "--wave", "b-vår").code == 0
        assert cli("import", EXPORTS / "2025" / "23_jamtland.csv", "--wave", "a-höst").code == 0
        doc = json.loads(cli("analyze", "--format", "json", "--wave", "a-höst").out)
        assert doc["meta"]["previous_wave"] == {"a-höst": "b-vår"}

    def test_submission_outside_the_field_period_warns(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A file whose submission dates fall outside the wave's field period gets a warning with a runnable hint."""
        _declare(project, '[[waves]]\nname = "2026"\nstart = "2030-01-01"\nend = "2030-02-01"\n')
        result = cli("import", KRONOBERG, "--wave", "2026", "--format", "json")
        codes = [f for f in json.loads(result.out)["files"][0]["findings"] if f["code"] == "outside_field_period"]
        assert len(codes) == 1 and codes[0]["severity"] == "warning"
        (hint,) = [h for h in _hints(codes[0]["hint"]) if h[0] == "remove"]
        assert cli(*hint, "--yes").code == 0
        assert _db(project, "SELECT COUNT(*) FROM responses") == [(0,)]

    def test_undeclared_projects_accept_any_wave(self, project: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Without [[waves]] any --wave is taken as today."""
        assert cli("import", JAMTLAND, "--wave", "20266").code == 0
