"""Fixtures for the batch tests: a small project with four 2026 county exports in its inbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project with four small 2026 exports waiting in ``inbox/2026/``."""
    return make_project(tmp_path / "proj")
