"""Shared fixtures: run the CLI in-process exactly as the console script does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from samverkan_cli.cli.app import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
REAL_EXPORTS = REPO.parent / "shared" / "fixtures" / "real-exports"


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
