"""Files that were replaced or removed stay on record in the sources, and a county without answers
in the wave gets no report of its own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "exports"


def test_replaced_and_removed_files_are_listed_and_a_county_without_answers_gets_no_page(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """`import --replace` and `remove` leave a row in kallor.html and the workbook; Gotland, removed,
    is neither written as a report nor a row of the overview for that wave."""
    project = tmp_path / "p"
    assert cli("init", project).code == 0
    files = []
    for name in ("07_kronoberg.csv", "09_gotland.xlsx", "14_vastra_gotaland.xlsx"):
        shutil.copy2(EXAMPLES / "2026" / name, tmp_path / name)
        files.append(tmp_path / name)
    assert cli("--project", project, "import", *files, "--wave", "2026").code == 0
    assert cli("--project", project, "import", files[0], "--wave", "2026", "--replace").code == 0
    assert cli("--project", project, "remove", files[1], "--yes").code == 0
    out = tmp_path / "reports"
    result = cli("--project", project, "report", "--out", out)
    assert result.code == 0, result.err

    sources = (out / "kallor.html").read_text(encoding="utf-8")
    assert "Filer som inte längre används" in sources
    listed = sources[sources.index("Filer som inte längre används") :]
    assert "09_gotland.xlsx" in listed and "Borttagen" in listed
    assert "07_kronoberg.csv" in listed and "Ersatt av en rättad fil" in listed

    assert not (out / "lan-09.html").exists()
    assert (out / "lan-07.html").is_file() and (out / "lan-14.html").is_file()
    assert "Gotlands län" not in (out / "index.html").read_text(encoding="utf-8").split("Utveckling")[0]

    sheet = load_workbook(out / "samverkan-2026.xlsx").worksheets[-1]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("09_gotland.xlsx" in c and "borttagen" in c for c in cells)
    assert any("07_kronoberg.csv" in c and "ersatt av en rättad fil" in c for c in cells)
