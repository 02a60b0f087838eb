"""``samverkan instrument show|validate|template``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt
from samverkan_cli.i18n import Msg

__all__ = ["register"]

instrument_app = typer.Typer(help="Visa, validera och skapa mallar för kodboken (instrumentet).", no_args_is_help=True)

FileArg = Annotated[Path | None, typer.Argument(help="Kodbok (TOML). Standard: samverkan-2026.")]


_BACKGROUND = Msg("(bakgrund)", "(background)")
_DESCRIPTIVE = Msg("(beskrivande)", "(descriptive)")
_YES = Msg("ja", "yes")


def _load(file: Path | None):  # type: ignore[no-untyped-def]
    from samverkan_cli.errors import UsageError
    from samverkan_cli.instrument import load_instrument

    if file is not None and not file.exists():
        raise UsageError(
            Msg("Filen {f} finns inte.", "The file {f} does not exist.").format(f=file),
            Msg("Kontrollera sökvägen.", "Check the path."),
        )

    return load_instrument(file)


@instrument_app.command("show")
def show(ctx: typer.Context, file: FileArg = None, lang: LangOpt = None) -> None:
    """Visa kodbokens frågor, skalor och dimensioner som en tabell."""
    from rich.table import Table

    st = state(ctx)
    lg = st.use_lang(lang)
    inst = _load(file)
    table = Table(title=f"{inst.title.get(lg)} ({inst.id} {inst.version})", title_justify="left", show_lines=False)
    table.add_column("Id")
    table.add_column("Dimension")
    table.add_column(Msg("Fråga", "Question").render(lg), overflow="fold", max_width=70)
    table.add_column(Msg("Skala", "Scale").render(lg))
    table.add_column(Msg("Omvänd", "Reverse").render(lg))
    for item in inst.items:
        if item.dimension:
            dim = inst.dimension(item.dimension).label.get(lg)
        else:
            dim = (_BACKGROUND if item.role else _DESCRIPTIVE).render(lg)
        table.add_row(
            item.id,
            dim,
            item.text.get(lg),
            item.scale.id,
            _YES.render(lg) if item.reverse else "",
        )
    st.out.print(table)
    counts = Msg(
        "{s} poängsatta frågor i {d} dimensioner, {b} beskrivande, {g} bakgrundsfrågor.",
        "{s} scored items in {d} dimensions, {b} descriptive, {g} background items.",
    )
    st.out.print(
        counts.render(
            lg,
            s=len(inst.scored_items),
            d=len(inst.dimensions),
            b=len(inst.descriptive_items),
            g=sum(1 for i in inst.items if i.role),
        )
    )


@instrument_app.command("validate")
def validate(ctx: typer.Context, file: Annotated[Path, typer.Argument(help="Kodbok (TOML).")]) -> None:
    """Kontrollera en kodbok och lista varje fel med fil och nyckel."""
    st = state(ctx)
    inst = _load(file)
    st.out.print(
        Msg("{f}: giltig kodbok {i} {v} med {n} frågor.", "{f}: valid codebook {i} {v} with {n} items.").render(
            st.lang, f=file, i=inst.id, v=inst.version, n=len(inst.items)
        )
    )


@instrument_app.command("template")
def template(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="Fil att skriva (.xlsx eller .csv).")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="xlsx eller csv.")] = None,
    file: Annotated[Path | None, typer.Option("--instrument", help="Egen kodbok.")] = None,
    lang: LangOpt = None,
) -> None:
    """Skriv ett tomt svarsblad med frågorna som rubriker (XLSX med rullistor)."""
    from samverkan_cli.errors import UsageError
    from samverkan_cli.instrument.template import write_template

    st = state(ctx)
    lg = st.use_lang(lang)
    fmt = fmt or out.suffix.lstrip(".").lower() or "xlsx"
    if fmt not in ("xlsx", "csv"):
        raise UsageError(
            Msg("Okänt format {f!r}: välj xlsx eller csv.", "Unknown format {f!r}: choose xlsx or csv.").format(f=fmt)
        )
    write_template(_load(file), out, fmt, lg)
    st.err.print(Msg("Mallen är skriven: {o}", "Template written: {o}").render(lg, o=out))


def register(app: typer.Typer) -> None:
    app.add_typer(instrument_app, name="instrument")
