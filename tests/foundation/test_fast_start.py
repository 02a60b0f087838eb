"""`samverkan --help` and `--version` stay fast: no heavy library is imported."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "openpyxl", "scipy", "numpy", "python_calamine", "pyreadstat", "jinja2")

PROBE = """
import sys
sys.argv = ["samverkan", {arg!r}]
try:
    from samverkan_cli.cli.entry import main
    main()
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


class TestFastStart:
    def test_help_imports_no_heavy_library(self) -> None:
        """`samverkan --help` loads none of pandas, matplotlib, openpyxl, scipy and friends."""
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(arg="--help", heavy=HEAVY)], capture_output=True, text=True, check=True
        ).stdout
        assert "Användning" in out
        assert out.strip().splitlines()[-1] == "LOADED:"

    def test_version_imports_no_heavy_library(self) -> None:
        """`samverkan --version` prints the version and loads no heavy library."""
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(arg="--version", heavy=HEAVY)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.startswith("samverkan-cli ")
        assert out.strip().splitlines()[-1] == "LOADED:"

    def test_module_entry_point_works(self) -> None:
        """`python -m samverkan_cli --version` works like the console script."""
        proc = subprocess.run([sys.executable, "-m", "samverkan_cli", "--version"], capture_output=True, text=True)
        assert proc.returncode == 0
        assert proc.stdout.startswith("samverkan-cli ")


class TestFrozenHelp:
    def test_frozen_help_equals_typers_rendering(self) -> None:
        """The instant `--help` text is exactly what Typer renders at 80 columns (regenerate if this fails)."""
        import os

        env = {**os.environ, "COLUMNS": "80"}
        code = "from samverkan_cli.cli.help_text import render; print(render(), end='')"
        live = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
        from samverkan_cli.cli.help_text import TOP_HELP

        assert live == TOP_HELP

    def test_every_frozen_subcommand_help_equals_typers_rendering(self) -> None:
        """Every command's frozen help equals Typer's rendering, and every command has one."""
        import json
        import os

        env = {**os.environ, "COLUMNS": "80"}
        code = (
            "import json; from samverkan_cli.cli.help_text import command_paths, render;"
            "print(json.dumps([[list(p), render(p)] for p in command_paths()]))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
        live = {tuple(path): text for path, text in json.loads(out)}
        from samverkan_cli.cli.help_text import HELP

        assert ("frame", "import") in live and ("status",) in live
        assert live == HELP

    def test_subcommand_help_does_not_import_typer(self) -> None:
        """`samverkan import --help` and `samverkan instrument show -h` answer without Typer."""
        for args in (["import", "--help"], ["instrument", "show", "-h"]):
            code = (
                "import sys; sys.argv = ['samverkan', *sys.argv[1:]]\n"
                "from samverkan_cli.cli.entry import main\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                "print('TYPER' if 'typer' in sys.modules else 'FAST', file=sys.stderr)"
            )
            run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
            assert run.stderr.strip() == "FAST"
            assert run.stdout.startswith("Användning: samverkan " + " ".join(args[:-1]))

    def test_every_command_is_listed(self) -> None:
        """The help lists each registered command."""
        from samverkan_cli.cli.help_text import TOP_HELP

        for command in ("demo", "init", "import", "analyze", "report", "run", "status", "frame", "instrument"):
            assert f"  {command} " in TOP_HELP
