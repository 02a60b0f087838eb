"""Run an import in a fresh process, to survive an abort and to measure its peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["import_in_child"]

# The import runs as a grandchild of a small launcher: Linux carries a process's peak RSS over
# exec from the process it was forked from, so a child of a big pytest worker would report the
# worker's size. The launcher prints the grandchild's exit code and peak RSS (KB).
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def import_in_child(project: Path, path: Path) -> tuple[int, float, str]:
    """Run ``samverkan import`` in a fresh process: exit code, its peak RSS in MB, stderr."""
    args = ["--project", str(project), "--lang", "en", "import", str(path), "--wave", "2026"]
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "samverkan_cli", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )
    code, peak_kb = done.stdout.split()
    return int(code), int(peak_kb) / 1024, done.stderr
