"""Property: random valid exports with hostile text in every text field import cleanly."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.batch.project import init_project
from tests.hostile.test_hostile_files import db_bytes, example_lines
from tests.hostile.test_personal_data import EMAIL, PERSONNUMMER, PHONES

SECRETS = (*PHONES, PERSONNUMMER, EMAIL)
HOSTILE = st.one_of(
    st.sampled_from(SECRETS),
    st.sampled_from(["\x1b[2J", "\x1b]0;title\x07", "\x9b31m", "\u202e", "\x00", "\r", '=HYPERLINK("x")', "<script>"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters=';"\n\r'), max_size=20),
)
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\x9b"}


def _cell(parts: list[str]) -> str:
    return " ".join(parts).replace(";", ",").replace('"', "'").replace("\n", " ").replace("\r", " ").replace("\x00", "")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_text_everywhere(cli, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    """No traceback, no masked pattern in the database, no control character printed."""
    lines = [line for line in example_lines() if line][:8]
    header = lines[0].split(";")
    rows = []
    for line in lines[1:]:
        cells = line.split(";")
        for i, cell in enumerate(cells):
            # Text fields get hostile text added; scored answers keep their label so the row stays valid.
            if i < 6 or not cell or not cell[0].isdigit():
                cells[i] = _cell([cell, *data.draw(st.lists(HOSTILE, max_size=2))])
        rows.append(cells)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        init_project(root / "p")
        path = root / "hostile.csv"
        path.write_text("\r\n".join(";".join(r) for r in [header, *rows]) + "\r\n", encoding="utf-8")
        result = cli("--project", root / "p", "import", path, "--wave", "2026", "--report", root / "r.json")
        printed = result.out + result.err
        assert "Traceback" not in printed and result.code in (0, 3, 4), printed
        assert not CONTROL & set(printed), [c for c in printed if c in CONTROL]
        stored = db_bytes(root / "p")
        if (root / "r.json").exists():
            stored += (root / "r.json").read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in stored, secret
        sqlite3.connect(root / "p" / "samverkan.db").close()
