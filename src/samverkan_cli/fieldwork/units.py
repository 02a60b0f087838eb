"""The population of a wave: register units, with the built-in kommuner where no kommun register exists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Lang, Msg

if TYPE_CHECKING:
    from samverkan_cli.config import Config
    from samverkan_cli.instrument import Instrument
    from samverkan_cli.store import Store

__all__ = ["KOMMUN", "Unit", "choose_wave", "org_labels", "population", "wanted_lans"]

#: The organisation type whose units are one per kommun (a kommun's social services).
KOMMUN = "kommun"


@dataclass(frozen=True)
class Unit:
    """One unit that should answer: identity (type, kommun, name key) and the register's own columns."""

    org_typ: str
    name: str
    name_key: str
    kommun_code: str
    lan_code: str
    contacts: dict[str, str]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.org_typ, self.kommun_code, self.name_key)


def population(store: Store, lans: Iterable[str] | None = None) -> list[Unit]:
    """Every register unit, plus each kommun's social services from the built-in list unless a kommun
    register was imported for that county.

    Limited to ``lans`` when given, else to the counties the project covers (a register or responses),
    so a project for one county does not list the whole country's kommuner.
    """
    from samverkan_cli.ingest.organisations import kommun_unit_name
    from samverkan_cli.reference import kommuner
    from samverkan_cli.store.fieldwork import frame_rows, frame_types, project_counties

    wanted = set(lans) if lans else (project_counties(store) or None)
    units = [Unit(r.org_typ, r.name, r.name_key, r.kommun_code, r.lan_code, r.contacts) for r in frame_rows(store)]
    with_kommun_register = frame_types(store).get(KOMMUN, set())
    units += [
        Unit(KOMMUN, kommun_unit_name(k.name), "", k.code, k.lan_code, {})
        for k in kommuner()
        if k.lan_code not in with_kommun_register
    ]
    units = [u for u in units if wanted is None or u.lan_code in wanted]
    return sorted(units, key=lambda u: (u.lan_code, u.kommun_code, u.org_typ, u.name))


def wanted_lans(lans: list[str] | None) -> list[str] | None:
    """Normalise ``--lan`` values (``1`` -> ``01``) and refuse unknown county codes."""
    from samverkan_cli.reference import lan

    if not lans:
        return None
    known = {c.code for c in lan()}
    out = [code.strip().zfill(2) for code in lans]
    bad = [code for code in out if code not in known]
    if bad:
        raise UsageError(
            Msg("Okänd länskod: {c}.", "Unknown county code: {c}.").format(c=", ".join(bad)),
            Msg("Länskoder: {k}.", "County codes: {k}.").format(k=", ".join(sorted(known))),
        )
    return out


def choose_wave(store: Store, config: Config, wave: str | None) -> str:
    """``--wave``, else the last declared wave, else the latest wave with responses."""
    from samverkan_cli.store.queries import waves

    if wave:
        return wave
    if config.declared_waves:
        return config.declared_waves[-1]
    stored = waves(store)
    if not stored:
        raise UsageError(
            Msg("Ingen mätomgång: inga svar är importerade.", "No wave: no responses have been imported."),
            Msg("Ange --wave eller deklarera [[waves]] i samverkan.toml.", "Give --wave or declare [[waves]]."),
        )
    return stored[-1]


def org_labels(instrument: Instrument, lang: Lang) -> dict[str, str]:
    """Organisation type code -> its label in the codebook."""
    return {code: instrument.org_type_label(code, lang) for code in instrument.org_type_codes()}
