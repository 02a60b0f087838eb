from __future__ import annotations

import pytest

from samverkan_cli.instrument import Instrument, load_instrument


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    return load_instrument()
