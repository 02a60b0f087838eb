"""Hostile environments: a damaged, read-only, newer or full database, bad output paths, escaping
templates, two processes at once, and a shared inbox with links, pipes and forged file names."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_cli.store import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "examples" / "exports" / "2026"
FIRST, SECOND = "05_ostergotland.csv", "07_kronoberg.csv"
SECRET = "root:x:0:0:hemlig-rad-som-aldrig-far-kopieras"


def _samverkan(
    *args: str | Path, limit: int | None = None, umask: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m samverkan_cli --lang en ARGS`` in its own process, optionally with a file-size limit or umask."""

    def setup() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "samverkan_cli", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=setup,
        env={**os.environ, "COLUMNS": "200"},
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _responses(root: Path) -> int:
    con = sqlite3.connect(root / "samverkan.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(con.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project (built once) with one export imported and nothing in the inbox."""
    root = tmp_path_factory.mktemp("seed") / "p"
    assert _samverkan("init", root, "--wave", "2026").returncode == 0
    text = (root / "samverkan.toml").read_text(encoding="utf-8").replace("bootstrap = 1000", "bootstrap = 100")
    (root / "samverkan.toml").write_text(text, encoding="utf-8")
    assert _samverkan("--project", root, "import", EXPORTS / FIRST).returncode == 0
    return root


# Responses of FIRST and SECOND imported one after the other (5: 34, 7: 24).
BOTH = 58


@pytest.fixture
def project(seeded: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded project."""
    return Path(shutil.copytree(seeded, tmp_path / "p", symlinks=True))


class TestDatabaseErrors:
    def test_damaged_database_exits_6_naming_it(self, project: Path) -> None:
        """A database with overwritten pages gives exit 6, names the file, says how to recover, and is not changed."""
        db = project / "samverkan.db"
        data = bytearray(db.read_bytes())
        data[4096 * 2 : 4096 * 5] = b"A" * (4096 * 3)
        db.write_bytes(bytes(data))
        before = _sha(db)
        for command in (("status",), ("analyze",), ("import", EXPORTS / SECOND)):
            result = _samverkan("--project", project, *command)
            assert result.returncode == 6, (command, result.stderr)
            assert f"The database {db} is damaged" in result.stderr
            assert "Restore the file from a backup" in result.stderr
            assert "Internal error" not in result.stderr
        assert _sha(db) == before

    def test_database_of_a_newer_version_exits_6(self, project: Path) -> None:
        """A database from a newer samverkan is refused with exit 6 and the advice to upgrade, untouched."""
        db = project / "samverkan.db"
        con = sqlite3.connect(db)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        con.commit()
        con.close()
        before = _sha(db)
        result = _samverkan("--project", project, "import", EXPORTS / SECOND)
        assert result.returncode == 6
        assert "newer than this tool" in result.stderr and str(db) in result.stderr
        assert "Upgrade samverkan-cli" in result.stderr
        assert _sha(db) == before

    def test_read_only_database_exits_6(self, project: Path) -> None:
        """An immutable (or, for other users, read-only) database: import exits 6 naming it; status still reads it."""
        db = project / "samverkan.db"
        with _read_only(db):
            before = _sha(db)
            result = _samverkan("--project", project, "import", EXPORTS / SECOND)
            assert result.returncode == 6, result.stderr
            assert f"The database {db} cannot be written" in result.stderr
            assert "Check the permissions" in result.stderr
            assert _samverkan("--project", project, "status").returncode == 0
            assert _sha(db) == before
        assert _responses(project) == 34

    def test_file_size_limit_during_import_exits_6_and_keeps_the_database(self, project: Path) -> None:
        """EFBIG while the database grows (ulimit -f): exit 6, advice about space and limits, database as it was."""
        result = _samverkan("--project", project, "import", EXPORTS / "03_uppsala.xlsx", limit=40_000)
        assert result.returncode == 6, result.stderr
        assert f"The database {project / 'samverkan.db'} could not be written" in result.stderr
        assert "ulimit -f" in result.stderr
        assert _responses(project) == 34

    def test_file_size_limit_while_writing_reports_exits_6(self, project: Path) -> None:
        """EFBIG while `run` writes a report: exit 6 naming the report, no manifest and no temporary file left."""
        result = _samverkan("--project", project, "run", limit=40_000)
        assert result.returncode == 6, result.stderr
        assert "grew beyond the file-size limit" in result.stderr
        assert str(project / "reports") in result.stderr
        assert sorted(p.name for p in (project / "reports").iterdir()) == []
        assert _responses(project) == 34

    def test_full_disk_names_the_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
        """ENOSPC inside a report write becomes exit 6 naming the file, with the advice to free space."""
        import errno

        from samverkan_cli import fileio

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(fileio.os, "fsync", full)
        with pytest.raises(OSError) as info:
            fileio.write_atomic(tmp_path / "r.html", b"x")
        assert info.value.filename == str(tmp_path / "r.html")
        assert not list(tmp_path.iterdir())
        from samverkan_cli.cli.outcomes import translate_error

        error = translate_error(info.value)
        assert error is not None and error.exit_code == 6
        assert error.render("en") == f"The disk is full: {tmp_path / 'r.html'} could not be written."


class TestOutputPaths:
    def test_report_out_is_a_file(self, project: Path) -> None:
        """`report --out FILE` exits 2 and says the path is not a directory."""
        target = project / "not-a-dir"
        target.write_text("x", encoding="utf-8")
        result = _samverkan("--project", project, "report", "--out", target)
        assert result.returncode == 2, result.stderr
        assert f"{target} already exists and is not a directory" in result.stderr
        assert target.read_text(encoding="utf-8") == "x"

    def test_analyze_output_is_a_directory(self, project: Path) -> None:
        """`analyze -o DIRECTORY` exits 2 and asks for a file name."""
        result = _samverkan("--project", project, "analyze", "--format", "json", "-o", project / "reports")
        assert result.returncode == 2, result.stderr
        assert f"{project / 'reports'} is a directory, not a file" in result.stderr
        assert "Give a file name" in result.stderr

    def test_template_include_cannot_leave_the_templates_folder(self, project: Path) -> None:
        """A template including ../../etc/passwd is a configuration error (exit 6) naming the folder; nothing leaks."""
        outside = project.parent / "secret.txt"
        outside.write_text(SECRET, encoding="utf-8")
        templates = project / "tpl"
        templates.mkdir()
        (templates / "county.html.j2").write_text("{% include '../secret.txt' %}", encoding="utf-8")
        (templates / "overview.html.j2").write_text("{% include '../../etc/passwd' %}", encoding="utf-8")
        result = _samverkan("--project", project, "report", "--templates", templates)
        assert result.returncode == 6, result.stderr
        assert f"A template in {templates} could not be used" in result.stderr
        assert "TemplateNotFound" in result.stderr
        assert not _contains(project, SECRET) and not _contains(project, "root:x:0:0")

    def test_template_runs_sandboxed(self, project: Path) -> None:
        """A user template cannot reach Python internals through attributes (Jinja's sandbox)."""
        templates = project / "tpl"
        templates.mkdir()
        (templates / "county.html.j2").write_text("{{ r.__class__.__init__.__globals__ }}", encoding="utf-8")
        result = _samverkan("--project", project, "report", "--format", "html", "--templates", templates)
        assert result.returncode == 6, result.stderr
        assert "SecurityError" in result.stderr or "UndefinedError" in result.stderr


class TestTwoProcessesAtOnce:
    def test_two_imports_of_the_same_file(self, project: Path) -> None:
        """Two imports of one file started together both succeed; the responses are stored once."""
        procs = [_spawn("--project", project, "import", EXPORTS / SECOND) for _ in range(2)]
        results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
        assert [code for code, _ in results] == [0, 0], results
        assert sum("already imported" in err for _, err in results) == 1
        assert _responses(project) == BOTH

    def test_run_while_import_runs(self, project: Path) -> None:
        """`run` started during an import of the same file waits for it; the result equals the two one after other."""
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        shutil.copy2(EXPORTS / SECOND, inbox / SECOND)
        importer = _spawn("--project", project, "import", EXPORTS / SECOND)
        runner = _spawn("--project", project, "run")
        assert importer.wait(timeout=120) == 0, importer.communicate()
        assert runner.wait(timeout=120) == 0, runner.communicate()
        assert _responses(project) == BOTH
        assert (project / "archive" / "2026" / SECOND).is_file()
        assert (project / "reports" / "manifest.json").is_file()

    def test_writer_waits_then_exits_5_naming_the_holder(self, project: Path) -> None:
        """An import while another writer holds the lock says whom it waits for and exits 5 after --lock-timeout."""
        hold = (
            "import sys, time\nfrom pathlib import Path\nfrom samverkan_cli.batch.locking import project_lock\n"
            "with project_lock(Path(sys.argv[1]), command='report'):\n    print('locked', flush=True)\n"
            "    time.sleep(60)\n"
        )
        holder = subprocess.Popen([sys.executable, "-c", hold, str(project)], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            result = _samverkan("--project", project, "--lock-timeout", "0.3", "import", EXPORTS / SECOND)
            assert result.returncode == 5, result.stderr
            assert f"Waiting up to 0.3 s for samverkan report (process {holder.pid} on" in result.stderr
            assert "Another run is already in progress" in result.stderr
            dry = _samverkan("--project", project, "--lock-timeout", "0", "import", "--dry-run", EXPORTS / SECOND)
            assert dry.returncode == 0, dry.stderr
            assert _samverkan("--project", project, "--lock-timeout", "0", "status").returncode == 0
        finally:
            holder.kill()
            holder.wait()
            assert holder.stdout is not None
            holder.stdout.close()
        assert _responses(project) == 34


class TestSharedInbox:
    def test_symlink_to_an_outside_file_is_never_read(self, project: Path) -> None:
        """An inbox link to an outside file is refused (exit 3): its content is copied nowhere; good files are kept."""
        outside = project.parent / "passwd"
        outside.write_text(SECRET + "\n", encoding="utf-8")
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        (inbox / "export.csv").symlink_to(outside)
        shutil.copy2(EXPORTS / SECOND, inbox / SECOND)
        result = _samverkan("--project", project, "run")
        assert result.returncode == 3, result.stderr
        assert "export.csv is a symbolic link and was not read" in result.stderr
        assert not _contains(project, SECRET)
        assert outside.read_text(encoding="utf-8") == SECRET + "\n"
        assert (project / "archive" / "2026" / SECOND).is_file()
        assert (project / "inbox" / "failed" / "export.csv").is_symlink()
        assert _responses(project) == BOTH

    def test_hard_link_to_an_outside_file_is_never_read(self, project: Path) -> None:
        """A hard link in the inbox (the same file under a name outside too) is refused like a symbolic link."""
        outside = project.parent / "passwd"
        outside.write_text(SECRET + "\n", encoding="utf-8")
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        os.link(outside, inbox / "export.csv")
        shutil.copy2(EXPORTS / SECOND, inbox / SECOND)
        result = _samverkan("--project", project, "run")
        assert result.returncode == 3, result.stderr
        assert "export.csv is a hard link" in result.stderr
        assert not any(SECRET in p.read_text(errors="ignore") for p in (project / "inbox" / "failed").glob("*.json"))
        assert (project / "archive" / "2026" / SECOND).is_file()
        assert _responses(project) == BOTH

    def test_linked_wave_folder_moves_nothing_out_of_it(self, project: Path) -> None:
        """A wave folder that is a link to a directory outside the project: its files stay where they are, unread."""
        elsewhere = project.parent / "elsewhere"
        elsewhere.mkdir()
        shutil.copy2(EXPORTS / SECOND, elsewhere / SECOND)
        (project / "inbox" / "2026").symlink_to(elsewhere, target_is_directory=True)
        result = _samverkan("--project", project, "run")
        assert result.returncode == 3, result.stderr
        assert sorted(p.name for p in elsewhere.iterdir()) == [SECOND]
        assert _sha(elsewhere / SECOND) == _sha(EXPORTS / SECOND)
        assert not (project / "archive" / "2026").exists()
        assert _responses(project) == 34

    def test_fifo_is_reported_not_waited_for(self, project: Path) -> None:
        """A FIFO named like an export neither hangs the run nor blocks the good file next to it."""
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        os.mkfifo(inbox / "a-export.csv")
        shutil.copy2(EXPORTS / SECOND, inbox / SECOND)
        result = _samverkan("--project", project, "run", timeout=60)
        assert result.returncode == 3, result.stderr
        assert "a-export.csv is a named pipe (FIFO) and was not read" in result.stderr
        assert _responses(project) == BOTH
        assert not list(inbox.iterdir())

    def test_archive_holds_the_bytes_not_a_link(self, project: Path) -> None:
        """What run archives is a regular file with exactly the bytes it imported."""
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        shutil.copy2(EXPORTS / SECOND, inbox / SECOND)
        assert _samverkan("--project", project, "run").returncode == 0
        archived = project / "archive" / "2026" / SECOND
        assert archived.is_file() and not archived.is_symlink()
        con = sqlite3.connect(project / "samverkan.db")
        shas = {row[0] for row in con.execute("SELECT sha256 FROM imports")}
        con.close()
        assert _sha(archived) in shas

    def test_reports_honour_the_umask(self, project: Path) -> None:
        """Reports and the manifest get the mode the umask gives (0640 under 027), not mkstemp's 0600."""
        assert _samverkan("--project", project, "run", umask=0o027).returncode == 0
        modes = {p.name: p.stat().st_mode & 0o777 for p in (project / "reports").iterdir()}
        assert modes and set(modes.values()) == {0o640}, modes

    def test_next_run_removes_a_killed_runs_temporary_files(self, project: Path) -> None:
        """Temporary files a killed run left in reports/ and inbox/failed/ are removed by the next run; others stay."""
        reports, failed = project / "reports", project / "inbox" / "failed"
        failed.mkdir(parents=True, exist_ok=True)
        (reports / ".lan-05.html.k3j_9xQa.tmp").write_bytes(b"<html>half")
        (failed / ".x.csv.report.json.abcdefgh.tmp").write_bytes(b"{")
        (reports / ".notes.tmp").write_text("mine", encoding="utf-8")
        assert _samverkan("--project", project, "run").returncode == 0
        assert sorted(p.name for p in reports.iterdir() if p.name.startswith(".")) == [".notes.tmp"]
        assert not list(failed.iterdir())

    def test_newline_in_a_file_name_cannot_forge_log_lines(self, project: Path) -> None:
        """A file name with a newline and an escape sequence is logged on one line, escaped."""
        inbox = project / "inbox" / "2026"
        inbox.mkdir(parents=True, exist_ok=True)
        forged = "x.csv\n2026-01-01 00:00:00,000 INFO stored: forged.csv (99 imported, 0 quarantined)\x1b[2J"
        (inbox / forged).write_bytes(b"not,a,survey\n1,2,3\n")
        _samverkan("--project", project, "run")
        log = next((project / "logs").glob("run-*.log")).read_text(encoding="utf-8")
        lines = log.splitlines()
        assert all(line[:4].isdigit() for line in lines), lines
        assert not any(line.startswith("2026-01-01") for line in lines)
        assert "\x1b" not in log
        assert "x.csv\\n2026-01-01" in log and "\\x1b[2J" in log


def _spawn(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "samverkan_cli", "--lang", "en", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _contains(root: Path, needle: str) -> bool:
    """True when any regular file below ``root`` (links not followed) contains ``needle``."""
    data = needle.encode("utf-8")
    return any(p.is_file() and not p.is_symlink() and data in p.read_bytes() for p in root.rglob("*"))


class _read_only:
    """Make ``path`` unwritable: immutable (chattr +i) as root, mode 0444 otherwise; undone on exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = os.geteuid() == 0

    def __enter__(self) -> None:
        if self.root:
            if shutil.which("chattr") is None:
                pytest.skip("chattr is needed to make a file read-only for root")
            done = subprocess.run(["chattr", "+i", str(self.path)], capture_output=True)
            if done.returncode != 0:
                pytest.skip("this file system has no immutable attribute")
        else:
            self.path.chmod(0o444)

    def __exit__(self, *exc: object) -> None:
        if self.root:
            subprocess.run(["chattr", "-i", str(self.path)], check=False)
        else:
            self.path.chmod(0o644)
