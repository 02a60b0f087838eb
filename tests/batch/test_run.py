"""``samverkan run``: inbox to archive, reports and manifest; incremental re-runs; failed files; exit codes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from samverkan_cli.batch import run as batch
from samverkan_cli.batch.run import run_batch
from samverkan_cli.config import load_config
from samverkan_cli.fileio import file_sha256

from .helpers import EXAMPLES, MALFORMED, SMALL_2026, add_exports, db_content, make_project, report_files

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


def _manifest(root: Path) -> dict:
    return json.loads((root / "reports" / "manifest.json").read_text(encoding="utf-8"))


def _inodes(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) per report file: an atomic rewrite always gives a new inode."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (root / "reports").iterdir()}


class TestFirstRun:
    def test_imports_archives_and_reports_telling_only_the_warning(self, project: Path, cli) -> None:
        """A run imports the inbox, archives every file, writes the reports and prints only its one warning."""
        result = cli("--project", project, "run")
        assert (result.code, result.out) == (0, "")
        # 05_ostergotland.csv spells a kommun wrongly: the one thing that needs attention (see test_run_attention.py).
        assert "2026/05_ostergotland.csv: 1 varning, 0 fel:" in result.err
        assert "Linköpng" in result.err
        assert sorted(p.name for p in (project / "archive" / "2026").iterdir()) == sorted(SMALL_2026)
        assert list((project / "inbox" / "2026").iterdir()) == []
        names = set(report_files(project))
        assert {"index.html", "samverkan-2026.xlsx"} <= names
        assert {f"lan-{name[:2]}.html" for name in SMALL_2026} <= names
        assert list((project / "logs").glob("run-*.log"))

    def test_manifest_describes_inputs_outputs_counts_and_durations(self, project: Path, cli) -> None:
        """manifest.json lists each input with its hash and status, each output with the hash of the file on disk."""
        assert cli("--project", project, "run").code == 0
        manifest = _manifest(project)
        inputs = {i["file"]: i for i in manifest["inputs"]}
        assert set(inputs) == {f"2026/{name}" for name in SMALL_2026}
        for name in SMALL_2026:
            entry = inputs[f"2026/{name}"]
            assert entry["sha256"] == file_sha256(EXAMPLES / "exports" / "2026" / name)
            assert entry["status"] == "stored"
            assert entry["moved_to"] == f"archive/2026/{name}"
            assert entry["imported"] == EXPECTED["files"][f"exports/2026/{name}"]["responses"]
        outputs = {o["file"]: o for o in manifest["outputs"]}
        assert set(outputs) == set(report_files(project))
        for name, entry in outputs.items():
            data = (project / "reports" / name).read_bytes()
            assert entry["sha256"] == file_sha256(project / "reports" / name)
            assert entry["bytes"] == len(data)
        expected = sum(EXPECTED["files"][f"exports/2026/{name}"]["responses"] for name in SMALL_2026)
        assert manifest["counts"]["responses"] == {"2026": expected}
        assert manifest["counts"]["counties"] == len(SMALL_2026)
        assert manifest["reports_skipped"] is False
        assert manifest["wave"] == "2026"
        assert {"import", "analysis", "reports", "total"} <= set(manifest["durations"])
        assert all(v >= 0 for v in manifest["durations"].values())
        assert (project / manifest["log"]).is_file()

    def test_verbose_prints_a_summary(self, project: Path, cli) -> None:
        """--verbose tells what was done even when all went well, on stderr, with the log path."""
        result = cli("--project", project, "--lang", "en", "run", "--verbose")
        assert result.code == 0
        assert result.out == ""
        assert "4 new files in the inbox: 4 imported" in result.err
        assert "Log:" in result.err

    def test_wave_from_config_for_files_directly_in_inbox(self, tmp_path: Path) -> None:
        """A file directly in inbox/ takes the wave of [import] wave and is archived under it."""
        root = make_project(tmp_path / "p", exports=())
        shutil.copy2(EXAMPLES / "exports" / "2026" / "07_kronoberg.csv", root / "inbox" / "07_kronoberg.csv")
        result = run_batch(load_config(root))
        assert result.unfinished == []
        assert (root / "archive" / "2026" / "07_kronoberg.csv").is_file()
        assert db_content(root)[0] == {"2026": EXPECTED["files"]["exports/2026/07_kronoberg.csv"]["responses"]}


class TestIncrementalRuns:
    def test_unchanged_rerun_rewrites_nothing(self, project: Path, cli) -> None:
        """A second run with nothing new rewrites no report and says reports_skipped (its speed: benchmarks/)."""
        assert cli("--project", project, "run").code == 0
        before, data = _inodes(project), report_files(project)
        assert cli("--project", project, "run").code == 0
        after = _inodes(project)
        del before["manifest.json"], after["manifest.json"]
        assert after == before
        assert report_files(project) == data
        assert _manifest(project)["reports_skipped"] is True
        assert _manifest(project)["inputs"] == []

    def test_new_file_rerenders_and_force_rerenders_all(self, project: Path, cli) -> None:
        """A new export makes the next run render again (with its county); --force rewrites every report."""
        assert cli("--project", project, "run").code == 0
        old_index = (project / "reports" / "index.html").read_bytes()
        add_exports(project, ["10_blekinge.csv"])
        assert cli("--project", project, "run").code == 0
        manifest = _manifest(project)
        assert manifest["reports_skipped"] is False
        assert (project / "reports" / "lan-10.html").is_file()
        assert (project / "reports" / "index.html").read_bytes() != old_index
        assert manifest["counts"]["counties"] == len(SMALL_2026) + 1
        before = _inodes(project)
        assert cli("--project", project, "run", "--force").code == 0
        after = _inodes(project)
        assert _manifest(project)["reports_skipped"] is False
        assert set(after) == set(before)
        rewritten = {name for name in before if after[name][0] != before[name][0]}
        assert rewritten == set(before)

    def test_deleted_report_is_rendered_again(self, project: Path, cli) -> None:
        """When a report listed in the manifest is missing, the next run renders it instead of skipping."""
        assert cli("--project", project, "run").code == 0
        (project / "reports" / "lan-07.html").unlink()
        assert cli("--project", project, "run").code == 0
        assert (project / "reports" / "lan-07.html").is_file()
        assert _manifest(project)["reports_skipped"] is False

    def test_settings_change_rerenders(self, project: Path, cli) -> None:
        """Changing an analysis setting in samverkan.toml changes the state key, so reports are rendered again."""
        assert cli("--project", project, "run").code == 0
        config = project / "samverkan.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("min_n = 5", "min_n = 6"), encoding="utf-8")
        assert cli("--project", project, "run").code == 0
        assert _manifest(project)["reports_skipped"] is False

    def test_old_logs_are_pruned(self, project: Path, cli) -> None:
        """Only the newest 30 run logs are kept."""
        logs = project / "logs"
        for n in range(40):
            (logs / f"run-20200101-000000-{n:06d}.log").write_text("old\n", encoding="utf-8")
        assert cli("--project", project, "run").code == 0
        kept = sorted(p.name for p in logs.glob("run-*.log"))
        assert len(kept) == batch.KEEP_LOGS
        assert "run-20200101-000000-000000.log" not in kept


class TestFailedFiles:
    @pytest.mark.parametrize(
        ("source", "code"),
        [
            (MALFORMED / "garbage.csv", 3),
            (EXAMPLES / "register" / "05_ostergotland_vardcentraler.csv", 4),
        ],
        ids=["unreadable", "other-survey"],
    )
    def test_failed_file_goes_to_failed_and_batch_completes(self, tmp_path: Path, cli, source: Path, code: int) -> None:
        """A bad file lands in inbox/failed/ with its report, the rest is imported and reported, exit code per SPEC."""
        root = make_project(tmp_path / "p", exports=SMALL_2026[:2])
        shutil.copy2(source, root / "inbox" / "2026" / source.name)
        result = cli("--project", root, "--lang", "en", "run")
        assert result.code == code
        failed = root / "inbox" / "failed"
        assert (failed / source.name).read_bytes() == source.read_bytes()
        report = json.loads((failed / f"{source.name}.report.json").read_text(encoding="utf-8"))
        assert report
        assert not (root / "inbox" / "2026" / source.name).exists()
        assert sorted(p.name for p in (root / "archive" / "2026").iterdir()) == sorted(SMALL_2026[:2])
        assert (root / "reports" / "index.html").is_file()
        assert (root / "reports" / "lan-03.html").is_file()
        assert result.out == ""
        assert f"{source.name} could not be imported" in result.err
        assert "failed" in result.err
        manifest = _manifest(root)
        statuses = {i["file"]: i["status"] for i in manifest["inputs"]}
        assert statuses[f"2026/{source.name}"] == "failed"
        assert manifest["findings"]["failed_files"] == 1

    def test_failed_file_is_not_retried(self, tmp_path: Path, cli) -> None:
        """Once moved to inbox/failed/, a bad file is left alone: the next run succeeds and skips the reports."""
        root = make_project(tmp_path / "p", exports=SMALL_2026[:1])
        shutil.copy2(MALFORMED / "garbage.csv", root / "inbox" / "garbage.csv")
        assert cli("--project", root, "run").code == 3
        again = cli("--project", root, "run")
        assert (again.code, again.out, again.err) == (0, "", "")
        assert _manifest(root)["reports_skipped"] is True


class TestCrashBetweenCommitAndMove:
    def test_file_committed_but_not_moved_is_recognised(self, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A crash after a file's transaction committed but before the move leaves it in the inbox; the next
        run recognises it as already imported, moves it, and stores no duplicate."""
        real_move = batch._move
        moved: list[str] = []

        class Crash(BaseException):
            pass

        def crashing_move(src: Path, dest: Path) -> Path:
            if len(moved) == 2:
                raise Crash
            moved.append(src.name)
            return real_move(src, dest)

        monkeypatch.setattr(batch, "_move", crashing_move)
        with pytest.raises(Crash):
            run_batch(load_config(project))
        monkeypatch.setattr(batch, "_move", real_move)
        stuck = sorted(SMALL_2026)[2]
        assert (project / "inbox" / "2026" / stuck).is_file()
        result = run_batch(load_config(project))
        statuses = {Path(i.file).name: i.status for i in result.inputs}
        assert statuses[stuck] == "already_imported"
        assert sorted(p.name for p in (project / "archive" / "2026").iterdir()) == sorted(SMALL_2026)
        expected = sum(EXPECTED["files"][f"exports/2026/{name}"]["responses"] for name in SMALL_2026)
        assert db_content(project)[0] == {"2026": expected}
        con = sqlite3.connect(project / "samverkan.db")
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM imports").fetchone() == (4, 4)
        con.close()


