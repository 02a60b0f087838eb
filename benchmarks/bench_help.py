"""`--help` of every command, `--version` and `status` wall time against `python -c pass`, same run.

python benchmarks/bench_help.py [--repeat 20] [--project DIR]

Goals (issue 14): every `--help` at most 3x python start, `status` at most 8x. `status` runs in
``--project`` (default: a demo project built once in a temporary directory).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = ((), ("import",), ("report",), ("run",), ("status",), ("frame", "import"), ("instrument", "show"))


def median_time(cmd: list[str], repeat: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=cwd)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--project", type=Path, help="project for `status` (default: a fresh demo)")
    args = parser.parse_args()
    exe = shutil.which("samverkan")
    prog = [exe] if exe else [sys.executable, "-m", "samverkan_cli"]
    base = median_time([sys.executable, "-c", "pass"], args.repeat)
    print(f"python -c pass                   {base * 1000:6.1f} ms")
    for path in COMMANDS:
        t = median_time([*prog, *path, "--help"], args.repeat)
        name = " ".join(("samverkan", *path, "--help"))
        print(f"{name:32} {t * 1000:6.1f} ms  ratio {t / base:4.1f}x (goal <= 3x)")
    t = median_time([*prog, "--version"], args.repeat)
    print(f"{'samverkan --version':32} {t * 1000:6.1f} ms  ratio {t / base:4.1f}x")
    project = args.project
    tmp = None
    if project is None:
        tmp = tempfile.mkdtemp(prefix="bench-help-")
        project = Path(tmp) / "demo"
        subprocess.run([*prog, "demo", str(project)], capture_output=True, check=True)
    try:
        t = median_time([*prog, "status"], max(args.repeat // 2, 3), cwd=project)
        print(f"{'samverkan status':32} {t * 1000:6.1f} ms  ratio {t / base:4.1f}x (goal <= 8x)")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
