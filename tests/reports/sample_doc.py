"""A realistic analysis document in the shape of SPEC section 11 plus the report extras.

Hand-made (seeded, no analysis code involved) so the report model can be specified before and
independently of the analysis library: 21 counties, two waves, three organisation types, with
suppressed groups (Gotland's single kommun, a small county's vårdcentraler) and uncertain ones.
``SAMPLE_DOC`` is a small three-county version used by the golden tests, ``SAMPLE`` its typed result.
"""

from __future__ import annotations

import csv
import math
import random
from importlib import resources
from typing import Any

from samverkan_cli.analysis import AnalysisResult
from samverkan_cli.instrument import Instrument, load_instrument

__all__ = ["ALL_LANS", "HOSTILE_COMMENT", "SAMPLE", "SAMPLE_DOC", "SAMPLE_LANS", "make_doc"]

HOSTILE_COMMENT = '<script>alert("x")</script> =HYPERLINK("http://evil.example") Ring [telefonnummer]'


def _kommuner() -> list[dict[str, str]]:
    ref = resources.files("samverkan_cli.reference") / "data" / "kommuner.csv"
    with ref.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


ALL_LANS: tuple[str, ...] = tuple(sorted({row["lan_code"] for row in _kommuner()}))
SAMPLE_LANS: tuple[str, ...] = ("09", "14", "23")
ORG_TYPES = ("vardcentral", "kommun")


def _ci(mean: float, sd: float, n: int) -> tuple[float, float]:
    half = 2.0 * sd / math.sqrt(n) if n > 1 else 0.0
    return round(mean - half, 1), round(mean + half, 1)


def _result(
    wave: str, lan: str, org: str, measure: str, n: int, mean: float, sd: float, min_n: int, unc: int
) -> dict[str, Any]:
    if n < min_n:
        return {
            "wave": wave,
            "lan": lan,
            "org_typ": org,
            "measure": measure,
            "n": None if n > 0 else 0,
            "mean": None,
            "sd": None,
            "ci_low": None,
            "ci_high": None,
            "share_positive": None,
            "suppressed": True,
            "uncertain": False,
        }
    low, high = _ci(mean, sd, n)
    return {
        "wave": wave,
        "lan": lan,
        "org_typ": org,
        "measure": measure,
        "n": n,
        "mean": round(mean, 1),
        "sd": round(sd, 1),
        "ci_low": low,
        "ci_high": high,
        "share_positive": round(min(max(mean / 100 + 0.05, 0.0), 1.0), 2),
        "suppressed": False,
        "uncertain": n < unc,
    }


def _verdict(diff: float, low: float, high: float) -> str:
    if low > 0:
        return "battre"
    if high < 0:
        return "samre"
    return "i_niva"


