"""Import a fixed set of files into fresh databases and dump every table, to prove a change stores the same.

Run once before a change (``--out before``) and once after (``--out after --against before``): every
dump must be byte-identical. The dumps hold every table's full content, ordered, without the columns
that say when the import ran, and the import summary as JSON (findings included).

The set: every example export (each file into its own database, and each wave's files one after another
into one database, so re-imports and released quarantine rows are exercised too), every fixture under
tests/data/{formats,malformed}, the benchmark's 50,000-row Google Forms CSV and a 20,000-row Microsoft
Forms XLSX (seeded, from bench_import's generator; made once, kept in --generated). Takes about 10 s:
too slow for the test suite, so it is a script.

    python benchmarks/check_import_identical.py --out /tmp/dump-before
    python benchmarks/check_import_identical.py --out /tmp/dump-after --against /tmp/dump-before
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_import  # the generator of the benchmark files

REPO = Path(__file__).resolve().parents[1]
EXPORTS = REPO / "examples" / "exports"
#: columns that say when an import ran: different on every run, not part of what was stored
_CLOCK = {"imports": {"imported_at"}, "import_history": {"at", "imported_at"}}


def dump_database(db: Path) -> str:
    """Every table of ``db``, each row as JSON, ordered by all its columns (clock columns left out)."""
    con = sqlite3.connect(db)
    try:
        lines: list[str] = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in _CLOCK.get(table, set())]
            names = ", ".join(f'"{c}"' for c in kept)
            lines.append(f"## {table} ({names})")
            for row in con.execute(f"SELECT {names} FROM {table} ORDER BY {names}"):
                lines.append(json.dumps(row, ensure_ascii=False))
        return "\n".join(lines) + "\n"
    finally:
        con.close()


def summary_json(summary: object) -> str:
    data = summary.to_dict("en")  # type: ignore[attr-defined]
    for report in data["files"]:
        for replaced in report["replaced"]:
            replaced.pop("imported_at", None)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def import_into(db: Path, paths: list[Path], wave: str) -> str:
    """Import ``paths`` one by one into a new database; the summaries, or the error a file raised."""
    from samverkan_cli.errors import SamverkanError
    from samverkan_cli.ingest.matching import load_mapping
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    instrument = load_instrument()
    mapping = load_mapping(REPO / "examples" / "mapping.toml", instrument)
    db.unlink(missing_ok=True)
    out: list[str] = []
    with open_store(db, create=True) as store:
        for path in paths:
            try:
                out.append(summary_json(import_files(store, instrument, [path], wave, mapping=mapping)))
            except SamverkanError as exc:
                out.append(f"{type(exc).__name__}: {exc}\n")
    return "".join(out)


def cases(generated: Path) -> list[tuple[str, list[Path], str]]:
    """(name, files imported one after another into one fresh database, wave)."""
    out: list[tuple[str, list[Path], str]] = []
    for wave_dir in sorted(p for p in EXPORTS.iterdir() if p.is_dir()):
        files = sorted(wave_dir.iterdir())
        out += [(f"{wave_dir.name}_{f.stem}", [f], wave_dir.name) for f in files]
        out.append((f"{wave_dir.name}_all", files, wave_dir.name))
    for folder in ("formats", "malformed"):
        for f in sorted((REPO / "tests" / "data" / folder).iterdir()):
            if f.suffix != ".py":
                out.append((f"{folder}_{f.name}", [f], "2026"))
    big_csv, big_xlsx = generated / "gforms.csv", generated / "msforms.xlsx"
    # Made once and kept: openpyxl stamps the workbook with the time it was written, so a new one
    # would have another SHA-256 (stored with the import) every run.
    if not big_csv.exists():
        bench_import.write_csv(big_csv, *bench_import.make_rows(bench_import.CSV_TEMPLATE, 50_000))
    if not big_xlsx.exists():
        bench_import.write_xlsx(big_xlsx, *bench_import.make_rows(bench_import.XLSX_TEMPLATE, 20_000))
    out += [("bench_csv_50000", [big_csv], "2026"), ("bench_xlsx_20000", [big_xlsx], "2026")]
    messy = [generated / f"messy_{n}.csv" for n in range(3)]
    for n, path in enumerate(messy):
        write_messy(path, seed=n)
    out += [(p.stem, [p], "2026") for p in messy] + [("messy_all", messy, "2026")]
    # The same rows without the mess, imported after: they release the rows the messy file held.
    clean = generated / "clean_0.csv"
    bench_import.write_csv(clean, *bench_import.make_rows(bench_import.CSV_TEMPLATE, 3000, seed=0))
    out.append(("messy_then_clean", [messy[0], clean], "2026"))
    return out


#: what a messy cell may become: blank, padded, another case, junk, personal data, a near-miss
_MESS = (
    lambda c, r: "",
    lambda c, r: "   ",
    lambda c, r: f"  {c} ",
    lambda c, r: c.upper(),
    lambda c, r: c.lower(),
    lambda c, r: "xyz",
    lambda c, r: "ring 070-123 45 67",
    lambda c, r: "anna@example.se",
    lambda c, r: c[:-1],
    lambda c, r: c + "a",
    lambda c, r: r.choice(["Kommun", "Socialtjänsten", "vårdcentral", "VC Ale", "Hälsocentral Norr"]),
    lambda c, r: r.choice(["2026-02-30 10:00:00", "14/03/2026 09:12", "3/14/2026 9:12:33 PM", "igår", "46095"]),
)


def write_messy(path: Path, seed: int, n: int = 3000) -> None:
    """The benchmark's CSV template with every kind of bad cell, empty and repeated rows (seeded)."""
    import random

    headers, rows = bench_import.make_rows(bench_import.CSV_TEMPLATE, n, seed=seed)
    rng = random.Random(seed)
    out: list[list[object]] = []
    for row in rows:
        cells = [str(c) for c in row]
        for j in range(len(cells)):
            if rng.random() < 0.06:
                cells[j] = rng.choice(_MESS)(cells[j], rng)
        roll = rng.random()
        if roll < 0.02:
            cells = [""] * len(cells)
        elif roll < 0.04 and out:
            cells = [str(c) for c in out[-1]]
        out.append(cells)
    bench_import.write_csv(path, headers, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for the dumps")
    parser.add_argument("--against", type=Path, help="directory of earlier dumps that must be identical")
    parser.add_argument(
        "--generated",
        type=Path,
        default=Path(tempfile.gettempdir()) / "samverkan-check-import",
        help="where the generated benchmark files are kept between runs",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    args.generated.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, paths, wave in cases(args.generated):
            db = tmp / f"{name}.db"
            summary = import_into(db, paths, wave)
            (args.out / f"{name}.txt").write_text(summary + dump_database(db), encoding="utf-8")
    if args.against is None:
        print(f"dumps written to {args.out}")
        return 0
    before = {p.name for p in args.against.glob("*.txt")}
    after = {p.name for p in args.out.glob("*.txt")}
    differing = sorted(
        n for n in before & after if (args.out / n).read_bytes() != (args.against / n).read_bytes()
    ) + sorted(before ^ after)
    for name in differing:
        print(f"DIFFERS: {name}")
    print(f"{len(after) - len(differing)} of {len(before | after)} dumps identical")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
