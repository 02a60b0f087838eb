"""``samverkan bortfall``: the register units without a response, for reminders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import LangOpt, LanOpt, OutputOpt, WaveOpt
from samverkan_cli.i18n import Msg
from samverkan_cli.text import printable

if TYPE_CHECKING:
    from samverkan_cli.fieldwork import WorkList

__all__ = ["ListFormatOpt", "emit_worklist", "register"]

ListFormatOpt = Annotated[
    Literal["table", "csv", "xlsx"],
    typer.Option("--format", "-f", help="table (skärm), csv (brevkoppling) eller xlsx."),
]

_WROTE = Msg("Skrev {p} ({n} rader).", "Wrote {p} ({n} rows).")
_PROBABLE = Msg(
    "{n} enheter har troligen svarat under en annan stavning (status 'trolig matchning'): kontrollera dem "
    "innan påminnelsen skickas.",
    "{n} units probably answered under another spelling (status 'probable match'): check them before "
    "sending the reminder.",
)


def emit_worklist(st: State, worklist: WorkList, fmt: str, output: Path | None, default_name: str) -> None:
    """Print the list as a table or CSV, or write CSV/XLSX to ``output`` (XLSX defaults to reports/intern/)."""
    from samverkan_cli.fieldwork.worklist import csv_text, write_csv, write_xlsx

    lg = st.lang
    if fmt == "xlsx" and output is None:
        output = st.config().path("reports") / "intern" / default_name
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        (write_xlsx if fmt == "xlsx" else write_csv)(worklist, output, lg)
        st.err.print(_WROTE.render(lg, p=output, n=len(worklist.rows)))
        return
    if fmt == "csv":
        sys.stdout.write(printable(csv_text(worklist, lg)))
        return
    _print_table(st, worklist)


def _print_table(st: State, worklist: WorkList) -> None:
    from rich.markup import escape
    from rich.table import Table

    if worklist.note:
        st.out.print(f"[bold]{escape(worklist.note)}[/]")
    table = Table(title=escape(worklist.title), title_justify="left")
    for column in worklist.columns:
        table.add_column(escape(column))
    for row in worklist.rows:
        table.add_row(*(escape(cell) for cell in row))
    st.out.print(table)


def bortfall(
    ctx: typer.Context,
    wave: WaveOpt = None,
    lan: LanOpt = None,
    fmt: ListFormatOpt = "table",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Lista registrets enheter som inte svarat i mätomgången (för påminnelser), med registrets kontaktkolumner."""
    from samverkan_cli.fieldwork import choose_wave, nonresponse_list
    from samverkan_cli.fieldwork.units import wanted_lans

    st = state(ctx)
    config = st.config()
    lg = st.use_lang(lang)
    lans = wanted_lans(lan)
    with st.store() as store:
        w = choose_wave(store, config, wave)
        worklist, found = nonresponse_list(store, st.instrument(), w, lans, lg)
    emit_worklist(st, worklist, fmt, output, f"bortfall-{w}.xlsx")
    probable = sum(1 for m in found if m.answered_as)
    if probable:
        st.err.print(_PROBABLE.render(lg, n=probable))


def register(app: typer.Typer) -> None:
    app.command("bortfall")(bortfall)
