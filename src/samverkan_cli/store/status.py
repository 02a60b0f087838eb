"""What a project holds: waves, counts per county x organisation type, quarantine, imports."""

from __future__ import annotations

from typing import Any

from samverkan_cli.store import queries
from samverkan_cli.store.db import Store
from samverkan_cli.store.queries import frame_sizes
from samverkan_cli.store.rates import response_rate

__all__ = ["frame_sizes", "project_status"]


def project_status(store: Store) -> dict[str, Any]:
    """The status document of SPEC section 11 (``samverkan status --format json``)."""
    sizes = frame_sizes(store)
    waves: list[dict[str, Any]] = []
    for wave in queries.waves(store):
        responses, organisations = queries.response_counts(store, wave)
        groups = []
        for lan, org_typ, n_responses, n_orgs in queries.status_groups(store, wave):
            frame = sizes.get((lan, org_typ))
            rate = response_rate(n_orgs, frame)
            groups.append(
                {
                    "lan": lan,
                    "org_typ": org_typ,
                    "responses": n_responses,
                    "organisations": n_orgs,
                    "frame": frame,
                    "response_rate": rate,
                }
            )
        waves.append({"wave": wave, "responses": responses, "organisations": organisations, "by_group": groups})
    imports = [
        {
            "file": row["file_name"],
            "sha256": row["sha256"],
            "platform": row["platform"],
            "wave": row["wave"],
            "imported_at": row["imported_at"],
            "rows": row["rows"],
            "imported": row["imported"],
            "quarantined": row["quarantined"],
        }
        for row in queries.recent_imports(store)
    ]
    return {
        "waves": waves,
        "quarantined": queries.quarantine_count(store),
        "frame_units": queries.frame_units(store),
        "imports": imports,
    }
