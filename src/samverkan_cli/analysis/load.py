"""Load responses and the long answers table from the store into arrays (one query for answers)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["ORG_TYPES", "Data", "load", "store_waves"]

ORG_TYPES: tuple[str, ...] = ("vardcentral", "kommun", "annan")

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Data:
    """Responses (sorted by id) with their organisation, and their answers in long form."""

    waves: tuple[str, ...]
    lans: tuple[str, ...]
    response_id: IntArray
    org_id: IntArray
    wave: IntArray  # index into ``waves``
    lan: IntArray  # index into ``lans``
    typ: IntArray  # index into ORG_TYPES
    kommun: npt.NDArray[np.object_]
    answers: pd.DataFrame  # resp (row in responses), item (categorical over codebook ids), value, numeric
    signatures: dict[str, dict[str, frozenset[str]]]  # wave -> item -> signatures used


def store_waves(store: Store) -> list[str]:
    """Every wave with responses, in sorted order."""
    return [str(r[0]) for r in store.query("SELECT DISTINCT wave FROM responses ORDER BY wave")]


def load(store: Store, instrument: Instrument, waves: list[str]) -> Data:
    """Read the responses and answers of ``waves``; answers with one SQL query."""
    marks = ",".join("?" * len(waves))
    cursor = store.db.cursor()
    cursor.row_factory = None
    resp = cursor.execute(
        "SELECT r.id, r.organisation_id, r.wave, o.org_typ, o.lan_code, o.kommun_code "
        "FROM responses r JOIN organisations o ON o.id = r.organisation_id "
        f"WHERE r.wave IN ({marks}) ORDER BY r.id",
        tuple(waves),
    ).fetchall()
    rf = pd.DataFrame(resp, columns=["id", "org", "wave", "typ", "lan", "kommun"])
    lans = tuple(sorted(set(rf["lan"])))
    wave_codes = pd.Categorical(rf["wave"], categories=list(waves)).codes.astype(np.int64)
    typ_codes = pd.Categorical(rf["typ"], categories=list(ORG_TYPES)).codes.astype(np.int64)
    typ_codes[typ_codes < 0] = ORG_TYPES.index("annan")
    lan_codes = pd.Categorical(rf["lan"], categories=list(lans)).codes.astype(np.int64)
    response_id = rf["id"].to_numpy(dtype=np.int64)

    # Only non-numeric answers need their text: missing labels, options and comments.
    select = "SELECT a.response_id, a.item_id, CASE WHEN a.numeric IS NULL THEN a.value END, a.numeric FROM answers a"
    # plain tuples: sqlite3.Row objects double the fetch time
    if set(waves) == set(store_waves(store)):
        rows = cursor.execute(select).fetchall()  # the join only costs time when nothing is filtered
    else:
        where = f" JOIN responses r ON r.id = a.response_id WHERE r.wave IN ({marks})"
        rows = cursor.execute(select + where, tuple(waves)).fetchall()
    table = np.array(rows, dtype=object).reshape(-1, 4)
    del rows
    ids = table[:, 0].astype(np.int64)
    known = np.isin(ids, response_id)
    if not known.all():  # answers of responses outside the selection or without an organisation
        table, ids = table[known], ids[known]
    item_ids = [i.id for i in instrument.items]
    # Explicit dtypes: letting pandas infer string columns costs more than the query itself.
    answers = pd.DataFrame(
        {
            "resp": np.searchsorted(response_id, ids),
            "item": pd.Categorical(table[:, 1], categories=item_ids),
            "value": pd.Series(table[:, 2], dtype=object),
            "numeric": table[:, 3].astype(np.float64),
        }
    )
    return Data(
        waves=tuple(waves),
        lans=lans,
        response_id=response_id,
        org_id=rf["org"].to_numpy(dtype=np.int64),
        wave=wave_codes,
        lan=lan_codes,
        typ=typ_codes,
        kommun=rf["kommun"].to_numpy(dtype=object),
        answers=answers,
        signatures=_signatures(store, waves),
    )


def _signatures(store: Store, waves: list[str]) -> dict[str, dict[str, frozenset[str]]]:
    found: dict[str, dict[str, set[str]]] = {w: {} for w in waves}
    marks = ",".join("?" * len(waves))
    for row in store.query(f"SELECT wave, item_signatures FROM imports WHERE wave IN ({marks})", tuple(waves)):
        try:
            sigs = json.loads(row[1] or "{}")
        except ValueError:
            sigs = {}
        if not isinstance(sigs, dict):
            continue
        for item, sig in sigs.items():
            found[row[0]].setdefault(str(item), set()).add(str(sig))
    return {w: {i: frozenset(s) for i, s in items.items()} for w, items in found.items()}
