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
    from samverkan_cli.store.queries import waves

    return waves(store)


def load(store: Store, instrument: Instrument, waves: list[str]) -> Data:
    """Read the responses and answers of ``waves``; answers with one SQL query."""
    from samverkan_cli.store.queries import answer_rows, response_rows

    resp = response_rows(store, waves)
    rf = pd.DataFrame(resp, columns=["id", "org", "wave", "typ", "lan", "kommun"])
    lans = tuple(sorted(set(rf["lan"])))
    wave_codes = pd.Categorical(rf["wave"], categories=list(waves)).codes.astype(np.int64)
    typ_codes = pd.Categorical(rf["typ"], categories=list(ORG_TYPES)).codes.astype(np.int64)
    typ_codes[typ_codes < 0] = ORG_TYPES.index("annan")
    lan_codes = pd.Categorical(rf["lan"], categories=list(lans)).codes.astype(np.int64)
    response_id = rf["id"].to_numpy(dtype=np.int64)

    rows = answer_rows(store, waves)  # only non-numeric answers carry their text
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
    from samverkan_cli.store.queries import import_signatures

    for wave, sig_json in import_signatures(store, waves):
        try:
            sigs = json.loads(sig_json)
        except ValueError:
            sigs = {}
        if not isinstance(sigs, dict):
            continue
        for item, sig in sigs.items():
            found[wave].setdefault(str(item), set()).add(str(sig))
    return {w: {i: frozenset(s) for i, s in items.items()} for w, items in found.items()}
