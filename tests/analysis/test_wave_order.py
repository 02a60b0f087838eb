"""Waves are ordered in time, not as text: the latest wave and 'previous wave' follow the calendar."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.ingest.pipeline import import_files
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import open_store
from samverkan_cli.store.queries import waves
from samverkan_cli.text import wave_key

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "exports"


def test_wave_key_orders_years_seasons_and_numbers() -> None:
    """Year first, then vår < sommar < höst < vinter (and VT < HT), then numbers by value."""
    names = ["2026-höst", "omgång 10", "2025", "VT2026", "2026-vår", "HT2025", "omgång 9", "2026 vinter"]
    assert sorted(names, key=wave_key) == [
        "omgång 9",
        "omgång 10",
        "2025",
        "HT2025",
        "2026-vår",
        "VT2026",
        "2026-höst",
        "2026 vinter",
    ]


def test_spring_then_autumn_in_one_year(tmp_path: Path) -> None:
    """With 2026-vår and 2026-höst imported (nothing declared), höst is the latest and vår its previous wave."""
    instrument = load_instrument()
    with open_store(tmp_path / "samverkan.db", create=True) as store:
        import_files(store, instrument, [EXAMPLES / "2026" / "07_kronoberg.csv"], "2026-höst")
        import_files(store, instrument, [EXAMPLES / "2025" / "07_kronoberg.csv"], "2026-vår")
        assert waves(store) == ["2026-vår", "2026-höst"]
        result = analyze(store, instrument, AnalysisOptions())
    assert result.meta.waves == ("2026-vår", "2026-höst")
    assert result.latest_wave() == "2026-höst"
    assert result.meta.previous_wave == {"2026-höst": "2026-vår"}
