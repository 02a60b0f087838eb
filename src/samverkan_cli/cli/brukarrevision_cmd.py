"""``samverkan brukarrevision``: the internal list of organisations interested in a user-led audit."""

from __future__ import annotations

import typer

from samverkan_cli.cli.bortfall_cmd import ListFormatOpt, emit_worklist
from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt, LanOpt, OutputOpt, WaveOpt

__all__ = ["register"]


def brukarrevision(
    ctx: typer.Context,
    wave: WaveOpt = None,
    lan: LanOpt = None,
    fmt: ListFormatOpt = "table",
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Intern arbetslista: verksamheter som svarat ja på intresse för brukarrevision (publiceras aldrig)."""
    from samverkan_cli.fieldwork import audit_list, choose_wave
    from samverkan_cli.fieldwork.units import wanted_lans

    st = state(ctx)
    config = st.config()
    lg = st.use_lang(lang)
    lans = wanted_lans(lan)
    with st.store() as store:
        w = choose_wave(store, config, wave)
        worklist = audit_list(store, st.instrument(), w, lans, lg)
    emit_worklist(st, worklist, fmt, output, f"brukarrevision-{w}.xlsx")


def register(app: typer.Typer) -> None:
    app.command("brukarrevision")(brukarrevision)
