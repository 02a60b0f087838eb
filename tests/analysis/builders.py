"""Build small stores from a compact spec: one dict per response."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samverkan_cli.instrument import Instrument, load_instrument
from samverkan_cli.reference import kommun_by_code
from samverkan_cli.store import Store, open_store

Spec = dict[str, Any]


def resp(org: str, typ: str, kommun: str, wave: str = "2026", **answers: Any) -> Spec:
    """One response of organisation ``org`` (name) of type ``typ`` in ``kommun`` (code)."""
    return {"org": org, "typ": typ, "kommun": kommun, "wave": wave, "answers": answers}


def all_items(instrument: Instrument, value: Any) -> dict[str, Any]:
    """An agree4 value for every scored item; yesno items get Ja for 3-4 and Nej for 1-2."""
    out: dict[str, Any] = {}
    for item in instrument.scored_items:
        v = value(item) if callable(value) else value
        out[item.id] = (1 if v >= 3 else 0) if item.scale.max_value == 1 else v
    return out


def _answer_rows(instrument: Instrument, item_id: str, answer: Any) -> list[tuple[str, str | None, float | None]]:
    item = instrument.item(item_id)
    scale = item.scale
    if scale.scored:
        if isinstance(answer, int | float):
            label = next(lab for lab in scale.labels if lab.value == answer)
            return [(str(answer), label.text.sv, float(answer))]
        for lab in scale.labels:
            if lab.text.sv == answer:
                return [(answer, answer, lab.value)]
        return [(answer, answer, None)]
    if scale.type == "multi":
        return [(code, code, None) for code in answer]
    return [(answer, answer, None)]


def build(
    responses: list[Spec],
    path: Path | None = None,
    instrument: Instrument | None = None,
    signatures: dict[str, dict[str, str]] | None = None,
    frame: list[tuple[str, str, str]] | None = None,
) -> Store:
    """A store holding ``responses``; one import per wave with the instrument's item signatures."""
    inst = instrument or load_instrument(None)
    store = open_store(path or Path(":memory:"), create=True)
    sigs = signatures or {}
    orgs: dict[tuple[str, str, str], int] = {}
    imports: dict[str, int] = {}
    with store.transaction() as db:
        for n, spec in enumerate(responses):
            wave = spec["wave"]
            if wave not in imports:
                cur = db.execute(
                    "INSERT INTO imports (file_name, sha256, platform, wave, imported_at, rows, imported, "
                    "quarantined, duplicates, tool_version, instrument_id, instrument_version, item_signatures, "
                    "findings) VALUES (?, ?, 'generic', ?, '2026-01-01T00:00:00', 0, 0, 0, 0, 'test', ?, ?, ?, '[]')",
                    (
                        f"{wave}.csv",
                        f"sha-{wave}",
                        wave,
                        inst.id,
                        inst.version,
                        json.dumps(sigs.get(wave, inst.signatures())),
                    ),
                )
                imports[wave] = int(cur.lastrowid or 0)
            key = (spec["typ"], spec["kommun"], spec["org"])
            if key not in orgs:
                lan = kommun_by_code(spec["kommun"]).lan_code
                cur = db.execute(
                    "INSERT INTO organisations (name, name_key, org_typ, kommun_code, lan_code) VALUES (?, ?, ?, ?, ?)",
                    (spec["org"], spec["org"].casefold(), spec["typ"], spec["kommun"], lan),
                )
                orgs[key] = int(cur.lastrowid or 0)
            cur = db.execute(
                "INSERT INTO responses (import_id, organisation_id, wave, platform, platform_response_id, "
                "submitted_at, source_row, fingerprint) VALUES (?, ?, ?, 'generic', NULL, NULL, ?, ?)",
                (imports[wave], orgs[key], wave, n + 2, f"fp{n}"),
            )
            rid = int(cur.lastrowid or 0)
            for item_id, answer in spec["answers"].items():
                for raw, value, numeric in _answer_rows(inst, item_id, answer):
                    db.execute(
                        "INSERT INTO answers (response_id, item_id, raw_value, value, numeric) VALUES (?, ?, ?, ?, ?)",
                        (rid, item_id, raw, value, numeric),
                    )
        for typ, name, kommun in frame or []:
            lan = kommun_by_code(kommun).lan_code
            db.execute(
                "INSERT INTO frame (org_typ, name, name_key, kommun_code, lan_code, source_file, sha256) "
                "VALUES (?, ?, ?, ?, ?, 'frame.csv', 'x')",
                (typ, name, name.casefold(), kommun, lan),
            )
    return store
