"""The SQLite store: schema, WAL, migrations, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from samverkan_cli.errors import ConfigError, StorageError
from samverkan_cli.store import SCHEMA_VERSION, open_store

TABLES = {"imports", "organisations", "responses", "response_answers", "quarantine", "frame"}


class TestStore:
    def test_new_store_has_the_tables_and_wal(self, tmp_path: Path) -> None:
        """A new database holds the SPEC section 5 tables, in WAL mode with foreign keys on."""
        with open_store(tmp_path / "s.db", create=True) as store:
            names = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert names >= TABLES
            views = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'view'")}
            assert views == {"answers"}  # the long SPEC section 5 table, read from the packed rows
            assert store.scalar("PRAGMA journal_mode") == "wal"
            assert store.scalar("PRAGMA foreign_keys") == 1
            assert store.schema_version == SCHEMA_VERSION

    def test_answers_view_takes_long_rows(self, tmp_path: Path) -> None:
        """A row written to the long answers view lands in the response's packed row and reads back."""
        with open_store(tmp_path / "s.db", create=True) as store, store.transaction() as db:
            db.execute(
                "INSERT INTO imports (id, file_name, sha256, platform, wave, imported_at, rows, imported, quarantined,"
                " duplicates, tool_version, instrument_id, instrument_version, item_signatures, findings)"
                " VALUES (1, 'f.csv', 's', 'generic', '2026', 'T', 1, 1, 0, 0, 't', 'i', '1', '{}', '[]')"
            )
            db.execute(
                "INSERT INTO organisations (id, name, name_key, org_typ, kommun_code, lan_code)"
                " VALUES (1, 'A', 'a', 'vardcentral', '1480', '14')"
            )
            db.execute(
                "INSERT INTO responses (id, import_id, organisation_id, wave, platform, source_row, fingerprint)"
                " VALUES (7, 1, 1, '2026', 'generic', 2, 'fp')"
            )
            rows = [(7, "R4", "4", "Instämmer helt", 4.0), (7, "R6", None, "Vet ej", None)]
            db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?)", rows)
            assert [tuple(r) for r in db.execute("SELECT * FROM answers")] == rows
            assert db.execute("SELECT COUNT(*) FROM response_answers").fetchone()[0] == 1

    def test_transaction_rolls_back_on_error(self, tmp_path: Path) -> None:
        """A failed transaction leaves no rows behind."""
        with open_store(tmp_path / "s.db", create=True) as store:
            with pytest.raises(RuntimeError), store.transaction() as db:
                db.execute(
                    "INSERT INTO frame (org_typ, name, name_key, kommun_code, lan_code, source_file, sha256)"
                    " VALUES ('vardcentral', 'A', 'a', '1480', '14', 'f', 'x')"
                )
                raise RuntimeError("boom")
            assert store.scalar("SELECT COUNT(*) FROM frame") == 0

    def test_reopening_does_not_migrate_again(self, tmp_path: Path) -> None:
        """Opening an existing database keeps its data and version."""
        path = tmp_path / "s.db"
        with open_store(path, create=True) as store, store.transaction() as db:
            db.execute(
                "INSERT INTO frame (org_typ, name, name_key, kommun_code, lan_code, source_file, sha256)"
                " VALUES ('vardcentral', 'A', 'a', '1480', '14', 'f', 'x')"
            )
        with open_store(path) as store:
            assert store.scalar("SELECT COUNT(*) FROM frame") == 1

    def test_newer_schema_is_refused(self, tmp_path: Path) -> None:
        """A database from a newer tool version is refused with exit code 6."""
        path = tmp_path / "s.db"
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        con.close()
        with pytest.raises(ConfigError, match="newer"):
            open_store(path)

    def test_garbage_file_is_a_storage_error(self, tmp_path: Path) -> None:
        """A file that is not SQLite gives a readable error, not a traceback."""
        path = tmp_path / "s.db"
        path.write_bytes(b"not a database" * 100)
        with pytest.raises(StorageError):
            open_store(path)

    def test_missing_database_without_create_is_config_error(self, tmp_path: Path) -> None:
        """Opening a missing database tells the user to run init."""
        with pytest.raises(ConfigError) as info:
            open_store(tmp_path / "none.db")
        assert "samverkan init" in (info.value.render_hint("en") or "")
