"""``samverkan quarantine list``: the rows held back at import, each with its finding, as a table or CSV."""

from __future__ import annotations

import csv
import io
import shlex
from typing import Annotated, Any, Literal

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt, OutputOpt
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.text import printable

__all__ = ["quarantine_csv", "reason_text", "register"]

quarantine_app = typer.Typer(help="Rader i karantän: visa dem och rätta dem.", no_args_is_help=True)

_NONE = Msg("Inga rader i karantän.", "No rows in quarantine.")
_TITLE = Msg("Rader i karantän: {n}", "Rows in quarantine: {n}")
_HEAD = (
    Msg("Fil", "File"),
    Msg("Rad", "Row"),
    Msg("Mätomgång", "Wave"),
    Msg("Avvikelse", "Finding"),
    Msg("Ref", "Ref"),
)
_FIX = Msg(
    "Rätta raderna: exportera dem, rätta i Excel och importera filen igen (rättade rader släpps ur karantän):\n"
    "  samverkan quarantine list --format csv --output karantan.csv\n"
    "  samverkan import karantan.csv --wave {w}\n"
    "En rättad export från enkätverktyget (samma svars-id) släpper också raderna.",
    "Correct the rows: export them, fix them in Excel and import the file again (corrected rows are released):\n"
    "  samverkan quarantine list --format csv --output karantan.csv\n"
    "  samverkan import karantan.csv --wave {w}\n"
    "A corrected export from the survey platform (same response ids) releases the rows too.",
)
_WRITTEN = Msg(
    "{n} rader skrivna till {o}. Rätta dem och importera: samverkan import {q} --wave {w}",
    "{n} rows written to {o}. Fix them and import: samverkan import {q} --wave {w}",
)
#: the columns every exported row starts with; an import drops every ``samverkan:`` column again
_CSV_HEAD = ("samverkan:ref", "samverkan:fil", "samverkan:rad", "samverkan:mätomgång", "samverkan:avvikelse")


def reason_text(reasons: list[dict[str, Any]], lang: Lang) -> str:
    """The findings of one held row in ``lang`` (rows stored before params were kept show their Swedish text)."""
    from samverkan_cli.ingest.findings import CATALOGUE, Finding

    texts = []
    for r in reasons:
        params = r.get("params")
        if params is not None and r.get("code") in CATALOGUE:
            f = Finding(r["code"], r.get("row"), r.get("column"), r.get("value"), tuple(params.items()))
            text = f.message(lang)
        else:
            text = str(r.get("message", r.get("code", "")))
        texts.append(f"{r['column']}: {text}" if r.get("column") else text)
    return "; ".join(texts)


def quarantine_csv(rows: list[dict[str, Any]], lang: Lang) -> str:
    """The held rows as CSV: reference, file, row, wave, finding, then their own columns as in the export."""
    from samverkan_cli.store.writes import quarantine_ref

    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row["raw"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*_CSV_HEAD, *columns])
    for row in rows:
        writer.writerow(
            [
                quarantine_ref(row["sha256"], row["row"]),
                row["file"],
                row["row"],
                row["wave"],
                reason_text(row["reasons"], lang),
                *(row["raw"].get(c, "") for c in columns),
            ]
        )
    return buffer.getvalue()


@quarantine_app.command("list")
def quarantine_list(
    ctx: typer.Context,
    fmt: Annotated[Literal["table", "csv"], typer.Option("--format", "-f", help="table eller csv.")] = "table",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Visa varje rad i karantän med sin avvikelse; CSV:n kan rättas i Excel och importeras igen."""
    from rich.table import Table

    from samverkan_cli.store import queries
    from samverkan_cli.store.writes import quarantine_ref

    st = state(ctx)
    lg = st.use_lang(lang)
    with st.store() as store:
        rows = queries.held_rows(store)
    wave = rows[-1]["wave"] if rows else "2026"
    if fmt == "csv":
        text = quarantine_csv(rows, lg)
        if output is None:
            print(printable(text), end="")
            return
        # utf-8-sig: Excel opens the file with å, ä, ö intact.
        output.write_text(text, encoding="utf-8-sig")
        st.err.print(
            _WRITTEN.render(lg, n=len(rows), o=output, q=shlex.quote(str(output)), w=shlex.quote(wave)), markup=False
        )
        return
    if not rows:
        st.out.print(_NONE.render(lg))
        return
    table = Table(title=_TITLE.render(lg, n=len(rows)), title_justify="left")
    for head in _HEAD:
        table.add_column(head.render(lg))
    for row in rows:
        table.add_row(
            row["file"],
            str(row["row"]),
            row["wave"],
            reason_text(row["reasons"], lg),
            quarantine_ref(row["sha256"], row["row"]),
        )
    st.out.print(table)
    st.err.print(_FIX.render(lg, w=shlex.quote(wave)), markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(quarantine_app, name="quarantine")
