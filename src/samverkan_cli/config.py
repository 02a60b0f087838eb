"""The project config (``samverkan.toml``) as one typed, validated object."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from samverkan_cli.errors import ConfigError, UsageError
from samverkan_cli.i18n import Msg

__all__ = [
    "CONFIG_NAME",
    "AnalysisConfig",
    "Config",
    "DisclosureConfig",
    "ImportConfig",
    "PathsConfig",
    "ReportConfig",
    "WaveConfig",
    "find_project",
    "load_config",
]

CONFIG_NAME = "samverkan.toml"


@dataclass(frozen=True)
class PathsConfig:
    database: str = "samverkan.db"
    inbox: str = "inbox"
    archive: str = "archive"
    reports: str = "reports"
    logs: str = "logs"


@dataclass(frozen=True)
class ImportConfig:
    wave: str = ""
    strict: bool = False
    instrument: str = ""
    mapping: str = ""
    # Refuse a sheet larger than this (cells in its used rectangle / unpacked megabytes): a file
    # with a stray cell at XFD1048576 or a zip bomb must not take the machine down.
    max_cells: int = 4_000_000
    max_sheet_mb: int = 256


@dataclass(frozen=True)
class AnalysisConfig:
    unit: str = "organisation"
    min_n: int = 5
    uncertain_below: int = 10
    seed: int = 20260101
    bootstrap: int = 1000


@dataclass(frozen=True)
class DisclosureConfig:
    """``[disclosure]``: what may be published (SPEC 6.9, protection-interval audit)."""

    min_n: int = 5
    uncertain_below: int = 10
    protection_points: float = 20.0


@dataclass(frozen=True)
class ReportConfig:
    formats: list[str] = field(default_factory=lambda: ["html", "xlsx"])
    lang: str = "sv"
    include_comments: bool = False
    templates: str = ""
    title: str = ""
    #: County codes shown next to riket in every county report (``report --compare``).
    compare: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WaveConfig:
    """One declared wave (``[[waves]]``): its name and, optionally, its field period (ISO dates)."""

    name: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Config:
    """Everything ``samverkan.toml`` can say, with defaults, plus the project directory."""

    root: Path
    paths: PathsConfig = field(default_factory=PathsConfig)
    import_: ImportConfig = field(default_factory=ImportConfig)
    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    disclosure: DisclosureConfig = field(default_factory=DisclosureConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    waves: tuple[WaveConfig, ...] = ()  # declared waves, in order (``[[waves]]``); empty = undeclared

    @property
    def declared_waves(self) -> tuple[str, ...]:
        """The declared wave names in their declared order (empty when none are declared)."""
        return tuple(w.name for w in self.waves)

    def path(self, name: str) -> Path:
        """Resolve one of the ``[paths]`` entries inside the project directory."""
        return resolve_inside(self.root, getattr(self.paths, name), f"paths.{name}")

    @property
    def database(self) -> Path:
        return self.path("database")

    def instrument_path(self) -> Path | None:
        if not self.import_.instrument:
            return None
        return resolve_inside(self.root, self.import_.instrument, "import.instrument")

    def mapping_path(self) -> Path | None:
        if not self.import_.mapping:
            return None
        return resolve_inside(self.root, self.import_.mapping, "import.mapping")

    def templates_path(self) -> Path | None:
        if not self.report.templates:
            return None
        return resolve_inside(self.root, self.report.templates, "report.templates")


_SECTIONS: dict[str, tuple[str, type[Any]]] = {
    "paths": ("paths", PathsConfig),
    "import": ("import_", ImportConfig),
    "analysis": ("analysis", AnalysisConfig),
    "disclosure": ("disclosure", DisclosureConfig),
    "report": ("report", ReportConfig),
}

_CHOICES: dict[str, tuple[str, ...]] = {
    "analysis.unit": ("organisation", "response"),
    "report.lang": ("sv", "en"),
}


def resolve_inside(root: Path, value: str, key: str) -> Path:
    """Resolve ``value`` against ``root`` and refuse anything that escapes the project."""
    root = root.resolve()
    candidate = (root / value).resolve()
    if candidate != root and root not in candidate.parents:
        raise ConfigError(
            Msg(
                '{key} = "{v}" pekar utanför projektkatalogen {root}.',
                '{key} = "{v}" points outside the project directory {root}.',
            ).format(key=key, v=value, root=root),
            Msg("Ange en relativ sökväg inuti projektet.", "Use a relative path inside the project."),
        )
    return candidate


def _check_value(file: Path, key: str, value: Any, default: Any) -> Msg | None:
    expected: type[Any] = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is list:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    if not ok:
        return Msg(
            "{file}: {key} ska vara {t}, inte {v!r}",
            "{file}: {key} must be {t}, not {v!r}",
        ).format(file=file.name, key=key, t=expected.__name__, v=value)
    if key in _CHOICES and value not in _CHOICES[key]:
        return Msg(
            "{file}: {key} ska vara en av {c}, inte {v!r}",
            "{file}: {key} must be one of {c}, not {v!r}",
        ).format(file=file.name, key=key, c=", ".join(_CHOICES[key]), v=value)
    if expected in (int, float) and value < 0:
        return Msg("{file}: {key} får inte vara negativt", "{file}: {key} must not be negative").format(
            file=file.name, key=key
        )
    return None


def _move_legacy_thresholds(data: dict[str, Any], kwargs: dict[str, Any]) -> None:
    """``[analysis] min_n``/``uncertain_below`` (before ``[disclosure]`` existed) still apply."""
    legacy = data.get("analysis")
    if not isinstance(legacy, dict) or "analysis" not in kwargs:
        return
    current = kwargs.get("disclosure", DisclosureConfig())
    section = data.get("disclosure")
    explicit: dict[str, Any] = section if isinstance(section, dict) else {}
    moved = {
        k: getattr(kwargs["analysis"], k) for k in ("min_n", "uncertain_below") if k in legacy and k not in explicit
    }
    if moved:
        kwargs["disclosure"] = replace(current, **moved)


def _parse_waves(file: Path, value: Any, problems: list[Msg]) -> tuple[WaveConfig, ...]:
    """``[[waves]]``: each with ``name`` and optional ``start``/``end`` dates (YYYY-MM-DD), names unique."""
    import datetime as dt

    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(
            Msg(
                '{f}: waves ska vara en lista av [[waves]] med name = "2026"',
                '{f}: waves must be a list of [[waves]] with name = "2026"',
            ).format(f=file.name)
        )
        return ()
    out: list[WaveConfig] = []
    for k, entry in enumerate(value, start=1):
        unknown = sorted(set(entry) - {"name", "start", "end"})
        name = entry.get("name")
        dates = {key: entry.get(key, "") for key in ("start", "end")}
        bad: list[str] = [f"waves[{k}].{u}" for u in unknown]
        if not isinstance(name, str) or not name.strip() or name in {w.name for w in out}:
            bad.append(f"waves[{k}].name")
        for key, text in dates.items():
            if isinstance(text, dt.date):
                dates[key] = text.isoformat()
            elif not isinstance(text, str) or (text and not _is_iso_date(text)):
                bad.append(f"waves[{k}].{key}")
        if bad:
            problems.append(
                Msg(
                    "{f}: ogiltig mätomgång ({keys}): namn ska vara unika, datum ÅÅÅÅ-MM-DD",
                    "{f}: invalid wave ({keys}): names must be unique, dates YYYY-MM-DD",
                ).format(f=file.name, keys=", ".join(bad))
            )
            continue
        out.append(WaveConfig(str(name).strip(), str(dates["start"]), str(dates["end"])))
    return tuple(out)


def _is_iso_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def load_config(root: Path) -> Config:
    """Load ``root/samverkan.toml``; unknown keys and wrong types are errors naming the key."""
    file = root / CONFIG_NAME
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(root=root.resolve())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Msg("{f} går inte att läsa: {e}", "{f} cannot be parsed: {e}").format(f=file, e=exc),
            Msg("Rätta TOML-syntaxen på raden som nämns.", "Fix the TOML syntax on the line named."),
        ) from exc

    problems: list[Msg] = []
    kwargs: dict[str, Any] = {}
    for section, body in data.items():
        if section == "waves":
            kwargs["waves"] = _parse_waves(file, body, problems)
            continue
        if section not in _SECTIONS:
            problems.append(
                Msg("{f}: okänd sektion [{s}]", "{f}: unknown section [{s}]").format(f=file.name, s=section)
            )
            continue
        attr, cls = _SECTIONS[section]
        if not isinstance(body, dict):
            problems.append(
                Msg("{f}: {s} ska vara en sektion", "{f}: {s} must be a section").format(f=file.name, s=section)
            )
            continue
        defaults = cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in body.items():
            full = f"{section}.{key}"
            if key not in known:
                problems.append(Msg("{f}: okänd nyckel {k}", "{f}: unknown key {k}").format(f=file.name, k=full))
                continue
            problem = _check_value(file, full, value, getattr(defaults, key))
            if problem:
                problems.append(problem)
            else:
                values[key] = float(value) if isinstance(getattr(defaults, key), float) else value
        kwargs[attr] = cls(**values)
    _move_legacy_thresholds(data, kwargs)
    if problems:
        raise ConfigError(
            Msg("Konfigurationen {f} är ogiltig:", "The configuration {f} is invalid:").format(f=file),
            Msg(
                "Rätta nycklarna ovan (se kommentarerna i samverkan.toml).",
                "Fix the keys above (see the comments in samverkan.toml).",
            ),
            problems,
        )
    config = Config(root=root.resolve(), **kwargs)
    for name in ("database", "inbox", "archive", "reports", "logs"):
        config.path(name)
    config.instrument_path()
    config.mapping_path()
    config.templates_path()
    return config


def find_project(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The project directory: ``explicit``, else the nearest of ``start`` and its parents with a config."""
    if explicit is not None:
        if not (explicit / CONFIG_NAME).is_file():
            raise UsageError(
                Msg(
                    "{d} är inget samverkan-projekt (ingen samverkan.toml).",
                    "{d} is not a samverkan project (no samverkan.toml).",
                ).format(d=explicit),
                Msg("Skapa ett med: samverkan init {d}", "Create one with: samverkan init {d}").format(d=explicit),
            )
        return explicit.resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    raise UsageError(
        Msg(
            "Här finns inget samverkan-projekt ({d} eller någon överordnad katalog).",
            "There is no samverkan project here ({d} or any parent directory).",
        ).format(d=here),
        Msg(
            "Skapa ett med `samverkan init KATALOG` eller ange --project KATALOG.",
            "Create one with `samverkan init DIR` or pass --project DIR.",
        ),
    )
