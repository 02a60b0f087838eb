"""Where the shared real-export fixtures are looked for: one place for conftest and the tests.

Genuine third-party exports are not redistributable with the repository; a checkout beside
``shared/`` finds them, elsewhere set ``SAMVERKAN_REAL_EXPORTS`` to their directory.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["REAL_EXPORTS"]

REAL_EXPORTS = Path(
    os.environ.get("SAMVERKAN_REAL_EXPORTS")
    or Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "real-exports"
)
