"""`samverkan run` tells when data was dropped, and follows the ways back (remove, replace)."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import add_exports, make_project


def _manifest(project: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((project / "reports" / "manifest.json").read_text(encoding="utf-8"))


class TestRunTells:
    def test_silent_when_nothing_needs_attention(self, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Files without warnings or errors: the run prints nothing (cron mails nothing)."""
        project = make_project(tmp_path / "p", ("03_uppsala.xlsx", "08_kalmar.csv"))
        result = cli("--project", project, "run")
        assert (result.code, result.out, result.err) == (0, "", "")

    def test_every_warning_is_printed_and_listed_in_full_in_the_manifest(self, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A quarantined row and a misspelt kommun are printed with row and column; the manifest has them all."""
        project = make_project(tmp_path / "p", ("05_ostergotland.csv",))
        source = project / "inbox" / "2026" / "23_jamtland.csv"
        (path,) = add_exports(project, ["23_jamtland.csv"])
        text = path.read_text(encoding="cp1252").split("\n")
        cells = text[3].split(";")
        cells[4] = "Atlantis"
        text[3] = ";".join(cells)
        source.write_text("\n".join(text), encoding="cp1252")
        result = cli("--lang", "en", "--project", project, "run")
        assert result.code == 0
        assert "2026/05_ostergotland.csv: 1 warning, 0 errors:" in result.err
        assert "row 2, 'Kommun': " in result.err
        assert "2026/23_jamtland.csv: 0 warnings, 1 error:" in result.err
        assert "Atlantis" in result.err
        inputs = {i["file"]: i for i in _manifest(project)["inputs"]}
        (held,) = inputs["2026/23_jamtland.csv"]["findings"]
        assert (held["row"], held["column"], held["severity"]) == (4, "Kommun", "error")
        assert len(inputs["2026/05_ostergotland.csv"]["findings"]) == 1

    def test_many_findings_of_one_kind_are_shortened_and_point_to_the_manifest(self, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """Five rows of one kind print three examples and a count; --verbose prints all five."""
        project = make_project(tmp_path / "p", ())
        (path,) = add_exports(project, ["23_jamtland.csv"])
        lines = path.read_text(encoding="cp1252").split("\n")
        for n in range(2, 7):
            cells = lines[n].split(";")
            cells[4] = "Atlantis"
            lines[n] = ";".join(cells)
        path.write_text("\n".join(lines), encoding="cp1252")
        result = cli("--lang", "en", "--project", project, "run")
        assert result.err.count("'Atlantis'") == 3
        assert "… 2 more of the same kind (all are listed in" in result.err
        assert "manifest.json" in result.err


class TestRunFollowsWaysBack:
    def test_removed_file_leaves_the_reports_at_the_next_run(self, tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """After `remove` of one county's file the next run re-renders: that county's page is gone."""
        project = make_project(tmp_path / "p", ("03_uppsala.xlsx", "08_kalmar.csv"))
        assert cli("--project", project, "run").code == 0
        assert (project / "reports" / "lan-08.html").is_file()
        assert cli("--project", project, "run").code == 0
        assert _manifest(project)["reports_skipped"] is True
        monkeypatch.chdir(project)
        assert cli("remove", "archive/2026/08_kalmar.csv", "--yes").code == 0
        assert cli("run").code == 0
        manifest = _manifest(project)
        assert manifest["reports_skipped"] is False
        assert not (project / "reports" / "lan-08.html").exists()
        assert "lan-08.html" not in {o["file"] for o in manifest["outputs"]}
        assert (project / "reports" / "lan-03.html").is_file()
        assert manifest["counts"]["responses"] == {"2026": 42}

    def test_replaced_newest_import_changes_the_state_key(self, tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """Replacing the newest import reuses its id; the history still makes the next run re-render."""
        project = make_project(tmp_path / "p", ("03_uppsala.xlsx",))
        assert cli("--project", project, "run").code == 0
        key = _manifest(project)["state_key"]
        monkeypatch.chdir(project)
        assert cli("import", "archive/2026/03_uppsala.xlsx", "--wave", "2026", "--replace").code == 0
        assert cli("run").code == 0
        assert _manifest(project)["state_key"] != key
        assert _manifest(project)["reports_skipped"] is False
