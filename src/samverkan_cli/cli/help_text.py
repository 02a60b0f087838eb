"""The top-level help text, frozen so `samverkan --help` answers without importing Typer.

It is exactly what Typer renders at 80 columns; tests/foundation/test_fast_start.py fails if
the commands or options change without this file being regenerated:

    COLUMNS=80 python -c "from samverkan_cli.cli.help_text import render; print(render(), end='')"
"""

from __future__ import annotations

__all__ = ["TOP_HELP", "render"]

TOP_HELP = """\
Usage: samverkan [OPTIONS] COMMAND [ARGS]...

  Importera, analysera och rapportera enkäter om samverkan i missbruks- och
  beroendevården (vårdcentraler och kommuner, per län).

Options:
  --lang <sv|en>        sv eller en.  [default: sv]
  -q, --quiet           Bara fel skrivs ut.
  --debug               Visa fullständig felsökningsinfo.
  -p, --project <path>  Projektkatalog (standard: närmaste med
                        samverkan.toml).
  --version             Visa versionen.
  -h, --help            Show this message and exit.

Commands:
  demo        Skapa ett demoprojekt med exempeldata för 21 län och två...
  init        Skapa ett nytt projekt (samverkan.toml, inbox/, archive/,...
  import      Läs in enkätexporter, kontrollera dem mot instrumentet och...
  analyze     Poäng per län och verksamhetstyp med jämförelser mot riket...
  report      Skriv en rapport per län (HTML), en översikt (index.html)...
  run         Importera nya filer i inbox/, analysera och skriv alla...
  status      Visa vad projektet innehåller: mätomgångar, svar per län...
  frame       Urvalsram: register över vårdcentraler för svarsfrekvens.
  instrument  Visa, validera och skapa mallar för kodboken (instrumentet).
"""


def render() -> str:
    """Render the live top-level help with Typer (slow path, used by the freshness test)."""
    import contextlib
    import io

    from samverkan_cli.cli.app import app

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        app(args=["--help"], prog_name="samverkan")
    return buffer.getvalue()
