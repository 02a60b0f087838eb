"""``samverkan report``: prints exactly the files the library writes; options reach the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from samverkan_cli.cli import app as app_module
from samverkan_cli.cli import report_cmd

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _registered() -> None:
    # The lead wires report_cmd into cli/app.py; until then register it for these tests.
    if not any(c.name == "report" for c in app_module.app.registered_commands):
        report_cmd.register(app_module.app)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.instrument import load_instrument
    from samverkan_cli.store import open_store

    root = tmp_path_factory.mktemp("cli-report")
    init_project(root)
    (root / "samverkan.toml").write_text(
        (root / "samverkan.toml").read_text(encoding="utf-8").replace("bootstrap = 1000", "bootstrap = 50"),
        encoding="utf-8",
    )
    with open_store(root / "samverkan.db") as store:
        for wave in ("2025", "2026"):
            import_files(store, load_instrument(), sorted((EXAMPLES / "exports" / wave).iterdir()), wave)
    return root


class TestReportCommand:
    def test_prints_the_files_the_library_writes(self, cli: Callable[..., Any], project: Path, tmp_path: Path) -> None:
        """Output lists county reports, index.html and the workbook; the same files the library returns."""
        from samverkan_cli.analysis import AnalysisOptions
        from samverkan_cli.config import load_config
        from samverkan_cli.instrument import load_instrument
        from samverkan_cli.reports.build import ReportOptions, make_report
        from samverkan_cli.store import open_store

        out = tmp_path / "cli"
        result = cli("--project", project, "report", "--lan", "14", "--lan", "10", "--out", out)
        assert result.code == 0, result.err
        printed = result.out.splitlines()
        config = load_config(project)
        with open_store(project / "samverkan.db") as store:
            lib = make_report(
                store,
                load_instrument(),
                tmp_path / "lib",
                ReportOptions(lans=("14", "10")),
                AnalysisOptions.from_config(config),
            )
        assert [Path(p).name for p in printed] == [p.name for p in lib.files]
        assert [Path(p).name for p in printed] == [
            "lan-14.html",
            "lan-10.html",
            "kallor.html",
            "index.html",
            "samverkan-2026.xlsx",
        ]
        for name in ("lan-14.html", "lan-10.html"):
            cli_html = (out / name).read_text(encoding="utf-8")
            lib_html = (tmp_path / "lib" / name).read_text(encoding="utf-8")
            strip = lambda s: "\n".join(line for line in s.splitlines() if "skapades" not in line)  # noqa: E731
            assert strip(cli_html) == strip(lib_html)
        assert "5 filer skrivna" in result.err

    def test_english_xlsx_only(self, cli: Callable[..., Any], project: Path, tmp_path: Path) -> None:
        """--format xlsx --lang en writes only the workbook, with English sheet names."""
        result = cli(
            "--project", project, "report", "--wave", "2025", "--format", "xlsx", "--lang", "en", "--out", tmp_path
        )
        assert result.code == 0, result.err
        assert result.out.strip().endswith("samverkan-2025.xlsx")
        assert load_workbook(tmp_path / "samverkan-2025.xlsx").sheetnames[0] == "Overview"

    def test_comments_only_with_flag(self, cli: Callable[..., Any], project: Path, tmp_path: Path) -> None:
        """Free-text comments appear only with --include-comments."""
        cli("--project", project, "report", "--lan", "14", "--format", "html", "--out", tmp_path / "a")
        cli(
            "--project",
            project,
            "report",
            "--lan",
            "14",
            "--format",
            "html",
            "--include-comments",
            "--out",
            tmp_path / "b",
        )
        assert 'id="synpunkter"' not in (tmp_path / "a" / "lan-14.html").read_text(encoding="utf-8")
        assert 'id="synpunkter"' in (tmp_path / "b" / "lan-14.html").read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("--lan", "14", "--all"), "--lan eller --all"),
            (("--lan", "99"), "Inga resultat för län 99"),
            (("--format", "pdf"), "Okänt format pdf"),
            (("--wave", "1999"), "1999"),
            (("--templates", "/nonexistent/templates"), "Mallkatalogen"),
        ],
    )
    def test_usage_errors(
        self, cli: Callable[..., Any], project: Path, tmp_path: Path, args: tuple[str, ...], message: str
    ) -> None:
        """Bad options exit 2 with a message naming the problem and no traceback."""
        result = cli("--project", project, "report", "--out", tmp_path, *args)
        assert result.code == 2, result.err
        assert message in result.err
        assert "Traceback" not in result.err
