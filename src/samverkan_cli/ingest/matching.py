"""Match the columns of a :class:`RawTable` to the items of the codebook (SPEC 4.3)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from samverkan_cli.errors import ConfigError
from samverkan_cli.i18n import Msg
from samverkan_cli.ingest.privacy import is_identifying_header, mask_text, names_personal_data
from samverkan_cli.instrument import Instrument, Item
from samverkan_cli.readers import ColumnMeta, RawTable
from samverkan_cli.text import fold_header

__all__ = [
    "ColumnPlan",
    "MatchResult",
    "load_mapping",
    "match_columns",
    "missing_synonyms",
    "option_lookup",
    "write_mapping_template",
]

ColumnKind = Literal[
    "item", "option", "identifying", "response_id", "submitted", "metadata", "ignored", "unmatched", "duplicate"
]

# Platform bookkeeping columns: neither items nor personal data, so they are neither stored nor reported.
_METADATA = {
    "startdate",
    "enddate",
    "status",
    "progress",
    "duration in seconds",
    "duration",
    "finished",
    "recordeddate",
    "distributionchannel",
    "userlanguage",
    "responseset",
    "collector id",
    "start date",
    "end date",
    "custom data 1",
    "custom data",
    "submitdate",
    "date submitted",
    "lastpage",
    "last page",
    "last page seen",
    "startlanguage",
    "start language",
    "seed",
    "completed",
    "datestamp",
    "date last action",
    "date started",
    "refurl",
    "referrer url",
    "start time",
    "completion time",
    "last modified time",
    "starttid",
    "slutförandetid",
    "senast ändrad",
    "timestamp",
    "tidstämpel",
    "tidsstämpel",
    "id",
    "response id",
    "responseid",
    "respondent id",
    "respondentid",
    "total points",
    "quiz feedback",
    "points",
    "feedback",
    "id risposta",
    "data invio",
    "ultima pagina",
    "lingua iniziale",
    "seme",
    "tid min",
    "tid",
    "inskickad",
    "datum",
    "svarstid",
    "skapad",
    "created",
    "modified",
    "skickad",
    "skickat",
    "svarsdatum",
    "inskickat",
    "submitted",
    "submission date",
    "datum för svar",
    "q_recaptchascore",
    "q_relevantidduplicate",
    "q_relevantidfraudscore",
    "locationaccuracy",
    "startad",
    "slutförd",
    "slutfört",
    "respondent",
    "löpnummer",
    "besvarad",
}

_BRACKET_SUFFIX = re.compile(r"\s*\[([^\]]*)\]\s*$")
_LIME_SUB = re.compile(r"^(?P<id>[A-Za-z][\w]*)\s?\[(?P<sub>[^\]]+)\]")
# "R4. Rutinerna för samverkan ..." (LimeSurvey's "question code & question text" headings).
_ID_TEXT = re.compile(r"^(?P<id>[A-Za-z][\w]*)\.\s+(?P<text>\S.*)$", re.DOTALL)
_TRUNCATED = ("...", "..", "…")


@dataclass(frozen=True)
class ColumnPlan:
    """What one column of the file is, and where its values go."""

    index: int
    header: str
    kind: ColumnKind
    item_id: str | None = None
    option: str | None = None
    proposal: str | None = None
    proposal_score: float = 0.0


@dataclass
class MatchResult:
    plans: list[ColumnPlan]
    mapping_used: bool = False
    problems: list[Msg] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[ColumnPlan]:
        return [p for p in self.plans if p.kind in kinds]

    @property
    def matched_items(self) -> set[str]:
        return {p.item_id for p in self.plans if p.item_id and p.kind in ("item", "option")}

    @property
    def unmatched(self) -> list[ColumnPlan]:
        return self.of_kind("unmatched")


def option_lookup(item: Item, synonyms: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """Normalised option label/code/alias (sv and en) -> option code, for choice and multi items.

    ``synonyms`` (folded label -> other spellings) gives an option the spellings the codebook
    lists elsewhere for the same words, e.g. "Vet inte" for an option "Vet ej".
    """
    lookup: dict[str, str] = {}
    for opt in item.scale.options:
        for text in (opt.code, opt.text.sv, opt.text.en, *opt.aliases):
            lookup.setdefault(fold_header(text), opt.code)
    for opt in item.scale.options:
        for text in (synonyms or {}).get(fold_header(opt.text.sv), ()):
            lookup.setdefault(fold_header(text), opt.code)
    return lookup


def missing_synonyms(instrument: Instrument) -> dict[str, tuple[str, ...]]:
    """The codebook's other spellings of "no answer", by the folded missing label they stand for.

    A choice or multi item with an option "Vet ej" takes them too: a respondent who may write
    "Vet inte" to a scored question writes it to the others as well.
    """
    result: dict[str, tuple[str, ...]] = {}
    for scale in instrument.scales.values():
        if scale.missing and scale.missing_aliases:
            key = fold_header(scale.missing[0].sv)
            result[key] = tuple(dict.fromkeys((*result.get(key, ()), *scale.missing_aliases)))
    return result


# No question or option text is this long: a longer header or cell is not compared at all,
# so a pasted document costs nothing in the fuzzy matcher.
_LONGEST_HEADER = 2000


def _option_for(item: Item, text: str) -> str | None:
    if len(text) > _LONGEST_HEADER:
        return None
    lookup = option_lookup(item)
    key = fold_header(text)
    if key in lookup:
        return lookup[key]
    # LimeSurvey default sub-question codes SQ001.. and bare positions 1.. follow codebook order.
    m = re.fullmatch(r"(?:sq)?0*(\d{1,3})", key)
    if m and 1 <= int(m.group(1)) <= len(item.scale.options):
        return item.scale.options[int(m.group(1)) - 1].code
    return None


class _Index:
    """Lookup tables built once per instrument."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.by_id = {item.id.casefold(): item for item in instrument.items}
        self.by_text: dict[str, Item] = {}
        for item in instrument.items:
            for text in (item.text.sv, item.text.en, *item.aliases):
                self.by_text.setdefault(fold_header(text), item)

    def find(self, text: str) -> Item | None:
        if not text or len(text) > _LONGEST_HEADER:
            return None
        stripped = text.strip()
        item = self.by_id.get(stripped.casefold())
        if item is not None:
            return item
        return self.by_text.get(fold_header(stripped))

    def propose(self, text: str) -> tuple[Item | None, float]:
        from rapidfuzz import fuzz, process

        if len(text) > _LONGEST_HEADER:
            return None, 0.0
        key = fold_header(text)
        if len(key) < 8:
            return None, 0.0
        best = process.extractOne(key, list(self.by_text), scorer=fuzz.token_sort_ratio, score_cutoff=75)
        if best is None:
            return None, 0.0
        return self.by_text[best[0]], float(best[1])


