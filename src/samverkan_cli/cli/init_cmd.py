"""``samverkan init DIR``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.context import state
from samverkan_cli.i18n import Msg

__all__ = ["register"]

_DONE = Msg(
    "Projektet är skapat i {d}.\nNästa steg: lägg enkätexporter i {d}/inbox och kör `samverkan run`,\n"
    "eller importera direkt: samverkan import FIL --wave 2026 --project {d}",
    "Project created in {d}.\nNext: put survey exports in {d}/inbox and run `samverkan run`,\n"
    "or import directly: samverkan import FILE --wave 2026 --project {d}",
)


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Katalog för det nya projektet.")] = Path(),
    wave: Annotated[str, typer.Option("--wave", help="Standardmätomgång, t.ex. 2026.")] = "",
) -> None:
    """Skapa ett nytt projekt (samverkan.toml, inbox/, archive/, reports/, logs/, databas)."""
    from samverkan_cli.batch.project import init_project

    st = state(ctx)
    init_project(directory, wave)
    st.err.print(_DONE.render(st.lang, d=directory))


def register(app: typer.Typer) -> None:
    app.command("init")(init)
