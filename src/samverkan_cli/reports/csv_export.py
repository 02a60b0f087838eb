"""``analyze --format csv`` in Swedish: a CSV that Excel opens in columns, with names and comparisons.

Excel with Swedish settings splits on ``;``, reads ``4,7`` as a number and needs a byte-order
mark to read UTF-8 (å, ä, ö). Each result row carries the county's name, the measure's label and
its comparisons (against riket, vårdcentraler against kommuner, against the previous wave) in
extra columns. The numbers are the analysis' own, only written with a decimal comma; a hidden
value stays empty. ``--lang en`` keeps the stable code-only CSV of :meth:`AnalysisResult.to_csv`.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_cli.analysis import AnalysisResult, Comparison
    from samverkan_cli.instrument import Instrument

__all__ = ["BOM", "swedish_csv"]

BOM = "\ufeff"

_VERDICTS = {"battre": "bättre", "i_niva": "i nivå", "samre": "sämre", "ej_jamforbar": "ej jämförbar"}
_REASONS = {"small_group": "för få verksamheter", "protects_other": "dolt för att skydda en mindre grupp"}
_VERSUS = (
    ("riket", "riket"),
    ("kommun", "kommunerna i länet"),
    ("previous_wave", "förra mätomgången"),
)
_SCORE_HEADER = (
    "Mätomgång",
    "Län",
    "Länsnamn",
    "Typ",
    "Verksamhetstyp",
    "Mått",
    "Måttets namn",
    "n",
    "Medelvärde",
    "SD",
    "KI nedre",
    "KI övre",
    "Andel positiva",
    "Dolt",
    "Osäkert",
    "Skäl att dölja",
)


def _header() -> list[str]:
    extra: list[str] = []
    for key, name in _VERSUS:
        extra += [
            f"Skillnad mot {name}",
            f"KI nedre (mot {name})",
            f"KI övre (mot {name})",
            f"p (mot {name}, Benjamini–Hochberg)" if key == "riket" else f"p (mot {name})",
            f"Jämfört med {name}",
        ]
    return [*_SCORE_HEADER, *extra]


def _num(value: float | int | None) -> str:
    """The number as the analysis rounded it, with a decimal comma and never in e-notation."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text).replace(".", ",")


def _yes(flag: bool) -> str:
    return "ja" if flag else "nej"


def _comparison_cells(c: Comparison | None) -> list[str]:
    if c is None:
        return [""] * 5
    p = c.p_adjusted if c.p_adjusted is not None else c.p
    return [_num(c.diff), _num(c.ci_low), _num(c.ci_high), _num(p), _VERDICTS.get(c.verdict, c.verdict)]


def _measure_label(instrument: Instrument, measure: str) -> str:
    if measure == "index":
        return instrument.index_label.get("sv")
    for dim in instrument.dimensions:
        if dim.id == measure:
            return dim.label.get("sv")
    for item in instrument.scored_items:
        if item.id == measure:
            return item.text.get("sv")
    return measure


def swedish_csv(result: AnalysisResult, instrument: Instrument) -> str:
    """Every result row with names and comparisons; ``;``, decimal comma, led by a BOM."""
    from samverkan_cli.reference import lan_name
    from samverkan_cli.reports.score_table import riket_counties

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header())
    labels: dict[str, str] = {}
    # With one county in a wave riket is that county: no comparison with itself.
    alone = {w for w in {r.wave for r in result.results} if riket_counties(result, w) in (0, 1)}
    for r in result.results:
        label = labels.setdefault(r.measure, _measure_label(instrument, r.measure))
        county = "Riket" if r.lan == "riket" else lan_name(r.lan)
        row = [
            r.wave,
            r.lan,
            county,
            r.org_typ,
            instrument.org_type_label(r.org_typ, "sv", plural=True),
            r.measure,
            label,
            str(r.n),
            _num(r.mean),
            _num(r.sd),
            _num(r.ci_low),
            _num(r.ci_high),
            _num(r.share_positive),
            _yes(r.suppressed),
            _yes(r.uncertain),
            _REASONS.get(r.suppression or "", r.suppression or ""),
        ]
        for key, _name in _VERSUS:
            shown = not r.suppressed and not (key == "riket" and r.wave in alone)
            row += _comparison_cells(result.comparison(r.wave, r.lan, r.org_typ, r.measure, key) if shown else None)
        writer.writerow(row)
    return BOM + buffer.getvalue()
