from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.batch.project import init_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    init_project(tmp_path / "p")
    return tmp_path / "p"
