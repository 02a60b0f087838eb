"""Whatever bytes a file holds, read_table either returns a table or raises InputError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.errors import InputError
from samverkan_cli.readers import RawTable, read_table

CSV_ALPHABET = st.sampled_from(",;\t|\"\r\n \x00\u00a0åäöÅÄÖabc123.-[]{}<>'")


def check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except InputError:
            return
        assert isinstance(table, RawTable)
        width = len(table.columns)
        assert all(len(r) == width for r in table.rows)
        assert len(table.row_numbers) == len(table.rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx", ".sav", ".txt"]))
def test_random_bytes_only_raise_input_error(data: bytes, suffix: str) -> None:
    """Random bytes under any export name never escape as another exception."""
    check(data, suffix)


@settings(max_examples=150, deadline=None)
@given(st.text(CSV_ALPHABET, max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_random_csv_text_only_raises_input_error(text: str, codec: str) -> None:
    """CSV-like text in any supported encoding never escapes as another exception."""
    check(text.encode(codec, "replace"), ".csv")


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"$FL2", b"PK\x05\x06"]),
    st.binary(max_size=1024),
)
def test_random_bytes_behind_real_signatures(signature: bytes, rest: bytes) -> None:
    """Garbage after a zip, OLE2 or SPSS signature is refused cleanly."""
    check(signature + rest, ".xlsx")
