"""The brukarrevision list: organisations that answered yes to the codebook's audit-interest item."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from samverkan_cli.errors import UsageError
from samverkan_cli.fieldwork.dates import submission_day, submission_time
from samverkan_cli.fieldwork.nonresponse import contact_columns
from samverkan_cli.fieldwork.units import org_labels, population
from samverkan_cli.fieldwork.worklist import WorkList
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.text import fold

if TYPE_CHECKING:
    from samverkan_cli.instrument import Instrument, Item
    from samverkan_cli.store import Store

__all__ = ["AUDIT_ROLE", "INTERNAL_NOTE", "audit_list"]

#: The codebook's report role of the interest question (B6 in samverkan-2026).
AUDIT_ROLE = "audit_interest"

INTERNAL_NOTE = Msg(
    "INTERN ARBETSLISTA – publiceras inte. Verksamheter som svarat ja på frågan om intresse för brukarrevision "
    "(mätomgång {w}), för uppföljning. De publicerade rapporterna visar bara andelar.",
    "INTERNAL WORKING LIST – never published. Organisations that answered yes to the question on interest in a "
    "user-led audit (wave {w}), for follow-up. The published reports show shares only.",
)
_NO_ITEM = Msg(
    'Frågeformuläret {i} har ingen fråga med report_role = "audit_interest".',
    'The codebook {i} has no item with report_role = "audit_interest".',
)
_TITLE = Msg("Intresse för brukarrevision {w}: {n} verksamheter", "Interest in a user-led audit {w}: {n} organisations")
_NEVER = datetime.min  # an answer without a time counts as the oldest
_COLUMNS = (
    Msg("Län", "County"),
    Msg("Länsnamn", "County name"),
    Msg("Kommun", "Kommun"),
    Msg("Typ", "Type"),
    Msg("Verksamhet", "Organisation"),
    Msg("Svarsdatum", "Date of answer"),
)


def _yes(item: Item) -> set[str]:
    """The folded spellings of the item's first option: the codebook lists the affirmative answer first."""
    first = item.scale.options[0]
    return {fold(first.code), fold(first.text.sv), fold(first.text.en)}


def audit_list(store: Store, instrument: Instrument, wave: str, lans: list[str] | None, lang: Lang) -> WorkList:
    """Every organisation whose latest answer to the audit-interest item in ``wave`` is yes."""
    from samverkan_cli.reference import kommun_by_code, lan_name
    from samverkan_cli.store.fieldwork import answers_to_item, respondents

    item = instrument.item_with_report_role(AUDIT_ROLE)
    if item is None or not item.scale.options:
        raise UsageError(_NO_ITEM.format(i=instrument.id))
    latest: dict[int, tuple[str, str]] = {}
    # Stored times are the export's own text (12-hour clocks too): order by the parsed time.
    answers = answers_to_item(store, wave, item.id)
    for answer in sorted(answers, key=lambda a: submission_time(a.submitted_at) or _NEVER):
        day = submission_day(answer.submitted_at)
        latest[answer.organisation_id] = (answer.value, day.isoformat() if day else "")
    yes = _yes(item)
    wanted = set(lans) if lans else None
    register = {u.key: u for u in population(store, lans)}
    chosen = [
        (r, latest[r.organisation_id][1])
        for r in respondents(store, wave)
        if r.organisation_id in latest
        and fold(latest[r.organisation_id][0]) in yes
        and (wanted is None or r.lan_code in wanted)
    ]
    contacts = [register.get((r.org_typ, r.kommun_code, r.name_key)) for r, _ in chosen]
    cols = contact_columns(u for u in contacts if u is not None)
    labels = org_labels(instrument, lang)
    rows = [
        [
            r.lan_code,
            lan_name(r.lan_code),
            kommun_by_code(r.kommun_code).name,
            labels.get(r.org_typ, r.org_typ),
            r.name,
            when,
            *((u.contacts.get(c, "") if u else "") for c in cols),
        ]
        for (r, when), u in zip(chosen, contacts, strict=True)
    ]
    return WorkList(
        _TITLE.render(lang, w=wave, n=len(rows)),
        [c.render(lang) for c in _COLUMNS] + cols,
        rows,
        note=INTERNAL_NOTE.render(lang, w=wave),
        sheet=Msg("Brukarrevision", "User-led audit").render(lang),
    )
