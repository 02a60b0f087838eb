"""Load and validate a codebook TOML; every problem is reported with file and key (exit 6)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeGuard

from samverkan_cli.errors import ConfigError
from samverkan_cli.i18n import Msg
from samverkan_cli.instrument.model import (
    ALL_ORG_TYPES,
    REPORT_ROLES,
    Dimension,
    Instrument,
    Item,
    Label,
    Option,
    Scale,
    Text,
)

__all__ = ["DEFAULT_INSTRUMENT", "default_instrument_text", "load_instrument", "parse_instrument"]

DEFAULT_INSTRUMENT = "samverkan-2026"
_SCALE_TYPES = ("scored", "choice", "multi", "text", "kommun")
_ROLES = ("org_typ", "org_namn", "kommun", "roll")
_ITEM_KEYS = frozenset({"id", "text", "scale", "dimension", "reverse", "role", "aliases", "report_role"})


def default_instrument_text() -> str:
    """The TOML text of the shipped default instrument."""
    ref = resources.files("samverkan_cli.instrument") / "instruments" / f"{DEFAULT_INSTRUMENT}.toml"
    return ref.read_text(encoding="utf-8")


def load_instrument(path: Path | None = None) -> Instrument:
    """Load ``path`` (or the default instrument) and validate it completely."""
    if path is None:
        return parse_instrument(default_instrument_text(), f"{DEFAULT_INSTRUMENT}.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(Msg("Kodboken {f} finns inte.", "The codebook {f} does not exist.").format(f=path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Msg("Kodboken {f} går inte att läsa: {e}", "The codebook {f} cannot be read: {e}").format(f=path, e=exc)
        ) from exc
    return parse_instrument(text, str(path))


class _Problems:
    """Every problem found in one codebook, each prefixed with the file and the key."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Msg] = []

    def add(self, key: str, msg: Msg, **params: object) -> None:
        prefix = "{src}: " + key.replace("{", "{{").replace("}", "}}") + ": "
        self.items.append(Msg(prefix + msg.sv, prefix + msg.en).format(src=self.source, **params))


_MISSING = Msg("saknas", "is missing")
_NOT_A_TABLE = Msg("ska vara en tabell", "must be a table")
_NOT_A_NUMBER = Msg("ska vara ett tal", "must be a number")


def _text(raw: Any, key: str, problems: _Problems) -> Text:
    if not isinstance(raw, dict):
        problems.add(key, Msg("saknas (ange {k}.sv och {k}.en)", "is missing (give {k}.sv and {k}.en)"), k=key)
        return Text("", "")
    for lang in ("sv", "en"):
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            problems.add(f"{key}.{lang}", Msg("översättning saknas", "translation missing"))
    return Text(str(raw.get("sv", "")), str(raw.get("en", "")))


