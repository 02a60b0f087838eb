"""Fixtures for the report tests: the hand-made sample document and a real analysis of the examples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from samverkan_cli.instrument import Instrument, load_instrument
from samverkan_cli.reports.model import Provenance, SourceFile

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GENERATED_AT = "2026-11-25T04:37:00+00:00"


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    return load_instrument()


@pytest.fixture(scope="session")
def provenance() -> Provenance:
    return Provenance(
        tool_version="0.1.0",
        instrument_id="samverkan-2026",
        instrument_version="1.0",
        generated_at=GENERATED_AT,
        files=(SourceFile("=cmd|' /C calc'!A0.csv", "ab" * 32, "google_forms", "2026", GENERATED_AT, 10, 9, 1),),
        findings=(("warning", "unknown_kommun", 2),),
    )


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with both waves of the example exports and the vårdcentral registers imported."""
    from samverkan_cli.batch.project import init_project
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.ingest.register import import_frame
    from samverkan_cli.store import open_store

    root = tmp_path_factory.mktemp("report-project")
    init_project(root)
    instrument = load_instrument()
    with open_store(root / "samverkan.db") as store:
        for wave in ("2025", "2026"):
            import_files(store, instrument, sorted((EXAMPLES / "exports" / wave).iterdir()), wave)
        for register in sorted((EXAMPLES / "register").iterdir()):
            import_frame(store, register, "vardcentral", None)
    return root


@pytest.fixture(scope="session")
def real_result(project: Path, instrument: Instrument) -> AnalysisResult:
    """The analysis of the example project, every wave (so reports have a trend)."""
    from samverkan_cli.analysis import AnalysisOptions, analyze
    from samverkan_cli.store import open_store

    with open_store(project / "samverkan.db") as store:
        return analyze(store, instrument, AnalysisOptions(bootstrap=200))
