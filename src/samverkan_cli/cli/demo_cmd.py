"""``samverkan demo [DIR]``: the first command a new user types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt
from samverkan_cli.cli.outcomes import batch_exit_code
from samverkan_cli.cli.progress import progress_bar
from samverkan_cli.i18n import Msg, counted

__all__ = ["register"]


def demo(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Katalog för demoprojektet.")] = Path("samverkan-demo"),
    lang: LangOpt = None,
) -> None:
    """Skapa ett demoprojekt med exempeldata för 21 län och två mätomgångar och kör hela kedjan."""
    import time

    from samverkan_cli.batch.demo import prepare_demo
    from samverkan_cli.batch.run import run_batch
    from samverkan_cli.config import load_config

    st = state(ctx)
    lg = st.use_lang(lang)
    started = time.perf_counter()
    created = prepare_demo(directory, lg)
    config = load_config(directory)
    if created:
        st.err.print(
            Msg(
                "Demoprojekt skapat i {d} med exempelexporter i inbox/.",
                "Demo project created in {d} with example exports in inbox/.",
            ).render(lg, d=directory),
            markup=False,
        )
    callback, bar = progress_bar(st)
    with bar:
        result = run_batch(config, progress=callback, lang=lg)
    seconds = time.perf_counter() - started
    responses = result.counts.get("responses", {})
    index = config.path("reports") / "index.html"
    imported = sum(i.imported for i in result.inputs if i.kind == "export")
    lines = [
        Msg("Klart på {s} s. Öppna översikten i webbläsaren:", "Done in {s} s. Open the overview in a browser:"),
        Msg("  {p}", "  {p}"),
        Msg("Län: {c} · mätomgångar: {w}", "Counties: {c} · waves: {w}"),
        Msg(
            "Svar: {r} (importerade nu: {i}) · i karantän: {q}", "Responses: {r} (imported now: {i}) · quarantined: {q}"
        ),
        Msg(
            "Avvikelser i exporterna: {warn}, {err} – detaljer i metodavsnittet och reports/manifest.json.",
            "Findings in the exports: {warn}, {err} – see the method section and reports/manifest.json.",
        ),
        Msg("Rapporterna ligger i {d}; Excel-arbetsboken där också.", "The reports are in {d}; the workbook too."),
    ]
    values = {
        "s": f"{seconds:.1f}".replace(".", "," if lg == "sv" else "."),
        "p": index.resolve().as_uri(),
        "c": result.counts.get("counties", 0),
        "w": ", ".join(sorted(responses)),
        "r": " + ".join(str(responses[w]) for w in sorted(responses)),
        "i": imported,
        "q": result.counts.get("quarantined", 0),
        "warn": counted(sum(i.warnings for i in result.inputs), "varning|varningar", "warning|warnings").render(lg),
        "err": counted(sum(i.errors for i in result.inputs), "fel", "error|errors").render(lg),
        "d": config.path("reports"),
    }
    for line in lines:
        st.out.print(line.render(lg, **values), markup=False, highlight=False)
    for msg in result.attention:
        st.err.print(msg.render(lg), markup=False)
    code = batch_exit_code(result)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
