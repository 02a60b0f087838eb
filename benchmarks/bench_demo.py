"""`samverkan demo` wall time against a raw baseline measured in the same run.

    python benchmarks/bench_demo.py [--repeat 3]

Baseline: python start-up plus the raw analysis of the finished demo project (``analyze``
in-process, without reports), i.e. what the demo cannot avoid beyond importing its data.
Goal (issue 14): the whole demo under 5 s.
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

_ANALYZE = (
    "import sys; from pathlib import Path\n"
    "from samverkan_cli.analysis import AnalysisOptions, analyze\n"
    "from samverkan_cli.instrument import load_instrument\n"
    "from samverkan_cli.store import open_store\n"
    "with open_store(Path(sys.argv[1]) / 'samverkan.db') as store:\n"
    "    analyze(store, load_instrument(), AnalysisOptions())\n"
)


def _time(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exe = shutil.which("samverkan")
    prog = [exe] if exe else [sys.executable, "-m", "samverkan_cli"]
    tmp = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    try:
        demos, raws = [], []
        for i in range(args.repeat):
            project = tmp / f"demo-{i}"
            demos.append(_time([*prog, "demo", str(project)]))
            raws.append(_time([sys.executable, "-c", _ANALYZE, str(project)]))
        start = statistics.median(_time([sys.executable, "-c", "pass"]) for _ in range(5))
        demo, raw = statistics.median(demos), statistics.median(raws)
        print(f"python -c pass            {start:6.2f} s")
        print(f"python + raw analysis     {raw:6.2f} s  (baseline)")
        print(f"samverkan demo            {demo:6.2f} s  ratio {demo / raw:.1f}x vs baseline (goal: demo < 5 s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
