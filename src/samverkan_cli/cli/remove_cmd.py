"""``samverkan remove FILE|SHA256`` and ``samverkan remove --wave W``: undo an import or a wave."""

from __future__ import annotations

from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt
from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Msg

__all__ = ["register"]

_WHAT = Msg(
    "  {file}  (mätomgång {wave}, importerad {when}, sha256 {sha}): {n} svar, {q} rader i karantän",
    "  {file}  (wave {wave}, imported {when}, sha256 {sha}): {n} responses, {q} rows in quarantine",
)
_WILL_GO = Msg("Detta tas bort ur databasen:", "This will be removed from the database:")
_ASK = Msg("Ta bort?", "Remove?")
_KEPT = Msg("Inget togs bort.", "Nothing was removed.")
_DONE = Msg(
    "Borttaget: {i} importer, {n} svar, {q} rader i karantän{again}. Filernas historik finns kvar.\n"
    "Rapporterna följer med vid nästa körning: samverkan run",
    "Removed: {i} imports, {n} responses, {q} rows in quarantine{again}. The files' history is kept.\n"
    "The reports follow at the next run: samverkan run",
)
_AGAIN = Msg(" ({n} rader som de hade ersatt hålls i karantän igen)", " ({n} rows they had superseded are held again)")


def remove(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(help="Exportfilen, dess SHA-256 (minst 6 tecken) eller filnamnet.", show_default=False),
    ] = None,
    wave: Annotated[str | None, typer.Option("--wave", "-w", help="Ta bort hela mätomgången.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Fråga inte (för skript).")] = False,
    lang: LangOpt = None,
) -> None:
    """Ta bort en import eller en hel mätomgång ur databasen (visar vad som försvinner och frågar först)."""
    from samverkan_cli.store import queries

    st = state(ctx)
    lg = st.use_lang(lang)
    if (target is None) == (wave is None):
        raise UsageError(
            Msg("Ange antingen en fil (eller SHA-256) eller --wave.", "Give either a file (or SHA-256) or --wave."),
            Msg(
                "Till exempel:\n  samverkan remove export.csv\n  samverkan remove --wave 2026",
                "For example:\n  samverkan remove export.csv\n  samverkan remove --wave 2026",
            ),
        )
    with st.store() as store:
        found = queries.imports_to_remove(store, target=target or "", wave=wave or "")
        if not found:
            raise UsageError(
                Msg("Ingen import motsvarar {t}.", "No import matches {t}.").format(t=target or f"--wave {wave}"),
                Msg(
                    "Se importerna (filnamn, sha256, mätomgång) med: samverkan status --format json",
                    "See the imports (file name, sha256, wave) with: samverkan status --format json",
                ),
            )
        st.err.print(_WILL_GO.render(lg), markup=False)
        for imp in found:
            st.err.print(
                _WHAT.render(
                    lg,
                    file=imp["file_name"],
                    wave=imp["wave"],
                    when=str(imp["imported_at"])[:16],
                    sha=str(imp["sha256"])[:12],
                    n=imp["responses"],
                    q=imp["held"],
                ),
                markup=False,
            )
        if not yes and not typer.confirm(_ASK.render(lg), default=False, err=True):
            st.err.print(_KEPT.render(lg), markup=False)
            return
        removed = store.remove_imports([int(imp["id"]) for imp in found])
    again = _AGAIN.render(lg, n=removed.held_again) if removed.held_again else ""
    st.err.print(
        _DONE.render(lg, i=len(removed.imports), n=removed.responses, q=removed.quarantined, again=again),
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command("remove")(remove)
