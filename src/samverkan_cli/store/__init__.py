"""The project database: schema, migrations, every write and every query (all SQL lives here).

``db`` holds the schema and the connection, ``writes`` every INSERT/UPDATE/DELETE, ``queries``
every read, ``layout`` the packed answer rows (one per response) and the long ``answers`` view,
``status`` the status document; import the submodules where they are used.
"""

from samverkan_cli.store.db import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
