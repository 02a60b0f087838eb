"""Resolve 100,000 repeated kommun answers, against a plain dict lookup of the same strings.

    python benchmarks/bench_resolve.py [--repeat 5]

Moved here from tests/reference/test_resolve.py, whose wall-clock assertion failed on a busy
machine. Goal: well under 0.5 s, i.e. close to the cost of a dictionary lookup per answer.
"""

from __future__ import annotations

import argparse
import statistics
import time

from samverkan_cli.reference import kommuner, resolve_kommun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = [k.name for k in kommuner()] + ["Göteborgs Stad", "Gbg", "0180", "Angered"]
    batch = [texts[i % len(texts)] for i in range(100_000)]
    table = {t: resolve_kommun(t) for t in texts}
    raw, ours = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        [table[t] for t in batch]
        raw.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        [resolve_kommun(t) for t in batch]
        ours.append(time.perf_counter() - t0)
    base, median = statistics.median(raw), statistics.median(ours)
    print(f"dict lookup        {base * 1000:7.1f} ms")
    print(f"resolve_kommun     {median * 1000:7.1f} ms  ratio {median / base:.1f}x (goal: under 500 ms)")


if __name__ == "__main__":
    main()
