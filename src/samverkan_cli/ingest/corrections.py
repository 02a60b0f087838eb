"""Putting mistakes right at import: declared waves, field periods, and fixed quarantine CSVs.

The finding codes of this module are added to :data:`~samverkan_cli.ingest.findings.CATALOGUE`
here, next to the check that makes them, so the catalogue of reader and row findings stays as it is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Msg
from samverkan_cli.ingest.findings import CATALOGUE, Finding

if TYPE_CHECKING:
    from samverkan_cli.config import WaveConfig
    from samverkan_cli.ingest.prepare import PreparedResponse
    from samverkan_cli.readers import RawTable

__all__ = ["REF_COLUMN", "SAMVERKAN_PREFIX", "check_declared_wave", "field_period_finding", "take_refs"]

#: Columns of ``quarantine list --format csv`` start with this; an import drops them.
SAMVERKAN_PREFIX = "samverkan:"
#: The column holding the held row's reference (file SHA-256 prefix and row, ``3f2a9c01b7de:14``)
REF_COLUMN = "samverkan:ref"

CATALOGUE.update(
    {
        "outside_field_period": (
            "warning",
            Msg(
                "{n} svar skickades in utanför mätomgång {wave}s fältperiod ({start} – {end}): {first} – {last}.",
                "{n} responses were submitted outside the field period of wave {wave} ({start} – {end}):"
                " {first} – {last}.",
            ),
            Msg(
                "Hör filen till en annan mätomgång? Ta bort den och importera den igen med rätt --wave;"
                " ta bort med: samverkan remove {file}",
                "Does the file belong to another wave? Remove it and import it again with the right --wave;"
                " remove with: samverkan remove {file}",
            ),
        ),
        "quarantine_released": (
            "info",
            Msg(
                "{n} rader i karantän från tidigare importer ersattes av rättade svar i filen och släpptes.",
                "{n} quarantined rows of earlier imports were superseded by corrected responses in the file"
                " and released.",
            ),
            Msg("Inget att göra.", "Nothing to do."),
        ),
        "replaced_import": (
            "info",
            Msg(
                "Ersatte den tidigare importen av filen ({when}, mätomgång {wave}, {n} svar).",
                "Replaced the earlier import of the file ({when}, wave {wave}, {n} responses).",
            ),
            Msg(
                "Inget att göra: den tidigare importen finns kvar i historiken.",
                "Nothing to do: the earlier import stays in the history.",
            ),
        ),
    }
)


def check_declared_wave(wave: str, declared: tuple[WaveConfig, ...], new_wave: bool) -> None:
    """Raise a usage error when waves are declared, ``wave`` is not one of them and not ``new_wave``."""
    names = [w.name for w in declared]
    if not names or wave in names or new_wave:
        return
    raise UsageError(
        Msg(
            "Mätomgången {w} finns inte bland de deklarerade i samverkan.toml: {d}.",
            "The wave {w} is not among those declared in samverkan.toml: {d}.",
        ).format(w=wave, d=", ".join(names)),
        Msg(
            "Stavfel? Ange en av dem med --wave. En ny mätomgång: lägg till [[waves]] i samverkan.toml"
            " eller importera med --new-wave.",
            "A typo? Give one of them with --wave. A new wave: add [[waves]] to samverkan.toml"
            " or import with --new-wave.",
        ),
    )


def field_period_finding(
    responses: list[PreparedResponse], wave: str, declared: tuple[WaveConfig, ...], file_hint: str
) -> Finding | None:
    """A warning when submission dates fall outside the declared field period of ``wave``."""
    period = next((w for w in declared if w.name == wave), None)
    if period is None or not (period.start or period.end):
        return None
    start = date.fromisoformat(period.start) if period.start else date.min
    end = date.fromisoformat(period.end) if period.end else date.max
    outside: list[date] = []
    for resp in responses:
        day = _day(resp.submitted_at)
        if day is not None and not start <= day <= end:
            outside.append(day)
    if not outside:
        return None
    return Finding.make(
        "outside_field_period",
        n=len(outside),
        wave=wave,
        start=period.start or "…",
        end=period.end or "…",
        first=min(outside).isoformat(),
        last=max(outside).isoformat(),
        file=file_hint,
    )


def _day(text: str | None) -> date | None:
    """The date of an ISO 8601 submission time; None when the export spells it another way."""
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def take_refs(table: RawTable) -> tuple[RawTable, dict[int, str]]:
    """Drop the ``samverkan:`` columns of a fixed quarantine CSV; returns the table and row -> reference."""
    drop = [i for i, c in enumerate(table.columns) if c.name.strip().lower().startswith(SAMVERKAN_PREFIX)]
    if not drop:
        return table, {}
    ref_col = next((i for i in drop if table.columns[i].name.strip().lower() == REF_COLUMN), None)
    refs: dict[int, str] = {}
    if ref_col is not None:
        for row, cells in zip(table.row_numbers, table.rows, strict=True):
            ref = cells[ref_col].strip() if ref_col < len(cells) else ""
            if ":" in ref:
                refs[row] = ref
    keep = [i for i in range(len(table.columns)) if i not in set(drop)]
    new_index = {old: new for new, old in enumerate(keep)}

    def moved(index: int | None) -> int | None:
        return None if index is None else new_index.get(index)

    return (
        replace(
            table,
            columns=[table.columns[i] for i in keep],
            rows=[[cells[i] if i < len(cells) else "" for i in keep] for cells in table.rows],
            response_id_column=moved(table.response_id_column),
            submitted_column=moved(table.submitted_column),
        ),
        refs,
    )
