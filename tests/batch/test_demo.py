"""``samverkan demo DIR``: the whole example data through the batch, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import EXAMPLES, all_exports

pytestmark = pytest.mark.slow

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


class TestDemo:
    def test_demo_runs_everything_and_reuses_the_project(self, tmp_path: Path, cli) -> None:
        """`samverkan demo DIR` imports all examples, writes the reports, prints where; a second call reuses it."""
        target = tmp_path / "demo"
        result = cli("--lang", "en", "demo", target)
        assert result.code == 0, result.err
        index = target / "reports" / "index.html"
        assert index.resolve().as_uri() in result.out
        totals = EXPECTED["totals"]
        assert f"Counties: {len(EXPECTED['frame'])} · waves: 2025, 2026" in result.out
        # 2025 has one quarantined row, so one response fewer is stored than the file has.
        assert f"Responses: {totals['2025']['responses'] - 1} + {totals['2026']['responses']}" in result.out
        assert "quarantined: 1" in result.out
        assert "Demo project created" in result.err
        assert index.is_file()
        assert (target / "reports" / "samverkan-2026.xlsx").is_file()
        assert len(list((target / "reports").glob("lan-*.html"))) == len(EXPECTED["frame"])
        for wave in ("2025", "2026"):
            assert sorted(p.name for p in (target / "archive" / wave).iterdir()) == all_exports(wave)
        assert len(list((target / "archive" / "register").iterdir())) == len(EXPECTED["frame"])
        assert not [p for p in (target / "inbox").rglob("*") if p.is_file()]
        manifest = json.loads((target / "reports" / "manifest.json").read_text(encoding="utf-8"))
        assert sum(1 for i in manifest["inputs"] if i["kind"] == "export") == 42
        for wave in ("2025", "2026"):
            # Every county's export has its submission times read, so every county is on the progress curve.
            progress = cli("--project", target, "status", "--progress", "--wave", wave, "--format", "json")
            assert progress.code == 0, progress.err
            counties = json.loads(progress.out)["counties"]
            assert len(counties) == len(EXPECTED["frame"])
            assert all(c["responded"] > c["undated"] and c["curve"][-1] > 0 for c in counties), counties

        again = cli("--lang", "en", "demo", target)
        assert again.code == 0
        assert "Demo project created" not in again.err
        assert "imported now: 0" in again.out
        assert index.resolve().as_uri() in again.out
        assert json.loads((target / "reports" / "manifest.json").read_text(encoding="utf-8"))["reports_skipped"]

    def test_demo_refuses_a_directory_that_is_not_empty(self, tmp_path: Path, cli) -> None:
        """`samverkan demo DIR` on a non-empty directory that is no project exits 2 and leaves it alone."""
        (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
        result = cli("demo", tmp_path)
        assert result.code == 2
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