def _split_question_option(meta: ColumnMeta) -> tuple[str, str]:
    question, option = meta.question or meta.name, meta.option
    if not option:
        m = _BRACKET_SUFFIX.search(question)
        if m:
            question, option = question[: m.start()], m.group(1)
    return question, option


def _plan_for(index: int, meta: ColumnMeta, idx: _Index, table: RawTable) -> ColumnPlan:
    header = meta.name
    if index == table.response_id_column:
        return ColumnPlan(index, header, "response_id")
    if index == table.submitted_column:
        return ColumnPlan(index, header, "submitted")
    if any(is_identifying_header(h) for h in (header, meta.variable, meta.question) if h):
        return ColumnPlan(index, header, "identifying")

    # 1. Item id in the header or variable name, LimeSurvey style sub-questions included.
    # Legacy Qualtrics names columns V1, V2 ... by position, which says nothing about our items.
    variable = "" if table.platform == "qualtrics_legacy" else meta.variable
    for candidate in (variable, header):
        if not candidate:
            continue
        lime = _LIME_SUB.match(candidate.strip())
        if lime:
            item = idx.by_id.get(lime.group("id").casefold())
            if item is not None and item.scale.type == "multi":
                code = _option_for(item, lime.group("sub"))
                if code:
                    return ColumnPlan(index, header, "option", item.id, code)
        item = idx.by_id.get(candidate.strip().casefold())
        if item is not None:
            return ColumnPlan(index, header, "item", item.id)

    plan = _id_and_text(index, header, idx)
    if plan is not None:
        return plan

    # 2. Question text (with an option part for split multi-select columns).
    question, option = _split_question_option(meta)
    for text in (question, header):
        item = idx.find(text)
        if item is None and " - " in text:
            # Qualtrics "Question - Option" headers.
            head, _, tail = text.rpartition(" - ")
            item = idx.find(head)
            option = option or tail
        if item is None:
            continue
        if item.scale.type == "multi" and option and fold_header(option) not in ("response", "open ended response"):
            code = _option_for(item, option)
            if code:
                return ColumnPlan(index, header, "option", item.id, code)
            return ColumnPlan(index, header, "unmatched", proposal=f"{item.id}:?", proposal_score=90.0)
        return ColumnPlan(index, header, "item", item.id)

    key = fold_header(header)
    if key in _METADATA or fold_header(meta.variable) in _METADATA or _is_time_label(header):
        return ColumnPlan(index, header, "metadata")
    # Not an item: a column about a person by meaning (Kontaktperson, Mejl, Telefon ...) is dropped.
    if any(names_personal_data(h) for h in (header, meta.question) if h and len(h) <= _LONGEST_HEADER):
        return ColumnPlan(index, header, "identifying")
    proposal, score = idx.propose(question or header)
    return ColumnPlan(index, header, "unmatched", proposal=proposal.id if proposal else None, proposal_score=score)


