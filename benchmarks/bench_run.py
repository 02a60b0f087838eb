"""Time ``samverkan run`` on the demo project: the first run and a re-run with nothing new.

    .venv/bin/python benchmarks/bench_run.py [--repeat 3] [--keep DIR]

The first run imports 42 exports and 21 registers, analyses and renders every report; the
re-run finds the inbox empty and the state key unchanged and must only check the outputs.
Goal: no-change re-run under 1 s (and a small fraction of the first run).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from samverkan_cli.batch.demo import prepare_demo
from samverkan_cli.batch.run import run_batch
from samverkan_cli.config import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="no-change re-runs to time (median is reported)")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()

    tmp = None if args.keep else tempfile.mkdtemp(prefix="bench-run-")
    root = args.keep or Path(tmp or ".") / "demo"
    try:
        prepare_demo(root)
        config = load_config(root)
        t0 = time.perf_counter()
        first = run_batch(config)
        first_s = time.perf_counter() - t0
        assert not first.reports_skipped and not first.unfinished
        reruns = []
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            again = run_batch(load_config(root))
            reruns.append(time.perf_counter() - t0)
            assert again.reports_skipped, "the no-change re-run rendered reports"
        rerun_s = statistics.median(reruns)
        print(f"project:            {root}")
        stages = ", ".join(f"{k} {v:.2f}" for k, v in first.durations.items())
        print(f"first run:          {first_s:8.3f} s  ({stages})")
        print(f"no-change re-run:   {rerun_s:8.3f} s  (median of {len(reruns)})")
        print(f"ratio re-run/first: {rerun_s / first_s:8.4f}")
        print(f"goal re-run < 1 s:  {'ok' if rerun_s < 1 else 'MISSED'}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
