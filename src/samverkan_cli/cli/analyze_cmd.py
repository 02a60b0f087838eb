"""``samverkan analyze``: scores per county and organisation type as a table, JSON or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import FormatOpt, LangOpt, LanOpt, OutputOpt, WaveOpt
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.text import printable

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult
    from samverkan_cli.instrument import Instrument

__all__ = ["register"]


def analyze(
    ctx: typer.Context,
    wave: WaveOpt = None,
    lan: LanOpt = None,
    by: Annotated[str, typer.Option("--by", help="Gruppering: lan,org_typ, lan eller org_typ.")] = "lan,org_typ",
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension", "-d", help="Dimension (id eller namn, eller index) att visa, med dess frågor; kan upprepas."
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="organisation (standard) eller response.", show_default=False)
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Poäng per län och verksamhetstyp med jämförelser mot riket (tabell, JSON eller CSV)."""
    from samverkan_cli.analysis import AnalysisOptions
    from samverkan_cli.analysis import analyze as run_analysis
    from samverkan_cli.errors import UsageError

    st = state(ctx)
    lg = st.use_lang(lang)
    if fmt not in ("table", "json", "csv"):
        raise UsageError(
            Msg("Okänt format {f!r}.", "Unknown format {f!r}.").format(f=fmt),
            Msg("Välj --format table, json eller csv.", "Choose --format table, json or csv."),
        )
    if unit is not None and unit not in ("organisation", "response"):
        raise UsageError(
            Msg("Okänd analysenhet {u!r}.", "Unknown unit {u!r}.").format(u=unit),
            Msg("Välj --unit organisation eller response.", "Choose --unit organisation or response."),
        )
    config = st.config()
    instrument = st.instrument()
    options = AnalysisOptions.from_config(
        config,
        waves=(wave,) if wave else None,
        lan=tuple(lan) if lan else None,
        unit=unit,
        by=tuple(b.strip() for b in by.split(",") if b.strip()),
        measures=_measures(instrument, dimension),
    )
    with st.store() as store:
        result = run_analysis(store, instrument, options)
    if fmt == "json":
        _write(st, output, result.to_json())
    elif fmt == "csv" and lg == "sv":
        from samverkan_cli.reports.csv_export import swedish_csv

        _write(st, output, swedish_csv(result, instrument))
    elif fmt == "csv":
        _write(st, output, result.to_csv())
    else:
        _table(st, result, instrument, lg, output)


def _measures(instrument: Instrument, dimensions: list[str] | None) -> tuple[str, ...] | None:
    """``--dimension rutiner`` (or its name, ``Rutiner för samverkan``) shows it and its items."""
    if not dimensions:
        return None
    from samverkan_cli.errors import UsageError
    from samverkan_cli.text import fold

    # The id, or the Swedish or English name in any case, with or without å/ä/ö.
    names = {fold(d.id, accents=False): d.id for d in instrument.dimensions}
    for d in instrument.dimensions:
        names.update({fold(d.label.sv, accents=False): d.id, fold(d.label.en, accents=False): d.id})
    for text in ("index", instrument.index_label.sv, instrument.index_label.en):
        names[fold(text, accents=False)] = "index"
    out: list[str] = []
    for dim in dimensions:
        found = names.get(fold(dim, accents=False))
        if found == "index":
            out.append("index")
        elif found is not None:
            out += [found, *(i.id for i in instrument.items_of(found))]
        else:
            choices = [f"{d.id} ({d.label.sv})" for d in instrument.dimensions]
            raise UsageError(
                Msg("Okänd dimension {d!r}.", "Unknown dimension {d!r}.").format(d=dim),
                Msg("Välj bland: {a}", "Choose from: {a}").format(a=", ".join([*choices, "index"])),
            )
    return tuple(out)


def _write(st: State, output: Path | None, text: str) -> None:
    if output is None:
        typer.echo(printable(text), nl=False)
        return
    output.write_text(text, encoding="utf-8")
    st.err.print(Msg("Skrivet: {o}", "Written: {o}").render(st.lang, o=output))


def _table(st: State, result: AnalysisResult, instrument: Instrument, lang: Lang, output: Path | None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from samverkan_cli.reports.score_table import NO_RESULTS, legend, score_tables

    file_console = None
    if output is not None:
        file_console = Console(file=output.open("w", encoding="utf-8"), highlight=False, width=200)
    out = file_console or st.out
    if not result.results:
        out.print(NO_RESULTS.render(lang))
    for score_table in score_tables(result, instrument, lang):
        # Light rules and one space of padding: a county's row stays on one line in 100 columns.
        out.print(score_table.title, style="bold", markup=False)
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
        for j, column in enumerate(score_table.columns):
            right = score_table.numbers_right and j >= 1
            table.add_column(column, justify="right" if right else "left", no_wrap=j == 0)
        for row in score_table.rows:
            table.add_row(*row)
        out.print(table)
    out.print(legend(result, lang))
    if file_console is not None:
        file_console.file.close()
        st.err.print(Msg("Skrivet: {o}", "Written: {o}").render(lang, o=output))


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