def _is_time_label(header: str) -> bool:
    """A second submission-time column (the file's first one is ``submitted``) is bookkeeping too."""
    from samverkan_cli.reference.column_labels import column_labels, fold_label

    return len(header) <= 100 and fold_label(header) in column_labels().submitted


def _id_and_text(index: int, header: str, idx: _Index) -> ColumnPlan | None:
    """An exact item id, ". " and that item's question text is the item, whatever the platform.

    The text must be the item's (exactly, cut short with "…", or close enough to have been a
    proposal), so "K1. Kön" in some other survey is not taken for item K1.
    """
    found = _ID_TEXT.match(header.strip())
    if found is None:
        return None
    item = idx.by_id.get(found["id"].casefold())
    if item is None:
        return None
    text, option = found["text"], ""
    bracket = _BRACKET_SUFFIX.search(text)
    if bracket and item.scale.type == "multi":
        text, option = text[: bracket.start()], bracket.group(1)
    if not _same_question(item, text):
        return None
    if item.scale.type == "multi" and option:
        code = _option_for(item, option)
        if code is None:
            return None
        return ColumnPlan(index, header, "option", item.id, code)
    return ColumnPlan(index, header, "item", item.id)


def _same_question(item: Item, text: str) -> bool:
    if len(text) > _LONGEST_HEADER:
        return False
    from rapidfuzz import fuzz

    key = fold_header(text)
    stripped = text.rstrip()
    cut = next((fold_header(stripped[: -len(e)]) for e in _TRUNCATED if stripped.endswith(e)), None)
    for known in (item.text.sv, item.text.en, *item.aliases):
        folded = fold_header(known)
        if key == folded or (cut and len(cut) >= 8 and folded.startswith(cut)):
            return True
        if fuzz.token_sort_ratio(key, folded) >= 75:
            return True
    return False


def _apply_mapping(plan: ColumnPlan, mapping: dict[str, str], instrument: Instrument) -> ColumnPlan | None:
    target = mapping.get(plan.header) or mapping.get(plan.header.strip())
    if target is None:
        return None
    if target.strip().lower() in ("ignore", "ignorera", ""):
        return ColumnPlan(plan.index, plan.header, "ignored")
    item_id, _, option = target.partition(":")
    item = instrument.item(item_id.strip())
    if option:
        return ColumnPlan(plan.index, plan.header, "option", item.id, option.strip())
    return ColumnPlan(plan.index, plan.header, "item", item.id)


