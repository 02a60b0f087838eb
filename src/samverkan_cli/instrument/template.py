"""A blank response sheet for an instrument, with the question texts as headers."""

from __future__ import annotations

import csv
from pathlib import Path

from samverkan_cli.i18n import Lang, Msg
from samverkan_cli.instrument.model import Instrument, Item

__all__ = ["answer_choices", "write_template"]

_SHEET = Msg("Svar", "Responses")
_LISTS = Msg("Listor", "Lists")
_INVALID_TITLE = Msg("Ogiltigt svar", "Invalid answer")
_INVALID = Msg("Välj ett av alternativen i listan.", "Choose one of the options in the list.")


def answer_choices(item: Item, lang: Lang = "sv") -> list[str]:
    """The labels a hand-kept sheet may use for ``item`` (empty for free text)."""
    scale = item.scale
    if scale.type == "scored":
        return [lab.text.get(lang) for lab in scale.labels] + [m.get(lang) for m in scale.missing]
    if scale.type == "choice":
        return [opt.text.get(lang) for opt in scale.options]
    if scale.type == "kommun":
        from samverkan_cli.reference import kommuner

        return [k.name for k in kommuner()]
    return []


def write_template(instrument: Instrument, out: Path, fmt: str, lang: Lang = "sv") -> Path:
    """Write a blank sheet: CSV (UTF-8 with BOM, for Excel) or XLSX with drop-down validation."""
    headers = [item.text.get(lang) for item in instrument.items]
    if fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow(headers)
        return out
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = _SHEET.render(lang)
    lists = wb.create_sheet(_LISTS.render(lang))
    ws.append(headers)
    ws.freeze_panes = "A2"
    list_col = 0
    for col, item in enumerate(instrument.items, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = 28
        choices = answer_choices(item, lang)
        if not choices:
            continue
        list_col += 1
        list_letter = get_column_letter(list_col)
        lists.cell(row=1, column=list_col, value=item.id)
        for r, choice in enumerate(choices, start=2):
            lists.cell(row=r, column=list_col, value=choice)
        ref = f"'{lists.title}'!${list_letter}$2:${list_letter}${len(choices) + 1}"
        validation = DataValidation(
            type="list",
            formula1=ref,
            allow_blank=True,
            showErrorMessage=item.scale.type != "multi",
            errorTitle=_INVALID_TITLE.render(lang),
            error=_INVALID.render(lang),
        )
        validation.add(f"{letter}2:{letter}2000")
        ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 90
    lists.sheet_state = "hidden"
    wb.save(out)
    return out