def _aliases(raw: Any, key: str, problems: _Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
        problems.add(key, Msg("ska vara en lista med texter", "must be a list of strings"))
        return ()
    return tuple(raw)


def _number(raw: Any) -> TypeGuard[float]:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def _parse_labels(raw: dict[str, Any], key: str, problems: _Problems) -> tuple[Label, ...]:
    raw_labels = raw.get("labels")
    if not isinstance(raw_labels, list) or len(raw_labels) < 2:
        problems.add(
            f"{key}.labels",
            Msg("en poängsatt skala behöver minst två svarsalternativ", "a scored scale needs at least two labels"),
        )
        raw_labels = []
    labels: list[Label] = []
    seen_values: set[float] = set()
    for n, lab in enumerate(raw_labels):
        lkey = f"{key}.labels[{n}]"
        value = lab.get("value") if isinstance(lab, dict) else None
        if not _number(value):
            problems.add(f"{lkey}.value", _NOT_A_NUMBER)
            continue
        if value in seen_values:
            problems.add(f"{lkey}.value", Msg("värdet {v} finns redan", "value {v} is duplicated"), v=value)
        seen_values.add(value)
        aliases = _aliases(lab.get("aliases"), f"{lkey}.aliases", problems)
        labels.append(Label(float(value), _text(lab, lkey, problems), aliases))
    return tuple(labels)


def _parse_option(raw: dict[str, Any], code: str, key: str, problems: _Problems) -> Option:
    plural = _text(raw["plural"], f"{key}.plural", problems) if "plural" in raw else None
    return Option(code, _text(raw, key, problems), _aliases(raw.get("aliases"), f"{key}.aliases", problems), plural)


def _parse_options(raw: dict[str, Any], key: str, stype: str, problems: _Problems) -> tuple[Option, ...]:
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or not raw_options:
        problems.add(f"{key}.options", Msg("en {t}-skala behöver alternativ", "a {t} scale needs options"), t=stype)
        raw_options = []
    options: list[Option] = []
    seen_codes: set[str] = set()
    for n, opt in enumerate(raw_options):
        okey = f"{key}.options[{n}]"
        code = opt.get("code") if isinstance(opt, dict) else None
        if not isinstance(code, str) or not code:
            problems.add(f"{okey}.code", _MISSING)
            continue
        if code in seen_codes:
            problems.add(f"{okey}.code", Msg("koden {c!r} finns redan", "code {c!r} is duplicated"), c=code)
        seen_codes.add(code)
        options.append(_parse_option(opt, code, okey, problems))
    return tuple(options)


def _parse_missing(raw: dict[str, Any], key: str, problems: _Problems) -> tuple[Text, ...]:
    missing_sv = _aliases(raw.get("missing"), f"{key}.missing", problems)
    missing_en = _aliases(raw.get("missing_en"), f"{key}.missing_en", problems)
    if missing_en and len(missing_en) != len(missing_sv):
        problems.add(
            f"{key}.missing_en",
            Msg("ska ha lika många poster som missing", "must have as many entries as missing"),
        )
    return tuple(Text(sv, missing_en[i] if i < len(missing_en) else sv) for i, sv in enumerate(missing_sv))


def _parse_total(raw: dict[str, Any], key: str, stype: str, problems: _Problems) -> Option | None:
    if "all" not in raw:
        return None
    if stype != "choice" or not isinstance(raw["all"], dict):
        problems.add(f"{key}.all", Msg("gäller bara valskalor (choice)", "only applies to choice scales"))
        return None
    return _parse_option(raw["all"], ALL_ORG_TYPES, f"{key}.all", problems)


def _parse_scale(scale_id: str, raw: Any, problems: _Problems) -> Scale | None:
    key = f"scales.{scale_id}"
    if not isinstance(raw, dict):
        problems.add(key, _NOT_A_TABLE)
        return None
    stype = raw.get("type")
    if stype not in _SCALE_TYPES:
        problems.add(
            f"{key}.type",
            Msg("okänd skaltyp {t!r} (tillåtna: {ok})", "unknown scale type {t!r} (allowed: {ok})"),
            t=stype,
            ok=", ".join(_SCALE_TYPES),
        )
        return None
    labels = _parse_labels(raw, key, problems) if stype == "scored" else ()
    options = _parse_options(raw, key, stype, problems) if stype in ("choice", "multi") else ()
    missing = _parse_missing(raw, key, problems)
    missing_aliases = _aliases(raw.get("missing_aliases"), f"{key}.missing_aliases", problems)
    if missing_aliases and not missing:
        problems.add(f"{key}.missing_aliases", Msg("kräver missing", "needs missing"))
    positive = raw.get("positive_min")
    if positive is not None and not _number(positive):
        problems.add(f"{key}.positive_min", _NOT_A_NUMBER)
        positive = None
    if positive is not None and stype != "scored":
        problems.add(f"{key}.positive_min", Msg("gäller bara poängsatta skalor", "only applies to scored scales"))
    return Scale(
        scale_id,
        stype,
        labels,
        options,
        missing,
        float(positive) if positive is not None else None,
        missing_aliases,
        _parse_total(raw, key, stype, problems),
    )


def _parse_meta(data: dict[str, Any], problems: _Problems) -> tuple[dict[str, Any], Text]:
    meta = data.get("instrument")
    if not isinstance(meta, dict):
        problems.add("instrument", Msg("sektionen saknas", "section is missing"))
        meta = {}
    for key in ("id", "version"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            problems.add(f"instrument.{key}", _MISSING)
    return meta, _text(meta.get("title"), "instrument.title", problems)


def _parse_rules(data: dict[str, Any], problems: _Problems) -> tuple[float, int]:
    rules = data.get("rules", {})
    share = rules.get("min_answered_share", 0.5) if isinstance(rules, dict) else 0.5
    min_dims = rules.get("index_min_dimensions", 3) if isinstance(rules, dict) else 3
    if not isinstance(share, int | float) or not 0 < share <= 1:
        problems.add(
            "rules.min_answered_share",
            Msg("ska vara ett tal mellan 0 och 1", "must be a number between 0 and 1"),
        )
        share = 0.5
    if not isinstance(min_dims, int) or min_dims < 1:
        problems.add("rules.index_min_dimensions", Msg("ska vara ett positivt heltal", "must be a positive integer"))
        min_dims = 3
    return float(share), int(min_dims)


def _parse_index_label(data: dict[str, Any], problems: _Problems) -> Text:
    index_raw = data.get("index", {})
    if isinstance(index_raw, dict) and "label" in index_raw:
        return _text(index_raw.get("label"), "index.label", problems)
    return Text("Samverkansindex", "Collaboration index")


def _parse_scales(data: dict[str, Any], problems: _Problems) -> dict[str, Scale]:
    raw_scales = data.get("scales", {})
    if not isinstance(raw_scales, dict) or not raw_scales:
        problems.add("scales", Msg("inga skalor definierade", "no scales defined"))
        raw_scales = {}
    scales: dict[str, Scale] = {}
    for scale_id, raw in raw_scales.items():
        scale = _parse_scale(scale_id, raw, problems)
        if scale:
            scales[scale_id] = scale
    return scales


def _parse_dimensions(data: dict[str, Any], problems: _Problems) -> tuple[Dimension, ...]:
    dimensions: list[Dimension] = []
    seen_dims: set[str] = set()
    for n, raw in enumerate(data.get("dimensions", []) or []):
        key = f"dimensions[{n}]"
        dim_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(dim_id, str) or not dim_id:
            problems.add(f"{key}.id", _MISSING)
            continue
        if dim_id in seen_dims:
            problems.add(f"{key}.id", Msg("dimensionen {d!r} finns redan", "dimension {d!r} is duplicated"), d=dim_id)
        seen_dims.add(dim_id)
        dimensions.append(Dimension(dim_id, _text(raw.get("label"), f"{key}.label", problems)))
    return tuple(dimensions)


def _check_choice(key: str, name: str, value: Any, allowed: tuple[str, ...], problems: _Problems) -> str | None:
    """``value`` when it is one of ``allowed`` (or absent); otherwise a problem and None."""
    if value is None:
        return None
    if value not in allowed:
        problems.add(
            f"{key}.{name}",
            Msg("okänd roll {r!r} (tillåtna: {ok})", "unknown role {r!r} (allowed: {ok})"),
            r=value,
            ok=", ".join(allowed),
        )
        return None
    return str(value)


def _check_item_scale(raw: dict[str, Any], key: str, scale: Scale, problems: _Problems) -> None:
    """Dimension, reverse scoring and report role each need a fitting scale."""
    if raw.get("dimension") is not None and not scale.scored:
        problems.add(
            f"{key}.dimension",
            Msg("en fråga i en dimension måste ha en poängsatt skala", "an item in a dimension needs a scored scale"),
        )
    if raw.get("reverse") is True and not scale.scored:
        problems.add(
            f"{key}.reverse",
            Msg("omvänd poäng på en skala utan poäng ({s})", "reverse on an unscored scale ({s})"),
            s=scale.id,
        )
    if raw.get("report_role") in REPORT_ROLES and scale.type not in ("choice", "multi"):
        problems.add(
            f"{key}.report_role",
            Msg(
                "en rapportroll kräver en choice- eller multi-skala (inte {s})",
                "a report role needs a choice or multi scale (not {s})",
            ),
            s=scale.id,
        )


def _parse_item(
    n: int, raw: Any, scales: dict[str, Scale], dims: set[str], seen: set[str], problems: _Problems
) -> Item | None:
    key = f"items[{n}]"
    if not isinstance(raw, dict):
        problems.add(key, _NOT_A_TABLE)
        return None
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id:
        problems.add(f"{key}.id", _MISSING)
        return None
    key = f"items[{n}] ({item_id})"
    if item_id in seen:
        problems.add(f"{key}.id", Msg("frågan {i!r} finns redan", "item {i!r} is duplicated"), i=item_id)
    seen.add(item_id)
    scale_id = raw.get("scale")
    scale = scales.get(scale_id) if isinstance(scale_id, str) else None
    if scale is None:
        problems.add(f"{key}.scale", Msg("okänd skala {s!r}", "unknown scale {s!r}"), s=scale_id)
    dimension = raw.get("dimension")
    if dimension is not None and dimension not in dims:
        problems.add(f"{key}.dimension", Msg("okänd dimension {d!r}", "unknown dimension {d!r}"), d=dimension)
    if scale is not None:
        _check_item_scale(raw, key, scale, problems)
    reverse = raw.get("reverse", False)
    if not isinstance(reverse, bool):
        problems.add(f"{key}.reverse", Msg("ska vara true eller false", "must be true or false"))
        reverse = False
    role = _check_choice(key, "role", raw.get("role"), _ROLES, problems)
    report_role = _check_choice(key, "report_role", raw.get("report_role"), REPORT_ROLES, problems)
    for extra in sorted(set(raw) - _ITEM_KEYS):
        problems.add(f"{key}.{extra}", Msg("okänd nyckel", "unknown key"))
    if scale is None:
        return None
    return Item(
        id=item_id,
        text=_text(raw.get("text"), f"{key}.text", problems),
        scale=scale,
        dimension=dimension if isinstance(dimension, str) else None,
        reverse=reverse,
        role=role,
        aliases=_aliases(raw.get("aliases"), f"{key}.aliases", problems),
        report_role=report_role,
    )


def _parse_items(
    data: dict[str, Any], scales: dict[str, Scale], dimensions: tuple[Dimension, ...], problems: _Problems
) -> tuple[Item, ...]:
    dims = {d.id for d in dimensions}
    seen: set[str] = set()
    parsed = (_parse_item(n, raw, scales, dims, seen, problems) for n, raw in enumerate(data.get("items", []) or []))
    return tuple(item for item in parsed if item is not None)


def _check_coverage(items: tuple[Item, ...], dimensions: tuple[Dimension, ...], problems: _Problems) -> None:
    """Every dimension has items; the required roles are there, and no role is taken twice."""
    if not items:
        problems.add("items", Msg("inga frågor definierade", "no items defined"))
    for dim in dimensions:
        if not any(i.dimension == dim.id for i in items):
            problems.add(f"dimensions ({dim.id})", Msg("dimensionen har inga frågor", "dimension has no items"))
    for role in ("org_typ", "kommun"):
        if items and not any(i.role == role for i in items):
            problems.add("items", Msg("ingen fråga har role = {r!r}", "no item has role = {r!r}"), r=role)
    for field, taken in (("role", [i.role for i in items]), ("report_role", [i.report_role for i in items])):
        for role in sorted({r for r in taken if r and taken.count(r) > 1}):
            problems.add(
                "items",
                Msg("flera frågor har {k} = {r!r}", "several items have {k} = {r!r}"),
                k=field,
                r=role,
            )


def parse_instrument(text: str, source: str) -> Instrument:
    """Parse and validate codebook TOML text; raise :class:`ConfigError` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            Msg("Kodboken {f} är inte giltig TOML: {e}", "The codebook {f} is not valid TOML: {e}").format(
                f=source, e=exc
            )
        ) from exc
    problems = _Problems(source)
    meta, title = _parse_meta(data, problems)
    share, min_dims = _parse_rules(data, problems)
    index_label = _parse_index_label(data, problems)
    scales = _parse_scales(data, problems)
    dimensions = _parse_dimensions(data, problems)
    items = _parse_items(data, scales, dimensions, problems)
    _check_coverage(items, dimensions, problems)
    if problems.items:
        raise ConfigError(
            Msg("Kodboken {f} har {n} fel:", "The codebook {f} has {n} problems:").format(
                f=source, n=len(problems.items)
            ),
            Msg(
                "Rätta nycklarna ovan och kör `samverkan instrument validate` igen.",
                "Fix the keys above and run `samverkan instrument validate` again.",
            ),
            problems.items,
        )
    return Instrument(
        id=str(meta["id"]),
        version=str(meta["version"]),
        title=title,
        scales=scales,
        dimensions=dimensions,
        items=items,
        index_label=index_label,
        min_answered_share=share,
        index_min_dimensions=min_dims,
        source=source,
    )
