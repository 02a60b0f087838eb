"""Validation findings: what is wrong, where, and what to do — in Swedish and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.ingest.privacy import mask_value

if TYPE_CHECKING:
    from samverkan_cli.readers import RawTable

__all__ = ["CATALOGUE", "SEVERITY_WORDS", "Finding", "Severity", "reader_findings"]

Severity = Literal["error", "warning", "info"]
#: A severity as a user reads it: "Varning", not "warning".
SEVERITY_WORDS: dict[str, Msg] = {
    "error": Msg("Fel", "Error"),
    "warning": Msg("Varning", "Warning"),
    "info": Msg("Information", "Information"),
}

# code -> (severity, message, hint). Placeholders are filled from Finding.params.
CATALOGUE: dict[str, tuple[Severity, Msg, Msg]] = {
    "no_item_columns": (
        "error",
        Msg("Inga kolumner motsvarar frågorna i {instrument}.", "No columns match the items of {instrument}."),
        Msg(
            "Kontrollera att det är rätt fil, eller skapa en mappning: samverkan import {file} --mapping-template",
            "Check that this is the right file, or create a mapping: samverkan import {file} --mapping-template",
        ),
    ),
    "missing_background": (
        "error",
        Msg("Filen saknar kolumnen för {what}.", "The file has no column for {what}."),
        Msg(
            "Lägg till kolumnen i exporten eller peka ut den i en mappningsfil (--mapping).",
            "Add the column to the export or point to it in a mapping file (--mapping).",
        ),
    ),
    "unmatched_column": (
        "warning",
        Msg(
            "Kolumnen hör inte till instrumentet och läses inte in.",
            "The column is not part of the instrument and is not imported.",
        ),
        Msg("Inget behöver göras om kolumnen inte ska med.", "Nothing to do unless the column should be included."),
    ),
    "proposed_column": (
        "warning",
        Msg(
            "Kolumnen liknar fråga {item} ({score} % lika) men är inte identisk, så den läses inte in.",
            "The column resembles item {item} ({score} % similar) but is not identical, so it is not imported.",
        ),
        Msg(
            "Om det är samma fråga: lägg raden {entry} under [columns] i en mappningsfil och importera med --mapping.",
            "If it is the same question: put the line {entry} under [columns] in a mapping file"
            " and import with --mapping.",
        ),
    ),
    "duplicate_column": (
        "warning",
        Msg(
            "Fråga {item} finns i flera kolumner; bara den första läses in.",
            "Item {item} appears in several columns; only the first is imported.",
        ),
        Msg("Ta bort eller döp om den extra kolumnen i exporten.", "Remove or rename the extra column in the export."),
    ),
    "identifying_column": (
        "info",
        Msg(
            "Kolumnen kan identifiera en person och sparas inte.", "The column can identify a person and is not stored."
        ),
        Msg("Inget att göra.", "Nothing to do."),
    ),
    "reader_note": ("info", Msg("{note}", "{note}"), Msg("Inget att göra.", "Nothing to do.")),
    "skipped_rows": (
        "info",
        Msg(
            "{n} rader utan svar räknas inte: {blank} tomma och {summary} summerings- eller formelrader"
            " under svaren (rad {rows}).",
            "{n} rows without a response are not counted: {blank} empty and {summary} total or formula rows"
            " under the answers (row {rows}).",
        ),
        Msg(
            "Inget att göra. Står det svar i en summeringsrad, flytta upp dem bland de andra svaren.",
            "Nothing to do. If a total row holds answers, move them up among the other answers.",
        ),
    ),
    "wrong_extension": (
        "warning",
        Msg(
            "Filen heter {ext} men är ingen Excel-arbetsbok utan en textfil (CSV); den lästes som text.",
            "The file is named {ext} but is not an Excel workbook: it is a text file (CSV) and was read as text.",
        ),
        Msg(
            "Ge filen rätt ändelse (.csv) så att Excel och andra program öppnar den rätt.",
            "Give the file its right extension (.csv) so that Excel and other programs open it correctly.",
        ),
    ),
    "empty_row": (
        "info",
        Msg("Tom rad hoppades över.", "Empty row skipped."),
        Msg("Inget att göra.", "Nothing to do."),
    ),
    "duplicate_row": (
        "info",
        Msg(
            "Raden är en exakt kopia av rad {first} och räknas en gång.",
            "The row is an exact copy of row {first} and is counted once.",
        ),
        Msg("Inget att göra.", "Nothing to do."),
    ),
    "duplicate_response_id": (
        "info",
        Msg(
            "Svars-id {rid} finns redan på rad {first}; raden räknas inte igen.",
            "Response id {rid} already appears on row {first}; the row is not counted again.",
        ),
        Msg("Inget att göra.", "Nothing to do."),
    ),
    "already_stored": (
        "info",
        Msg(
            "Svaret finns redan i databasen från en tidigare import ({source}); det räknas inte igen.",
            "The response is already in the database from an earlier import ({source}); it is not counted again.",
        ),
        Msg(
            "Inget att göra: överlappande exporter dubbleras inte.",
            "Nothing to do: overlapping exports are not duplicated.",
        ),
    ),
    "missing_kommun": (
        "error",
        Msg(
            "Kommun saknas, så svaret kan inte knytas till ett län.",
            "The kommun is missing, so the response cannot be placed in a county.",
        ),
        Msg(
            "Fyll i kommunen i exporten och importera filen igen.",
            "Fill in the kommun in the export and import the file again.",
        ),
    ),
    "unknown_kommun": (
        "error",
        Msg(
            "Kommunen {value!r} finns inte. Närmast: {candidates}.",
            "The kommun {value!r} does not exist. Closest: {candidates}.",
        ),
        Msg(
            "Rätta stavningen i exporten (eller skriv kommunkoden) och importera igen.",
            "Correct the spelling in the export (or write the kommun code) and import again.",
        ),
    ),
    "ambiguous_kommun": (
        "error",
        Msg("Kommunen {value!r} är tvetydig: {candidates}.", "The kommun {value!r} is ambiguous: {candidates}."),
        Msg(
            "Skriv kommunens fullständiga namn eller kod i exporten och importera igen.",
            "Write the kommun's full name or code in the export and import again.",
        ),
    ),
    "kommun_guessed": (
        "warning",
        Msg(
            "Kommunen {value!r} tolkades som {kommun} (stavfel?).", "The kommun {value!r} was read as {kommun} (typo?)."
        ),
        Msg(
            "Kontrollera att tolkningen stämmer; rätta annars i exporten.",
            "Check that this is right; otherwise correct the export.",
        ),
    ),
    "missing_org_typ": (
        "error",
        Msg(
            "Typ av verksamhet saknas och kan inte härledas ur namnet.",
            "The type of organisation is missing and cannot be derived from the name.",
        ),
        Msg(
            "Fyll i Vårdcentral eller Kommun i exporten och importera igen.",
            "Fill in Vårdcentral or Kommun in the export and import again.",
        ),
    ),
    "org_typ_inferred": (
        "warning",
        Msg(
            "Typ av verksamhet saknas; tolkades som {org_typ} utifrån namnet {name!r}.",
            "The type of organisation is missing; read as {org_typ} from the name {name!r}.",
        ),
        Msg("Kontrollera att tolkningen stämmer.", "Check that this is right."),
    ),
    "unknown_org_typ": (
        "error",
        Msg(
            "Typ av verksamhet {value!r} känns inte igen. Förväntat: {expected}.",
            "The type of organisation {value!r} is not recognised. Expected: {expected}.",
        ),
        Msg("Rätta värdet i exporten och importera igen.", "Correct the value in the export and import again."),
    ),
    "missing_org_name": (
        "warning",
        Msg(
            "Verksamhetens namn saknas; svaret räknas som en egen verksamhet.",
            "The organisation's name is missing; the response counts as an organisation of its own.",
        ),
        Msg(
            "Fyll i namnet i exporten om flera svar kommer från samma verksamhet.",
            "Fill in the name in the export if several responses come from the same organisation.",
        ),
    ),
    "unknown_label": (
        "warning",
        Msg(
            "Svaret {value!r} finns inte på skalan och räknas som obesvarat. Förväntat: {expected}.",
            "The answer {value!r} is not on the scale and counts as unanswered. Expected: {expected}.",
        ),
        Msg(
            "Rätta svaret i exporten, eller lägg till det som alias i kodboken.",
            "Correct the answer in the export, or add it as an alias in the codebook.",
        ),
    ),
    "unknown_option": (
        "warning",
        Msg(
            "Alternativet {value!r} finns inte för frågan och räknas inte. Förväntat: {expected}.",
            "The option {value!r} does not exist for the item and is not counted. Expected: {expected}.",
        ),
        Msg(
            "Rätta svaret i exporten, eller lägg till det som alias i kodboken.",
            "Correct the answer in the export, or add it as an alias in the codebook.",
        ),
    ),
    "no_answers": (
        "error",
        Msg("Raden har inga besvarade frågor.", "The row has no answered items."),
        Msg("Inget att göra om det var ett avbrutet svar.", "Nothing to do if it was an abandoned response."),
    ),
    "below_half": (
        "info",
        Msg(
            "Färre än hälften av frågorna besvarade i: {dimensions}; de dimensionerna får inget värde för svaret.",
            "Fewer than half of the items answered in: {dimensions}; those dimensions get no score for this response.",
        ),
        Msg("Inget att göra.", "Nothing to do."),
    ),
    "merged_organisations": (
        "info",
        Msg(
            "Namnen {names} i {kommun} räknas som samma verksamhet.",
            "The names {names} in {kommun} are counted as the same organisation.",
        ),
        Msg(
            "Om de är olika verksamheter: ge dem tydligt olika namn i exporten.",
            "If they are different organisations: give them clearly different names in the export.",
        ),
    ),
    "all_quarantined": (
        "error",
        Msg("Inga rader i filen kunde importeras.", "No row of the file could be imported."),
        Msg(
            "Se felen ovan, rätta exporten och importera igen.",
            "See the errors above, correct the export and import again.",
        ),
    ),
}


# Params hold lists of names or rows; longer than a value, still far from a pasted document.
_LONGEST_PARAM = 2000


@dataclass(frozen=True)
class Finding:
    """One thing that was odd in a file, at a row and column where there is one."""

    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code][0]

    def message(self, lang: Lang = "sv") -> str:
        params = dict(self.params)
        english = params.pop("note_en", None)  # a reader note carries both languages (older ones only sv)
        if lang == "en" and english is not None:
            params["note"] = english
        return CATALOGUE[self.code][1].render(lang, value=self.value or "", **params)

    def hint(self, lang: Lang = "sv") -> str:
        return CATALOGUE[self.code][2].render(lang, value=self.value or "", **dict(self.params))

    def to_dict(self, lang: Lang = "sv") -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }

    @staticmethod
    def make(
        code: str, row: int | None = None, column: str | None = None, value: str | None = None, **params: object
    ) -> Finding:
        # Masked at the source: a finding's values reach the database, reports, logs and the terminal.
        return Finding(
            code,
            row,
            mask_value(column) if column else column,
            mask_value(value) if value else value,
            tuple((k, mask_value(str(v), _LONGEST_PARAM)) for k, v in params.items()),
        )


def reader_findings(table: RawTable) -> list[Finding]:
    """What the reader noticed about the file itself: notes, skipped rows, a wrong extension."""
    from samverkan_cli.readers.skipped import compact_rows

    findings = [Finding.make("reader_note", note=note.render("sv"), note_en=note.render("en")) for note in table.notes]
    if table.misnamed:
        findings.append(Finding.make("wrong_extension", ext=table.misnamed))
    skipped = table.skipped
    if skipped:
        rows = skipped.blank + skipped.summary
        findings.append(
            Finding.make(
                "skipped_rows",
                n=len(rows),
                blank=len(skipped.blank),
                summary=len(skipped.summary),
                rows=compact_rows(rows),
            )
        )
    return findings
