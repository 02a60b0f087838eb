"""Load and validate a codebook TOML; every problem is reported with file and key (exit 6)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from samverkan_cli.errors import ConfigError
from samverkan_cli.i18n import Msg
from samverkan_cli.instrument.model import (
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
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Msg] = []

    def add(self, key: str, sv: str, en: str, **params: object) -> None:
        self.items.append(
            Msg("{src}: " + key + ": " + sv, "{src}: " + key + ": " + en).format(src=self.source, **params)
        )


def _text(raw: Any, key: str, problems: _Problems) -> Text:
    if not isinstance(raw, dict):
        problems.add(key, "saknas (ange {k}.sv och {k}.en)", "is missing (give {k}.sv and {k}.en)", k=key)
        return Text("", "")
    for lang in ("sv", "en"):
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            problems.add(
                f"{key}.{lang}",
                "översättning saknas",
                "translation missing",
            )
    return Text(str(raw.get("sv", "")), str(raw.get("en", "")))


def _aliases(raw: Any, key: str, problems: _Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
        problems.add(key, "ska vara en lista med texter", "must be a list of strings")
        return ()
    return tuple(raw)


def _parse_scale(scale_id: str, raw: Any, problems: _Problems) -> Scale | None:
    key = f"scales.{scale_id}"
    if not isinstance(raw, dict):
        problems.add(key, "ska vara en tabell", "must be a table")
        return None
    stype = raw.get("type")
    if stype not in _SCALE_TYPES:
        problems.add(
            f"{key}.type",
            "okänd skaltyp {t!r} (tillåtna: {ok})",
            "unknown scale type {t!r} (allowed: {ok})",
            t=stype,
            ok=", ".join(_SCALE_TYPES),
        )
        return None
    labels: list[Label] = []
    options: list[Option] = []
    if stype == "scored":
        raw_labels = raw.get("labels")
        if not isinstance(raw_labels, list) or len(raw_labels) < 2:
            problems.add(
                f"{key}.labels",
                "en poängsatt skala behöver minst två svarsalternativ",
                "a scored scale needs at least two labels",
            )
            raw_labels = []
        seen_values: set[float] = set()
        for n, lab in enumerate(raw_labels):
            lkey = f"{key}.labels[{n}]"
            value = lab.get("value") if isinstance(lab, dict) else None
            if not isinstance(value, int | float) or isinstance(value, bool):
                problems.add(f"{lkey}.value", "ska vara ett tal", "must be a number")
                continue
            if value in seen_values:
                problems.add(f"{lkey}.value", "värdet {v} finns redan", "value {v} is duplicated", v=value)
            seen_values.add(value)
            labels.append(
                Label(
                    float(value), _text(lab, lkey, problems), _aliases(lab.get("aliases"), f"{lkey}.aliases", problems)
                )
            )
    elif stype in ("choice", "multi"):
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or not raw_options:
            problems.add(f"{key}.options", "en {t}-skala behöver alternativ", "a {t} scale needs options", t=stype)
            raw_options = []
        seen_codes: set[str] = set()
        for n, opt in enumerate(raw_options):
            okey = f"{key}.options[{n}]"
            code = opt.get("code") if isinstance(opt, dict) else None
            if not isinstance(code, str) or not code:
                problems.add(f"{okey}.code", "saknas", "is missing")
                continue
            if code in seen_codes:
                problems.add(f"{okey}.code", "koden {c!r} finns redan", "code {c!r} is duplicated", c=code)
            seen_codes.add(code)
            options.append(
                Option(code, _text(opt, okey, problems), _aliases(opt.get("aliases"), f"{okey}.aliases", problems))
            )
    missing_sv = _aliases(raw.get("missing"), f"{key}.missing", problems)
    missing_en = _aliases(raw.get("missing_en"), f"{key}.missing_en", problems)
    if missing_en and len(missing_en) != len(missing_sv):
        problems.add(
            f"{key}.missing_en", "ska ha lika många poster som missing", "must have as many entries as missing"
        )
    missing = tuple(Text(sv, missing_en[i] if i < len(missing_en) else sv) for i, sv in enumerate(missing_sv))
    positive = raw.get("positive_min")
    if positive is not None and (not isinstance(positive, int | float) or isinstance(positive, bool)):
        problems.add(f"{key}.positive_min", "ska vara ett tal", "must be a number")
        positive = None
    if positive is not None and stype != "scored":
        problems.add(f"{key}.positive_min", "gäller bara poängsatta skalor", "only applies to scored scales")
    return Scale(
        scale_id, stype, tuple(labels), tuple(options), missing, float(positive) if positive is not None else None
    )


def parse_instrument(text: str, source: str) -> Instrument:
    """Parse and validate codebook TOML text; raise :class:`ConfigError` listing every problem."""
    problems = _Problems(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            Msg("Kodboken {f} är inte giltig TOML: {e}", "The codebook {f} is not valid TOML: {e}").format(
                f=source, e=exc
            )
        ) from exc

    meta = data.get("instrument")
    if not isinstance(meta, dict):
        problems.add("instrument", "sektionen saknas", "section is missing")
        meta = {}
    for key in ("id", "version"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            problems.add(f"instrument.{key}", "saknas", "is missing")
    title = _text(meta.get("title"), "instrument.title", problems)

    rules = data.get("rules", {})
    share = rules.get("min_answered_share", 0.5) if isinstance(rules, dict) else 0.5
    min_dims = rules.get("index_min_dimensions", 3) if isinstance(rules, dict) else 3
    if not isinstance(share, int | float) or not 0 < share <= 1:
        problems.add("rules.min_answered_share", "ska vara ett tal mellan 0 och 1", "must be a number between 0 and 1")
        share = 0.5
    if not isinstance(min_dims, int) or min_dims < 1:
        problems.add("rules.index_min_dimensions", "ska vara ett positivt heltal", "must be a positive integer")
        min_dims = 3
    index_raw = data.get("index", {})
    index_label = (
        _text(index_raw.get("label"), "index.label", problems)
        if isinstance(index_raw, dict) and "label" in index_raw
        else Text("Samverkansindex", "Collaboration index")
    )

    scales: dict[str, Scale] = {}
    raw_scales = data.get("scales", {})
    if not isinstance(raw_scales, dict) or not raw_scales:
        problems.add("scales", "inga skalor definierade", "no scales defined")
        raw_scales = {}
    for scale_id, raw in raw_scales.items():
        scale = _parse_scale(scale_id, raw, problems)
        if scale:
            scales[scale_id] = scale

    dimensions: list[Dimension] = []
    seen_dims: set[str] = set()
    for n, raw in enumerate(data.get("dimensions", []) or []):
        key = f"dimensions[{n}]"
        dim_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(dim_id, str) or not dim_id:
            problems.add(f"{key}.id", "saknas", "is missing")
            continue
        if dim_id in seen_dims:
            problems.add(f"{key}.id", "dimensionen {d!r} finns redan", "dimension {d!r} is duplicated", d=dim_id)
        seen_dims.add(dim_id)
        dimensions.append(Dimension(dim_id, _text(raw.get("label"), f"{key}.label", problems)))

    items: list[Item] = []
    seen_items: set[str] = set()
    for n, raw in enumerate(data.get("items", []) or []):
        key = f"items[{n}]"
        if not isinstance(raw, dict):
            problems.add(key, "ska vara en tabell", "must be a table")
            continue
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not item_id:
            problems.add(f"{key}.id", "saknas", "is missing")
            continue
        key = f"items[{n}] ({item_id})"
        if item_id in seen_items:
            problems.add(f"{key}.id", "frågan {i!r} finns redan", "item {i!r} is duplicated", i=item_id)
        seen_items.add(item_id)
        scale_id = raw.get("scale")
        scale = scales.get(scale_id) if isinstance(scale_id, str) else None
        if scale is None:
            problems.add(f"{key}.scale", "okänd skala {s!r}", "unknown scale {s!r}", s=scale_id)
        dimension = raw.get("dimension")
        if dimension is not None and dimension not in seen_dims:
            problems.add(f"{key}.dimension", "okänd dimension {d!r}", "unknown dimension {d!r}", d=dimension)
        if dimension is not None and scale is not None and not scale.scored:
            problems.add(
                f"{key}.dimension",
                "en fråga i en dimension måste ha en poängsatt skala",
                "an item in a dimension needs a scored scale",
            )
        reverse = raw.get("reverse", False)
        if not isinstance(reverse, bool):
            problems.add(f"{key}.reverse", "ska vara true eller false", "must be true or false")
            reverse = False
        if reverse and scale is not None and not scale.scored:
            problems.add(
                f"{key}.reverse",
                "omvänd poäng på en skala utan poäng ({s})",
                "reverse on an unscored scale ({s})",
                s=scale.id,
            )
        role = raw.get("role")
        if role is not None and role not in _ROLES:
            problems.add(
                f"{key}.role",
                "okänd roll {r!r} (tillåtna: {ok})",
                "unknown role {r!r} (allowed: {ok})",
                r=role,
                ok=", ".join(_ROLES),
            )
        known = {"id", "text", "scale", "dimension", "reverse", "role", "aliases"}
        for extra in sorted(set(raw) - known):
            problems.add(f"{key}.{extra}", "okänd nyckel", "unknown key")
        if scale is None:
            continue
        items.append(
            Item(
                id=item_id,
                text=_text(raw.get("text"), f"{key}.text", problems),
                scale=scale,
                dimension=dimension if isinstance(dimension, str) else None,
                reverse=reverse,
                role=role if isinstance(role, str) else None,
                aliases=_aliases(raw.get("aliases"), f"{key}.aliases", problems),
            )
        )
    if not items:
        problems.add("items", "inga frågor definierade", "no items defined")
    for dim in dimensions:
        if not any(i.dimension == dim.id for i in items):
            problems.add(f"dimensions ({dim.id})", "dimensionen har inga frågor", "dimension has no items")
    for role in ("org_typ", "kommun"):
        if items and not any(i.role == role for i in items):
            problems.add("items", "ingen fråga har role = {r!r}", "no item has role = {r!r}", r=role)
    roles = [i.role for i in items if i.role]
    for role in sorted({r for r in roles if roles.count(r) > 1}):
        problems.add("items", "flera frågor har role = {r!r}", "several items have role = {r!r}", r=role)

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
        dimensions=tuple(dimensions),
        items=tuple(items),
        index_label=index_label,
        min_answered_share=float(share),
        index_min_dimensions=int(min_dims),
        source=source,
    )
