"""Console-script entry point: answers `--version` and every `--help` before importing Typer.

Typer alone takes several times Python's start-up; a user typing `samverkan --help` should
get an instant answer, and so should `samverkan import --help` (frozen texts in
:mod:`samverkan_cli.cli.help_text`). Everything else goes to :func:`samverkan_cli.cli.app.main`.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from samverkan_cli import __version__

        print(f"samverkan-cli {__version__}")
        sys.exit(0)
    if args and args[-1] in ("--help", "-h"):
        from samverkan_cli.cli.help_text import frozen_help

        text = frozen_help(args)
        if text is not None:
            sys.stdout.write(text)
            sys.exit(0)
    from samverkan_cli.cli.app import main as app_main

    app_main()
