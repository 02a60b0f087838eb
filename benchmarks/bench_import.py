"""Import of a 50,000-response export vs reading the same file raw, measured in one run.

Prints two ratios (goal: XLSX import <= 2x python-calamine alone; CSV import <= 3x pandas.read_csv):
the import is the whole of `samverkan import` minus the CLI (read, match, normalise, validate,
store in SQLite in one transaction).

    python benchmarks/bench_import.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from samverkan_cli.ingest.pipeline import import_files
from samverkan_cli.instrument import load_instrument
from samverkan_cli.reference import kommuner
from samverkan_cli.store import open_store

AGREE = ["Instämmer helt", "Instämmer delvis", "Instämmer knappast", "Instämmer inte alls", "Vet ej"]
YESNO = ["Ja", "Nej", "Vet ej"]


def make_rows(n: int) -> tuple[list[str], list[list[str]]]:
    inst = load_instrument()
    rng = random.Random(7)
    kom = [k.name for k in kommuner()]
    headers = ["Tidstämpel"] + [i.text.sv for i in inst.items]
    rows = []
    for r in range(n):
        row = [f"2026/03/{1 + r % 28:02d} {r % 24}:{r % 60:02d}:{(r * 7) % 60:02d}"]
        for item in inst.items:
            sid = item.scale.id
            if item.role == "org_typ":
                row.append(rng.choice(["Vårdcentral", "Kommun (socialtjänst/IFO)"]))
            elif item.role == "org_namn":
                row.append(f"Vårdcentralen Enhet {r % 2000}")
            elif item.role == "kommun":
                row.append(rng.choice(kom))
            elif item.role == "roll":
                row.append(rng.choice(["Läkare", "Sjuksköterska", "Socialsekreterare"]))
            elif sid == "agree4":
                row.append(rng.choice(AGREE))
            elif sid == "yesno":
                row.append(rng.choice(YESNO))
            elif sid == "remissvag":
                row.append(
                    ", ".join(
                        rng.sample(
                            ["Beroendeenhet/beroendemottagning", "Psykiatrisk mottagning", "Socialtjänst/IFO"], 2
                        )
                    )
                )
            elif sid == "janejvetej":
                row.append(rng.choice(["Ja", "Nej", "Vet ej"]))
            else:
                row.append("" if r % 5 else "Bra samverkan men långa väntetider.")
        rows.append(row)
    return headers, rows


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def timed_import(path: Path, tmp: Path, tag: str) -> float:
    inst = load_instrument()
    counter = iter(range(100))

    def run() -> None:
        db = tmp / f"{tag}-{next(counter)}.db"
        with open_store(db, create=True) as store:
            summary = import_files(store, inst, [path], "2026")
        assert summary.files[0].imported > 0, summary.files[0]

    return best_of(run)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    headers, rows = make_rows(args.rows)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        csv_path = tmp / "big.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            writer.writerows(rows)
        from openpyxl import Workbook

        xlsx_path = tmp / "big.xlsx"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Svar")
        ws.append(headers)
        for row in rows:
            ws.append(row)
        wb.save(xlsx_path)

        import pandas as pd
        from python_calamine import CalamineWorkbook

        raw_csv = best_of(lambda: pd.read_csv(csv_path, dtype=str))
        raw_xlsx = best_of(lambda: CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_index(0).to_python())
        imp_csv = timed_import(csv_path, tmp, "csv")
        imp_xlsx = timed_import(xlsx_path, tmp, "xlsx")
    print(f"rows: {args.rows}")
    print(f"CSV : pandas.read_csv {raw_csv:.2f} s, import {imp_csv:.2f} s, ratio {imp_csv / raw_csv:.1f}x (goal <= 3x)")
    print(
        f"XLSX: calamine       {raw_xlsx:.2f} s, import {imp_xlsx:.2f} s, ratio {imp_xlsx / raw_xlsx:.1f}x (goal <= 2x)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
