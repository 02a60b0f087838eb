"""Shared command-line options, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

__all__ = ["FormatOpt", "LanOpt", "LangOpt", "OutputOpt", "TextFormatOpt", "WaveOpt"]

# Literal types make Typer check the choices and list them in --help, and give commands a typed value.
LangOpt = Annotated[
    Literal["sv", "en"] | None,
    typer.Option("--lang", help="Språk för utdata: sv eller en / output language.", show_default=False),
]
WaveOpt = Annotated[
    str | None,
    typer.Option("--wave", "-w", help="Mätomgång, t.ex. 2026 / survey wave.", show_default=False),
]
LanOpt = Annotated[
    list[str] | None,
    typer.Option("--lan", help="Länskod, t.ex. 14 (kan upprepas) / county code.", show_default=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Skriv till fil i stället för skärmen / write to file."),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="table, json eller csv."),
]
TextFormatOpt = Annotated[
    Literal["text", "json"],
    typer.Option("--format", "-f", help="text eller json (på skärmen)."),
]
