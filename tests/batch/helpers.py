"""Building throw-away projects from the example data and fingerprinting their databases."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from samverkan_cli.batch.project import init_project

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
MALFORMED = REPO / "tests" / "data" / "malformed"
SMALL_2026 = ("03_uppsala.xlsx", "05_ostergotland.csv", "07_kronoberg.csv", "08_kalmar.csv")


def make_project(
    root: Path,
    exports: Iterable[str] = SMALL_2026,
    wave: str = "2026",
    *,
    registers: bool = False,
    formats: tuple[str, ...] = ("html", "xlsx"),
) -> Path:
    """A project in ``root`` with some example exports of ``wave`` waiting in ``inbox/<wave>/``.

    Bootstrap is cut to 100 draws so a run takes seconds; everything else is the shipped default.
    """
    init_project(root, wave=wave, mapping="mapping.toml")
    shutil.copy2(EXAMPLES / "mapping.toml", root / "mapping.toml")
    config = root / "samverkan.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("bootstrap = 1000", "bootstrap = 100")
    text = text.replace('formats = ["html", "xlsx"]', "formats = [" + ", ".join(f'"{f}"' for f in formats) + "]")
    config.write_text(text, encoding="utf-8")
    add_exports(root, exports, wave)
    if registers:
        shutil.copytree(EXAMPLES / "register", root / "inbox" / "register")
    return root


def add_exports(root: Path, names: Iterable[str], wave: str = "2026") -> list[Path]:
    """Copy example exports of ``wave`` into ``inbox/<wave>/``."""
    target = root / "inbox" / wave
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(EXAMPLES / "exports" / wave / name, target / name)) for name in names]


def all_exports(wave: str) -> list[str]:
    return sorted(p.name for p in (EXAMPLES / "exports" / wave).iterdir() if p.is_file())


def report_files(root: Path) -> dict[str, bytes]:
    """Every file in ``reports/`` except the manifest, by name."""
    return {p.name: p.read_bytes() for p in sorted((root / "reports").iterdir()) if p.name != "manifest.json"}


def db_content(root: Path) -> tuple[dict[str, int], str, int]:
    """(responses per wave, a hash of every answer with its organisation, number of responses).

    Ids differ between databases built in different orders, so answers are keyed by what they say:
    the organisation (type, kommun, name), wave, item, value and numeric value.
    """
    con = sqlite3.connect(root / "samverkan.db")
    try:
        per_wave = dict(con.execute("SELECT wave, COUNT(*) FROM responses GROUP BY wave ORDER BY wave").fetchall())
        rows = con.execute(
            "SELECT o.org_typ, o.kommun_code, o.name_key, r.wave, r.platform_response_id, r.submitted_at,"
            " a.item_id, a.value, a.numeric"
            " FROM answers a JOIN responses r ON r.id = a.response_id JOIN organisations o ON o.id = r.organisation_id"
        ).fetchall()
        total = con.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
    finally:
        con.close()
    digest = hashlib.sha256()
    for row in sorted(repr(r) for r in rows):
        digest.update(row.encode("utf-8"))
    return per_wave, digest.hexdigest(), int(total)


def samverkan(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m samverkan_cli ARGS`` as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "samverkan_cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
    )


def spawn_run(root: Path) -> subprocess.Popen[str]:
    """Start ``samverkan --project ROOT run`` in the background."""
    return subprocess.Popen(
        [sys.executable, "-m", "samverkan_cli", "--project", str(root), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
