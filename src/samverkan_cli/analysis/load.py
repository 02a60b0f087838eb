"""Load responses and their answers from the store into arrays (numbers parsed in bulk, no object per answer)."""

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
    """Read the responses and answers of ``waves`` into the long ``answers`` frame analysis works on."""
    from samverkan_cli.store.queries import answer_arrays, response_rows

    resp = response_rows(store, waves)
    rf = pd.DataFrame(resp, columns=["id", "org", "wave", "typ", "lan", "kommun"])
    lans = tuple(sorted(set(rf["lan"])))
    wave_codes = pd.Categorical(rf["wave"], categories=list(waves)).codes.astype(np.int64)
    typ_codes = pd.Categorical(rf["typ"], categories=list(ORG_TYPES)).codes.astype(np.int64)
    typ_codes[typ_codes < 0] = ORG_TYPES.index("annan")
    lan_codes = pd.Categorical(rf["lan"], categories=list(lans)).codes.astype(np.int64)
    response_id = rf["id"].to_numpy(dtype=np.int64)

    found = answer_arrays(store, waves)
    item_ids = [i.id for i in instrument.items]
    position = {item: k for k, item in enumerate(item_ids)}
    # Slot items the codebook no longer has map to -1, the categorical's "unknown".
    slot_codes = np.array([position.get(item, -1) for item in found.items] + [-1], dtype=np.int64)
    ids = np.concatenate([found.numbered_response, found.other_response])
    known = np.isin(ids, response_id)  # answers of responses without an organisation are left out
    other_codes = pd.Categorical(found.other_item, categories=item_ids).codes.astype(np.int64)
    codes: IntArray = np.concatenate([slot_codes[found.numbered_item], other_codes])
    text = np.array(found.other_text, dtype=object)
    value = np.concatenate([np.full(len(found.numbered_response), None, dtype=object), text])
    numeric = np.concatenate([found.numbered_value, found.other_numeric])
    # Explicit dtypes: letting pandas infer string columns costs more than the query itself.
    answers = pd.DataFrame(
        {
            "resp": np.searchsorted(response_id, ids[known]),
            "item": pd.Categorical.from_codes(codes[known], categories=pd.Index(item_ids)),
            "value": pd.Series(value[known], dtype=object),
            "numeric": numeric[known],
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
