"""``wave new``: declare the next wave in samverkan.toml by appending text, so comments and layout stay."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from samverkan_cli.config import CONFIG_NAME
from samverkan_cli.errors import ConfigError, UsageError
from samverkan_cli.fileio import write_atomic
from samverkan_cli.i18n import Msg

if TYPE_CHECKING:
    from samverkan_cli.config import Config

__all__ = ["AddedWave", "add_wave"]


@dataclass(frozen=True)
class AddedWave:
    """What ``add_wave`` declared: the new wave, and earlier stored waves declared with it (first time only)."""

    name: str
    start: str
    end: str
    also_declared: tuple[str, ...]


def _check_date(text: str | None, option: str) -> str:
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(
            Msg("{o}: {d} är inget datum.", "{o}: {d} is not a date.").format(o=option, d=text),
            Msg("Skriv datumet som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD."),
        ) from None


def _entry(name: str, start: str = "", end: str = "") -> str:
    lines = ["", "[[waves]]", f"name = {_quote(name)}"]
    lines += [f"{key} = {_quote(value)}" for key, value in (("start", start), ("end", end)) if value]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_wave(config: Config, name: str, start: str | None, end: str | None, stored: list[str]) -> AddedWave:
    """Append ``[[waves]] name = ...`` to samverkan.toml; refuses a name already declared.

    When no wave was declared yet, the waves already holding responses are declared first, in their
    order, so declaring the next wave never makes the earlier data undeclared.
    """
    from samverkan_cli.config import load_config

    name = name.strip()
    if not name:
        raise UsageError(Msg("Mätomgången behöver ett namn.", "The wave needs a name."))
    open_, close = _check_date(start, "--open"), _check_date(end, "--close")
    if open_ and close and close < open_:
        raise UsageError(Msg("--close ligger före --open.", "--close is before --open."))
    if name in config.declared_waves:
        raise UsageError(
            Msg("Mätomgång {w} finns redan i {f}.", "Wave {w} is already declared in {f}.").format(
                w=name, f=CONFIG_NAME
            ),
            Msg("Ändra datumen direkt i filen.", "Edit its dates in the file itself."),
        )
    earlier = () if config.waves else tuple(w for w in stored if w != name)
    file = config.root / CONFIG_NAME
    original = file.read_text(encoding="utf-8")
    added = "".join(_entry(w) for w in earlier) + _entry(name, open_, close)
    text = original + ("" if original.endswith("\n") or not original else "\n") + added
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            Msg("{f} kan inte utökas med [[waves]]: {e}", "{f} cannot take a [[waves]] entry: {e}").format(
                f=CONFIG_NAME, e=exc
            ),
            Msg("Lägg till mätomgången för hand.", "Add the wave by hand."),
        ) from None
    write_atomic(file, text.encode("utf-8"))
    try:
        load_config(config.root)
    except ConfigError:
        write_atomic(file, original.encode("utf-8"))  # leave the project as it was
        raise
    return AddedWave(name, open_, close, earlier)
