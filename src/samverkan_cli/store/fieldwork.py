"""Reads for the field period's working lists: register units, who answered, when, and the audit item."""

from __future__ import annotations

import json
from dataclasses import dataclass

from samverkan_cli.store.db import Store

__all__ = [
    "AnswerRow",
    "FrameRow",
    "RespondentRow",
    "answers_to_item",
    "frame_rows",
    "frame_types",
    "project_counties",
    "respondents",
]


@dataclass(frozen=True)
class FrameRow:
    """One unit of an imported register, with the register's other columns (``contacts``) in file order."""

    org_typ: str
    name: str
    name_key: str
    kommun_code: str
    lan_code: str
    contacts: dict[str, str]


@dataclass(frozen=True)
class RespondentRow:
    """One organisation that answered in a wave, with its first and last submission time (ISO text or '')."""

    organisation_id: int
    name: str
    name_key: str
    org_typ: str
    kommun_code: str
    lan_code: str
    first_submitted: str
    last_submitted: str


@dataclass(frozen=True)
class AnswerRow:
    """One response's stored value for one item, with the organisation and the submission time."""

    organisation_id: int
    value: str
    submitted_at: str


def _contacts(text: str | None) -> dict[str, str]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): "" if v is None else str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def frame_rows(store: Store) -> list[FrameRow]:
    """Every unit of the imported registers, by county, kommun, type and name."""
    return [
        FrameRow(r["org_typ"], r["name"], r["name_key"], r["kommun_code"], r["lan_code"], _contacts(r["contacts"]))
        for r in store.query(
            "SELECT org_typ, name, name_key, kommun_code, lan_code, contacts FROM frame"
            " ORDER BY lan_code, kommun_code, org_typ, name"
        )
    ]


def frame_types(store: Store) -> dict[str, set[str]]:
    """The counties each organisation type has an imported register for."""
    out: dict[str, set[str]] = {}
    for r in store.query("SELECT DISTINCT org_typ, lan_code FROM frame"):
        out.setdefault(r["org_typ"], set()).add(r["lan_code"])
    return out


def respondents(store: Store, wave: str) -> list[RespondentRow]:
    """Every organisation with at least one response in ``wave``."""
    return [
        RespondentRow(
            int(r["id"]),
            r["name"],
            r["name_key"],
            r["org_typ"],
            r["kommun_code"],
            r["lan_code"],
            r["first"] or "",
            r["last"] or "",
        )
        for r in store.query(
            "SELECT o.id, o.name, o.name_key, o.org_typ, o.kommun_code, o.lan_code,"
            " MIN(r.submitted_at) AS first, MAX(r.submitted_at) AS last"
            " FROM responses r JOIN organisations o ON o.id = r.organisation_id"
            " WHERE r.wave = ? GROUP BY o.id ORDER BY o.lan_code, o.kommun_code, o.name",
            (wave,),
        )
    ]


def answers_to_item(store: Store, wave: str, item_id: str) -> list[AnswerRow]:
    """The stored values of one item in ``wave``, oldest submission first."""
    return [
        AnswerRow(int(r["organisation_id"]), str(r["value"]), r["submitted_at"] or "")
        for r in store.query(
            "SELECT r.organisation_id, r.submitted_at, a.value FROM answers a"
            " JOIN responses r ON r.id = a.response_id"
            " WHERE r.wave = ? AND a.item_id = ? ORDER BY r.submitted_at, r.id",
            (wave, item_id),
        )
    ]


def project_counties(store: Store) -> set[str]:
    """The counties the project covers: those with a register or with responses in any wave."""
    return {
        str(r[0])
        for r in store.query(
            "SELECT lan_code FROM frame UNION SELECT o.lan_code FROM responses r"
            " JOIN organisations o ON o.id = r.organisation_id"
        )
    }
