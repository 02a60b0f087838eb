"""Shared fixtures: run the CLI in-process exactly as the console script does.

Tests marked ``real_exports`` need the shared genuine exports (see ``shared_fixtures.py``); when
they are missing those tests are deselected and one line says where they were looked for,
instead of one skip line per test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared_fixtures import REAL_EXPORTS

from samverkan_cli.cli.app import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_exports: needs the shared genuine platform exports")


def pytest_report_header(config: pytest.Config) -> str:
    found = "found" if REAL_EXPORTS.is_dir() else "NOT found: their tests are deselected"
    return f"real-export fixtures: {REAL_EXPORTS} ({found}; override with SAMVERKAN_REAL_EXPORTS)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REAL_EXPORTS.is_dir():
        return
    missing = [item for item in items if item.get_closest_marker("real_exports")]
    if missing:
        config.hook.pytest_deselected(items=missing)
        items[:] = [item for item in items if not item.get_closest_marker("real_exports")]
        config.stash[_STASH] = len(missing)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    count = config.stash.get(_STASH, 0)
    if count:
        terminalreporter.write_line(
            f"{count} tests need the shared real-export fixtures, not found at {REAL_EXPORTS} "
            "(set SAMVERKAN_REAL_EXPORTS to their directory)"
        )


_STASH = pytest.StashKey[int]()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``samverkan ARGS`` through the real entry point; returns exit code, stdout and stderr."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str | Path) -> CliResult:
        argv = [str(a) for a in args]
        monkeypatch.setattr("sys.argv", ["samverkan", *argv])
        capsys.readouterr()
        with pytest.raises(SystemExit) as info:
            main(argv)
        captured = capsys.readouterr()
        code = info.value.code
        return CliResult(int(code) if isinstance(code, int) else 0 if code is None else 1, captured.out, captured.err)

    return run
