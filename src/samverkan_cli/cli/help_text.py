"""Every command's help text, frozen so `samverkan … --help` answers without importing Typer.

Each text is exactly what Typer renders at 80 columns; tests/foundation/test_fast_start.py fails
if a command or option changes without this file being regenerated:

    COLUMNS=80 python -m samverkan_cli.cli.help_text
"""

from __future__ import annotations

__all__ = ["HELP", "TOP_HELP", "command_paths", "frozen_help", "render"]

_HELP_FLAGS = ("--help", "-h")


def frozen_help(args: list[str]) -> str | None:
    """The frozen text for ``args`` = command names then one help flag, or None (ask Typer)."""
    if not args or args[-1] not in _HELP_FLAGS:
        return None
    return HELP.get(tuple(args[:-1]))


def command_paths() -> list[tuple[str, ...]]:
    """Every command path of the live app: (), ("import",), ("frame", "import"), … (slow: imports Typer)."""
    import typer.main

    from samverkan_cli.cli.app import app

    def walk(command: object, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        out = [path]
        for name, sub in getattr(command, "commands", {}).items():
            out += walk(sub, (*path, name))
        return out

    return walk(typer.main.get_command(app), ())


def render(path: tuple[str, ...] = ()) -> str:
    """Render the live help of one command with Typer (slow path, used by the freshness test)."""
    import contextlib
    import io

    from samverkan_cli.cli.app import app, swedish_click

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        app(args=[*path, "--help"], prog_name="samverkan")
    return swedish_click(buffer.getvalue())


def _regenerate() -> None:
    """Rewrite the frozen texts below from the live app (run with COLUMNS=80)."""
    import pprint
    from pathlib import Path

    texts = {path: render(path) for path in command_paths()}
    source = Path(__file__).read_text(encoding="utf-8")
    head = source.partition("# --- frozen (generated) ---\n")[0]
    body = "HELP: dict[tuple[str, ...], str] = " + pprint.pformat(texts, width=100, sort_dicts=False) + "\n"
    tail = "\nTOP_HELP = HELP[()]\n"
    Path(__file__).write_text(head + "# --- frozen (generated) ---\n" + body + tail, encoding="utf-8")


if __name__ == "__main__":
    _regenerate()

# --- frozen (generated) ---
HELP: dict[tuple[str, ...], str] = {
    (): "Användning: samverkan [ALTERNATIV] KOMMANDO [ARG]...\n"
    "\n"
    "  Importera, analysera och rapportera enkäter om samverkan i missbruks- och\n"
    "  beroendevården (vårdcentraler och kommuner, per län).\n"
    "\n"
    "Alternativ:\n"
    "  --lang <sv|en>                sv eller en.  [standard: sv]\n"
    "  -q, --quiet                   Bara fel skrivs ut.\n"
    "  --debug                       Visa fullständig felsökningsinfo.\n"
    "  -p, --project <path>          Projektkatalog (standard: närmaste med\n"
    "                                samverkan.toml).\n"
    "  --version                     Visa versionen.\n"
    "  --lock-timeout <float range>  Sekunder att vänta om en annan körning skriver\n"
    "                                i projektet (sedan kod 5).  [standard: 120.0;\n"
    "                                x>=0]\n"
    "  -h, --help                    Visa hjälpen och avsluta.\n"
    "\n"
    "Kommandon:\n"
    "  demo            Skapa ett demoprojekt med exempeldata för 21 län och...\n"
    "  init            Skapa ett nytt projekt (samverkan.toml, inbox/,...\n"
    "  import          Läs in enkätexporter, kontrollera dem mot instrumentet...\n"
    "  analyze         Poäng per län och verksamhetstyp med jämförelser mot...\n"
    "  report          Skriv en rapport per län (HTML), en översikt...\n"
    "  run             Importera nya filer i inbox/, analysera och skriv alla...\n"
    "  status          Visa vad projektet innehåller: mätomgångar, svar per...\n"
    "  remove          Ta bort en import eller en hel mätomgång ur databasen...\n"
    "  bortfall        Lista registrets enheter som inte svarat i mätomgången...\n"
    "  brukarrevision  Intern arbetslista: verksamheter som svarat ja på...\n"
    "  frame           Urvalsram: register över vårdcentraler för svarsfrekvens.\n"
    "  instrument      Visa, validera och skapa mallar för kodboken...\n"
    "  quarantine      Rader i karantän: visa dem och rätta dem.\n"
    "  wave            Mätomgångar: deklarera nästa omgång.\n",
    ("demo",): "Användning: samverkan demo [ALTERNATIV] [directory]\n"
    "\n"
    "  Skapa ett demoprojekt med exempeldata för 21 län och två mätomgångar och kör\n"
    "  hela kedjan.\n"
    "\n"
    "Argument:\n"
    "  directory <path>  Katalog för demoprojektet.  [standard: samverkan-demo]\n"
    "\n"
    "Alternativ:\n"
    "  --lang <sv|en>  Språk för utdata: sv eller en / output language.\n"
    "  -h, --help      Visa hjälpen och avsluta.\n",
    ("init",): "Användning: samverkan init [ALTERNATIV] [directory]\n"
    "\n"
    "  Skapa ett nytt projekt (samverkan.toml, inbox/, archive/, reports/, logs/,\n"
    "  databas).\n"
    "\n"
    "Argument:\n"
    "  directory <path>  Katalog för det nya projektet.  [standard: .]\n"
    "\n"
    "Alternativ:\n"
    "  --wave <str>  Standardmätomgång, t.ex. 2026.\n"
    "  -h, --help    Visa hjälpen och avsluta.\n",
    ("import",): "Användning: samverkan import [ALTERNATIV] {files}...\n"
    "\n"
    "  Läs in enkätexporter, kontrollera dem mot instrumentet och spara svaren.\n"
    "\n"
    "Argument:\n"
    "  files... <list[Path]>  Enkätexporter (CSV, XLSX, SAV ...).  [krävs]\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>          Mätomgång, t.ex. 2026.\n"
    "  --mapping <path>          Mappningsfil (TOML) för egna rubriker.\n"
    "  --mapping-template        Skriv en mappningsmall för filen och avsluta.\n"
    "  --sheet <str>             Bladets namn eller nummer i en arbetsbok.\n"
    "  --strict                  Varje avvikelse stoppar importen.\n"
    "  --dry-run                 Kontrollera allt men spara inget.\n"
    "  --report <path>           Skriv valideringsrapporten som JSON.\n"
    "  -f, --format <text|json>  text eller json (på skärmen).  [standard: text]\n"
    "  -v, --verbose             Visa alla avvikelser, inte bara exempel.\n"
    "  --replace                 Ersätt en fil som redan importerats (t.ex. nu med\n"
    "                            --mapping).\n"
    "  --new-wave                Tillåt en mätomgång som inte är deklarerad i\n"
    "                            samverkan.toml.\n"
    "  --lang <sv|en>            Språk för utdata: sv eller en / output language.\n"
    "  -h, --help                Visa hjälpen och avsluta.\n",
    ("analyze",): "Användning: samverkan analyze [ALTERNATIV]\n"
    "\n"
    "  Poäng per län och verksamhetstyp med jämförelser mot riket (tabell, JSON\n"
    "  eller CSV).\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>             Mätomgång, t.ex. 2026 / survey wave.\n"
    "  --lan <list[str]>            Länskod, t.ex. 14 (kan upprepas) / county code.\n"
    "  --by <str>                   Gruppering: lan,org_typ, lan eller org_typ.\n"
    "                               [standard: lan,org_typ]\n"
    "  -d, --dimension <list[str]>  Dimension (id eller namn, eller index) att\n"
    "                               visa, med dess frågor; kan upprepas.\n"
    "  --unit <str>                 organisation (standard) eller response.\n"
    "  -f, --format <str>           table, json eller csv.  [standard: table]\n"
    "  -o, --output <path>          Skriv till fil i stället för skärmen / write to\n"
    "                               file.\n"
    "  --lang <sv|en>               Språk för utdata: sv eller en / output\n"
    "                               language.\n"
    "  -h, --help                   Visa hjälpen och avsluta.\n",
    ("report",): "Användning: samverkan report [ALTERNATIV]\n"
    "\n"
    "  Skriv en rapport per län (HTML), en översikt (index.html) och en Excel-\n"
    "  arbetsbok.\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>       Mätomgång, t.ex. 2026 / survey wave.\n"
    "  --lan <list[str]>      Länskod, t.ex. 14 (kan upprepas) / county code.\n"
    "  --all                  Alla län (standard) / every county.\n"
    "  -f, --format <str>     html, xlsx eller html,xlsx.\n"
    "  -o, --out <path>       Katalog för rapporterna (standard: reports/ i\n"
    "                         projektet).\n"
    "  --lang <sv|en>         Språk för utdata: sv eller en / output language.\n"
    "  --include-comments     Ta med maskerade fritextsvar (aldrig för små\n"
    "                         grupper).\n"
    "  --templates <path>     Katalog med egna mallar (se templates/README.md).\n"
    "  --workers <int>        Parallella processer för länsrapporterna.  [standard:\n"
    "                         2]\n"
    "  --compare <list[str]>  Län att visa bredvid riket i varje länsrapport, t.ex.\n"
    "                         13,14.\n"
    "  --charts <path>        Skriv även varje diagram som SVG och PNG (300 dpi) i\n"
    "                         denna katalog.\n"
    "  -h, --help             Visa hjälpen och avsluta.\n",
    ("run",): "Användning: samverkan run [ALTERNATIV]\n"
    "\n"
    "  Importera nya filer i inbox/, analysera och skriv alla rapporter (för\n"
    "  schemalagda körningar).\n"
    "\n"
    "Alternativ:\n"
    "  --force         Skriv om alla rapporter även om inget ändrats.\n"
    "  -v, --verbose   Berätta vad som gjordes även när allt gick bra.\n"
    "  --lang <sv|en>  Språk för utdata: sv eller en / output language.\n"
    "  -h, --help      Visa hjälpen och avsluta.\n",
    ("status",): "Användning: samverkan status [ALTERNATIV]\n"
    "\n"
    "  Visa vad projektet innehåller: mätomgångar, svar per län och typ, karantän,\n"
    "  importer.\n"
    "\n"
    "Alternativ:\n"
    "  -f, --format <str>  table eller json.  [standard: table]\n"
    "  --progress          Fältperiodens förlopp per län; skriver\n"
    "                      reports/intern/faltarbete.html.\n"
    "  -w, --wave <str>    Mätomgång, t.ex. 2026 / survey wave.\n"
    "  --lan <list[str]>   Länskod, t.ex. 14 (kan upprepas) / county code.\n"
    "  -h, --help          Visa hjälpen och avsluta.\n",
    ("remove",): "Användning: samverkan remove [ALTERNATIV] [target]\n"
    "\n"
    "  Ta bort en import eller en hel mätomgång ur databasen (visar vad som\n"
    "  försvinner och frågar först).\n"
    "\n"
    "Argument:\n"
    "  target <str>  Exportfilen, dess SHA-256 (minst 6 tecken) eller filnamnet.\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>  Ta bort hela mätomgången.\n"
    "  -y, --yes         Fråga inte (för skript).\n"
    "  --lang <sv|en>    Språk för utdata: sv eller en / output language.\n"
    "  -h, --help        Visa hjälpen och avsluta.\n",
    ("bortfall",): "Användning: samverkan bortfall [ALTERNATIV]\n"
    "\n"
    "  Lista registrets enheter som inte svarat i mätomgången (för påminnelser),\n"
    "  med registrets kontaktkolumner.\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>               Mätomgång, t.ex. 2026 / survey wave.\n"
    "  --lan <list[str]>              Länskod, t.ex. 14 (kan upprepas) / county\n"
    "                                 code.\n"
    "  -f, --format <table|csv|xlsx>  table (skärm), csv (brevkoppling) eller xlsx.\n"
    "                                 [standard: table]\n"
    "  -o, --output <path>            Skriv till fil i stället för skärmen / write\n"
    "                                 to file.\n"
    "  --lang <sv|en>                 Språk för utdata: sv eller en / output\n"
    "                                 language.\n"
    "  -h, --help                     Visa hjälpen och avsluta.\n",
    ("brukarrevision",): "Användning: samverkan brukarrevision [ALTERNATIV]\n"
    "\n"
    "  Intern arbetslista: verksamheter som svarat ja på intresse för\n"
    "  brukarrevision (publiceras aldrig).\n"
    "\n"
    "Alternativ:\n"
    "  -w, --wave <str>               Mätomgång, t.ex. 2026 / survey wave.\n"
    "  --lan <list[str]>              Länskod, t.ex. 14 (kan upprepas) / county\n"
    "                                 code.\n"
    "  -f, --format <table|csv|xlsx>  table (skärm), csv (brevkoppling) eller "
    "xlsx.\n"
    "                                 [standard: table]\n"
    "  -o, --output <path>            Skriv till fil i stället för skärmen / "
    "write\n"
    "                                 to file.\n"
    "  --lang <sv|en>                 Språk för utdata: sv eller en / output\n"
    "                                 language.\n"
    "  -h, --help                     Visa hjälpen och avsluta.\n",
    ("frame",): "Användning: samverkan frame [ALTERNATIV] KOMMANDO [ARG]...\n"
    "\n"
    "  Urvalsram: register över vårdcentraler för svarsfrekvens.\n"
    "\n"
    "Alternativ:\n"
    "  -h, --help  Visa hjälpen och avsluta.\n"
    "\n"
    "Kommandon:\n"
    "  import  Läs in ett register över enheter; ersätter tidigare register...\n",
    ("frame", "import"): "Användning: samverkan frame import [ALTERNATIV] {files}...\n"
    "\n"
    "  Läs in ett register över enheter; ersätter tidigare register för samma "
    "län.\n"
    "\n"
    "Argument:\n"
    "  files... <list[Path]>  Register (XLSX/CSV) med enhetens namn och kommun.\n"
    "                         [krävs]\n"
    "\n"
    "Alternativ:\n"
    "  --org-typ <str>           vardcentral (standard) eller annan.  "
    "[standard:\n"
    "                            vardcentral]\n"
    "  --sheet <str>             Bladets namn eller nummer.\n"
    "  -f, --format <text|json>  text eller json (på skärmen).  [standard: "
    "text]\n"
    "  --lang <sv|en>            Språk för utdata: sv eller en / output "
    "language.\n"
    "  -h, --help                Visa hjälpen och avsluta.\n",
    ("instrument",): "Användning: samverkan instrument [ALTERNATIV] KOMMANDO [ARG]...\n"
    "\n"
    "  Visa, validera och skapa mallar för kodboken (instrumentet).\n"
    "\n"
    "Alternativ:\n"
    "  -h, --help  Visa hjälpen och avsluta.\n"
    "\n"
    "Kommandon:\n"
    "  show      Visa kodbokens frågor, skalor och dimensioner som en tabell.\n"
    "  validate  Kontrollera en kodbok och lista varje fel med fil och nyckel.\n"
    "  template  Skriv ett tomt svarsblad med frågorna som rubriker (XLSX med...\n",
    ("instrument", "show"): "Användning: samverkan instrument show [ALTERNATIV] [file]\n"
    "\n"
    "  Visa kodbokens frågor, skalor och dimensioner som en tabell.\n"
    "\n"
    "Argument:\n"
    "  file <path>  Kodbok (TOML). Standard: samverkan-2026.\n"
    "\n"
    "Alternativ:\n"
    "  --lang <sv|en>  Språk för utdata: sv eller en / output language.\n"
    "  -h, --help      Visa hjälpen och avsluta.\n",
    ("instrument", "validate"): "Användning: samverkan instrument validate [ALTERNATIV] {file}\n"
    "\n"
    "  Kontrollera en kodbok och lista varje fel med fil och nyckel.\n"
    "\n"
    "Argument:\n"
    "  file <path>  Kodbok (TOML).  [krävs]\n"
    "\n"
    "Alternativ:\n"
    "  -h, --help  Visa hjälpen och avsluta.\n",
    ("instrument", "template"): "Användning: samverkan instrument template [ALTERNATIV] {out}\n"
    "\n"
    "  Skriv ett tomt svarsblad med frågorna som rubriker (XLSX med "
    "rullistor).\n"
    "\n"
    "Argument:\n"
    "  out <path>  Fil att skriva (.xlsx eller .csv).  [krävs]\n"
    "\n"
    "Alternativ:\n"
    "  -f, --format <str>   xlsx eller csv.\n"
    "  --instrument <path>  Egen kodbok.\n"
    "  --lang <sv|en>       Språk för utdata: sv eller en / output "
    "language.\n"
    "  -h, --help           Visa hjälpen och avsluta.\n",
    ("quarantine",): "Användning: samverkan quarantine [ALTERNATIV] KOMMANDO [ARG]...\n"
    "\n"
    "  Rader i karantän: visa dem och rätta dem.\n"
    "\n"
    "Alternativ:\n"
    "  -h, --help  Visa hjälpen och avsluta.\n"
    "\n"
    "Kommandon:\n"
    "  list  Visa varje rad i karantän med sin avvikelse; CSV:n kan rättas i...\n",
    ("quarantine", "list"): "Användning: samverkan quarantine list [ALTERNATIV]\n"
    "\n"
    "  Visa varje rad i karantän med sin avvikelse; CSV:n kan rättas i Excel "
    "och\n"
    "  importeras igen.\n"
    "\n"
    "Alternativ:\n"
    "  -f, --format <table|csv>  table eller csv.  [standard: table]\n"
    "  -o, --output <path>       Skriv till fil i stället för skärmen / write "
    "to\n"
    "                            file.\n"
    "  --lang <sv|en>            Språk för utdata: sv eller en / output "
    "language.\n"
    "  -h, --help                Visa hjälpen och avsluta.\n",
    ("wave",): "Användning: samverkan wave [ALTERNATIV] KOMMANDO [ARG]...\n"
    "\n"
    "  Mätomgångar: deklarera nästa omgång.\n"
    "\n"
    "Alternativ:\n"
    "  -h, --help  Visa hjälpen och avsluta.\n"
    "\n"
    "Kommandon:\n"
    "  new  Deklarera en ny mätomgång i samverkan.toml; registret behålls.\n",
    ("wave", "new"): "Användning: samverkan wave new [ALTERNATIV] {name}\n"
    "\n"
    "  Deklarera en ny mätomgång i samverkan.toml; registret behålls.\n"
    "\n"
    "Argument:\n"
    "  name <str>  Mätomgångens namn, t.ex. 2027.  [krävs]\n"
    "\n"
    "Alternativ:\n"
    "  --open <str>    Fältperiodens start, ÅÅÅÅ-MM-DD.\n"
    "  --close <str>   Fältperiodens slut, ÅÅÅÅ-MM-DD.\n"
    "  --lang <sv|en>  Språk för utdata: sv eller en / output language.\n"
    "  -h, --help      Visa hjälpen och avsluta.\n",
}

TOP_HELP = HELP[()]
