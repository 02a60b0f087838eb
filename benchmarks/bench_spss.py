"""Time reading an SPSS ``.sav`` with value labels against raw ``pyreadstat.read_sav``.

    .venv/bin/python benchmarks/bench_spss.py [--rows 233] [--columns 169] [--keep FILE]

The file is ~1.2 MB: ``rows`` cases of ``columns`` variables, most of them labelled
4-point scales, some long text answers. Baseline: ``pyreadstat.read_sav`` without formats.
Goal: ``read_table`` <= 2 s on this file. ``--old`` also times the previous way (pyreadstat
applying the value formats) for comparison.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from samverkan_cli.readers import read_table

SCALE = {1.0: "Instämmer inte alls", 2.0: "Instämmer knappast", 3.0: "Instämmer delvis", 4.0: "Instämmer helt"}
YESNO = {1.0: "Ja", 2.0: "Nej", 9.0: "Vet ej"}


def generate(path: Path, rows: int, columns: int, seed: int = 1) -> None:
    """Write a labelled ``.sav``: scale and yes/no items, a few long texts, ~1.2 MB."""
    rng = np.random.default_rng(seed)
    data: dict[str, object] = {}
    labels: dict[str, dict[float, str]] = {}
    texts = max(columns // 9, 1)
    for j in range(columns - texts):
        name = f"Q{j + 1}"
        scale = SCALE if j % 3 else YESNO
        values = rng.choice(list(scale), size=rows).astype(float)
        values[rng.random(rows) < 0.05] = np.nan
        values[rng.random(rows) < 0.01] = 7.0  # a code without a label stays a number
        data[name] = values
        labels[name] = scale
    words = np.array(["samverkan", "remiss", "beroende", "vårdcentral", "kommun", "rutin", "möte"])
    for j in range(texts):
        data[f"T{j + 1}"] = [" ".join(rng.choice(words, size=int(rng.integers(4, 22)))) for _ in range(rows)]
    frame = pd.DataFrame(data)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=[f"Fråga {c}" for c in frame.columns],
        variable_value_labels=labels,
    )


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The fastest of ``n`` timed calls (the machine is shared)."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=233)
    parser.add_argument("--columns", type=int, default=169)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the .sav here and keep it")
    parser.add_argument("--old", action="store_true", help="also time pyreadstat applying the formats")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.sav"
        generate(path, args.rows, args.columns)
        size = path.stat().st_size / 1e6
        raw = best_of(args.repeat, lambda: pyreadstat.read_sav(str(path), apply_value_formats=False))
        ours = best_of(args.repeat, lambda: read_table(path))
        print(f"file: {size:.2f} MB, {args.rows} x {args.columns}")
        print(f"pyreadstat.read_sav (baseline): {raw:.3f} s")
        if args.old:
            old = best_of(
                args.repeat,
                lambda: pyreadstat.read_sav(str(path), apply_value_formats=True, formats_as_category=False),
            )
            print(f"pyreadstat applying formats (before): {old:.3f} s")
        print(
            f"read_table (after): {ours:.3f} s  ratio {ours / raw:.1f}x  goal <= 2 s: {'OK' if ours <= 2 else 'SLOW'}"
        )


if __name__ == "__main__":
    main()
