"""``samverkan import FILE...``: read exports, validate, store; print what was odd."""

from __future__ import annotations

import json
import shlex
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_cli.cli.context import State, state
from samverkan_cli.cli.options import LangOpt, TextFormatOpt
from samverkan_cli.cli.outcomes import import_exit_code
from samverkan_cli.cli.progress import progress_bar
from samverkan_cli.i18n import Msg, counted

if TYPE_CHECKING:
    from samverkan_cli.config import WaveConfig
    from samverkan_cli.ingest.findings import Finding
    from samverkan_cli.ingest.pipeline import FileReport, ImportSummary

__all__ = ["print_summary", "register"]

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_MAX_EXAMPLES = 5
_STRICT = Msg(
    "--strict: inget sparades eftersom filerna har avvikelser.",
    "--strict: nothing was stored because the files have findings.",
)
_DRY_RUN = Msg("(provkörning: inget sparades)", "(dry run: nothing was stored)")
_ROWS = Msg(" (rader {rows}{more})", " (rows {rows}{more})")
_ROW = Msg("rad {n}", "row {n}")
_COLUMN = Msg("kolumn {c}", "column {c}")
_MORE = Msg(
    "      … {n} till (visa alla med --verbose eller --report FIL)",
    "      … {n} more (show all with --verbose or --report FILE)",
)


