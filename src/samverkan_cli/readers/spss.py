"""SPSS ``.sav``/``.zsav`` -> :class:`RawTable`, with value labels applied.

pyreadstat can apply value labels itself (``apply_value_formats=True``), but it does so one
column at a time through a dataframe copy, which takes seconds on a wide labelled file. The
file is read raw instead and each column is turned into text once per distinct value.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from samverkan_cli.i18n import Msg
from samverkan_cli.readers.base import ColumnMeta, RawTable
from samverkan_cli.readers.cells import cell_text
from samverkan_cli.readers.problems import unreadable

__all__ = ["read_sav"]

_RESPONSE_IDS = ("responseid", "respondentid", "respondent_id", "response_id", "id")
_SUBMITTED = ("recordeddate", "enddate", "submitdate", "datestamp")


def read_sav(path: Path) -> RawTable:
    """Read a ``.sav`` file; answers are value labels where the file defines them.

    Files whose header says ``ncases = -1`` (the Qualtrics writer) are read by counting
    records, which pyreadstat does.
    """
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # pyreadstat raises its own and generic errors for bad files
        raise unreadable(
            path,
            Msg(
                "SPSS-filen är skadad eller går inte att läsa ({err}).",
                "the SPSS file is corrupt or cannot be read ({err}).",
            ).format(err=exc),
            Msg(
                "Spara filen på nytt i SPSS, eller exportera svaren som .csv eller .xlsx.",
                "Save the file again in SPSS, or export the responses as .csv or .xlsx.",
            ),
        ) from exc
    names: list[str] = [str(c) for c in frame.columns]
    labels: dict[str, str | None] = dict(meta.column_names_to_labels or {})
    value_labels: dict[str, dict[Any, str]] = dict(meta.variable_value_labels or {})
    columns = [
        ColumnMeta(
            name=name,
            variable=name,
            question=(labels.get(name) or "").strip(),
            value_labels={cell_text(k): str(v) for k, v in value_labels.get(name, {}).items()},
        )
        for name in names
    ]
    texts = [_column_texts(frame.iloc[:, i], value_labels.get(name, {})) for i, name in enumerate(names)]
    rows = [list(record) for record in zip(*texts, strict=True)] if texts else [[] for _ in range(len(frame))]
    folded = [n.casefold() for n in names]
    return RawTable(
        path=path,
        platform="spss",
        columns=columns,
        rows=rows,
        # SPSS has no visible rows; case k is row k + 1 when the file is opened as a sheet.
        row_numbers=list(range(2, len(rows) + 2)),
        encoding=meta.file_encoding,
        header_rows=1,
        response_id_column=_first(folded, _RESPONSE_IDS),
        submitted_column=_first(folded, _SUBMITTED),
        notes=[] if rows else [Msg("SPSS-filen innehåller inga fall.", "The SPSS file contains no cases.")],
    )


def _column_texts(series: Any, labels: dict[Any, str]) -> list[str]:
    """One column as text: each distinct value is rendered (or labelled) once, then spread out.

    Labels replace the values they name, as pyreadstat's ``apply_value_formats`` does; a value
    without a label keeps its number. Missing values (NaN, NaT, None) are empty.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    rendered = [_text(labels.get(u, u)) if labels else _text(u) for u in uniques.tolist()]
    rendered.append("")  # code -1 (missing) indexes the last entry
    return np.asarray(rendered, dtype=object)[codes].tolist()  # type: ignore[no-any-return]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = cell_text(value)
    return "" if text in ("NaT", "nan", "<NA>") else text


def _first(folded: list[str], wanted: tuple[str, ...]) -> int | None:
    for name in wanted:
        if name in folded:
            return folded.index(name)
    return None
