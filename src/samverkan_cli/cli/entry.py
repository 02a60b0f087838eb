"""Console-script entry point: answers `--version` and `--help` before importing Typer.

Typer alone takes several times Python's start-up; a user typing `samverkan --help` should
get an instant answer. Everything else goes to :func:`samverkan_cli.cli.app.main`.
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
    if args in (["--help"], ["-h"]):
        from samverkan_cli.cli.help_text import TOP_HELP

        sys.stdout.write(TOP_HELP)
        sys.exit(0)
    from samverkan_cli.cli.app import main as app_main

    app_main()
