"""The ``samverkan`` command: global options, command registration, error handling.

Errors are turned into messages and exit codes here and nowhere else (SPEC section 9).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from samverkan_cli import __version__
from samverkan_cli.cli import (
    analyze_cmd,
    bortfall_cmd,
    brukarrevision_cmd,
    demo_cmd,
    frame_cmd,
    import_cmd,
    init_cmd,
    instrument_cmd,
    quarantine_cmd,
    remove_cmd,
    report_cmd,
    run_cmd,
    status_cmd,
    wave_cmd,
)
from samverkan_cli.cli.context import DEFAULT_LOCK_WAIT, State
from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.text import printable

__all__ = ["app", "main", "swedish_click"]

app = typer.Typer(
    name="samverkan",
    help=(
        "Importera, analysera och rapportera enkäter om samverkan i missbruks- och "
        "beroendevården (vårdcentraler och kommuner, per län)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"samverkan-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    lang: Annotated[Literal["sv", "en"], typer.Option("--lang", help="sv eller en.")] = "sv",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Bara fel skrivs ut.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Visa fullständig felsökningsinfo.")] = False,
    project: Annotated[
        Path | None,
        typer.Option("--project", "-p", help="Projektkatalog (standard: närmaste med samverkan.toml)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen.")
    ] = False,
    lock_timeout: Annotated[
        float,
        typer.Option(
            "--lock-timeout",
            min=0,
            help="Sekunder att vänta om en annan körning skriver i projektet (sedan kod 5).",
        ),
    ] = DEFAULT_LOCK_WAIT,
) -> None:
    ctx.obj = State(
        lang=lang,
        quiet=quiet,
        debug=debug,
        project=project,
        command=ctx.invoked_subcommand,
        lock_wait=lock_timeout,
        dry_run="--dry-run" in sys.argv,
        lang_from_default="--lang" not in sys.argv,
    )


for module in (
    demo_cmd,
    init_cmd,
    import_cmd,
    analyze_cmd,
    report_cmd,
    run_cmd,
    status_cmd,
    frame_cmd,
    instrument_cmd,
    remove_cmd,
    quarantine_cmd,
):
    module.register(app)
for module in (bortfall_cmd, brukarrevision_cmd, wave_cmd):
    module.register(app)


def _log_crash() -> Path:
    handle, name = tempfile.mkstemp(prefix="samverkan-crash-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as fh:
        fh.write(traceback.format_exc())
    return Path(name)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; never lets a traceback reach a user without --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    lang: Lang = "en" if any(a in ("--lang=en",) for a in args) or _after(args, "--lang") == "en" else "sv"
    try:
        rv = _run(args, lang)
        code = rv if isinstance(rv, int) else 0
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        print(_ABORTED.render(lang), file=sys.stderr)
        code = 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        code = 0
    except KeyboardInterrupt:
        print(_ABORTED.render(lang), file=sys.stderr)
        code = 130
    except Exception as exc:
        code = _handle(exc, debug, lang)
    sys.exit(code)


def _run(args: list[str], lang: Lang) -> Any:
    """Run the app; under Swedish, help that Click prints itself is caught and translated."""
    command = typer.main.get_command(app)
    args = hoist_global_options(command, args)
    if lang == "en" or not any(a in ("-h", "--help") for a in args):
        return command.main(args=args, prog_name="samverkan", standalone_mode=False)
    import contextlib
    import io

    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            return command.main(args=args, prog_name="samverkan", standalone_mode=False)
    finally:
        sys.stdout.write(swedish_click(buffer.getvalue()))


def _option_names(command: Any) -> dict[str, bool]:
    """Every option name of a Click command -> whether it takes a value."""
    names: dict[str, bool] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        for name in (*param.opts, *param.secondary_opts):
            names[name] = not (param.is_flag or param.count)
    return names


def hoist_global_options(root: Any, args: list[str]) -> list[str]:
    """Move global options written after the subcommand (``status --project X``) to the front.

    Users put options where they think of them; Click accepts the global ones (``--project``,
    ``--lang``, ``-q``, ``--debug``, ``--lock-timeout``) only before the subcommand. An option the
    subcommand defines itself (``report --lang en``) stays where it is, and so does anything after
    ``--``.

    >>> import typer.main
    >>> hoist_global_options(typer.main.get_command(app), ["status", "-p", "/x", "--progress"])
    ['-p', '/x', 'status', '--progress']
    """
    global_names = _option_names(root)
    head: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":  # global options already first
        takes = global_names.get(args[i].split("=", 1)[0])
        step = 2 if takes and "=" not in args[i] else 1
        head += args[i : i + step]
        i += step
    command = root
    path: list[str] = []
    while i < len(args) and hasattr(command, "commands") and args[i] in command.commands:
        command = command.commands[args[i]]
        path.append(args[i])
        i += 1
    if command is root:
        return args
    own = _option_names(command)
    moved: list[str] = []
    rest: list[str] = []
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0]
        if name in own:
            step = 2 if own[name] and "=" not in arg else 1
            rest += args[i : i + step]
        elif name in global_names and not (global_names[name] and "=" not in arg and i + 1 == len(args)):
            step = 2 if global_names[name] and "=" not in arg else 1
            moved += args[i : i + step]
        else:
            step = 1
            rest.append(arg)
        i += step
    return head + moved + path + rest


# Click prints its usage lines, headings and errors in English (Typer vendors Click without
# gettext, so a translation catalogue cannot reach them); these rules translate that frame
# around the Swedish help texts. Patterns are anchored on Click's exact wording.
_CLICK_SV: tuple[tuple[str, str], ...] = (
    (r"^Usage: ", "Användning: "),
    (r"\[OPTIONS\]", "[ALTERNATIV]"),
    (r"COMMAND \[ARGS\]\.\.\.", "KOMMANDO [ARG]..."),
    (r"^Options:$", "Alternativ:"),
    (r"^Commands:$", "Kommandon:"),
    (r"^Arguments:$", "Argument:"),
    (r"Show this message and exit\.", "Visa hjälpen och avsluta."),
    (r"\[default:(\s)", r"[standard:\1"),
    (r"\[required\]", "[krävs]"),
    (r"^Try '(.+)' for help\.$", r"Prova '\1' för hjälp."),
    (r"^Error: ", "Fel: "),
    (r"No such option: ", "Okänt alternativ: "),
    (r"\(Possible options: (.+)\)", r"(Möjliga alternativ: \1)"),
    (r"Did you mean (.+)\?", r"Menade du \1?"),
    (r"No such command '(.+?)'\.", r"Okänt kommando '\1'."),
    (r"Missing command\.", "Kommando saknas."),
    (r"Missing option '(.+?)'\.", r"Alternativet '\1' saknas."),
    (r"Missing argument '(.+?)'\.", r"Argumentet '\1' saknas."),
    (r"Missing parameter '(.+?)'\.", r"Parametern '\1' saknas."),
    (r"Option '(.+?)' requires an argument\.", r"Alternativet '\1' kräver ett värde."),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"Alternativet '\1' kräver \2 värden."),
    (r"Option '(.+?)' does not take a value\.", r"Alternativet '\1' tar inget värde."),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", r"Oväntade extra argument (\1)"),
    (r"Invalid value for (.+?): (?:Value error, )?", r"Ogiltigt värde för \1: "),
    (r"Invalid value: ", "Ogiltigt värde: "),
    (r"Input should be a valid integer.*$", "ett heltal väntades."),
    (r"Input should be a valid number.*$", "ett tal väntades."),
    (r"'(.+?)' is not one of (.+)\.", r"'\1' är inte ett av \2."),
    (r"'(.+?)' is not a valid integer( range)?\.", r"'\1' är inte ett heltal."),
    (r"'(.+?)' is not a valid float( range)?\.", r"'\1' är inte ett tal."),
    (r"'(.+?)' is not a valid boolean\.", r"'\1' är inte ja eller nej."),
    (r"(File|Path|Directory) '(.+?)' does not exist\.", r"'\2' finns inte."),
    (r"(File|Path) '(.+?)' is a directory\.", r"'\2' är en katalog."),
    (r"Directory '(.+?)' is a file\.", r"'\1' är en fil."),
)


def swedish_click(text: str) -> str:
    """Translate Click's own English usage lines, headings and error messages into Swedish.

    >>> swedish_click("Error: No such option: --x")
    'Fel: Okänt alternativ: --x'
    """
    import re

    for pattern, repl in _CLICK_SV:
        text = re.sub(pattern, repl, text, flags=re.MULTILINE)
    return text


def _after(args: list[str], flag: str) -> str | None:
    for i, arg in enumerate(args[:-1]):
        if arg == flag:
            return args[i + 1]
    return None


_ABORTED = Msg("Avbrutet.", "Aborted.")
_ERROR = Msg("Fel", "Error")
_INTERNAL = Msg(
    "Internt fel: {name}: {exc}\n"
    "Detaljer har sparats i {log}. Kör igen med --debug för hela felspåret,\n"
    "och skicka gärna loggen till utvecklarna.",
    "Internal error: {name}: {exc}\n"
    "Details were saved to {log}. Run again with --debug for the full traceback,\n"
    "and please send the log to the developers.",
)


def _handle(exc: Exception, debug: bool, lang: Lang) -> int:
    from samverkan_cli.cli.outcomes import translate_error
    from samverkan_cli.errors import SamverkanError

    click_exc = _click_exception(exc)
    if click_exc is not None:
        import io

        shown = io.StringIO()
        click_exc.show(file=shown)
        text = shown.getvalue()
        sys.stderr.write(text if lang == "en" else swedish_click(text))
        return int(getattr(click_exc, "exit_code", 2))
    if debug:
        traceback.print_exc()
    translated = translate_error(exc)
    if translated is not None:
        exc = translated
    if isinstance(exc, SamverkanError):
        from rich.console import Console
        from rich.markup import escape

        err = Console(stderr=True, highlight=False, soft_wrap=True)
        err.print(f"[bold red]{_ERROR.render(lang)}:[/] {escape(exc.render(lang))}")
        hint = exc.render_hint(lang)
        if hint:
            err.print(f"[yellow]→[/] {escape(hint)}")
        return exc.exit_code
    log = _log_crash()
    print(printable(_INTERNAL.render(lang, name=exc.__class__.__name__, exc=exc, log=log)), file=sys.stderr)
    return 1


def _click_exception(exc: Exception) -> Any:
    # Typer bundles click; its usage errors carry an exit code (2) and know how to show themselves.
    if hasattr(exc, "show") and hasattr(exc, "exit_code"):
        return exc
    return None
