"""Import against reading the same file raw, measured in one run (issue 14, the import rows).

Prints, each measured in this run:

- import of a 20,000-row Microsoft Forms XLSX vs python-calamine reading it (goal <= 1.5x, must <= 2.5x);
- import of a 50,000-row Google Forms CSV vs ``pandas.read_csv`` (goal <= 2x);
- peak memory (max RSS of a fresh process) of importing an 80,000-row XLSX vs calamine reading it
  (goal <= 1.3x).

Each time ratio also shows ``read_table`` alone (the readers' share): the import cannot be faster than
that, so it is the floor for what the ingest and store layers can reach.

"Import" is ``import_files`` into a new database: read, match, normalise, validate and store in one
transaction, i.e. ``samverkan import`` minus the CLI. The files are generated (seeded) from the example
exports: every column's values are drawn from that column of the example, ids and times made unique.

    python benchmarks/bench_import.py [--xlsx-rows 20000] [--csv-rows 50000] [--memory-rows 80000]
    python benchmarks/bench_import.py --profile      # cProfile of the XLSX import instead
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
XLSX_TEMPLATE = REPO / "examples" / "exports" / "2026" / "14_vastra_gotaland.xlsx"  # Microsoft Forms
CSV_TEMPLATE = REPO / "examples" / "exports" / "2026" / "01_stockholm.csv"  # Google Forms


def _template(path: Path) -> tuple[list[str], list[list[str]]]:
    from python_calamine import CalamineWorkbook

    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    else:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        rows = [["" if c is None else str(c) for c in r] for r in sheet]
    return rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]


def make_rows(template: Path, n: int, seed: int = 7) -> tuple[list[str], list[list[object]]]:
    """``n`` rows drawn from the template: the organisation (type, name, kommun) of one template row, every
    other cell from the same column of any row; ids and times unique."""
    headers, rows = _template(template)
    rng = random.Random(seed)
    width = len(headers)
    columns = [[r[j] if j < len(r) else "" for r in rows] for j in range(width)]
    # The columns before "Din roll" describe the organisation: a respondent's come together.
    identity = next(j for j, name in enumerate(headers) if name.startswith("Din roll"))
    out: list[list[object]] = []
    for k in range(n):
        org = rng.choice(rows)
        row: list[object] = [org[j] if j < identity else rng.choice(columns[j]) for j in range(width)]
        for j, name in enumerate(headers):
            low = name.casefold()
            if low == "id":
                row[j] = k + 1
            elif "time" in low or "tidst" in low:
                row[j] = f"2026-03-{1 + k % 28:02d} {k % 24:02d}:{(k // 24) % 60:02d}:{(k // 1440) % 60:02d}"
        out.append(row)
    return headers, out


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_csv(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_import(path: Path, db: Path) -> int:
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    db.unlink(missing_ok=True)
    with open_store(db, create=True) as store:
        summary = import_files(store, load_instrument(), [path], "2026")
    report = summary.files[0]
    assert report.imported > 0, report
    return report.imported


def read_calamine(path: Path) -> object:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def _child(what: str, path: Path) -> None:
    """Run one job in this (fresh) process and print its peak RSS in MiB."""
    import resource

    import pandas  # noqa: F401 - both sides pay for the same imports, so the ratio compares the work

    if what == "calamine":
        read_calamine(path)
    else:
        run_import(path, path.with_suffix(".db"))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def peak_mib(what: str, path: Path) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--child", what, str(path)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    parser.add_argument("--csv-rows", type=int, default=50_000)
    parser.add_argument("--memory-rows", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the XLSX import instead")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        xlsx = tmp / "msforms.xlsx"
        write_xlsx(xlsx, *make_rows(XLSX_TEMPLATE, args.xlsx_rows))
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx("run_import(xlsx, tmp / 'p.db')", globals(), {"xlsx": xlsx, "tmp": tmp}, tmp / "prof")
            pstats.Stats(str(tmp / "prof")).sort_stats("cumulative").print_stats(30)
            return
        import pandas as pd

        from samverkan_cli.readers import read_table

        raw_xlsx = best_of(lambda: read_calamine(xlsx), args.repeat)
        imp_xlsx = best_of(lambda: run_import(xlsx, tmp / "x.db"), args.repeat)
        read_xlsx = best_of(lambda: read_table(xlsx), args.repeat)
        print(
            f"XLSX {args.xlsx_rows} rows (Microsoft Forms): calamine {raw_xlsx:.2f} s, import {imp_xlsx:.2f} s,"
            f" ratio {imp_xlsx / raw_xlsx:.2f}x (goal <= 1.5x, must <= 2.5x);"
            f" read_table alone {read_xlsx:.2f} s ({read_xlsx / raw_xlsx:.2f}x)",
            flush=True,
        )
        big_csv = tmp / "gforms.csv"
        write_csv(big_csv, *make_rows(CSV_TEMPLATE, args.csv_rows))
        raw_csv = best_of(lambda: pd.read_csv(big_csv, dtype=str), args.repeat)
        imp_csv = best_of(lambda: run_import(big_csv, tmp / "c.db"), args.repeat)
        read_csv = best_of(lambda: read_table(big_csv), args.repeat)
        print(
            f"CSV  {args.csv_rows} rows (Google Forms):    pandas.read_csv {raw_csv:.2f} s, import {imp_csv:.2f} s,"
            f" ratio {imp_csv / raw_csv:.2f}x (goal <= 2x); read_table alone {read_csv:.2f} s"
            f" ({read_csv / raw_csv:.2f}x)",
            flush=True,
        )
        if args.memory_rows:
            big = tmp / "big.xlsx"
            write_xlsx(big, *make_rows(XLSX_TEMPLATE, args.memory_rows))
            base, peak = peak_mib("calamine", big), peak_mib("import", big)
            print(
                f"peak RSS {args.memory_rows} rows XLSX: calamine {base:.0f} MiB, import {peak:.0f} MiB,"
                f" ratio {peak / base:.2f}x (goal <= 1.3x)",
                flush=True,
            )


if __name__ == "__main__":
    main()