def make_doc(
    lans: tuple[str, ...] = ALL_LANS,
    waves: tuple[str, ...] = ("2025", "2026"),
    seed: int = 7,
    instrument: Instrument | None = None,
    min_n: int = 5,
    uncertain_below: int = 10,
) -> dict[str, Any]:
    """Build the document; values are plausible and internally consistent, suppression applied."""
    inst = instrument or load_instrument()
    rng = random.Random(seed)
    dims = [d.id for d in inst.dimensions]
    items = [i.id for i in inst.scored_items]
    kommuner = [k for k in _kommuner() if k["lan_code"] in lans]
    n_kommun = {lan: sum(1 for k in kommuner if k["lan_code"] == lan) for lan in lans}
    # vårdcentraler: roughly 4 per kommun, but a small county (Jämtland, 23) answered poorly
    n_vc_frame = {lan: max(3, round(n_kommun[lan] * 4 * rng.uniform(0.7, 1.3))) for lan in lans}
    base = {lan: rng.uniform(45, 75) for lan in lans}
    dim_shift = {d: rng.uniform(-10, 10) for d in dims}
    org_shift = {"vardcentral": 4.0, "kommun": -4.0}
    wave_shift = {w: i * 3.0 for i, w in enumerate(waves)}

    results: list[dict[str, Any]] = []
    comparisons: list[dict[str, Any]] = []
    descriptives: list[dict[str, Any]] = []
    distributions: list[dict[str, Any]] = []
    response_rates: list[dict[str, Any]] = []
    rankings: list[dict[str, Any]] = []
    kommun_table: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []

    for wave in waves:
        ns: dict[tuple[str, str], int] = {}
        for lan in lans:
            ns[(lan, "kommun")] = max(0, round(n_kommun[lan] * rng.uniform(0.55, 0.95)))
            vc = round(n_vc_frame[lan] * rng.uniform(0.4, 0.8))
            ns[(lan, "vardcentral")] = 4 if lan == "23" else vc
            ns[(lan, "alla")] = ns[(lan, "kommun")] + ns[(lan, "vardcentral")]
        for org in ("alla", *ORG_TYPES):
            ns[("riket", org)] = sum(ns[(lan, org)] for lan in lans)

        means: dict[tuple[str, str, str], dict[str, Any]] = {}
        for lan in (*lans, "riket"):
            for org in ("alla", *ORG_TYPES):
                n = ns[(lan, org)]
                for measure in (*dims, "index", *items):
                    b = 60.0 if lan == "riket" else base[lan]
                    dim = measure if measure in dims else None
                    shift = dim_shift.get(dim or "", 0.0) + org_shift.get(org, 0.0) + wave_shift[wave]
                    mean = min(max(b + shift + rng.uniform(-6, 6), 5.0), 95.0)
                    row = _result(wave, lan, org, measure, n, mean, rng.uniform(12, 24), min_n, uncertain_below)
                    results.append(row)
                    means[(lan, org, measure)] = row

        for lan in lans:
            for org in ("alla", *ORG_TYPES):
                for measure in (*dims, "index"):
                    row, ref = means[(lan, org, measure)], means[("riket", org, measure)]
                    if row["suppressed"]:
                        continue
                    diff = round(row["mean"] - ref["mean"], 1)
                    half = round((row["ci_high"] - row["ci_low"]) / 2, 1)
                    comparisons.append(
                        {
                            "wave": wave,
                            "lan": lan,
                            "org_typ": org,
                            "measure": measure,
                            "versus": "riket",
                            "diff": diff,
                            "ci_low": round(diff - half, 1),
                            "ci_high": round(diff + half, 1),
                            "p": round(rng.uniform(0.001, 0.9), 3),
                            "verdict": _verdict(diff, diff - half, diff + half),
                        }
                    )
            for measure in (*dims, "index"):
                vc, km = means[(lan, "vardcentral", measure)], means[(lan, "kommun", measure)]
                if vc["suppressed"] or km["suppressed"]:
                    continue
                diff = round(vc["mean"] - km["mean"], 1)
                half = round((vc["ci_high"] - vc["ci_low"] + km["ci_high"] - km["ci_low"]) / 3, 1)
                comparisons.append(
                    {
                        "wave": wave,
                        "lan": lan,
                        "org_typ": "vardcentral",
                        "measure": measure,
                        "versus": "kommun",
                        "diff": diff,
                        "ci_low": round(diff - half, 1),
                        "ci_high": round(diff + half, 1),
                        "p": round(rng.uniform(0.001, 0.9), 3),
                        "verdict": _verdict(diff, diff - half, diff + half),
                    }
                )
        if wave != waves[0]:
            prev = waves[waves.index(wave) - 1]
            prev_rows = {(r["lan"], r["org_typ"], r["measure"]): r for r in results if r["wave"] == prev}
            for lan in (*lans, "riket"):
                for measure in (*dims, "index"):
                    now, before = means[(lan, "alla", measure)], prev_rows[(lan, "alla", measure)]
                    if now["suppressed"] or before["suppressed"]:
                        continue
                    diff = round(now["mean"] - before["mean"], 1)
                    comparisons.append(
                        {
                            "wave": wave,
                            "lan": lan,
                            "org_typ": "alla",
                            "measure": measure,
                            "versus": "previous_wave",
                            "diff": diff,
                            "ci_low": round(diff - 6.0, 1),
                            "ci_high": round(diff + 6.0, 1),
                            "p": round(rng.uniform(0.001, 0.9), 3),
                            "verdict": _verdict(diff, diff - 6.0, diff + 6.0),
                        }
                    )
            # an item whose wording changed between the codebooks
            comparisons.append(
                {
                    "wave": wave,
                    "lan": lans[0],
                    "org_typ": "alla",
                    "measure": items[0],
                    "versus": "previous_wave",
                    "diff": None,
                    "ci_low": None,
                    "ci_high": None,
                    "p": None,
                    "verdict": "ej_jamforbar",
                }
            )

        for measure in (*dims, "index"):
            shown = [lan for lan in lans if not means[(lan, "alla", measure)]["suppressed"]]
            ordered = sorted(shown, key=lambda lan, m=measure: -means[(lan, "alla", m)]["mean"])
            for rank, lan in enumerate(ordered, start=1):
                rankings.append(
                    {
                        "wave": wave,
                        "lan": lan,
                        "org_typ": "alla",
                        "measure": measure,
                        "rank": rank,
                        "rank_low": max(1, rank - rng.randint(0, 4)),
                        "rank_high": min(len(ordered), rank + rng.randint(0, 4)),
                        "of": len(ordered),
                    }
                )

        for lan in (*lans, "riket"):
            for org in ("alla", *ORG_TYPES):
                n = ns[(lan, org)]
                suppressed = n < min_n
                for item in inst.items:
                    if item.kind == "descriptive" and item.scale.type in ("multi", "choice"):
                        shares = [rng.uniform(0.05, 0.9) for _ in item.scale.options]
                        if item.scale.type == "choice":  # one answer each: shares sum to 1
                            shares = [s / sum(shares) for s in shares]
                        for option, share in zip(item.scale.options, shares, strict=True):
                            descriptives.append(
                                {
                                    "wave": wave,
                                    "lan": lan,
                                    "org_typ": org,
                                    "item": item.id,
                                    "option": option.code,
                                    "n": None if suppressed else n,
                                    "count": None if suppressed else round(share * n),
                                    "share": None if suppressed else round(share, 3),
                                    "suppressed": suppressed,
                                    "uncertain": not suppressed and n < uncertain_below,
                                }
                            )
                    if not item.scored:
                        continue
                    labels = sorted(item.scale.labels, key=lambda lab: -lab.value)
                    names = [(lab.text.sv, lab.value) for lab in labels] + [(m.sv, None) for m in item.scale.missing]
                    weights = [rng.uniform(0.2, 1.0) for _ in names]
                    weights[-len(item.scale.missing) :] = [w * 0.15 for w in weights[-len(item.scale.missing) :]]
                    total = sum(weights)
                    raw = [math.floor(n * w / total) for w in weights]
                    raw[0] += n - sum(raw)
                    for (label, value), count in zip(names, raw, strict=True):
                        distributions.append(
                            {
                                "wave": wave,
                                "lan": lan,
                                "org_typ": org,
                                "item": item.id,
                                "label": label,
                                "value": value,
                                "n": None if suppressed else n,
                                "count": None if suppressed else count,
                                "share": None if suppressed else round(count / n, 3),
                                "suppressed": suppressed,
                                "uncertain": not suppressed and n < uncertain_below,
                            }
                        )

        for lan in lans:
            frames: dict[str, int | None] = {
                "kommun": n_kommun[lan],
                "vardcentral": None if lan == "09" else n_vc_frame[lan],
            }
            frames["alla"] = None if lan == "09" else n_kommun[lan] + n_vc_frame[lan]
            for org in (*ORG_TYPES, "alla"):
                frame = frames[org]
                n = ns[(lan, org)]
                if n == 0:
                    continue
                response_rates.append(
                    {
                        "wave": wave,
                        "lan": lan,
                        "org_typ": org,
                        "responses": n,
                        "organisations": n,
                        "frame": frame,
                        "response_rate": None if frame is None else round(min(n / frame, 1.0), 3),
                    }
                )
            answered = rng.sample([k for k in kommuner if k["lan_code"] == lan], ns[(lan, "kommun")])
            answered_codes = {k["kommun_code"] for k in answered}
            for k in kommuner:
                if k["lan_code"] != lan:
                    continue
                kommun_table.append(
                    {
                        "wave": wave,
                        "lan": lan,
                        "kommun_code": k["kommun_code"],
                        "kommun_name": k["kommun_name"],
                        "socialtjanst": k["kommun_code"] in answered_codes,
                        "vardcentraler": rng.randint(0, 5),
                        "annan": 0,
                    }
                )
            for org in ORG_TYPES:
                if ns[(lan, org)] < min_n:
                    continue
                texts = [
                    "Samverkan fungerar bra när vi träffas regelbundet.",
                    "Svårt att nå socialtjänsten, ring [telefonnummer] om du vet mer.",
                ]
                if lan == lans[-1] and org == "kommun":
                    texts.append(HOSTILE_COMMENT)
                comments.append(
                    {"wave": wave, "lan": lan, "org_typ": org, "item": "X1", "n": ns[(lan, org)], "comments": texts}
                )

    reliability = [
        {"wave": wave, "dimension": d, "alpha": round(rng.uniform(0.55, 0.85), 3), "n": 900, "flag": False}
        for wave in ("alla", *waves)
        for d in dims
    ]
    for row in reliability:
        row["flag"] = row["alpha"] < 0.6

    return {
        "meta": {
            "tool_version": "0.1.0",
            "instrument": {"id": inst.id, "version": inst.version},
            "waves": list(waves),
            "previous_wave": {waves[i]: waves[i - 1] for i in range(1, len(waves))},
            "unit": "organisation",
            "min_n": min_n,
            "uncertain_below": uncertain_below,
        },
        "results": results,
        "comparisons": comparisons,
        "reliability": reliability,
        "descriptives": descriptives,
        "rankings": rankings,
        "distributions": distributions,
        "response_rates": response_rates,
        "kommun_table": kommun_table,
        "comments": comments,
    }


SAMPLE_DOC: dict[str, Any] = make_doc(SAMPLE_LANS)
#: The sample document read back as the typed result the report builders take.
SAMPLE: AnalysisResult = AnalysisResult.from_dict(SAMPLE_DOC)
