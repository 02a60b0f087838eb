"""Schema migrations on a database made by the previous release (tests/data/store_v1.db)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from samverkan_cli.analysis.load import load
from samverkan_cli.errors import StorageError
from samverkan_cli.ingest.pipeline import import_files
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import SCHEMA_VERSION, open_store

REPO = Path(__file__).resolve().parents[2]
# Made by samverkan-cli with schema version 1 (one `answers` row per answer): 2026 Blekinge and Jämtland,
# 2025 Stockholm (one quarantined row, raw values that differ from their labels).
FIXTURE = REPO / "tests" / "data" / "store_v1.db"
EXPORTS = REPO / "examples" / "exports"


def _sorted(rows: list[Any]) -> list[tuple[Any, ...]]:
    return sorted((tuple(r) for r in rows), key=lambda r: tuple("" if x is None else str(x) for x in r))


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "samverkan.db"
    shutil.copyfile(FIXTURE, path)
    return path


def _v1_state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        return {
            "answers": _sorted(con.execute("SELECT response_id, item_id, raw_value, value, numeric FROM answers")),
            "responses": _sorted(con.execute("SELECT * FROM responses")),
            "quarantine": _sorted(con.execute("SELECT * FROM quarantine")),
            "imports": _sorted(con.execute("SELECT id, file_name, sha256, wave, findings FROM imports")),
        }
    finally:
        con.close()


class TestMigration:
    def test_version_1_database_migrates_without_losing_an_answer(self, tmp_path: Path) -> None:
        """Every answer row of a version-1 database reads back unchanged through the answers view."""
        path = _copy(tmp_path)
        before = _v1_state(path)
        with open_store(path) as store:
            assert store.schema_version == SCHEMA_VERSION == 4
            assert (
                _sorted(store.query("SELECT response_id, item_id, raw_value, value, numeric FROM answers"))
                == (before["answers"])
            )
            assert _sorted(store.query("SELECT * FROM responses")) == before["responses"]
            assert (
                _sorted(store.query("SELECT id, import_id, source_row, reasons, raw_row FROM quarantine"))
                == before["quarantine"]
            )
            imports = store.query("SELECT id, file_name, sha256, wave, findings FROM imports")
            assert _sorted(imports) == before["imports"]
            assert store.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'answers_v1'") == 0
            # One packed row per response with answers, numbers in slots rather than in `other`.
            assert store.scalar("SELECT COUNT(*) FROM response_answers") == len({a[0] for a in before["answers"]})
            assert store.scalar("SELECT COUNT(*) FROM response_answers WHERE numbers = '[]'") == 0

    def test_migrated_database_loads_like_a_new_import(self, tmp_path: Path) -> None:
        """Analysis reads the same answers from a migrated database as from the same files imported now."""
        inst = load_instrument()
        with open_store(_copy(tmp_path)) as old:
            migrated = load(old, inst, ["2025", "2026"])
        with open_store(tmp_path / "new.db", create=True) as new:
            files_2026 = [EXPORTS / "2026" / "10_blekinge.csv", EXPORTS / "2026" / "23_jamtland.csv"]
            import_files(new, inst, files_2026, "2026")
            import_files(new, inst, [EXPORTS / "2025" / "01_stockholm.csv"], "2025")
            fresh = load(new, inst, ["2025", "2026"])
        assert np.array_equal(migrated.response_id, fresh.response_id)

        def canon(frame: Any) -> list[tuple[Any, ...]]:
            numeric = [None if np.isnan(v) else float(v) for v in frame["numeric"]]  # NaN != NaN
            return _sorted(zip(frame["resp"], frame["item"].astype(str), frame["value"], numeric, strict=True))

        assert canon(migrated.answers) == canon(fresh.answers)

    def test_migrated_database_still_refuses_a_reimport(self, tmp_path: Path) -> None:
        """A file imported before the migration is recognised by its SHA-256 afterwards."""
        with open_store(_copy(tmp_path)) as store:
            summary = import_files(store, load_instrument(), [EXPORTS / "2026" / "10_blekinge.csv"], "2026")
            assert summary.files[0].already_imported
            assert not summary.files[0].stored

    def test_failed_migration_leaves_version_1(self, tmp_path: Path) -> None:
        """A migration that fails rolls back: the database keeps version 1 and its answers table."""
        path = _copy(tmp_path)
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE response_answers (x)")  # the step's CREATE TABLE will fail
        con.commit()
        con.close()
        with pytest.raises(StorageError):
            open_store(path)
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert con.execute("SELECT COUNT(*) FROM answers").fetchone()[0] > 0
        con.close()
