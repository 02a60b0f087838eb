"""SPSS value labels applied by the reader give what pyreadstat's own formats gave, faster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from samverkan_cli.readers import read_table
from samverkan_cli.readers.spss import _text

REAL = Path(__file__).parents[2].parent / "shared/fixtures/real-exports/qualtrics"


def labelled_sav(path: Path) -> Path:
    """A small .sav with numeric and string labels, unlabelled codes, missing values and dates."""
    frame = pd.DataFrame(
        {
            "R4": [1.0, 4.0, np.nan, 7.0, 2.5],
            "org_typ": ["vc", "k", "", "x", "vc"],
            "n": [1.0, 2.0, 3.0, np.nan, 0.5],
            "when": [dt.datetime(2026, 3, 1, 9, 30), None, dt.datetime(2026, 3, 2), None, None],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=["Rutinerna fungerar väl", "Typ av verksamhet", "Antal", "Datum"],
        variable_value_labels={
            "R4": {1.0: "Instämmer inte alls", 4.0: "Instämmer helt", 2.5: "nan"},
            "org_typ": {"vc": "Vårdcentral", "k": "Kommun"},
        },
    )
    return path


def formats_by_pyreadstat(path: Path) -> list[list[str]]:
    """What the reader returned when pyreadstat applied the value formats itself."""
    frame, _ = pyreadstat.read_sav(str(path), apply_value_formats=True, formats_as_category=False)
    return [[_text(v) for v in record] for record in frame.itertuples(index=False, name=None)]


class TestSpssValueLabels:
    def test_labels_match_pyreadstat_formats(self, tmp_path: Path) -> None:
        """Labels, unlabelled codes, missing values and dates read exactly as with pyreadstat's formats."""
        path = labelled_sav(tmp_path / "svar.sav")
        table = read_table(path)
        assert table.rows == formats_by_pyreadstat(path)
        assert table.rows[0][:2] == ["Instämmer inte alls", "Vårdcentral"]
        assert table.rows[3][:2] == ["7", "x"]
        assert table.rows[1][3] == ""

    @pytest.mark.parametrize(
        "name", ["qualtrics-spss_TestProject-Menu_API.sav", "qualtrics-spss_TestProject-Menu_native.sav"]
    )
    def test_real_qualtrics_files_unchanged(self, name: str) -> None:
        """The real Qualtrics .sav exports read to the same cells as before."""
        if not (REAL / name).exists():
            pytest.skip("shared fixtures not available")
        assert read_table(REAL / name).rows == formats_by_pyreadstat(REAL / name)

    def test_wide_labelled_file_reads_like_pyreadstat(self, tmp_path: Path) -> None:
        """A 233 x 169 labelled file (as in the issue) reads with the same values as pyreadstat's own formats."""
        import importlib.util
        import sys

        spec = importlib.util.spec_from_file_location(
            "bench_spss", Path(__file__).parents[2] / "benchmarks/bench_spss.py"
        )
        assert spec is not None and spec.loader is not None
        bench = importlib.util.module_from_spec(spec)
        sys.modules["bench_spss"] = bench
        spec.loader.exec_module(bench)
        path = tmp_path / "wide.sav"
        bench.generate(path, 233, 169)
        table = read_table(path)  # its speed is measured by benchmarks/bench_spss.py, not asserted here
        assert len(table.rows) == 233 and len(table.columns) == 169
        assert table.rows == formats_by_pyreadstat(path)
