"""``samverkan analyze``: scores per county and organisation type as a table, JSON or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import FormatOpt, LangOpt, LanOpt, OutputOpt, WaveOpt
from samverkan_cli.i18n import Lang, Msg

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult
    from samverkan_cli.instrument import Instrument

__all__ = ["format_number", "register"]

THIN_SPACE = "\u2009"
VERDICTS: dict[str, Msg] = {
    "battre": Msg("bättre", "better"),
    "i_niva": Msg("i nivå", "on a par"),
    "samre": Msg("sämre", "worse"),
    "ej_jamforbar": Msg("ej jämförbar", "not comparable"),
}
_LEGEND = Msg(
    ".. = färre än {min_n} verksamheter (visas inte)   * = {min_n}–{last} verksamheter, osäkert   "
    "bättre / i nivå / sämre = jämfört med övriga riket (95 % KI)",
    ".. = fewer than {min_n} organisations (not shown)   * = {min_n}–{last} organisations, uncertain   "
    "better / on a par / worse = compared with the rest of the country (95 % CI)",
)
_TYPES = {
    "vardcentral": Msg("Vårdcentral", "Primary care"),
    "kommun": Msg("Kommun", "Municipality"),
    "annan": Msg("Annan", "Other"),
    "alla": Msg("Alla", "All"),
}


def format_number(value: float | int | None, lang: Lang, digits: int = 1) -> str:
    """``72,4`` and thin-space thousands in Swedish, ``72.4`` / ``1,234`` in English; ``..`` for null."""
    if value is None:
        return ".."
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    if lang == "sv":
        return text.replace(",", THIN_SPACE).replace(".", ",")
    return text


def analyze(
    ctx: typer.Context,
    wave: WaveOpt = None,
    lan: LanOpt = None,
    by: Annotated[str, typer.Option("--by", help="Gruppering: lan,org_typ, lan eller org_typ.")] = "lan,org_typ",
    dimension: Annotated[
        list[str] | None,
        typer.Option("--dimension", "-d", help="Dimension (eller index) att visa, med dess frågor; kan upprepas."),
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
        config.analysis,
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
    elif fmt == "csv":
        _write(st, output, _csv(result))
    else:
        _table(st, result, instrument, lg, output)


def _measures(instrument: Instrument, dimensions: list[str] | None) -> tuple[str, ...] | None:
    """``--dimension rutiner`` shows the dimension and its items; ``index`` the index."""
    if not dimensions:
        return None
    from samverkan_cli.errors import UsageError

    known = {d.id for d in instrument.dimensions}
    out: list[str] = []
    for dim in dimensions:
        if dim == "index":
            out.append("index")
        elif dim in known:
            out += [dim, *(i.id for i in instrument.items_of(dim))]
        else:
            raise UsageError(
                Msg("Okänd dimension {d!r}.", "Unknown dimension {d!r}.").format(d=dim),
                Msg("Välj bland: {a}", "Choose from: {a}").format(a=", ".join([*sorted(known), "index"])),
            )
    return tuple(out)


def _write(st: State, output: Path | None, text: str) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    st.err.print(Msg("Skrivet: {o}", "Written: {o}").render(st.lang, o=output))


def _csv(result: AnalysisResult) -> str:
    import csv
    import io

    from samverkan_cli.analysis import RESULT_COLUMNS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(RESULT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in result.to_csv_rows():
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cell(row: dict[str, Any] | None, verdict: str | None, lang: Lang) -> str:
    if row is None:
        return ""
    if row["suppressed"]:
        return ".."
    text = format_number(row["mean"], lang) + ("*" if row["uncertain"] else "")
    if verdict:
        text += " " + VERDICTS[verdict].render(lang)
    return text


def _table(st: State, result: AnalysisResult, instrument: Instrument, lang: Lang, output: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    from samverkan_cli.reference import lan_name

    sv = lang == "sv"
    meta = result.meta
    present = {r["measure"] for r in result.results}
    default = [d.id for d in instrument.dimensions] + ["index"]
    wanted = list(meta.get("measures") or []) or default
    measures = [m for m in (*default, *(i.id for i in instrument.scored_items)) if m in present and m in wanted]
    if not measures:
        measures = [m for m in default if m in present]
    by_key = {(r["wave"], r["lan"], r["org_typ"], r["measure"]): r for r in result.results}
    verdicts = {
        (c["wave"], c["lan"], c["org_typ"], c["measure"]): c["verdict"]
        for c in result.comparisons
        if c["versus"] == "riket"
    }
    console = st.out if output is None else None
    file_console = None
    if output is not None:
        file_console = Console(file=output.open("w", encoding="utf-8"), highlight=False, width=200)
    out = console or file_console
    assert out is not None
    if not result.results:
        out.print(Msg("Inga resultat att visa.", "No results to show.").render(lang))
    groups = sorted(
        {(r["wave"], r["lan"], r["org_typ"]) for r in result.results},
        key=lambda g: (g[0], g[1] == "riket", g[1], ("vardcentral", "kommun", "annan", "alla").index(g[2])),
    )
    for wave in sorted({g[0] for g in groups}):
        table = Table(
            title=(f"Mätomgång {wave}" if sv else f"Wave {wave}") + f" – {'enhet' if sv else 'unit'}: {meta['unit']}",
            title_justify="left",
        )
        table.add_column("Län" if sv else "County")
        table.add_column("Typ" if sv else "Type")
        table.add_column("n", justify="right")
        for m in measures:
            table.add_column(_measure_label(instrument, m, lang), justify="right")
        for w, lan, typ in groups:
            if w != wave:
                continue
            first = next((by_key.get((w, lan, typ, m)) for m in measures if (w, lan, typ, m) in by_key), None)
            n = None if first is None else first["n"]
            name = ("Riket" if sv else "Sweden") if lan == "riket" else f"{lan} {lan_name(lan)}"
            table.add_row(
                name,
                _TYPES[typ].render(lang),
                format_number(n, lang),
                *(_cell(by_key.get((w, lan, typ, m)), verdicts.get((w, lan, typ, m)), lang) for m in measures),
            )
        out.print(table)
    out.print(_LEGEND.render(lang, min_n=meta["min_n"], last=meta["uncertain_below"] - 1))
    if file_console is not None:
        file_console.file.close()
        st.err.print(Msg("Skrivet: {o}", "Written: {o}").render(lang, o=output))


def _measure_label(instrument: Instrument, measure: str, lang: Lang) -> str:
    if measure == "index":
        return instrument.index_label.get(lang)
    try:
        return instrument.dimension(measure).label.get(lang)
    except KeyError:
        return measure


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