def run_import(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Enkätexporter (CSV, XLSX, SAV ...).", show_default=False)],
    wave: Annotated[str | None, typer.Option("--wave", "-w", help="Mätomgång, t.ex. 2026.")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="Mappningsfil (TOML) för egna rubriker.")] = None,
    mapping_template: Annotated[
        bool, typer.Option("--mapping-template", help="Skriv en mappningsmall för filen och avsluta.")
    ] = False,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Bladets namn eller nummer i en arbetsbok.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Varje avvikelse stoppar importen.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Kontrollera allt men spara inget.")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Skriv valideringsrapporten som JSON.")] = None,
    fmt: TextFormatOpt = "text",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Visa alla avvikelser, inte bara exempel.")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Ersätt en fil som redan importerats (t.ex. nu med --mapping).")
    ] = False,
    new_wave: Annotated[
        bool, typer.Option("--new-wave", help="Tillåt en mätomgång som inte är deklarerad i samverkan.toml.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Läs in enkätexporter, kontrollera dem mot instrumentet och spara svaren."""
    from samverkan_cli.ingest.matching import load_mapping, write_mapping_template
    from samverkan_cli.ingest.pipeline import import_files
    from samverkan_cli.instrument import load_instrument

    st = state(ctx)
    lg = st.use_lang(lang)
    if mapping_template:
        from samverkan_cli.readers import read_table

        instrument = st.instrument() if _has_project(st) else load_instrument()
        for file in files:
            out = Path.cwd() / f"{file.stem}.mapping.toml"
            write_mapping_template(read_table(file, sheet=sheet), instrument, out)
            st.err.print(
                Msg(
                    "Mappningsmall skriven: {o}\nFyll i den och importera med --mapping {o}",
                    "Mapping template written: {o}\nFill it in and import with --mapping {o}",
                ).render(lg, o=out)
            )
        return
    from samverkan_cli.readers import ReadLimits

    store = None
    declared: tuple[WaveConfig, ...] = ()
    limits = ReadLimits()
    if dry_run and not _has_project(st):
        instrument = load_instrument()
        config_wave, config_strict = "", False
    else:
        config = st.config()
        instrument = st.instrument()
        config_wave, config_strict = config.import_.wave, config.import_.strict
        declared = config.waves
        limits = ReadLimits.of(config.import_.max_cells, config.import_.max_sheet_mb)
        if not dry_run or config.database.exists():
            store = st.store()
    if mapping is None and store is not None:
        mapping = st.config().mapping_path()
    mapping_dict = load_mapping(mapping, instrument) if mapping else None
    callback, bar = progress_bar(st)
    try:
        with bar:
            summary = import_files(
                store,
                instrument,
                files,
                wave or config_wave,
                mapping=mapping_dict,
                sheet=sheet,
                strict=strict or config_strict,
                dry_run=dry_run,
                progress=callback,
                replace=replace,
                waves=declared,
                new_wave=new_wave,
                limits=limits,
            )
    finally:
        if store is not None:
            store.close()
    doc = summary.to_dict(lg)
    if report:
        report.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if fmt == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print_summary(st, summary, verbose)
    code = import_exit_code(summary)
    if code:
        raise typer.Exit(code)


def _has_project(st: State) -> bool:
    from samverkan_cli.errors import UsageError

    try:
        st.config()
    except UsageError:
        return False
    return True


def print_summary(st: State, summary: ImportSummary, verbose: bool = False) -> None:
    """A readable account per file, findings grouped by kind, and one summary line."""
    from rich.markup import escape

    lg = st.lang
    out = st.err
    for report in summary.files:
        _print_file(st, report, verbose)
    if summary.strict and import_exit_code(summary):
        out.print("[bold red]" + escape(_STRICT.render(lg)) + "[/]")
    line = summary.summary().render(lg)
    out.print(f"[bold]{escape(line)}[/]" if not st.quiet else line)
    if summary.dry_run:
        out.print(_DRY_RUN.render(lg))


def _print_file(st: State, report: FileReport, verbose: bool) -> None:
    from rich.markup import escape

    from samverkan_cli.ingest.findings import SEVERITY_WORDS

    lg = st.lang
    out = st.err
    if report.already_imported:
        out.print(
            escape(
                Msg(
                    "{f}: redan importerad (samma innehåll, mätomgång {w}) – inget ändrades.\n"
                    "      → Importera om (t.ex. med en mappning): samverkan import {p} --wave {w} --replace",
                    "{f}: already imported (same content, wave {w}) – nothing changed.\n"
                    "      → To import it again (e.g. with a mapping): samverkan import {p} --wave {w} --replace",
                ).render(
                    lg,
                    f=report.file,
                    w=shlex.quote(report.already_imported_wave or ""),
                    p=shlex.quote(report.path or report.file),
                )
            )
        )
        return
    counts = " · ".join(
        c.render(lg)
        for c in (
            counted(report.rows, "rad|rader", "row|rows"),
            counted(report.imported, "svar", "response|responses"),
            Msg(f"{report.quarantined} i karantän", f"{report.quarantined} quarantined"),
            counted(report.duplicates, "dubblett|dubbletter", "duplicate|duplicates"),
        )
    )
    head = Msg("{f}  ({p}, {e}): {c}", "{f}  ({p}, {e}): {c}").render(
        lg, f=report.file, p=report.platform, e=report.encoding or report.sheet or "–", c=counts
    )
    out.print(f"[bold]{escape(head)}[/]")
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[(finding.severity, finding.code)].append(finding)
    order = {"error": 0, "warning": 1, "info": 2}
    for (severity, _code), items in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        word = SEVERITY_WORDS[severity].render(lg)
        style = _SEVERITY_STYLE[severity]
        if all(f.row is None and f.column for f in items) and len(items) > 1:
            # Column-level findings of one kind: one line naming the columns.
            columns = ", ".join(repr(_short(f.column or "", 40)) for f in items)
            out.print(f"  [{style}]{word}[/] ({len(items)}×) {escape(items[0].message(lg))}")
            out.print(f"      {escape(columns)}")
            if severity != "info":
                out.print(f"      → {escape(items[0].hint(lg))}")
            continue
        if severity == "info" and not verbose and len(items) > 1:
            rows = ", ".join(str(f.row) for f in items[:10] if f.row is not None)
            more = "…" if len(items) > 10 else ""
            where = _ROWS.render(lg, rows=rows, more=more) if rows else ""
            out.print(f"  [{style}]{word}[/] ({len(items)}×) {escape(items[0].message(lg))}{escape(where)}")
            continue
        head = items[0].hint(lg) if severity != "info" else ""
        out.print(f"  [{style}]{word}[/] ({len(items)}×) {escape(head)}".rstrip())
        shown = items if verbose else items[:_MAX_EXAMPLES]
        for f in shown:
            where_parts = []
            if f.row is not None:
                where_parts.append(_ROW.render(lg, n=f.row))
            if f.column:
                where_parts.append(_COLUMN.render(lg, c=repr(_short(f.column))))
            prefix = ", ".join(where_parts)
            out.print(f"      {escape(prefix + ': ' if prefix else '')}{escape(f.message(lg))}")
        if len(items) > len(shown):
            out.print(_MORE.render(lg, n=len(items) - len(shown)))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    app.command("import")(run_import)
