"""Global options work wherever a user writes them: before or after the subcommand."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer.main

from samverkan_cli.cli.app import app, hoist_global_options

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _hoist(*args: str) -> list[str]:
    return hoist_global_options(typer.main.get_command(app), list(args))


class TestHoisting:
    def test_global_options_after_the_subcommand_move_before_it(self) -> None:
        """--project/-p with a value, -q and --debug flags, and --opt=value forms all move; order is kept."""
        assert _hoist("status", "--progress", "-p", "/x", "-q") == ["-p", "/x", "-q", "status", "--progress"]
        assert _hoist("analyze", "--project=/x", "--debug") == ["--project=/x", "--debug", "analyze"]
        assert _hoist("--lang", "en", "status", "-q") == ["--lang", "en", "-q", "status"]

    def test_nested_commands_are_followed(self) -> None:
        """`frame import FILE -p DIR` reaches the `frame import` command with the project first."""
        assert _hoist("frame", "import", "f.xlsx", "-p", "/x") == ["-p", "/x", "frame", "import", "f.xlsx"]

    def test_an_option_the_subcommand_has_itself_stays(self) -> None:
        """`report --lang en` is report's own --lang; `import --wave 2026` keeps its value in place."""
        assert _hoist("report", "--lang", "en", "--lock-timeout", "3") == [
            "--lock-timeout",
            "3",
            "report",
            "--lang",
            "en",
        ]
        assert _hoist("import", "--wave", "-q", "a.csv") == ["import", "--wave", "-q", "a.csv"]

    def test_after_double_dash_nothing_moves(self) -> None:
        """Everything after `--` is an argument, even when it looks like an option."""
        assert _hoist("import", "--", "--project", "x.csv") == ["import", "--", "--project", "x.csv"]

    def test_a_trailing_option_without_its_value_is_left_for_click_to_refuse(self) -> None:
        """`status --project` (value missing) is not turned into `--project status`."""
        assert _hoist("status", "--project") == ["status", "--project"]


class TestFromTheCommandLine:
    def test_project_after_the_subcommand(self, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
        """`import FILE --wave W --project P` and `status --project P -q` work like the documented order."""
        project = tmp_path / "p"
        assert cli("init", project).code == 0
        export = tmp_path / "07_kronoberg.csv"
        shutil.copy2(EXAMPLES / "exports" / "2026" / "07_kronoberg.csv", export)
        imported = cli("import", export, "--wave", "2026", "--project", project, "-q")
        assert imported.code == 0, imported.err
        after = cli("status", "--project", project)
        before = cli("--project", project, "status")
        assert after.code == before.code == 0
        assert after.out == before.out and "Kronobergs län" in after.out
