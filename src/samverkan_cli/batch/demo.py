"""``samverkan demo``: a project filled with the shipped example exports, ready to run."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from samverkan_cli.batch.project import init_project
from samverkan_cli.config import CONFIG_NAME
from samverkan_cli.errors import InternalError, UsageError
from samverkan_cli.i18n import Lang, Msg

__all__ = ["examples_dir", "prepare_demo"]


def examples_dir() -> Path:
    """The example data: shipped inside the wheel, or the repository's examples/ in a checkout."""
    packaged = resources.files("samverkan_cli") / "_examples"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "examples"
    if (checkout / "exports").is_dir():
        return checkout
    raise InternalError(
        Msg("Exempeldata saknas i installationen.", "The example data is missing from the installation."),
        Msg("Installera om samverkan-cli.", "Reinstall samverkan-cli."),
    )


def prepare_demo(directory: Path, report_lang: Lang = "sv") -> bool:
    """Create the demo project in ``directory`` with the examples in its inbox.

    ``report_lang`` becomes the project's ``[report] lang``, so ``samverkan --lang en demo``
    gives English reports.

    Returns False when ``directory`` already is a demo project (it is then just run again).
    """
    if (directory / CONFIG_NAME).is_file():
        return False
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(
            Msg("{d} finns redan och är inte tom.", "{d} already exists and is not empty.").format(d=directory),
            Msg("Ange en ny katalog: samverkan demo NY-KATALOG", "Give a new directory: samverkan demo NEW-DIR"),
        )
    source = examples_dir()
    waves = sorted(p.name for p in (source / "exports").iterdir() if p.is_dir())
    init_project(directory, wave=waves[-1] if waves else "", mapping="mapping.toml")
    if report_lang != "sv":
        config = directory / CONFIG_NAME
        text = config.read_text(encoding="utf-8").replace('lang = "sv"', f'lang = "{report_lang}"', 1)
        config.write_text(text, encoding="utf-8")
    shutil.copy2(source / "mapping.toml", directory / "mapping.toml")
    inbox = directory / "inbox"
    for wave in waves:
        shutil.copytree(source / "exports" / wave, inbox / wave)
    shutil.copytree(source / "register", inbox / "register")
    return True
