"""``samverkan wave new NAME``: declare the next survey wave in samverkan.toml."""

from __future__ import annotations

from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.cli.options import LangOpt
from samverkan_cli.i18n import Msg

__all__ = ["register"]

wave_app = typer.Typer(help="Mätomgångar: deklarera nästa omgång.", no_args_is_help=True)

_ADDED = Msg(
    "Mätomgång {w} deklarerad i samverkan.toml{period}.",
    "Wave {w} declared in samverkan.toml{period}.",
)
_PERIOD = Msg(" (fältperiod {s} – {e})", " (field period {s} – {e})")
_ALSO = Msg(
    "Tidigare mätomgångar med svar deklarerades också: {w}.",
    "Earlier waves with responses were declared too: {w}.",
)
_REGISTER = Msg(
    "Registret följer med: {n} enheter i {c} län. En ny registerfil för ett län ersätter länets register\n"
    "(samverkan frame import FIL).",
    "The register carries over: {n} units in {c} counties. A new register file for a county replaces that\n"
    "county's register (samverkan frame import FILE).",
)
_NO_REGISTER = Msg(
    "Inget register importerat: importera ett med `samverkan frame import FIL` för svarsfrekvens och bortfall.",
    "No register imported: import one with `samverkan frame import FILE` for response rates and non-response.",
)
_NEXT = Msg(
    "Nästa steg:\n"
    "  1. Skicka ut enkäten; lägg exporterna i inbox/{w}/ och kör `samverkan run`\n"
    "     (eller `samverkan import EXPORT.xlsx --wave {w}`).\n"
    "  2. Under fältperioden: `samverkan status --progress` och `samverkan bortfall --wave {w}` för påminnelser.\n"
    "  3. Efteråt: `samverkan brukarrevision --wave {w}` för uppföljningen.\n"
    'Sätt [import] wave = "{w}" i samverkan.toml om exporterna läggs direkt i inbox/.',
    "Next:\n"
    "  1. Send out the survey; put the exports in inbox/{w}/ and run `samverkan run`\n"
    "     (or `samverkan import EXPORT.xlsx --wave {w}`).\n"
    "  2. During the field period: `samverkan status --progress` and `samverkan bortfall --wave {w}` for reminders.\n"
    "  3. Afterwards: `samverkan brukarrevision --wave {w}` for the follow-up.\n"
    'Set [import] wave = "{w}" in samverkan.toml if the exports go straight into inbox/.',
)


@wave_app.command("new")
def wave_new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Mätomgångens namn, t.ex. 2027.")],
    open_: Annotated[str | None, typer.Option("--open", help="Fältperiodens start, ÅÅÅÅ-MM-DD.")] = None,
    close: Annotated[str | None, typer.Option("--close", help="Fältperiodens slut, ÅÅÅÅ-MM-DD.")] = None,
    lang: LangOpt = None,
) -> None:
    """Deklarera en ny mätomgång i samverkan.toml; registret behålls."""
    from samverkan_cli.fieldwork import add_wave
    from samverkan_cli.store.queries import frame_counts, waves

    st = state(ctx)
    config = st.config()
    lg = st.use_lang(lang)
    with st.store() as store:
        stored = waves(store)
        counts = frame_counts(store)
    added = add_wave(config, name, open_, close, stored)
    period = _PERIOD.render(lg, s=added.start or "–", e=added.end or "–") if added.start or added.end else ""
    st.out.print(_ADDED.render(lg, w=added.name, period=period))
    if added.also_declared:
        st.out.print(_ALSO.render(lg, w=", ".join(added.also_declared)))
    if counts:
        st.out.print(_REGISTER.render(lg, n=sum(counts.values()), c=len({lan for lan, _ in counts})))
    else:
        st.out.print(_NO_REGISTER.render(lg))
    st.out.print(_NEXT.render(lg, w=added.name), markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(wave_app, name="wave")
