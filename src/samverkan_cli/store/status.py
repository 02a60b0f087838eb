"""What a project holds: waves, counts per county x organisation type, quarantine, imports."""

from __future__ import annotations

from typing import Any

from samverkan_cli.store import Store
from samverkan_cli.store.rates import response_rate

__all__ = ["frame_sizes", "project_status"]


def frame_sizes(store: Store) -> dict[tuple[str, str], int]:
    """Population per (lan, org_typ): kommuner from the built-in list, vårdcentraler from the frame."""
    from samverkan_cli.reference import kommuner

    sizes: dict[tuple[str, str], int] = {}
    for kommun in kommuner():
        key = (kommun.lan_code, "kommun")
        sizes[key] = sizes.get(key, 0) + 1
    for row in store.query("SELECT lan_code, org_typ, COUNT(*) AS n FROM frame GROUP BY lan_code, org_typ"):
        sizes[(row["lan_code"], row["org_typ"])] = int(row["n"])
    return sizes


def project_status(store: Store) -> dict[str, Any]:
    """The status document of SPEC section 11 (``samverkan status --format json``)."""
    sizes = frame_sizes(store)
    waves: list[dict[str, Any]] = []
    for wave_row in store.query("SELECT DISTINCT wave FROM responses ORDER BY wave"):
        wave = wave_row["wave"]
        totals = store.query(
            "SELECT COUNT(*) AS responses, COUNT(DISTINCT organisation_id) AS orgs FROM responses WHERE wave = ?",
            (wave,),
        )[0]
        groups = []
        for row in store.query(
            "SELECT o.lan_code, o.org_typ, COUNT(*) AS responses, "
            "COUNT(DISTINCT o.id) AS organisations "
            "FROM responses r JOIN organisations o ON o.id = r.organisation_id "
            "WHERE r.wave = ? GROUP BY o.lan_code, o.org_typ ORDER BY o.lan_code, o.org_typ",
            (wave,),
        ):
            frame = sizes.get((row["lan_code"], row["org_typ"]))
            rate = response_rate(row["organisations"], frame)
            groups.append(
                {
                    "lan": row["lan_code"],
                    "org_typ": row["org_typ"],
                    "responses": row["responses"],
                    "organisations": row["organisations"],
                    "frame": frame,
                    "response_rate": rate,
                }
            )
        waves.append(
            {
                "wave": wave,
                "responses": totals["responses"],
                "organisations": totals["orgs"],
                "by_group": groups,
            }
        )
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
        for row in store.query("SELECT * FROM imports ORDER BY id DESC LIMIT 20")
    ]
    frame_total = int(store.scalar("SELECT COUNT(*) FROM frame") or 0)
    return {
        "waves": waves,
        "quarantined": int(store.scalar("SELECT COUNT(*) FROM quarantine") or 0),
        "frame_units": frame_total,
        "imports": imports,
    }