def load_mapping(path: Path, instrument: Instrument) -> dict[str, str]:
    """Read a mapping file: ``[columns]`` header = "ITEM", "ITEM:option_code" or "ignore"."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            Msg("Mappningsfilen {f} finns inte.", "The mapping file {f} does not exist.").format(f=path)
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Msg("Mappningsfilen {f} är inte giltig TOML: {e}", "The mapping file {f} is not valid TOML: {e}").format(
                f=path, e=exc
            )
        ) from exc
    columns = data.get("columns", {})
    problems: list[Msg] = []
    known = {item.id for item in instrument.items}
    if not isinstance(columns, dict):
        columns = {}
        problems.append(Msg("[columns] saknas", "[columns] is missing"))
    for header, target in columns.items():
        if not isinstance(target, str):
            problems.append(Msg("{h!r}: värdet ska vara en text", "{h!r}: the value must be a string").format(h=header))
            continue
        item_id, _, option = target.partition(":")
        if target.strip().lower() in ("ignore", "ignorera", ""):
            continue
        if item_id.strip() not in known:
            problems.append(
                Msg("{h!r} = {t!r}: okänd fråga {i!r}", "{h!r} = {t!r}: unknown item {i!r}").format(
                    h=header, t=target, i=item_id
                )
            )
            continue
        if option:
            item = instrument.item(item_id.strip())
            if option.strip() not in {o.code for o in item.scale.options}:
                problems.append(
                    Msg(
                        "{h!r} = {t!r}: {i} har inget alternativ {o!r}", "{h!r} = {t!r}: {i} has no option {o!r}"
                    ).format(h=header, t=target, i=item_id, o=option)
                )
    if problems:
        raise ConfigError(
            Msg("Mappningsfilen {f} har fel:", "The mapping file {f} has problems:").format(f=path),
            Msg(
                "Rätta raderna ovan; frågornas id visas med `samverkan instrument show`.",
                "Fix the lines above; item ids are listed by `samverkan instrument show`.",
            ),
            problems,
        )
    return {str(k): str(v) for k, v in columns.items()}


def match_columns(table: RawTable, instrument: Instrument, mapping: dict[str, str] | None = None) -> MatchResult:
    """Plan every column: item, multi-select option, identifying, metadata, or unmatched."""
    idx = _Index(instrument)
    _mask_headers(table)
    plans: list[ColumnPlan] = []
    used = False
    for index, meta in enumerate(table.columns):
        plan = _plan_for(index, meta, idx, table)
        if mapping:
            mapped = _apply_mapping(plan, mapping, instrument)
            if mapped is not None:
                plan, used = mapped, True
        plans.append(plan)
    # An item matched by two columns: keep the first, report the second.
    seen: set[tuple[str, str | None]] = set()
    final: list[ColumnPlan] = []
    for plan in plans:
        if plan.kind in ("item", "option"):
            key = (plan.item_id or "", plan.option)
            if key in seen:
                plan = ColumnPlan(plan.index, plan.header, "duplicate", item_id=plan.item_id, option=plan.option)
            seen.add(key)
        final.append(plan)
    if table.misnamed and not any(p.kind in ("item", "option") for p in final):
        from samverkan_cli.readers.problems import not_a_workbook

        raise not_a_workbook(
            table.path,
            Msg("dess kolumner motsvarar inte kodboken", "its columns do not match the codebook"),
        )
    return MatchResult(final, used)


def _mask_headers(table: RawTable) -> None:
    """An e-mail address or phone number in a header is masked before the header goes anywhere."""
    import dataclasses

    for i, meta in enumerate(table.columns):
        texts = (meta.name, meta.question, meta.variable, meta.option)
        masked = tuple(mask_text(t) if t else t for t in texts)
        if masked != texts:
            name, question, variable, option = masked
            table.columns[i] = dataclasses.replace(meta, name=name, question=question, variable=variable, option=option)


def write_mapping_template(table: RawTable, instrument: Instrument, out: Path) -> Path:
    """Write a mapping skeleton: every column with its match, a proposal, or ``"?"`` to fill in."""
    result = match_columns(table, instrument)
    lines = [
        f"# Mappning för {table.path.name} ({table.platform}).",
        '# Värde: frågans id (t.ex. "R4"), "V1:beroendeenhet" för ett alternativ i en flervalsfråga,',
        '# eller "ignore" för kolumner som inte ska läsas in. Frågornas id: `samverkan instrument show`.',
        "# Använd filen med: samverkan import FIL --mapping " + out.name,
        "",
        "[columns]",
    ]

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for plan in result.plans:
        if plan.kind in ("item", "option"):
            target = plan.item_id if plan.kind == "item" else f"{plan.item_id}:{plan.option}"
            lines.append(f"{q(plan.header)} = {q(target or '')}")
        elif plan.kind == "unmatched":
            if plan.proposal:
                lines.append(f"# förslag ({plan.proposal_score:.0f} % lika): {plan.proposal}")
            lines.append(f"{q(plan.header)} = {q(plan.proposal or 'ignore')}")
        else:
            lines.append(f"# {q(plan.header)}: {plan.kind} (läses inte in som fråga)")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
