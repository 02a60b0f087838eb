"""Time ``analyze`` on 100,000 synthetic responses against a raw pandas baseline.

    .venv/bin/python benchmarks/bench_analyze.py [--responses 100000] [--keep DB]

Baseline: read every response's packed answers with its organisation (``pandas.read_sql`` of the
join), parse the numbers into one matrix and take a groupby mean per wave x county x type: the raw
cost of getting the numbers out and grouping them once. Goal (issue 14): analyze / baseline <= 2.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.instrument import load_instrument
from samverkan_cli.reference import kommuner
from samverkan_cli.store import open_store
from samverkan_cli.store.layout import write_long_answers

WAVES = ("2025", "2026")


def generate(path: Path, n_responses: int, seed: int = 1) -> None:
    """Write a store with ~2,300 organisations over 21 counties and ``n_responses`` over two waves."""
    rng = np.random.default_rng(seed)
    inst = load_instrument(None)
    store = open_store(path, create=True)
    db = store.db
    db.execute("PRAGMA synchronous = OFF")
    komm = kommuner()
    orgs: list[tuple[int, str, str, str, str, str]] = []
    for k in komm:
        orgs.append((len(orgs) + 1, f"{k.name} socialtjänst", "kommun", k.code, k.lan_code, ""))
    for i in range(1900):
        k = komm[int(rng.integers(len(komm)))]
        orgs.append((len(orgs) + 1, f"VC {i}", "vardcentral", k.code, k.lan_code, ""))
    for i in range(110):
        k = komm[int(rng.integers(len(komm)))]
        orgs.append((len(orgs) + 1, f"Annan {i}", "annan", k.code, k.lan_code, ""))
    sigs = json.dumps(inst.signatures())
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO organisations (id, name, name_key, org_typ, kommun_code, lan_code) VALUES (?, ?, ?, ?, ?, ?)",
        [(i, n, n.casefold(), t, k, lan) for i, n, t, k, lan, _ in orgs],
    )
    for w, wave in enumerate(WAVES):
        db.execute(
            "INSERT INTO imports VALUES (?, ?, ?, 'generic', NULL, NULL, ?, '2026-01-01', 0, 0, 0, 0, 'bench', "
            "?, ?, ?, "
            "'[]', '[]', '{}')",
            (w + 1, f"{wave}.csv", f"sha{w}", wave, inst.id, inst.version, sigs),
        )
    per_wave = n_responses // len(WAVES)
    scored = inst.scored_items
    county_shift = {lan: rng.normal(0, 0.3) for lan in sorted({o[4] for o in orgs})}
    rid = 0
    for w, wave in enumerate(WAVES):
        org_of = rng.integers(0, len(orgs), size=per_wave)
        responses = []
        answers: list[tuple[int, str, str, str | None, float | None]] = []
        for r in range(per_wave):
            rid += 1
            org = orgs[int(org_of[r])]
            responses.append((rid, w + 1, org[0], wave, "generic", None, None, r + 2, f"fp{rid}"))
            shift = county_shift[org[4]]
            u = rng.random(len(scored))
            latent = rng.normal(shift, 1.0)
            for item, x in zip(scored, u, strict=True):
                if x < 0.04:
                    continue  # blank
                if x < 0.08 and item.scale.missing:
                    label = item.scale.missing[0].sv
                    answers.append((rid, item.id, label, label, None))
                    continue
                values = sorted(lab.value for lab in item.scale.labels)
                pos = int(np.clip(round((latent + rng.normal(0, 1)) / 1.2 + (len(values) - 1) / 2), 0, len(values) - 1))
                lab = next(lab for lab in item.scale.labels if lab.value == values[pos])
                answers.append((rid, item.id, lab.text.sv, lab.text.sv, float(lab.value)))
            for code in ("beroendeenhet", "psykiatri", "socialtjanst")[: 1 + r % 3]:
                answers.append((rid, "V1", code, code, None))
            answers.append((rid, "B6", "ja" if r % 2 else "nej", "ja" if r % 2 else "nej", None))
            if r % 10 == 0:
                answers.append((rid, "X1", "Bra samverkan", "Bra samverkan", None))
        db.executemany("INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", responses)
        write_long_answers(db, [(a[0], w + 1, *a[1:]) for a in answers])  # packed, as the importer stores them
    db.execute("COMMIT")
    store.close()


def baseline(path: Path) -> float:
    start = time.perf_counter()
    con = sqlite3.connect(path)
    frame = pd.read_sql(
        "SELECT r.wave, o.lan_code, o.org_typ, ra.numbers FROM response_answers ra "
        "JOIN responses r ON r.id = ra.response_id JOIN organisations o ON o.id = r.organisation_id",
        con,
    )
    numbers = json.loads("[" + ",".join(frame["numbers"]) + "]")
    width = max((len(row) for row in numbers), default=0)
    matrix = np.array([row + [None] * (width - len(row)) for row in numbers], dtype=float)
    values = pd.DataFrame(matrix).assign(wave=frame["wave"], lan=frame["lan_code"], typ=frame["org_typ"])
    values.groupby(["wave", "lan", "typ"]).mean()
    con.close()
    return time.perf_counter() - start


def run(path: Path) -> float:
    start = time.perf_counter()
    store = open_store(path)
    analyze(store, load_instrument(None), AnalysisOptions(waves=WAVES))
    store.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="reuse or keep the generated database")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--project", type=Path, default=None, help="time whole processes on this project's database")
    args = parser.parse_args()
    if args.project is not None:
        demo_processes(args.project / "samverkan.db")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if not path.exists():
            t0 = time.perf_counter()
            generate(path, args.responses)
            print(f"generated {args.responses} responses in {time.perf_counter() - t0:.1f} s")
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx("run(path)", globals(), {"run": run, "path": path}, "/tmp/bench_analyze.prof")
            pstats.Stats("/tmp/bench_analyze.prof").sort_stats("cumulative").print_stats(25)
        base = min(baseline(path) for _ in range(3))
        ours = min(run(path) for _ in range(3))
        print(f"baseline (read_sql + groupby mean): {base:.2f} s")
        print(f"analyze (21 counties x 4 types x 2 waves): {ours:.2f} s")
        print(f"ratio: {ours / base:.2f}x (goal <= 3x)")


def demo_processes(db: Path, repeats: int = 5) -> None:
    """Whole processes on a project (as issue 14 measured): ``samverkan analyze`` vs the raw baseline."""
    import statistics
    import subprocess
    import sys

    here = str(Path(__file__).parent)
    code = f"import sys; sys.path.insert(0, {here!r}); import bench_analyze as b; b.baseline({str(db)!r})"

    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(cmd, cwd=db.parent, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    base = median([sys.executable, "-c", code])
    table = median([sys.executable, "-m", "samverkan_cli", "analyze"])
    js = median([sys.executable, "-m", "samverkan_cli", "analyze", "--format", "json"])
    print(f"project {db.parent}: baseline process (pandas read_sql + groupby) {base:.2f} s")
    print(f"  samverkan analyze              {table:.2f} s  ratio {table / base:.1f}x (goal <= 2x)")
    print(f"  samverkan analyze --format json {js:.2f} s  ratio {js / base:.1f}x")


if __name__ == "__main__":
    main()
