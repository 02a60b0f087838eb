"""``samverkan status``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import LanOpt, WaveOpt
from samverkan_cli.i18n import Msg

if TYPE_CHECKING:
    from rich.console import JustifyMethod

__all__ = ["register"]

_EMPTY = Msg(
    "Projektet {d} är tomt: inga svar är importerade ännu.\n"
    "Nästa steg:\n"
    "  samverkan import EXPORT.xlsx --wave 2026     (läs in en enkätexport)\n"
    "  samverkan frame import vardcentraler.xlsx    (register för svarsfrekvens)\n"
    "eller lägg filerna i {d}/inbox och kör `samverkan run`.",
    "The project {d} is empty: no responses have been imported yet.\n"
    "Next:\n"
    "  samverkan import EXPORT.xlsx --wave 2026     (read a survey export)\n"
    "  samverkan frame import vardcentraler.xlsx    (register for response rates)\n"
    "or put the files in {d}/inbox and run `samverkan run`.",
)


def status(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table eller json.")] = "table",
    progress: Annotated[
        bool,
        typer.Option("--progress", help="Fältperiodens förlopp per län; skriver reports/intern/faltarbete.html."),
    ] = False,
    wave: WaveOpt = None,
    lan: LanOpt = None,
) -> None:
    """Visa vad projektet innehåller: mätomgångar, svar per län och typ, karantän, importer."""
    from samverkan_cli.store.status import project_status

    st = state(ctx)
    config = st.config()
    if progress:
        _progress(st, fmt, wave, lan)
        return
    with st.store() as store:
        doc = project_status(store)
    if fmt == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        raise typer.BadParameter("table | json", param_hint="--format")
    if not doc["waves"]:
        st.out.print(_EMPTY.render(st.lang, d=config.root))
        return
    _print_tables(st, doc)


_WAVE_TITLE = Msg("Mätomgång {w}: {r} svar från {o} verksamheter", "Wave {w}: {r} responses from {o} organisations")
_COLUMNS: tuple[tuple[Msg, JustifyMethod], ...] = (
    (Msg("Län", "County"), "left"),
    (Msg("Typ", "Type"), "left"),
    (Msg("Svar", "Responses"), "right"),
    (Msg("Verksamheter", "Organisations"), "right"),
    (Msg("Urval", "Frame"), "right"),
    (Msg("Svarsfrekvens", "Rate"), "right"),
)
_QUARANTINE = Msg("Rader i karantän: {q}", "Rows in quarantine: {q}")
_NO_FRAME = Msg(
    "Inget vårdcentralsregister importerat: svarsfrekvens för vårdcentraler visas som –.",
    "No vårdcentral register imported: response rates for vårdcentraler show as –.",
)
_LAST_IMPORTS = Msg("Senaste importer:", "Last imports:")
_IMPORT_LINE = Msg(
    "  {when}  {file}  ({platform}, {wave}): {imported} / {rows}, {quarantined} i karantän",
    "  {when}  {file}  ({platform}, {wave}): {imported} / {rows}, {quarantined} quarantined",
)


def _print_tables(st: State, doc: dict[str, Any]) -> None:
    from rich.table import Table

    from samverkan_cli.reference import lan_name

    lg = st.lang
    org_item = st.instrument().role_item("org_typ")
    org_label = {o.code: o.text.get(lg) for o in org_item.scale.options} if org_item else {}
    for wave in doc["waves"]:
        table = Table(
            title=_WAVE_TITLE.render(lg, w=wave["wave"], r=wave["responses"], o=wave["organisations"]),
            title_justify="left",
        )
        for label, justify in _COLUMNS:
            table.add_column(label.render(lg), justify=justify)
        for g in wave["by_group"]:
            rate = "–" if g["response_rate"] is None else f"{g['response_rate'] * 100:.0f} %"
            table.add_row(
                f"{g['lan']} {lan_name(g['lan'])}",
                org_label.get(g["org_typ"], g["org_typ"]),
                str(g["responses"]),
                str(g["organisations"]),
                "–" if g["frame"] is None else str(g["frame"]),
                rate,
            )
        st.out.print(table)
    st.out.print(_QUARANTINE.render(lg, q=doc["quarantined"]))
    if doc["frame_units"] == 0:
        st.out.print(_NO_FRAME.render(lg))
    if doc["imports"]:
        st.out.print(_LAST_IMPORTS.render(lg))
        for imp in doc["imports"][:5]:
            st.out.print(_IMPORT_LINE.render(lg, when=imp["imported_at"][:16], **{k: imp[k] for k in _IMPORT_KEYS}))


_IMPORT_KEYS = ("file", "platform", "wave", "imported", "rows", "quarantined")

_PROGRESS_TITLE = Msg(
    "Fältperiod {w}: svarsfrekvens mot registret per län, längst efter först",
    "Field period {w}: response rate against the register per county, furthest behind first",
)
_PERIOD = Msg("Deklarerad fältperiod: {s} – {e}", "Declared field period: {s} – {e}")
_PROGRESS_COLUMNS: tuple[tuple[Msg, JustifyMethod], ...] = (
    (Msg("Län", "County"), "left"),
    (Msg("Register", "Register"), "right"),
    (Msg("Svarat", "Answered"), "right"),
    (Msg("Svarsfrekvens", "Rate"), "right"),
    (Msg("Halvvägs", "Halfway"), "right"),
)
_PAGE = Msg("Intern sida: {p}", "Internal page: {p}")


def _progress(st: State, fmt: str, wave: str | None, lan: list[str] | None) -> None:
    """``status --progress``: the field period per county on screen (or JSON), and the internal page."""
    from dataclasses import asdict

    from rich.table import Table

    from samverkan_cli.fieldwork import choose_wave, field_progress
    from samverkan_cli.fieldwork.page import write_page
    from samverkan_cli.fieldwork.units import wanted_lans

    config = st.config()
    lg = st.lang
    with st.store() as store:
        p = field_progress(store, config, choose_wave(store, config, wave), wanted_lans(lan))
    page = write_page(p, config.path("reports"), lg)
    if fmt == "json":
        print(json.dumps({**asdict(p), "page": str(page)}, ensure_ascii=False, indent=2))
        return
    table = Table(title=_PROGRESS_TITLE.render(lg, w=p.wave), title_justify="left")
    for label, justify in _PROGRESS_COLUMNS:
        table.add_column(label.render(lg), justify=justify)
    for c in p.counties:
        half = next((day for day, share in zip(p.days, c.curve, strict=True) if share >= 0.5), "–")
        rate = "–" if c.rate is None else f"{c.rate * 100:.0f} %"
        table.add_row(f"{c.lan} {c.name}", str(c.frame), str(c.responded), rate, half)
    st.out.print(table)
    if p.start or p.end:
        st.out.print(_PERIOD.render(lg, s=p.start or "–", e=p.end or "–"))
    st.err.print(_PAGE.render(lg, p=page))


def register(app: typer.Typer) -> None:
    app.command("status")(status)
