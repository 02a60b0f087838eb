"""Creating a project directory: layout, commented ``samverkan.toml`` and an empty database."""

from __future__ import annotations

from pathlib import Path

from samverkan_cli.config import CONFIG_NAME, load_config
from samverkan_cli.errors import UsageError
from samverkan_cli.i18n import Msg
from samverkan_cli.store import open_store

__all__ = ["CONFIG_TEMPLATE", "init_project"]

CONFIG_TEMPLATE = """\
# samverkan.toml — inställningar för ett samverkan-projekt.
# Alla sökvägar är relativa till den här katalogen och får inte peka utanför den.

[paths]
# SQLite-databasen med alla importerade svar.
database = "samverkan.db"
# Nya enkätexporter läggs här; `samverkan run` importerar dem.
inbox = "inbox"
# Importerade filer flyttas hit (misslyckade hamnar i inbox/failed/).
archive = "archive"
# Rapporter (HTML, Excel) och manifest.json skrivs hit.
reports = "reports"
# En loggfil per körning av `samverkan run`.
logs = "logs"

[import]
# Mätomgång som används när --wave inte anges, t.ex. "2026" eller "2026-höst".
wave = "{wave}"
# true: varje avvikelse stoppar importen av filen (som --strict).
strict = false
# Egen kodbok (TOML) i stället för standardinstrumentet samverkan-2026. Tomt = standard.
instrument = ""
# Mappningsfil (TOML) för rubriker som inte känns igen automatiskt, se
# `samverkan import FIL --mapping-template`. Tomt = ingen.
mapping = "{mapping}"
# Största blad som läses: celler i det använda området och uppackade megabyte. En fil med en
# ensam cell långt ner (XFD1048576) eller en zip-bomb avvisas i stället för att fylla minnet.
max_cells = 4000000
max_sheet_mb = 256

[analysis]
# Analysenhet: "organisation" (flera svar från samma verksamhet medelvärdesbildas först)
# eller "response" (varje svar väger lika).
unit = "organisation"
# Slumpfrö för bootstrap av rangordningens osäkerhet (ger samma resultat varje gång).
seed = 20260101
# Antal bootstrap-dragningar för rangordningen.
bootstrap = 1000

[disclosure]
# Grupper med färre organisationer än min_n visar inget värde (".."); vilka som svarat visas ändå.
min_n = 5
# Grupper med färre än uncertain_below organisationer markeras som osäkra.
uncertain_below = 10
# Ett dolt medelvärde får inte gå att ringa in snävare än så här många poäng (0–100) ur det som
# publiceras (revision av skyddsintervall); andra grupper döljs vid behov för att skydda det.
protection_points = 20

[report]
# Format som `samverkan run` skriver: "html" och/eller "xlsx".
formats = ["html", "xlsx"]
# Rapportspråk: "sv" eller "en".
lang = "sv"
# true: ta med fritextsvar (maskerade, aldrig för små grupper).
include_comments = false
# Katalog med egna Jinja-mallar (kopiera från templates/ i källkoden). Tomt = inbyggda.
templates = ""
# Rubrik på rapporterna. Tomt = instrumentets titel.
title = ""
# Län att visa bredvid riket i varje länsrapport, t.ex. ["13", "14"] (som report --compare 13,14).
compare = []

# Mätomgångarna i ordning (valfritt). När de är deklarerade är en annan --wave ett fel (utom med
# --new-wave), "föregående mätomgång" följer ordningen här, och svar som skickats in utanför
# fältperioden (start–end, ÅÅÅÅ-MM-DD) ger en varning.
# [[waves]]
# name = "2025"
# start = "2025-02-01"
# end = "2025-04-30"
#
# [[waves]]
# name = "2026"
"""


def _write_comments_example(directory: Path) -> None:
    """``comments/README.md``: how to add commentary, with an example (no report reads this name)."""
    from samverkan_cli.reports.commentary import COMMENTS_DIR, EXAMPLE

    comments = directory / COMMENTS_DIR
    comments.mkdir(exist_ok=True)
    example = comments / "README.md"
    if not example.exists():
        example.write_text(EXAMPLE, encoding="utf-8")


def init_project(directory: Path, wave: str = "", mapping: str = "") -> Path:
    """Create the project layout of SPEC section 8 in ``directory`` and return its config path."""
    config_path = directory / CONFIG_NAME
    if config_path.exists():
        raise UsageError(
            Msg("{d} är redan ett samverkan-projekt.", "{d} is already a samverkan project.").format(d=directory),
            Msg("Använd `samverkan status --project {d}`.", "Use `samverkan status --project {d}`.").format(
                d=directory
            ),
        )
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            Msg("{d} finns redan och är ingen katalog.", "{d} exists and is not a directory.").format(d=directory)
        )
    directory.mkdir(parents=True, exist_ok=True)
    config_path.write_text(CONFIG_TEMPLATE.format(wave=wave, mapping=mapping), encoding="utf-8")
    config = load_config(directory)
    for name in ("inbox", "archive", "reports", "logs"):
        config.path(name).mkdir(parents=True, exist_ok=True)
    (config.path("inbox") / "failed").mkdir(exist_ok=True)
    _write_comments_example(directory)
    open_store(config.database, create=True).close()
    return config_path
