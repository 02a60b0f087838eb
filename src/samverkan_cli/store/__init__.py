"""The project database: schema, migrations, every write and every query (all SQL lives here)."""

from samverkan_cli.store.db import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
