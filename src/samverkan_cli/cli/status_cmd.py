"""``samverkan status``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.i18n import Msg

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
) -> None:
    """Visa vad projektet innehåller: mätomgångar, svar per län och typ, karantän, importer."""
    from samverkan_cli.store.status import project_status

    st = state(ctx)
    config = st.config()
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


def _print_tables(st: State, doc: dict[str, Any]) -> None:
    from rich.table import Table

    from samverkan_cli.reference import lan_name

    sv = st.lang == "sv"
    org_item = st.instrument().role_item("org_typ")
    org_label = {o.code: o.text.get(st.lang) for o in org_item.scale.options} if org_item else {}
    for wave in doc["waves"]:
        table = Table(
            title=(f"Mätomgång {wave['wave']}: {wave['responses']} svar från {wave['organisations']} verksamheter")
            if sv
            else (f"Wave {wave['wave']}: {wave['responses']} responses from {wave['organisations']} organisations"),
            title_justify="left",
        )
        for col in (
            ("Län", "County"),
            ("Typ", "Type"),
            ("Svar", "Responses"),
            ("Verksamheter", "Organisations"),
            ("Urval", "Frame"),
            ("Svarsfrekvens", "Rate"),
        ):
            table.add_column(col[0] if sv else col[1], justify="left" if col[0] in ("Län", "Typ") else "right")
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
    q = doc["quarantined"]
    st.out.print(f"Rader i karantän: {q}" if sv else f"Rows in quarantine: {q}")
    if doc["frame_units"] == 0:
        st.out.print(
            "Inget vårdcentralsregister importerat: svarsfrekvens för vårdcentraler visas som –."
            if sv
            else "No vårdcentral register imported: response rates for vårdcentraler show as –."
        )
    if doc["imports"]:
        st.out.print("Senaste importer:" if sv else "Last imports:")
        for imp in doc["imports"][:5]:
            st.out.print(
                f"  {imp['imported_at'][:16]}  {imp['file']}  ({imp['platform']}, {imp['wave']}): "
                f"{imp['imported']} / {imp['rows']}, {imp['quarantined']} " + ("i karantän" if sv else "quarantined")
            )


def register(app: typer.Typer) -> None:
    app.command("status")(status)
