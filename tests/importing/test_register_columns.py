"""`samverkan frame import`: registers as counties keep them, headed in their own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.ingest.register import import_frame
from samverkan_cli.store import open_store


def _register(tmp_path: Path, text: str, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "header",
    [
        "Enhet;Kommun",
        "Namn på vårdcentral;Kommunkod",
        "Vårdcentralens namn;Kommunens namn",
        "Mottagning;Kommun (namn)",
        "Vårdcentralens HSA-id;Hälsocentral;Kommun",
    ],
)
def test_name_and_kommun_columns_found_by_their_words(tmp_path: Path, header: str) -> None:
    """Exact or descriptive headings find the unit name and the kommun; an id column is never the name."""
    cells = {"Vårdcentralens HSA-id": "SE2321000065-E1", "Kommunkod": "0764"}
    columns = header.split(";")
    rows = [
        ";".join(cells.get(c, "0764" if "kod" in c.lower() else ("Alvesta" if "ommun" in c else name)) for c in columns)
        for name in ("Vårdcentralen Alvesta", "Capio Vårdcentral Växjö")
    ]
    path = _register(tmp_path, "\n".join([header, *rows]) + "\n")
    with open_store(tmp_path / "samverkan.db", create=True) as store:
        report = import_frame(store, path)
        names = sorted(r[0] for r in store.query("SELECT name FROM frame"))
    assert report.stored == 2 and report.counties == ["07"]
    assert names == ["Capio Vårdcentral Växjö", "Vårdcentralen Alvesta"]


def test_cli_counts_in_words_and_names_severity_in_swedish(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """One unit, one row: "1 enhet … (1 rad)"; a kommun that does not exist is a "Fel", not "error"."""
    project = tmp_path / "p"
    assert cli("init", project).code == 0
    path = _register(tmp_path, "Vårdcentral,Kommun\nHälsocentralen Kiruna,Kiruna\nVC Okänd,Atlantis\n")
    result = cli("--project", project, "frame", "import", path)
    assert "register.csv: 1 enhet i 25 Norrbottens län (2 rader)." in result.err
    assert "  Fel: rad 3: " in result.err and "error" not in result.err