class TestExitCodes:
    def test_outside_a_project_is_a_usage_error(self, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
        """`samverkan run` where no samverkan.toml is found exits 2 and says what to type."""
        monkeypatch.chdir(tmp_path)
        result = cli("--lang", "en", "run")
        assert result.code == 2
        assert "samverkan init" in result.err

    def test_bad_config_exits_6(self, project: Path, cli) -> None:
        """An invalid samverkan.toml exits 6 and names the key."""
        config = project / "samverkan.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("bootstrap = 100", 'bootstrap = "many"'))
        result = cli("--project", project, "--lang", "en", "run")
        assert result.code == 6
        assert "analysis.bootstrap" in result.err
        assert list((project / "inbox" / "2026").iterdir())

    def test_unparsable_config_exits_6(self, project: Path, cli) -> None:
        """A samverkan.toml that is not TOML at all exits 6."""
        (project / "samverkan.toml").write_text("[import\nwave = 2026\n", encoding="utf-8")
        assert cli("--project", project, "run").code == 6


class TestNoWave:
    def test_file_without_wave_waits_in_the_inbox(self, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """A file directly in inbox/ with no [import] wave stays there, the run says why and exits 2."""
        from samverkan_cli.batch.project import init_project

        root = tmp_path / "p"
        init_project(root)
        source = EXAMPLES / "exports" / "2026" / "23_jamtland.csv"
        (root / "inbox" / source.name).write_bytes(source.read_bytes())
        result = cli("--project", root, "run")
        assert result.code == 2
        assert "23_jamtland.csv" in result.err and "wave" in result.err
        assert (root / "inbox" / source.name).is_file()
        assert not (root / "inbox" / "failed" / source.name).exists()
