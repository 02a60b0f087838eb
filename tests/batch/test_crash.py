"""Kill-and-rerun: a ``samverkan run`` killed with SIGKILL at any stage loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from samverkan_cli.batch.run import run_batch
from samverkan_cli.config import load_config

from .helpers import EXAMPLES, all_exports, db_content, make_project, report_files, samverkan

pytestmark = pytest.mark.slow

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
EXPORTS = all_exports("2026")
REGISTERS = sorted(p.name for p in (EXAMPLES / "register").iterdir())


def _start(root: Path) -> subprocess.Popen[bytes]:
    """``samverkan run`` in its own process group, so a kill takes its report workers too (like a crash)."""
    return subprocess.Popen(
        [sys.executable, "-m", "samverkan_cli", "--project", str(root), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], timeout: float = 60) -> bool:
    """SIGKILL the run's process group as soon as ``ready()``; False if the run ended first."""
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.001)
    hit = proc.poll() is None
    if hit:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return hit


def _count(folder: Path, pattern: str = "*") -> int:
    return sum(1 for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else 0


def _whereabouts(root: Path) -> dict[str, list[str]]:
    """Where each input file is now: inbox, archive or failed (a file in two places shows twice)."""
    places: dict[str, list[str]] = {}
    for place, folder in (
        ("inbox", root / "inbox" / "2026"),
        ("inbox", root / "inbox" / "register"),
        ("archive", root / "archive" / "2026"),
        ("archive", root / "archive" / "register"),
        ("failed", root / "inbox" / "failed"),
    ):
        for path in folder.glob("*") if folder.is_dir() else ():
            if path.is_file() and not path.name.endswith(".report.json"):
                places.setdefault(path.name, []).append(place)
    return places


def _analysis(root: Path) -> str:
    result = samverkan("--project", root, "analyze", "--format", "json", "--wave", "2026")
    assert result.returncode == 0, result.stderr
    return result.stdout


class TestKillAndRerun:
    def test_killed_at_every_stage_then_rerun_equals_uninterrupted(self, tmp_path: Path) -> None:
        """Runs killed during the register import, the export import, the analysis and the reports, then one run
        to completion, give the same database, archive, report files and analysis as one uninterrupted run."""
        baseline = make_project(tmp_path / "baseline", EXPORTS, registers=True)
        assert run_batch(load_config(baseline)).unfinished == []

        root = make_project(tmp_path / "killed", EXPORTS, registers=True)
        reports = root / "reports"
        stages: dict[str, Callable[[], bool]] = {
            "registers": lambda: _count(root / "archive" / "register") >= 3,
            "exports": lambda: _count(root / "archive" / "2026") >= 3,
            "analysis": lambda: _count(root / "inbox" / "2026") == 0,
            "reports": lambda: _count(reports, "lan-*.html") >= 2,
        }
        killed_at: dict[str, tuple[int, int, int]] = {}
        for stage, ready in stages.items():
            if not _kill_when(_start(root), ready):
                continue
            killed_at[stage] = (
                _count(root / "archive" / "register"),
                _count(root / "archive" / "2026"),
                _count(reports, "lan-*.html"),
            )
            # After every crash each file is in exactly one place, and nothing failed.
            assert all(len(places) == 1 for places in _whereabouts(root).values()), stage
            assert set(_whereabouts(root)) == set(EXPORTS) | set(REGISTERS)
            assert _count(root / "inbox" / "failed") == 0
        assert len(killed_at) >= 3, killed_at
        assert not (root / "reports" / "manifest.json").exists(), "a killed run must not leave a manifest"

        # A kill during a report write leaves its temporary file only sometimes; plant one so the
        # cleanup by the next run is checked every time.
        (reports / ".lan-03.html.a1b2c3d4.tmp").write_bytes(b"<html>half")
        final = samverkan("--project", root, "run")
        assert (final.returncode, final.stdout, final.stderr) == (0, "", "")

        places = _whereabouts(root)
        assert places == {name: ["archive"] for name in [*EXPORTS, *REGISTERS]}
        per_wave, answers, total = db_content(root)
        assert (per_wave, answers, total) == db_content(baseline)
        assert per_wave == {"2026": EXPECTED["totals"]["2026"]["responses"]}
        con = sqlite3.connect(root / "samverkan.db")
        try:
            assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM imports").fetchone() == (21, 21)
            dup = con.execute(
                "SELECT COUNT(*) FROM (SELECT wave, fingerprint FROM responses GROUP BY 1, 2 HAVING COUNT(*) > 1)"
            ).fetchone()[0]
            frame = con.execute("SELECT COUNT(*) FROM frame").fetchone()[0]
        finally:
            con.close()
        assert dup == 0
        assert frame == sum(county["vardcentraler"] for county in EXPECTED["frame"].values())
        assert set(report_files(root)) == set(report_files(baseline))
        assert not [p.name for p in reports.iterdir() if p.name.startswith(".")], "temporary files left behind"
        assert _analysis(root) == _analysis(baseline)
        manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["counts"]["responses"] == {"2026": EXPECTED["totals"]["2026"]["responses"]}


class TestKilledParentLeavesNoWorkers:
    def test_report_workers_exit_when_the_run_is_killed(self, tmp_path: Path) -> None:
        """When only the `samverkan run` process is SIGKILLed while rendering, its report workers exit too."""
        root = make_project(tmp_path / "p", EXPORTS[:6], formats=("html",))
        # A pool only starts for many counties; force it for these few.
        proc = subprocess.Popen(
            [sys.executable, "-m", "samverkan_cli", "--project", str(root), "run"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "SAMVERKAN_POOL_MIN_COUNTIES": "1"},
        )
        # Once the first county is written every task has been submitted, so the whole pool exists.
        deadline = time.monotonic() + 60
        while not list((root / "reports").glob("lan-*.html")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        workers = _children(proc.pid)
        assert workers, "the run never started report workers"
        proc.kill()
        proc.wait()
        try:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
                time.sleep(0.05)
            assert not [pid for pid in workers if _alive(pid)]
        finally:
            for pid in workers:
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> set[int]:
    """Pids of the direct children of ``pid`` (Linux /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
