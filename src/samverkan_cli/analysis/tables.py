"""Tables for the reports: response counts and rates, who answered per kommun, masked comments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from samverkan_cli.analysis.grid import ALLA, RIKET, TYPES
from samverkan_cli.analysis.groups import rollup
from samverkan_cli.analysis.load import ORG_TYPES
from samverkan_cli.analysis.rows import CommentGroup, KommunRow, ResponseRate
from samverkan_cli.analysis.scored import FloatArray, Scored
from samverkan_cli.store.rates import response_rate
from samverkan_cli.store.status import frame_sizes

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["comments", "kommun_table", "organisation_counts", "response_rates"]


def organisation_counts(sc: Scored) -> tuple[Any, Any]:
    """Responses and distinct organisations per cell, shaped ``(wave, lan + 1, org_typ + 1)``."""
    data = sc.data
    shape = (len(data.waves), len(data.lans), len(ORG_TYPES))
    cells = int(np.prod(shape))
    cell = (data.wave * shape[1] + data.lan) * shape[2] + data.typ
    responses = np.bincount(cell, minlength=cells).astype(float)
    key = data.wave * (int(data.org_id.max(initial=0)) + 1) + data.org_id
    _, first = np.unique(key, return_index=True)
    organisations = np.bincount(cell[first], minlength=cells).astype(float)
    return rollup(responses[:, None], shape)[..., 0], rollup(organisations[:, None], shape)[..., 0]


def _frames(store: Store, lans: tuple[str, ...]) -> dict[tuple[str, str], int]:
    """Frame sizes per (lan, org_typ) including riket and alla where every part has a frame.

    ``alla`` covers vårdcentraler and kommuner (``annan`` has no frame); riket needs a frame in
    every county.
    """
    sizes = dict(frame_sizes(store))
    counties = sorted({lan for lan, typ in sizes if typ == "kommun"})
    framed = ("vardcentral", "kommun")
    for typ in framed:
        if all((lan, typ) in sizes for lan in counties):
            sizes[(RIKET, typ)] = sum(sizes[(lan, typ)] for lan in counties)
    for lan in (*counties, *lans, RIKET):
        if all((lan, typ) in sizes for typ in framed):
            sizes[(lan, ALLA)] = sum(sizes[(lan, typ)] for typ in framed)
    return sizes


def frame_array(store: Store, lans: tuple[str, ...]) -> FloatArray | None:
    """Register sizes of the vårdcentral and kommun cells as ``(lan + 1, org_typ + 1)``, NaN elsewhere.

    ``None`` when no cell has a register. "alla" and "annan" stay NaN: annan has no register, so
    their intervals are computed as for a sample from a large population.
    """
    sizes = _frames(store, lans)
    out = np.full((len(lans) + 1, len(TYPES)), np.nan)
    for i, lan in enumerate((*lans, RIKET)):
        for typ in ("vardcentral", "kommun"):
            if (lan, typ) in sizes:
                out[i, TYPES.index(typ)] = sizes[(lan, typ)]
    return None if np.isnan(out).all() else out


def response_rates(sc: Scored, store: Store) -> tuple[ResponseRate, ...]:
    """Responses, organisations, frame and response rate per group (counts are not suppressed).

    Who answered is public (the reports list it per kommun), so counts are shown for every group.
    The rate counts organisations of the framed types only and is capped at 1.
    """
    grid = sc.grid
    responses, organisations = organisation_counts(sc)
    sizes = _frames(store, grid.lans)
    rows: list[ResponseRate] = []
    annan = TYPES.index("annan")
    for w, lan, t in grid.groups():
        if responses[w, lan, t] == 0:
            continue
        # ``annan`` has no frame, and ``alla`` counts only the framed types against its frame.
        frame = None if TYPES[t] == "annan" else sizes.get((grid.all_lans[lan], TYPES[t]))
        framed_orgs = organisations[w, lan, t] - (organisations[w, lan, annan] if TYPES[t] == ALLA else 0)
        rows.append(
            ResponseRate(
                *grid.labels(w, lan, t),
                responses=int(responses[w, lan, t]),
                organisations=int(organisations[w, lan, t]),
                frame=frame,
                response_rate=response_rate(framed_orgs, frame),
            )
        )
    return tuple(rows)


def kommun_table(sc: Scored) -> tuple[KommunRow, ...]:
    """Per wave and county, every kommun: did its socialtjänst answer, how many vårdcentraler did.

    Never a score of a single organisation.
    """
    from samverkan_cli.reference import kommuner_in_lan

    data, grid = sc.data, sc.grid
    key = data.wave * (int(data.org_id.max(initial=0)) + 1) + data.org_id
    _, first = np.unique(key, return_index=True)
    counts: dict[tuple[int, str, int], int] = {}
    for w, kommun, t in zip(data.wave[first], data.kommun[first], data.typ[first], strict=True):
        counts[(int(w), str(kommun), int(t))] = counts.get((int(w), str(kommun), int(t)), 0) + 1
    vc, km, annan = (ORG_TYPES.index(t) for t in ("vardcentral", "kommun", "annan"))
    rows: list[KommunRow] = []
    present = {(int(w), int(lan)) for w, lan in zip(data.wave, data.lan, strict=True)}
    for w, lan in sorted(present):
        if not grid.shows(w, lan, len(ORG_TYPES)) or "lan" not in grid.by:
            continue
        for kommun in kommuner_in_lan(grid.lans[lan]):
            rows.append(
                KommunRow(
                    wave=grid.waves[w],
                    lan=grid.lans[lan],
                    kommun_code=kommun.code,
                    kommun_name=kommun.name,
                    socialtjanst=counts.get((w, kommun.code, km), 0) > 0,
                    vardcentraler=counts.get((w, kommun.code, vc), 0),
                    annan=counts.get((w, kommun.code, annan), 0),
                )
            )
    return tuple(rows)


def comments(sc: Scored, instrument: Instrument) -> tuple[CommentGroup, ...]:
    """Masked free-text answers per wave x lan x org_typ, only for groups of at least ``min_n`` units.

    Sorted alphabetically (not by submission) so the order reveals nothing about who wrote what.
    """
    data, grid = sc.data, sc.grid
    text_items = [i.id for i in instrument.descriptive_items if i.scale.type == "text"]
    if not text_items:
        return ()
    answers = data.answers
    sub = answers[answers["item"].isin(text_items) & answers["value"].notna()]
    by_group: dict[tuple[int, int, int, int], list[str]] = {}
    order = {item: k for k, item in enumerate(text_items)}
    for r, item, text in zip(
        sub["resp"].tolist(), sub["item"].astype(str).tolist(), sub["value"].tolist(), strict=True
    ):
        text = str(text).strip()
        if text:
            key = (int(data.wave[r]), int(data.lan[r]), int(data.typ[r]), order[item])
            by_group.setdefault(key, []).append(text)
    # Organisations, not units: with one unit per response one organisation's answers are not a group.
    _, organisations = organisation_counts(sc)
    rows: list[CommentGroup] = []
    for (w, lan, t, k), texts in sorted(by_group.items()):
        n = int(organisations[w, lan, t])
        if n < sc.options.min_n or not grid.shows(w, lan, t):
            continue
        rows.append(CommentGroup(*grid.labels(w, lan, t), item=text_items[k], n=n, comments=tuple(sorted(texts))))
    return tuple(rows)
