"""The project lock: a second run exits 5 naming the holder; a lock of a killed process does not block."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samverkan_cli.batch.locking import LOCK_NAME, project_lock
from samverkan_cli.errors import Locked

HOLD = """
import sys, time
from pathlib import Path
from samverkan_cli.batch.locking import project_lock
with project_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(project: Path):
    """A separate process that holds the project's lock until it is killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(project)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


class TestConcurrentRuns:
    def test_second_run_exits_5_naming_the_holder(self, project: Path, holder: subprocess.Popen[str], cli) -> None:
        """While another process holds the lock, `run` waits --lock-timeout, exits 5, names its pid, touches nothing."""
        started = time.monotonic()
        result = cli("--project", project, "--lang", "en", "--lock-timeout", "0.5", "run")
        assert time.monotonic() - started >= 0.5
        assert result.code == 5
        assert f"Waiting up to 0.5 s for samverkan run (process {holder.pid} on" in result.err
        assert f"process {holder.pid} on" in result.err
        assert "Another run is already in progress" in result.err
        assert sorted(p.name for p in (project / "inbox" / "2026").iterdir())
        assert not (project / "reports" / "manifest.json").exists()

    def test_library_raises_locked(self, project: Path, holder: subprocess.Popen[str]) -> None:
        """project_lock raises Locked at once, without waiting, while the lock is held."""
        with pytest.raises(Locked) as info, project_lock(project):
            pass
        assert info.value.exit_code == 5
        assert str(holder.pid) in info.value.render("en")

    def test_lock_of_a_killed_process_does_not_block(self, project: Path, holder: subprocess.Popen[str], cli) -> None:
        """After the holder is killed with SIGKILL (leaving its lock files behind), a run succeeds."""
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        assert (project / LOCK_NAME).exists()
        assert (project / f"{LOCK_NAME}.json").exists()
        result = cli("--project", project, "run")
        assert result.code == 0
        assert "pågår redan" not in result.err
        assert (project / "reports" / "manifest.json").is_file()

    def test_lock_is_released_after_a_run(self, project: Path) -> None:
        """A finished run leaves the lock free and removes the holder file."""
        with project_lock(project):
            pass
        with project_lock(project):
            assert (project / f"{LOCK_NAME}.json").is_file()
        assert not (project / f"{LOCK_NAME}.json").exists()
