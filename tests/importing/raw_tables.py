"""Build RawTables in tests as a reader would return them."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.readers import ColumnMeta, RawTable


def make_table(headers: list[str], rows: list[list[str]], platform: str = "generic", **kwargs: object) -> RawTable:
    """A RawTable as a reader would return it, with row numbers starting after one header row."""
    return RawTable(
        path=Path("test.csv"),
        platform=platform,
        columns=[ColumnMeta(name=h) for h in headers],
        rows=rows,
        row_numbers=list(range(2, len(rows) + 2)),
        **kwargs,  # type: ignore[arg-type]
    )
