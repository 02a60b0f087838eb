"""`samverkan --help` wall time against `python -c pass`, measured in the same run (goal: under 5x).

python benchmarks/bench_help.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_time(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    samverkan = shutil.which("samverkan") or ""
    help_cmd = [samverkan, "--help"] if samverkan else [sys.executable, "-m", "samverkan_cli", "--help"]
    base = median_time([sys.executable, "-c", "pass"], args.repeat)
    helped = median_time(help_cmd, args.repeat)
    version = median_time([*help_cmd[:-1], "--version"], args.repeat)
    print(f"python -c pass    {base * 1000:6.1f} ms")
    print(f"samverkan --help  {helped * 1000:6.1f} ms  ratio {helped / base:.1f}x (goal < 5x)")
    print(f"samverkan --version {version * 1000:4.1f} ms  ratio {version / base:.1f}x")


if __name__ == "__main__":
    main()
