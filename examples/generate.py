"""Generate the example survey exports, vårdcentral registers and their ground truth.

Two waves (2025, 2026) of answers from every county's vårdcentraler and kommuner, written in
the layouts real survey platforms export (Google Forms, Microsoft Forms, Swedish Excel CSV,
Netigate, LimeSurvey, Qualtrics, SurveyMonkey), with the mess analysts meet in practice.
Everything is seeded: running the script twice gives byte-identical files.

    python examples/generate.py              # writes into examples/
    python examples/generate.py --out /tmp/x # writes the same files elsewhere

Only the standard library and openpyxl are used, and the codebook is read with tomllib, so the
generator does not depend on the package it feeds.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import string
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CODEBOOK_PATH = ROOT / "src/samverkan_cli/instrument/instruments/samverkan-2026.toml"
KOMMUNER_PATH = ROOT / "src/samverkan_cli/reference/data/kommuner.csv"

SEED = 20260322
WAVES = ("2025", "2026")
#: Fixed time written into workbook metadata and zip entries so the files are reproducible.
FIXED_TIME = datetime(2026, 4, 1, 8, 0, 0)

#: The order questions appear in the forms (the codebook lists descriptive items last).
FORM_ORDER = (
    "org_typ", "org_namn", "kommun", "roll",
    "R1", "R2", "R3", "R4", "R5", "R6",
    "V1", "V2", "V3", "V4", "V5",
    "B1", "B2", "B3", "B4", "B5", "B6",
    "K1", "K2", "K3",
    "X1",
)  # fmt: skip

# --- The frame: vårdcentraler per county --------------------------------------------------

#: Rough number of vårdcentraler per county (about 1,150 in Sweden, roughly by population).
VC_PER_LAN = {
    "01": 250, "03": 45, "04": 30, "05": 43, "06": 33, "07": 20, "08": 25, "09": 7,
    "10": 15, "12": 160, "13": 40, "14": 210, "17": 30, "18": 28, "19": 28, "20": 30,
    "21": 27, "22": 24, "23": 17, "24": 34, "25": 30,
}  # fmt: skip

#: Population in thousands of the larger kommuner; the rest count as 15.
KOMMUN_POP = {
    "Stockholm": 985, "Göteborg": 600, "Malmö": 360, "Uppsala": 245, "Linköping": 167,
    "Örebro": 160, "Västerås": 158, "Helsingborg": 151, "Norrköping": 146, "Jönköping": 145,
    "Umeå": 132, "Lund": 130, "Huddinge": 115, "Borås": 115, "Nacka": 108, "Eskilstuna": 107,
    "Halmstad": 105, "Gävle": 103, "Södertälje": 101, "Sundsvall": 99, "Växjö": 97,
    "Karlstad": 96, "Botkyrka": 95, "Haninge": 95, "Kristianstad": 86, "Kungsbacka": 86,
    "Järfälla": 85, "Solna": 85, "Luleå": 80, "Skellefteå": 76, "Täby": 75, "Sollentuna": 75,
    "Kalmar": 72, "Mölndal": 70, "Karlskrona": 67, "Varberg": 67, "Östersund": 65,
    "Norrtälje": 65, "Gotland": 61, "Trollhättan": 60, "Falun": 59, "Uddevalla": 57,
    "Skövde": 57, "Nyköping": 57, "Örnsköldsvik": 56, "Borlänge": 52, "Hässleholm": 52,
    "Sigtuna": 50, "Tyresö": 50, "Lidingö": 48, "Upplands Väsby": 48, "Enköping": 47,
    "Värmdö": 47, "Österåker": 47, "Landskrona": 46, "Trelleborg": 46, "Motala": 44,
    "Ängelholm": 43, "Piteå": 42,
}  # fmt: skip
DEFAULT_POP = 15

#: Share of privately run vårdcentraler per county (others 0.15).
PRIVATE_SHARE = {"01": 0.45, "12": 0.35, "13": 0.35, "14": 0.3, "22": 0.05, "23": 0.05, "24": 0.05, "25": 0.05}

CITY_DISTRICTS = {
    "Stockholm": (
        "Södermalm", "Kungsholmen", "Vasastan", "Östermalm", "Norrmalm", "Farsta",
        "Skärholmen", "Spånga", "Rinkeby", "Tensta", "Hässelby", "Vällingby", "Bromma",
        "Hägersten", "Liljeholmen", "Enskede", "Årsta", "Älvsjö", "Bandhagen", "Högdalen",
        "Rågsved", "Skarpnäck", "Kista", "Husby", "Akalla", "Gubbängen", "Hökarängen",
        "Midsommarkransen", "Aspudden", "Fruängen", "Hornstull", "Gärdet", "Hjorthagen",
        "Sankt Eriksplan", "Fridhemsplan", "Mariatorget",
    ),
    "Göteborg": (
        "Angered", "Hammarkullen", "Gårdsten", "Biskopsgården", "Kortedala", "Bergsjön",
        "Frölunda", "Majorna", "Linnéstaden", "Haga", "Lundby", "Backa", "Torslanda", "Askim",
        "Högsbo", "Kungsladugård", "Olskroken", "Gamlestaden", "Centrum", "Järntorget",
        "Tynnered", "Styrsö", "Guldheden", "Johanneberg",
    ),
    "Malmö": (
        "Rosengård", "Limhamn", "Västra Hamnen", "Möllevången", "Husie", "Oxie", "Fosie",
        "Hyllie", "Kirseberg", "Lindängen", "Bunkeflo", "Värnhem", "Triangeln", "Södervärn",
        "Centrum", "Jägersro", "Kroksbäck", "Holma", "Slottsstaden", "Augustenborg",
    ),
}  # fmt: skip

#: Place names for kommuner with four or more vårdcentraler ("Vårdcentralen Centrum").
PLACE_SUFFIXES = (
    "Centrum", "Norr", "Söder", "Öster", "Väster", "Torget", "Parken", "Hamnen", "Kvarnen",
    "Backen", "Lunden", "Ängen", "Höjden", "Dalen", "Viken", "Berga", "Stationen",
    "Kyrkbacken", "Strand", "Skogen", "Brunnen", "Bron", "Gärdet", "Åsen", "Heden", "Hagen",
    "Holmen", "Sjöstaden", "Solbacken", "Eken", "Linden", "Björken", "Furulund", "Rosendal",
    "Ekdalen", "Norrmalm", "Södermalm", "Nyby", "Tallbacken", "Stenhagen",
)  # fmt: skip

# --- Answer model ------------------------------------------------------------------------

#: Spread of the persistent organisation level per dimension (kompetens has only three items,
#: so its items need to share more to reach a useful alpha).
DIMENSION_SD = {"rutiner": 0.75, "remissvagar": 0.8, "brukarinflytande": 0.75, "kompetens": 1.2}
COUNTY_SD = 0.45
WAVE_NOISE_SD = 0.3
ITEM_NOISE_SD = 1.0
#: Counties whose collaboration clearly improved from 2025 to 2026.
IMPROVING = ("03", "05", "08", "12", "14", "17", "21", "24")
DECLINING = ("19",)

TYPE_EFFECT = {
    "vardcentral": {"rutiner": -0.1, "remissvagar": 0.0, "brukarinflytande": -0.4,
                    "kompetens": 0.0},
    "kommun": {"rutiner": 0.2, "remissvagar": -0.1, "brukarinflytande": 0.4,
               "kompetens": 0.1},
}  # fmt: skip

#: Item offsets on the latent scale per organisation type (vårdcentral, kommun).
ITEM_OFFSET = {
    "R1": (0.6, 0.7), "R2": (0.2, 0.5), "R3": (0.5, 0.1), "R4": (0.0, 0.0),
    "R5": (-0.2, 0.1), "R6": (-0.5, -0.4), "V2": (0.4, 0.3), "V3": (-0.2, -0.6),
    "V4": (-1.4, 0.2), "V5": (0.3, 0.3), "B1": (0.3, 0.5), "B2": (-1.0, 0.3),
    "B3": (-0.3, 0.0), "B4": (-1.2, -0.8), "B5": (-0.6, -0.2), "K1": (0.6, 0.8),
    "K2": (0.5, 0.4), "K3": (-0.2, -0.2),
}  # fmt: skip

#: Probability of "Vet ej" / "Ej aktuellt" per item (default for agree4 and yesno).
MISSING_SHARE = {"agree4": (0.04, 0.02), "yesno": (0.02, 0.0)}
MISSING_OVERRIDE = {"R1": (0.06, 0.0), "V3": (0.06, 0.02), "V4": (0.06, 0.02), "B1": (0.03, 0.05), "B5": (0.04, 0.05)}

#: Probability of choosing each referral destination (V1) per organisation type.
V1_CHOICE = {
    "vardcentral": {"beroendeenhet": 0.85, "psykiatri": 0.35, "socialtjanst": 0.75,
                    "vardcentral": 0.02, "maria": 0.15, "privat": 0.08, "ideell": 0.1,
                    "annat": 0.05},
    "kommun": {"beroendeenhet": 0.85, "psykiatri": 0.6, "socialtjanst": 0.05,
               "vardcentral": 0.45, "maria": 0.3, "privat": 0.25, "ideell": 0.2,
               "annat": 0.08},
}  # fmt: skip

ROLES = {
    "vardcentral": (("chef", 0.6), ("lakare", 0.15), ("sjukskoterska", 0.1), ("kurator", 0.1),
                    ("annan", 0.05)),
    "kommun": (("chef", 0.55), ("socialsekreterare", 0.25), ("kurator", 0.12),
               ("annan", 0.08)),
}  # fmt: skip

COMMENTS = (
    "Samverkan fungerar bra på chefsnivå men sämre i det dagliga arbetet.",
    "Långa väntetider till beroendemottagningen.",
    "Vi saknar en gemensam rutin för SIP.",
    "Svårt att nå socialtjänsten per telefon.",
    "Bra samarbete med kommunens mottagningsenhet.",
    "Önskar mer gemensam utbildning om samsjuklighet.",
    "Det är oklart vem som ansvarar när patienten har både psykiatrisk diagnos och missbruk.",
    "Vi får sällan återkoppling efter remiss.",
    "Brukarrådet har gett värdefulla synpunkter.",
    "Personalomsättningen gör att rutinerna inte följs.",
    "Överenskommelsen finns men är inte känd av alla medarbetare.",
    "Positivt att samverkansmötena har kommit igång igen.",
    "Beroendeenheten har stängt för nya remisser under perioden.",
    "Vill gärna veta mer om brukarrevision.",
    "Vi har nyligen infört AUDIT i samband med hälsosamtal.",
    "Det skulle behövas en tydligare väg in för unga vuxna.",
    "Bra dialog med vårdcentralerna i kommunen.",
    "Svårt att samverka när journalsystemen inte pratar med varandra.",
    "Tack för en viktig enkät!",
    'Vi kallar det "samverkansforum", och det fungerar bra.',
)

# --- Which platform each county used -------------------------------------------------------

GOOGLE, MSFORMS, EXCELCSV, NETIGATE = "google_forms", "microsoft_forms", "generic", "netigate"
LIMESURVEY, QUALTRICS, SURVEYMONKEY = "limesurvey", "qualtrics", "surveymonkey"

PLATFORM_OF_LAN = {
    "01": GOOGLE, "22": GOOGLE, "14": MSFORMS, "12": MSFORMS, "18": MSFORMS, "09": MSFORMS,
    "05": EXCELCSV, "20": EXCELCSV, "23": EXCELCSV, "03": NETIGATE, "13": NETIGATE,
    "24": NETIGATE, "06": LIMESURVEY, "19": LIMESURVEY, "10": LIMESURVEY, "07": QUALTRICS,
    "08": QUALTRICS, "25": QUALTRICS, "04": SURVEYMONKEY, "17": SURVEYMONKEY,
    "21": SURVEYMONKEY,
}  # fmt: skip
#: Västra Götaland moved from Google Forms to Microsoft Forms between the waves.
PLATFORM_OVERRIDE = {("2025", "14"): GOOGLE, ("2026", "14"): MSFORMS}

#: Response counts fixed by design: a county too small to show, one barely above the limit.
FIXED_RESPONSES = {("2026", "09"): 3, ("2025", "10"): 9, ("2026", "10"): 7}

#: Counties whose register is a CSV rather than a workbook.
REGISTER_AS_CSV = ("05", "20", "23")


# ==========================================================================================
# Data model
# ==========================================================================================


@dataclass(frozen=True)
class Kommun:
    """One of the 290 kommuner."""

    code: str
    name: str
    lan: str
    lan_name: str


@dataclass(frozen=True)
class Item:
    """One question of the codebook, with its Swedish text and answer options."""

    id: str
    text: str
    scale: str
    dimension: str | None
    reverse: bool
    options: tuple[tuple[str, str], ...]  # (code or value, Swedish label)


@dataclass
class Codebook:
    """The parts of the codebook the generator needs."""

    items: dict[str, Item]
    agree_labels: dict[int, str]
    dimensions: tuple[str, ...]
    min_share: float

    def dimension_items(self, dimension: str) -> list[str]:
        """Ids of the scored items in one dimension, in form order."""
        return [i for i in FORM_ORDER if self.items[i].dimension == dimension]

    def label(self, item_id: str, code: str) -> str:
        """Swedish label of a choice/multi option code."""
        return dict(self.items[item_id].options)[code]


@dataclass
class Org:
    """An organisation in the frame: a vårdcentral or a kommun's social services."""

    id: str
    typ: str  # "vardcentral" | "kommun"
    name: str
    kommun: Kommun
    private: bool = False
    hsa_id: str = ""
    propensity: float = 0.0
    level: dict[str, float] = field(default_factory=dict)


@dataclass
class Record:
    """One data row of an export: a response, or an empty row."""

    org: Org | None
    submitted: datetime = FIXED_TIME
    duration_s: int = 0
    org_typ: str = ""
    org_namn: str = ""
    kommun_text: str = ""
    kommun_code: str | None = None  # what the importer should resolve the kommun to
    roll: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # cell text overriding the normal label
    unmatched: dict[str, str] = field(default_factory=dict)  # answers that match no label
    finished: bool = True
    last_item: str = "X1"  # last question the respondent reached
    response_id: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # cells of columns not in the form
    quirks: list[tuple[str, str | None, str]] = field(default_factory=list)
    empty: bool = False


@dataclass
class FileSpec:
    """How one export file looks: platform, wave, county and its layout choices."""

    wave: str
    lan: str
    lan_name: str
    platform: str
    headers: dict[str, str] = field(default_factory=dict)  # item id -> header text override
    label_style: str = "label"  # "label" | "numbered" | "number"
    identified: bool = False  # MS Forms with e-mail and name filled in
    extra_columns: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """Path relative to the examples directory."""
        return f"exports/{self.wave}/{self.lan}_{slug(self.lan_name)}.{EXTENSION[self.platform]}"


@dataclass
class Rendered:
    """An export file rendered to bytes, with what its tests and the importer need to know."""

    data: bytes
    header_rows: int
    columns: dict[str, str | list[str]]
    encoding: str
    delimiter: str | None = None
    line_terminator: str | None = None
    identifying: tuple[str, ...] = ()
    meta_columns: tuple[str, ...] = ()
    head: list[Any] = field(default_factory=list)  # the header row the column names are in

    def positions(self) -> dict[str, int | list[int]]:
        """1-based column number(s) of every item."""
        index = {name: n for n, name in enumerate(self.head, start=1) if name}
        return {item: index[c] if isinstance(c, str) else [index[x] for x in c] for item, c in self.columns.items()}


#: How a multi-select answer is joined in one cell (None: one column per option).
MULTI_SEPARATOR = {
    GOOGLE: ", ",
    MSFORMS: ";",
    EXCELCSV: ", ",
    QUALTRICS: ",",
    NETIGATE: None,
    LIMESURVEY: None,
    SURVEYMONKEY: None,
}

EXTENSION = {
    GOOGLE: "csv",
    MSFORMS: "xlsx",
    EXCELCSV: "csv",
    NETIGATE: "xlsx",
    LIMESURVEY: "csv",
    QUALTRICS: "csv",
    SURVEYMONKEY: "xlsx",
}


# ==========================================================================================
# Loading reference data
# ==========================================================================================


def slug(text: str) -> str:
    """ASCII file-name slug of a county name: "Västra Götalands län" -> "vastra_gotaland"."""
    name = text.removesuffix(" län")
    name = name.removesuffix("s") if name.endswith("s") else name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def load_codebook(path: Path = CODEBOOK_PATH) -> Codebook:
    """Read items, labels and dimensions from the TOML codebook."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    scales = raw["scales"]
    items: dict[str, Item] = {}
    for entry in raw["items"]:
        scale = entry["scale"]
        spec = scales[scale]
        options: tuple[tuple[str, str], ...] = ()
        if spec["type"] in ("choice", "multi"):
            options = tuple((o["code"], o["sv"]) for o in spec["options"])
        items[entry["id"]] = Item(
            id=entry["id"],
            text=entry["text"]["sv"],
            scale=scale,
            dimension=entry.get("dimension"),
            reverse=bool(entry.get("reverse", False)),
            options=options,
        )
    agree = {lab["value"]: lab["sv"] for lab in scales["agree4"]["labels"]}
    dims = tuple(d["id"] for d in raw["dimensions"])
    return Codebook(items, agree, dims, float(raw["rules"]["min_answered_share"]))


def load_kommuner(path: Path = KOMMUNER_PATH) -> list[Kommun]:
    """The 290 kommuner with their county."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [Kommun(r["kommun_code"], r["kommun_name"], r["lan_code"], r["lan_name"]) for r in csv.DictReader(fh)]


def rng_for(*parts: object) -> random.Random:
    """An independent random stream per purpose, so changing one part never shifts another."""
    return random.Random("-".join(str(p) for p in (SEED, *parts)))


# ==========================================================================================
# Building the frame
# ==========================================================================================


def allocate_vardcentraler(kommuner: Sequence[Kommun], total: int) -> dict[str, int]:
    """Spread a county's vårdcentraler over its kommuner by population (D'Hondt, capped)."""
    counts = {k.code: 1 for k in kommuner}
    caps = {k.code: len(CITY_DISTRICTS.get(k.name, PLACE_SUFFIXES)) for k in kommuner}
    pops = {k.code: KOMMUN_POP.get(k.name, DEFAULT_POP) for k in kommuner}
    for _ in range(total - len(kommuner)):
        open_codes = [c for c in counts if counts[c] < caps[c]]
        best = max(open_codes, key=lambda c: (pops[c] / (counts[c] + 1), c))
        counts[best] += 1
    return counts


def place_names(kommun: Kommun, n: int) -> list[str]:
    """Names of the places of a kommun's n vårdcentraler."""
    if kommun.name in CITY_DISTRICTS:
        return list(CITY_DISTRICTS[kommun.name][:n])
    if n <= 3:
        return [kommun.name, f"{kommun.name} Norr", f"{kommun.name} Söder"][:n]
    return list(PLACE_SUFFIXES[:n])


def vc_name(lan: str, place: str, private: bool, rng: random.Random) -> str:
    """A vårdcentral name in the style of its county."""
    if private:
        return rng.choice(
            (f"Capio Vårdcentral {place}", f"Läkarhuset {place}", f"Familjeläkarna {place}", f"Husläkarna {place}")
        )
    if lan in ("22", "23", "24", "25"):
        return f"Hälsocentral {place}"
    if lan == "14":
        return f"Närhälsan {place} vårdcentral"
    if lan == "01":
        return f"{place} vårdcentral"
    return f"Vårdcentralen {place}"


def kommun_org_name(kommun: Kommun, rng: random.Random) -> str:
    """The name a kommun's social services answer under."""
    if rng.random() < 0.6:
        return f"Socialtjänsten {kommun.name} kommun"
    return f"Individ- och familjeomsorgen, {kommun.name}"


def build_frame(kommuner: Sequence[Kommun]) -> dict[str, list[Org]]:
    """Every kommun and every vårdcentral, per county, with a latent level per dimension."""
    frame: dict[str, list[Org]] = {}
    for lan in sorted({k.lan for k in kommuner}):
        rng = rng_for("frame", lan)
        in_lan = [k for k in kommuner if k.lan == lan]
        orgs: list[Org] = []
        alloc = allocate_vardcentraler(in_lan, VC_PER_LAN[lan])
        for kommun in in_lan:
            orgs.append(Org(f"K{kommun.code}", "kommun", kommun_org_name(kommun, rng), kommun))
            for i, place in enumerate(place_names(kommun, alloc[kommun.code])):
                private = i > 0 and rng.random() < PRIVATE_SHARE.get(lan, 0.15)
                orgs.append(
                    Org(
                        f"VC{kommun.code}{i + 1:02d}",
                        "vardcentral",
                        vc_name(lan, place, private, rng),
                        kommun,
                        private=private,
                    )
                )
        for n, org in enumerate(o for o in orgs if o.typ == "vardcentral"):
            org.hsa_id = f"SE000000{lan}00-E{n + 1:06d}"
        for org in orgs:
            org.propensity = rng.random() + (0.25 if org.typ == "kommun" else 0.0)
            org.level = {d: rng.gauss(0, sd) for d, sd in DIMENSION_SD.items()}
        frame[lan] = orgs
    return frame


def county_effects(lans: Iterable[str]) -> dict[tuple[str, str], dict[str, float]]:
    """Level of each county per wave and dimension: fixed differences plus a trend."""
    effects: dict[tuple[str, str], dict[str, float]] = {}
    for lan in lans:
        rng = rng_for("county", lan)
        base = {d: rng.gauss(0, COUNTY_SD) for d in TYPE_EFFECT["kommun"]}
        if lan in IMPROVING:
            trend = {d: rng.uniform(0.45, 0.8) for d in base}
        elif lan in DECLINING:
            trend = {d: -rng.uniform(0.3, 0.5) for d in base}
        else:
            trend = {d: rng.gauss(0, 0.08) for d in base}
        effects[("2025", lan)] = base
        effects[("2026", lan)] = {d: base[d] + trend[d] for d in base}
    return effects


# ==========================================================================================
# Answers
# ==========================================================================================


def respondents(orgs: Sequence[Org], wave: str, lan: str) -> list[Org]:
    """Who answered in a wave: mostly the same organisations each time."""
    rng = rng_for("respondents", wave, lan)
    n = FIXED_RESPONSES.get((wave, lan))
    if n is None:
        rate = rng_for("rate", lan).uniform(0.55, 0.88) + (0.04 if wave == "2026" else 0.0)
        n = round(min(rate, 0.9) * len(orgs))
    ranked = sorted(orgs, key=lambda o: (-(o.propensity + rng.gauss(0, 0.3)), o.id))
    return ranked[:n]


def weighted_choice(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    """Pick one code from (code, weight) pairs."""
    codes, weights = zip(*pairs, strict=True)
    return str(rng.choices(codes, weights=weights)[0])


def scored_answer(item: Item, theta: float, offset: float, rng: random.Random) -> int | str | None:
    """One answer to a scored item from the organisation's latent level on its dimension."""
    vet_ej, ej_aktuellt = MISSING_OVERRIDE.get(item.id, MISSING_SHARE[item.scale])
    u = rng.random()
    if u < vet_ej:
        return "vet_ej"
    if u < vet_ej + ej_aktuellt:
        return "ej_aktuellt"
    z = (-theta if item.reverse else theta) + offset + rng.gauss(0, ITEM_NOISE_SD)
    if item.scale == "yesno":
        return 1 if z > 0 else 0
    return 1 + sum(z > cut for cut in (-1.0, 0.0, 1.0))


def referral_answer(typ: str, rng: random.Random) -> list[str]:
    """Referral destinations (V1): which ones depend on the type of organisation."""
    if rng.random() < 0.02:
        return ["vet_ej"]
    chosen = [code for code, p in V1_CHOICE[typ].items() if rng.random() < p]
    return chosen or ["beroendeenhet"]


def make_record(
    org: Org,
    wave: str,
    cb: Codebook,
    county: dict[str, float],
    rng: random.Random,
) -> Record:
    """A complete response of one organisation in one wave."""
    typ_index = 0 if org.typ == "vardcentral" else 1
    theta = {d: county[d] + TYPE_EFFECT[org.typ][d] + org.level[d] + rng.gauss(0, WAVE_NOISE_SD) for d in cb.dimensions}
    answers: dict[str, Any] = {}
    for item_id in FORM_ORDER:
        item = cb.items[item_id]
        if item.dimension:
            offset = ITEM_OFFSET[item_id][typ_index]
            answers[item_id] = scored_answer(item, theta[item.dimension], offset, rng)
    answers["V1"] = referral_answer(org.typ, rng)
    interest = theta["brukarinflytande"] * 0.5 + rng.gauss(0, 1)
    answers["B6"] = "ja" if interest > -0.1 else ("vet_ej" if interest > -0.9 else "nej")
    answers["X1"] = rng.choice(COMMENTS) if rng.random() < 0.18 else ""
    start = datetime(int(wave), 2, 9, 8, 0) + timedelta(
        days=rng.randrange(40), minutes=rng.randrange(9 * 60), seconds=rng.randrange(60)
    )
    return Record(
        org=org,
        submitted=start,
        duration_s=rng.randrange(240, 1500),
        org_typ=org.typ,
        org_namn=org.name,
        kommun_text=org.kommun.name,
        kommun_code=org.kommun.code,
        roll=weighted_choice(rng, ROLES[org.typ]),
        answers=answers,
    )


def build_records(frame: dict[str, list[Org]], cb: Codebook) -> dict[tuple[str, str], list[Record]]:
    """Clean responses for every wave and county, in order of submission."""
    effects = county_effects(frame)
    out: dict[tuple[str, str], list[Record]] = {}
    for wave in WAVES:
        for lan, orgs in frame.items():
            rng = rng_for("answers", wave, lan)
            recs = [make_record(o, wave, cb, effects[(wave, lan)], rng) for o in respondents(orgs, wave, lan)]
            out[(wave, lan)] = sorted(recs, key=lambda r: (r.submitted, r.org_namn))
    return out


# ==========================================================================================
# The mess
# ==========================================================================================

QuirkFn = Callable[[list[Record], dict[str, list[Org]], Codebook], None]


def find(records: list[Record], kommun: str | None = None, typ: str | None = None) -> Record:
    """The first record matching a kommun name and/or organisation type."""
    for rec in records:
        if rec.org is None or rec.quirks:
            continue
        if kommun and rec.org.kommun.name != kommun:
            continue
        if typ and rec.org.typ != typ:
            continue
        return rec
    raise LookupError(f"no record for {kommun=} {typ=}")


def set_kommun(rec: Record, text: str, note: str, resolves: bool = True) -> None:
    """Write the kommun the way a respondent did; note whether it can be resolved."""
    rec.kommun_text = text
    if not resolves:
        rec.kommun_code = None
    rec.quirks.append(("kommun_spelling" if resolves else "unknown_kommun", "kommun", note))


def set_text(rec: Record, text: str, kind: str, note: str) -> None:
    """Put a free-text (X1) answer in place."""
    rec.answers["X1"] = text
    rec.quirks.append((kind, "X1", note))


def set_raw(rec: Record, item: str, text: str, kind: str, note: str) -> None:
    """Write an answer cell as typed by hand; the canonical answer stays as it was."""
    rec.raw[item] = text
    rec.quirks.append((kind, item, note))


def abandon_after(rec: Record, cb: Codebook, last_item: str, note: str) -> None:
    """The respondent stopped after `last_item`; later answers are blank."""
    cut = FORM_ORDER.index(last_item)
    for item_id in FORM_ORDER[cut + 1 :]:
        if item_id in rec.answers:
            rec.answers[item_id] = [] if item_id == "V1" else ("" if item_id == "X1" else None)
    rec.finished = False
    rec.last_item = last_item
    rec.quirks.append(("partial", None, note))


def skip_items(rec: Record, items: Sequence[str], note: str) -> None:
    """The respondent left some questions blank."""
    for item_id in items:
        rec.answers[item_id] = None
    rec.quirks.append(("partial", None, note))


def ensure_org(records: list[Record], org: Org, wave: str, cb: Codebook) -> Record:
    """The record of `org`, created (replacing the last other response) if it did not answer."""
    for rec in records:
        if rec.org is org:
            return rec
    rng = rng_for("ensure", wave, org.id)
    county = county_effects([org.kommun.lan])[(wave, org.kommun.lan)]
    new = make_record(org, wave, cb, county, rng)
    records[-1] = new
    records.sort(key=lambda r: (r.submitted, r.org_namn))
    return new


def mess_stockholm_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Unknown kommun and a formula in free text."""
    set_kommun(find(recs, typ="vardcentral"), "Storstaden", "kommun that matches nothing", False)
    set_text(find(recs), '=HYPERLINK("http://example.com","klicka")', "formula_text", "free text starting with =")


def mess_stockholm_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """An exact duplicate submission and a hyphenated kommun name."""
    set_kommun(find(recs, kommun="Upplands Väsby"), "Upplands-Väsby", "hyphen in the name")
    rec = find(recs[len(recs) // 2 :])
    rec.quirks.append(("exact_duplicate", None, "the same row twice, same timestamp"))
    recs.insert(recs.index(rec) + 1, rec)


def mess_vg_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Göteborgs Stad for Göteborg."""
    set_kommun(find(recs, kommun="Göteborg", typ="kommun"), "Göteborgs Stad", "the city's name for the kommun")


def mess_vg_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Abbreviated kommun and a stadsdel instead of a kommun."""
    angered = next(o for o in frame["14"] if o.name == "Närhälsan Angered vårdcentral")
    set_kommun(ensure_org(recs, angered, "2026", cb), "Angered", "a district of Göteborg")
    set_kommun(find(recs, kommun="Göteborg"), "Gbg", "abbreviation")


def mess_skane_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Lower-case kommun with trailing space."""
    set_kommun(find(recs, kommun="Malmö"), "malmö stad ", "lower case, 'stad', trailing space")


def mess_gotland_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """The region's name for the kommun."""
    set_kommun(find(recs), "Region Gotland", "the region's name for the kommun")


def mess_uppsala_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A 4-digit kommun code."""
    set_kommun(find(recs, kommun="Uppsala"), "0380", "SCB code instead of a name")


def mess_ostergotland_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A misspelt kommun."""
    set_kommun(find(recs, kommun="Linköping"), "Linköpng", "misspelt")


def mess_dalarna_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """An empty row in a hand-kept sheet."""
    recs.insert(len(recs) // 3, Record(org=None, empty=True, quirks=[("empty_row", None, "empty row")]))


def mess_dalarna_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Hand-typed labels in other case, and an answer matching no label."""
    typed: tuple[tuple[str, int, Callable[[str], str]], ...] = (
        ("R4", 4, str.lower),
        ("V2", 3, str.title),
        ("K2", 2, lambda t: f" {t}  "),
    )
    for rec, (item, value, spell) in zip(recs[2:5], typed, strict=True):
        rec.answers[item] = value
        set_raw(
            rec, item, spell(cb.agree_labels[value]), "label_case", "label typed by hand: other case or extra spaces"
        )
    rec = find(recs[6:])
    rec.answers["R5"] = None
    rec.unmatched["R5"] = "Kanske"
    set_raw(rec, "R5", "Kanske", "unmatched_label", "answer that matches no label")


def mess_vasternorrland_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A phone number in free text."""
    set_text(
        find(recs), "Ring mig gärna på 070-123 45 67 om ni vill veta mer.", "phone_number", "phone number in free text"
    )


def mess_orebro_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """An e-mail address in free text."""
    set_text(
        find(recs),
        "Kontakta anna.andersson@example.se för frågor om vår rutin.",
        "email_address",
        "e-mail address in free text",
    )


def mess_orebro_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A response with two skipped questions (still above the half-answered rule)."""
    skip_items(find(recs[3:]), ("R4", "B3"), "R4 and B3 blank (still above the half-answered rule)")


def mess_norrbotten_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A personnummer (Skatteverket's test number) in free text."""
    set_text(
        find(recs),
        "Patienten 19121212-1212 fick vänta i sex veckor på besök.",
        "personnummer",
        "personnummer (test number) in free text",
    )


def mess_gavleborg_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A short personnummer (Skatteverket's test number) in free text."""
    set_text(
        find(recs),
        "Exempel: brukare 121212-1212 föll mellan stolarna.",
        "personnummer",
        "short personnummer (test number) in free text",
    )


def mess_vastmanland_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A response abandoned after the first page."""
    note = "abandoned after page 1: below half in three dimensions"
    abandon_after(find(recs[2:]), cb, "R6", note)


def mess_vastmanland_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A script tag in free text."""
    set_text(find(recs), "Bra enkät <script>alert(1)</script>", "html_text", "script tag in free text")


def mess_kalmar_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """A response abandoned after the referral questions."""
    note = "abandoned after V5: below half in brukarinflytande and kompetens"
    abandon_after(find(recs[4:]), cb, "V5", note)


def mess_halland_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """Three of four referral questions skipped."""
    skip_items(find(recs[5:]), ("V3", "V4", "V5"), "V3-V5 blank: remissvagar below half")


def mess_halland_2025(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """The survey administrator's own comment column."""
    for rec, note in zip(
        recs[1:3], ("Svar inkom via mejl, inmatat manuellt", "Dubbelkolla enhetens namn"), strict=True
    ):
        rec.extra["Kommentar från enkätansvarig"] = note
        rec.quirks.append(("extra_column", None, "column not in the instrument"))


def mess_sodermanland_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """One skipped question (kompetens still at least half answered)."""
    skip_items(find(recs[2:]), ("K2",), "K2 blank (kompetens still half answered)")


def mess_jonkoping_2026(recs: list[Record], frame: dict[str, list[Org]], cb: Codebook) -> None:
    """One vårdcentral answering twice: two staff, two roles, two spellings of its name."""
    org = next(o for o in frame["06"] if o.name == "Vårdcentralen Centrum" and o.kommun.name == "Jönköping")
    first = ensure_org(recs, org, "2026", cb)
    first.roll = "chef"
    second = make_record(org, "2026", cb, county_effects(["06"])[("2026", "06")], rng_for("second", org.id))
    second.org_namn, second.roll = "VC Centrum", "lakare"
    second.submitted = first.submitted + timedelta(days=2, minutes=17)
    for rec in (first, second):
        rec.quirks.append(("same_org_twice", "org_namn", "one vårdcentral answering twice (two staff, two spellings)"))
    recs.append(second)
    recs.sort(key=lambda r: (r.submitted, r.org_namn))


MESS: dict[tuple[str, str], QuirkFn] = {
    ("2025", "01"): mess_stockholm_2025, ("2026", "01"): mess_stockholm_2026,
    ("2025", "14"): mess_vg_2025, ("2026", "14"): mess_vg_2026,
    ("2026", "12"): mess_skane_2026, ("2025", "09"): mess_gotland_2025,
    ("2026", "03"): mess_uppsala_2026, ("2026", "05"): mess_ostergotland_2026,
    ("2025", "20"): mess_dalarna_2025, ("2026", "20"): mess_dalarna_2026,
    ("2026", "22"): mess_vasternorrland_2026, ("2025", "18"): mess_orebro_2025,
    ("2026", "18"): mess_orebro_2026, ("2026", "25"): mess_norrbotten_2026,
    ("2025", "21"): mess_gavleborg_2025, ("2025", "19"): mess_vastmanland_2025,
    ("2026", "19"): mess_vastmanland_2026, ("2026", "08"): mess_kalmar_2026,
    ("2025", "13"): mess_halland_2025, ("2026", "13"): mess_halland_2026,
    ("2026", "04"): mess_sodermanland_2026, ("2026", "06"): mess_jonkoping_2026,
}  # fmt: skip


def file_spec(wave: str, lan: str, lan_name: str, cb: Codebook) -> FileSpec:
    """The layout choices of one county's export in one wave."""
    platform = PLATFORM_OVERRIDE.get((wave, lan), PLATFORM_OF_LAN[lan])
    spec = FileSpec(wave, lan, lan_name, platform)
    texts = {i: cb.items[i].text for i in FORM_ORDER}
    if lan == "01":  # form author left trailing spaces on some titles
        spec.headers = {i: texts[i] + "  " for i in ("kommun", "R2", "V3", "B5")}
    if lan == "22":  # numbered questions
        spec.headers = {i: f"{n}. {texts[i]}" for n, i in enumerate(FORM_ORDER, start=1)}
    if lan == "12":  # a changed word
        spec.headers = {"R5": texts["R5"].replace("samverkansmöten", "samverkansträffar")}
    if lan == "07":  # a changed word
        spec.headers = {"V5": texts["V5"].replace("Personer", "Patienter")}
    if platform == EXCELCSV:
        spec.headers = {"org_typ": "Typ av verksamhet", "org_namn": "Verksamhet", "kommun": "Kommun", "roll": "Roll"}
    if lan == "17":
        spec.label_style = "numbered"
    if platform == NETIGATE:
        spec.label_style = "number"
    if lan == "18":
        spec.identified = True
    if (wave, lan) == ("2025", "13"):
        spec.extra_columns = ("Kommentar från enkätansvarig",)
    return spec


# ==========================================================================================
# Cell values
# ==========================================================================================


def answer_text(cb: Codebook, spec: FileSpec, rec: Record, item_id: str) -> str | int:
    """The cell for one answer, in the file's label style (before multi-select handling)."""
    if item_id in rec.raw:
        return rec.raw[item_id]
    value = rec.answers.get(item_id)
    item = cb.items[item_id]
    if value is None or value == "":
        return ""
    if value == "vet_ej":
        return "Vet ej"
    if value == "ej_aktuellt":
        return "Ej aktuellt"
    if item.scale == "agree4":
        if spec.label_style == "number":
            return int(value)
        label = cb.agree_labels[value]
        return f"{value} - {label}" if spec.label_style == "numbered" else label
    if item.scale == "yesno":
        return "Ja" if value == 1 else "Nej"
    if item.scale == "janejvetej":
        return cb.label(item_id, value)
    return str(value)


def background_text(cb: Codebook, spec: FileSpec, rec: Record, item_id: str) -> str:
    """Cells of the background questions (organisation type, name, kommun, role)."""
    if item_id == "org_typ":
        if spec.platform == EXCELCSV:
            return "Vårdcentral" if rec.org_typ == "vardcentral" else "Kommun"
        return cb.label("org_typ", rec.org_typ)
    if item_id == "org_namn":
        return rec.org_namn
    if item_id == "kommun":
        return rec.kommun_text
    return cb.label("roll", rec.roll) if rec.roll else ""


def cell(cb: Codebook, spec: FileSpec, rec: Record, item_id: str) -> str | int:
    """The cell of a single-column item for one record."""
    if rec.empty:
        return ""
    if item_id in ("org_typ", "org_namn", "kommun", "roll"):
        return background_text(cb, spec, rec, item_id)
    if item_id == "X1":
        return str(rec.answers.get("X1", ""))
    return answer_text(cb, spec, rec, item_id)


def v1_labels(cb: Codebook, rec: Record) -> list[str]:
    """The chosen referral destinations as labels, in codebook order."""
    chosen = set(rec.answers.get("V1", []))
    return [label for code, label in cb.items["V1"].options if code in chosen]


def header(cb: Codebook, spec: FileSpec, item_id: str) -> str:
    """The question text used as a column header in this file."""
    return spec.headers.get(item_id, cb.items[item_id].text)


def single_items() -> list[str]:
    """Items in form order except the multi-select V1."""
    return [i for i in FORM_ORDER if i != "V1"]


def fmt_sv_12h(ts: datetime) -> str:
    """Google Forms' Swedish timestamp: 2026/03/22 8:53:03 fm CET."""
    hour = ts.hour % 12 or 12
    half = "fm" if ts.hour < 12 else "em"
    return f"{ts:%Y/%m/%d} {hour}:{ts:%M:%S} {half} CET"


def random_token(rng: random.Random, n: int) -> str:
    """Letters and digits, like platform response ids."""
    return "".join(rng.choices(string.ascii_letters + string.digits, k=n))


# ==========================================================================================
# Writers
# ==========================================================================================


def csv_bytes(
    rows: list[list[Any]],
    *,
    delimiter: str = ",",
    quote_all: bool = False,
    newline: str = "\n",
    encoding: str = "utf-8",
    final_newline: bool = True,
) -> bytes:
    """Serialise rows as CSV the way one platform does."""
    buf = io.StringIO()
    quoting: Literal[0, 1] = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerows(rows)
    text = buf.getvalue()
    if not final_newline:
        text = text.removesuffix(newline)
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[Any]], sheet: str, table: str | None = None, date_format: str | None = None) -> bytes:
    """Write rows to a workbook with fixed metadata and zip dates (reproducible bytes)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            target = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                target.data_type = "s"  # text that looks like a formula stays text
            if isinstance(value, datetime) and date_format:
                target.number_format = date_format
    if table:
        from openpyxl.utils import get_column_letter

        ref = f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
        tab = Table(displayName=table, ref=ref)
        tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(tab)
    wb.properties.creator = "samverkan-cli examples"
    buf = io.BytesIO()
    wb.save(buf)
    return freeze_zip(buf.getvalue())


def freeze_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed entry dates and fixed core-property timestamps."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.encode(),
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


def write_google_forms(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """Google Forms 'Download responses (.csv)', Swedish UI: all fields quoted, CRLF."""
    head = ["Tidstämpel"] + [header(cb, spec, i) for i in FORM_ORDER]
    rows: list[list[Any]] = [head]
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(head))
            continue
        cells = [", ".join(v1_labels(cb, rec)) if i == "V1" else cell(cb, spec, rec, i) for i in FORM_ORDER]
        rows.append([fmt_sv_12h(rec.submitted), *cells])
    data = csv_bytes(rows, quote_all=True, newline="\r\n", final_newline=False)
    columns = {i: header(cb, spec, i) for i in FORM_ORDER}
    return Rendered(data, 1, dict(columns), "utf-8", ",", "\r\n", (), ("Tidstämpel",), head)


def write_ms_forms(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """Microsoft Forms 'Open in Excel' workbook: one header row, multi-select as `a;b;`."""
    meta = ["ID", "Start time", "Completion time", "Email", "Name"]
    head = meta + [header(cb, spec, i) for i in FORM_ORDER]
    rows: list[list[Any]] = [head]
    rng = rng_for("msforms-people", spec.wave, spec.lan)
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(head))
            continue
        email, name = "anonymous", ""
        if spec.identified:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{ascii_name(first)}.{ascii_name(last)}@example.se"
            name = f"{first} {last}"
        cells = [
            "".join(f"{v};" for v in v1_labels(cb, rec)) if i == "V1" else cell(cb, spec, rec, i) for i in FORM_ORDER
        ]
        start = rec.submitted - timedelta(seconds=rec.duration_s)
        rows.append([int(rec.response_id), start, rec.submitted, email, name, *cells])
    data = xlsx_bytes(rows, "Sheet1", table="Table1", date_format="m/d/yy h:mm:ss")
    columns = {i: header(cb, spec, i) for i in FORM_ORDER}
    return Rendered(data, 1, dict(columns), "xlsx", identifying=("Email", "Name"), meta_columns=tuple(meta), head=head)


def write_excel_csv(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """A hand-kept sheet saved by Swedish Excel as CSV: cp1252, `;`, decimal comma, CRLF."""
    meta = ["Svarsdatum", "Tid (min)"]
    head = meta + [header(cb, spec, i) for i in FORM_ORDER]
    rows: list[list[Any]] = [head]
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(head))
            continue
        minutes = f"{rec.duration_s / 60:.1f}".replace(".", ",")
        cells = [", ".join(v1_labels(cb, rec)) if i == "V1" else cell(cb, spec, rec, i) for i in FORM_ORDER]
        rows.append([f"{rec.submitted:%Y-%m-%d %H:%M}", minutes, *cells])
    data = csv_bytes(rows, delimiter=";", newline="\r\n", encoding="cp1252")
    columns = {i: header(cb, spec, i) for i in FORM_ORDER}
    return Rendered(data, 1, dict(columns), "cp1252", ";", "\r\n", (), tuple(meta), head)


def write_netigate(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """Netigate/Esmaker-style workbook: item ids as headers, agree4 as numbers 1-4."""
    meta = ["Svars-ID", "Skickad"]
    options = cb.items["V1"].options
    v1_cols = [f"V1 [{label}]" for _, label in options]
    singles = single_items()
    head = meta + singles[:4] + singles[4:10] + v1_cols + singles[10:] + list(spec.extra_columns)
    order = singles[:4] + singles[4:10] + ["V1"] + singles[10:]
    rows: list[list[Any]] = [head]
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(head))
            continue
        cells: list[Any] = []
        for item_id in order:
            if item_id == "V1":
                chosen = set(rec.answers.get("V1", []))
                cells += [1 if code in chosen else "" for code, _ in options]
            else:
                cells.append(cell(cb, spec, rec, item_id))
        extra = [rec.extra.get(c, "") for c in spec.extra_columns]
        rows.append([int(rec.response_id), rec.submitted, *cells, *extra])
    data = xlsx_bytes(rows, "Data", date_format="yyyy-mm-dd hh:mm")
    columns: dict[str, str | list[str]] = {i: i for i in singles}
    columns["V1"] = v1_cols
    return Rendered(data, 1, columns, "xlsx", meta_columns=tuple(meta), head=head)


def write_limesurvey(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """LimeSurvey 'Export results' CSV with question codes: every field quoted."""
    meta = ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    n_opts = len(cb.items["V1"].options)
    v1_cols = [f"V1[SQ{k:03d}]" for k in range(1, n_opts + 1)]
    order = list(FORM_ORDER)
    head = meta + [c for i in order for c in (v1_cols if i == "V1" else [i])]
    rows: list[list[Any]] = [head]
    rng = rng_for("limesurvey-seed", spec.wave, spec.lan)
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(head))
            continue
        submit = f"{rec.submitted:%Y-%m-%d %H:%M:%S}" if rec.finished else ""
        lastpage = 4 if rec.finished else page_of(rec.last_item)
        cells: list[Any] = []
        for item_id in order:
            if item_id == "V1":
                chosen = set(rec.answers.get("V1", []))
                cells += ["Y" if code in chosen else "" for code, _ in cb.items["V1"].options]
            else:
                cells.append(cell(cb, spec, rec, item_id))
        rows.append([rec.response_id, submit, lastpage, "sv", rng.randrange(10**8, 10**9), *cells])
    data = csv_bytes(rows, quote_all=True)
    columns: dict[str, str | list[str]] = {i: i for i in single_items()}
    columns["V1"] = v1_cols
    return Rendered(data, 1, columns, "utf-8", ",", "\n", (), tuple(meta), head)


def page_of(item_id: str) -> int:
    """Form page (1-4) a question is on: background + routines, referrals, users, competence."""
    pos = FORM_ORDER.index(item_id)
    return 1 + sum(pos >= FORM_ORDER.index(first) for first in ("V1", "B1", "K1"))


QUALTRICS_META = (
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Stockholm"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Stockholm"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Stockholm"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
)


def write_qualtrics(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """Qualtrics CSV (labels): three header rows, UTF-8 with BOM, multi-select comma-joined."""
    qcodes = {item_id: f"Q{n}" for n, item_id in enumerate(FORM_ORDER, start=1)}
    text_items = ("org_namn", "kommun", "X1")
    row1 = [m[0] for m in QUALTRICS_META] + [qcodes[i] for i in FORM_ORDER]
    row2 = [m[1] for m in QUALTRICS_META] + [header(cb, spec, i) for i in FORM_ORDER]
    row3 = [m[2] for m in QUALTRICS_META] + [
        f'{{"ImportId":"QID{qcodes[i][1:]}{"_TEXT" if i in text_items else ""}"}}' for i in FORM_ORDER
    ]
    rows: list[list[Any]] = [row1, row2, row3]
    rng = rng_for("qualtrics-meta", spec.wave, spec.lan)
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(row1))
            continue
        start = rec.submitted - timedelta(seconds=rec.duration_s)
        done = FORM_ORDER.index(rec.last_item) + 1
        progress = 100 if rec.finished else round(100 * done / len(FORM_ORDER))
        stamp = f"{rec.submitted:%Y-%m-%d %H:%M:%S}"
        meta = [
            f"{start:%Y-%m-%d %H:%M:%S}",
            stamp,
            "IP Address",
            f"203.0.113.{rng.randrange(1, 255)}",
            progress,
            rec.duration_s,
            "True" if rec.finished else "False",
            stamp,
            rec.response_id,
            "",
            "",
            "",
            "",
            f"{rng.uniform(55.4, 67.8):.4f}",
            f"{rng.uniform(11.2, 23.5):.4f}",
            "anonymous",
            "SV",
        ]
        cells = [",".join(v1_labels(cb, rec)) if i == "V1" else cell(cb, spec, rec, i) for i in FORM_ORDER]
        rows.append(meta + cells)
    data = b"\xef\xbb\xbf" + csv_bytes(rows)
    columns = {i: qcodes[i] for i in FORM_ORDER}
    identifying = (
        "IPAddress",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "LocationLatitude",
        "LocationLongitude",
    )
    return Rendered(
        data, 3, dict(columns), "utf-8-sig", ",", "\n", identifying, tuple(m[0] for m in QUALTRICS_META), row1
    )


def write_surveymonkey(cb: Codebook, spec: FileSpec, recs: list[Record]) -> Rendered:
    """SurveyMonkey XLSX: question text on a question's first column, sub-labels in row 2."""
    meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    options = cb.items["V1"].options
    row1: list[Any] = list(meta)
    row2: list[Any] = [""] * len(meta)
    for item_id in FORM_ORDER:
        if item_id == "V1":
            row1 += [header(cb, spec, "V1")] + [""] * (len(options) - 1)
            row2 += [label for _, label in options]
        else:
            row1.append(header(cb, spec, item_id))
            is_text = item_id in ("org_namn", "kommun", "X1")
            row2.append("Open-Ended Response" if is_text else "Response")
    rows: list[list[Any]] = [row1, row2]
    rng = rng_for("surveymonkey-meta", spec.wave, spec.lan)
    collector = rng.randrange(10**8, 10**9)
    for rec in recs:
        if rec.empty:
            rows.append([""] * len(row1))
            continue
        start = rec.submitted - timedelta(seconds=rec.duration_s)
        line: list[Any] = [
            int(rec.response_id),
            collector,
            start,
            rec.submitted,
            f"198.51.100.{rng.randrange(1, 255)}",
            "",
            "",
            "",
            "",
        ]
        for item_id in FORM_ORDER:
            if item_id == "V1":
                chosen = set(rec.answers.get("V1", []))
                line += [label if code in chosen else "" for code, label in options]
            else:
                line.append(cell(cb, spec, rec, item_id))
        rows.append(line)
    data = xlsx_bytes(rows, "Sheet", date_format="mm/dd/yyyy hh:mm:ss AM/PM")
    columns: dict[str, str | list[str]] = {i: header(cb, spec, i) for i in single_items()}
    # V1's columns are named by their row-2 option labels (row 1 has the text only once)
    columns["V1"] = [label for _, label in options]
    first_v1 = len(meta) + FORM_ORDER.index("V1")
    head = row1[:first_v1] + [label for _, label in options] + row1[first_v1 + len(options) :]
    return Rendered(
        data,
        2,
        columns,
        "xlsx",
        identifying=("IP Address", "Email Address", "First Name", "Last Name"),
        meta_columns=tuple(meta),
        head=head,
    )


WRITERS: dict[str, Callable[[Codebook, FileSpec, list[Record]], Rendered]] = {
    GOOGLE: write_google_forms, MSFORMS: write_ms_forms, EXCELCSV: write_excel_csv,
    NETIGATE: write_netigate, LIMESURVEY: write_limesurvey, QUALTRICS: write_qualtrics,
    SURVEYMONKEY: write_surveymonkey,
}  # fmt: skip

FIRST_NAMES = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Sara",
    "Mikael",
    "Eva",
    "Anders",
    "Lena",
    "Per",
    "Emma",
    "Jonas",
    "Sofia",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindberg",
    "Holm",
)


def ascii_name(name: str) -> str:
    """Lower-case ASCII form of a name for a made-up e-mail address."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def assign_ids(spec: FileSpec, recs: list[Record]) -> None:
    """Platform response ids, in order of submission (a duplicate keeps its id)."""
    rng = rng_for("ids", spec.wave, spec.lan)
    base = {
        MSFORMS: 1,
        NETIGATE: rng.randrange(10**5, 10**6),
        LIMESURVEY: 1,
        SURVEYMONKEY: rng.randrange(114 * 10**8, 115 * 10**8),
    }
    step = 0
    for rec in recs:
        if rec.empty or rec.response_id:
            continue
        if spec.platform == QUALTRICS:
            rec.response_id = "R_" + random_token(rng, 15)
        elif spec.platform in base:
            rec.response_id = str(base[spec.platform] + step)
            step += rng.randrange(1, 4) if spec.platform == SURVEYMONKEY else 1


# ==========================================================================================
# Ground truth
# ==========================================================================================


def below_half_dimensions(cb: Codebook, rec: Record) -> list[str]:
    """Dimensions where fewer than half of the items have a scorable answer."""
    below = []
    for dim in cb.dimensions:
        items = cb.dimension_items(dim)
        answered = sum(isinstance(rec.answers.get(i), int) for i in items)
        if answered < cb.min_share * len(items):
            below.append(dim)
    return below


def ground_truth(
    cb: Codebook, spec: FileSpec, rendered: Rendered, recs: list[Record]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What an importer should find in one file, and the quirks with their file rows."""
    seen: set[int] = set()
    truth: dict[str, Any] = {
        "wave": spec.wave,
        "lan": spec.lan,
        "lan_name": spec.lan_name,
        "platform": spec.platform,
        "encoding": rendered.encoding,
        "delimiter": rendered.delimiter,
        "line_terminator": rendered.line_terminator,
        "header_rows": rendered.header_rows,
        "columns": rendered.columns,
        "column_numbers": rendered.positions(),
        "multi_separator": MULTI_SEPARATOR[spec.platform],
        "meta_columns": list(rendered.meta_columns),
        "identifying_columns": list(rendered.identifying),
        "extra_columns": list(spec.extra_columns),
        "label_style": spec.label_style,
        "rows": len(recs),
        "responses": 0,
        "organisations": 0,
        "duplicate_rows": [],
        "empty_rows": [],
        "unresolvable_kommun_rows": [],
        "below_half_rows": [],
        "incomplete_rows": [],
        "unmatched_labels": [],
        "records": [],
    }
    quirks: list[dict[str, Any]] = []
    orgs: set[str] = set()
    for n, rec in enumerate(recs, start=1):
        row = rendered.header_rows + n
        if rec.empty:
            truth["empty_rows"].append(row)
        elif id(rec) in seen:
            truth["duplicate_rows"].append(row)
        else:
            seen.add(id(rec))
            truth["responses"] += 1
            assert rec.org is not None
            orgs.add(rec.org.id)
            truth["records"].append([row, rec.org.id, rec.org_typ, rec.kommun_code])
            if rec.kommun_code is None:
                truth["unresolvable_kommun_rows"].append(row)
            below = below_half_dimensions(cb, rec)
            if below:
                truth["below_half_rows"].append({"row": row, "dimensions": below})
            if any(rec.answers.get(i) is None for i in cb.items if cb.items[i].dimension):
                truth["incomplete_rows"].append(row)
            for unmatched_item, value in rec.unmatched.items():
                truth["unmatched_labels"].append({"row": row, "item": unmatched_item, "value": value})
        for kind, item_id, note in rec.quirks:
            quirks.append(quirk_entry(kind, item_id, note, spec, rendered, rec, row))
    truth["organisations"] = len(orgs)
    return truth, dedupe_quirks(quirks)


def quirk_entry(
    kind: str,
    item_id: str | None,
    note: str,
    spec: FileSpec,
    rendered: Rendered,
    rec: Record,
    row: int,
) -> dict[str, Any]:
    """One row of the quirk table."""
    column: str | None = None
    value: str | None = None
    if item_id is not None:
        col = rendered.columns[item_id]
        column = col if isinstance(col, str) else None
        if item_id == "kommun":
            value = rec.kommun_text
        elif item_id == "org_namn":
            value = rec.org_namn
        elif item_id == "X1":
            value = str(rec.answers["X1"])
        else:
            value = rec.raw.get(item_id)
    if kind == "extra_column":
        column, value = next(iter(rec.extra.items()))  # one extra column per file
    return {
        "quirk": kind,
        "file": spec.path,
        "row": row,
        "item": item_id,
        "column": column,
        "value": value,
        "note": note,
    }


def dedupe_quirks(quirks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the repeated entry a duplicated record produces (its copy is listed once)."""
    out: list[dict[str, Any]] = []
    for q in quirks:
        if q["quirk"] == "exact_duplicate" and any(o["quirk"] == "exact_duplicate" for o in out):
            out[-1]["rows"] = [out[-1]["row"], q["row"]]
            continue
        out.append(q)
    return out


def whole_file_quirks(spec: FileSpec, rendered: Rendered, cb: Codebook) -> list[dict[str, Any]]:
    """Quirks of a whole file: header texts (row = the header row) and label styles (no row)."""
    found: list[dict[str, Any]] = []
    text_row = 2 if spec.platform == QUALTRICS else 1

    def add(kind: str, note: str, item: str | None = None, text: str | None = None) -> None:
        row = text_row if text is not None else None
        found.append(
            {"quirk": kind, "file": spec.path, "row": row, "item": item, "column": text, "value": text, "note": note}
        )

    if spec.platform != EXCELCSV:
        for item_id, text in spec.headers.items():
            if text.rstrip() != text:
                add("header_trailing_space", "trailing spaces in the question text", item_id, text)
            elif re.match(r"\d+\. ", text):
                if item_id == "org_typ":
                    note = "numbered question texts ('1. ', '2. ' …) in every header"
                    add("header_numbering", note, item_id, text)
            elif text != cb.items[item_id].text:
                add("header_changed_word", "one word changed in the question text", item_id, text)
    if spec.label_style == "numbered":
        add("label_numbered", "agree4 labels numbered: '4 - Instämmer helt'")
    if spec.label_style == "number":
        add("label_number", "agree4 answers as numbers 1-4")
    return found


def fieldwork_truth(
    frame: dict[str, list[Org]], records: dict[tuple[str, str], list[Record]], cb: Codebook
) -> dict[str, Any]:
    """Per wave and county: the frame units that did not answer, and who answered yes to B6.

    Units are ``[type, kommun code, name]`` with the register's name (a kommun's social services
    under the name it answers with). A unit whose only responses name a kommun that resolves to
    nothing is listed under ``unresolvable``: it answered, but the importer quarantines the row.
    A unit whose responses all spell its name otherwise than the register is under ``other_spelling``.
    """
    yes = {"ja", cb.label("B6", "ja")}
    out: dict[str, Any] = {}
    for wave in WAVES:
        by_lan: dict[str, Any] = {}
        for lan, orgs in sorted(frame.items()):
            recs = [r for r in records[(wave, lan)] if r.org is not None and not r.empty]
            usable = [r for r in recs if r.kommun_code is not None]
            by_org: dict[str, list[Record]] = {}
            for rec in usable:
                assert rec.org is not None
                by_org.setdefault(rec.org.id, []).append(rec)
            quarantined = {r.org.id for r in recs if r.org is not None} - set(by_org)

            def unit(org: Org) -> list[str]:
                return [org.typ, org.kommun.code, org.name]

            other = [
                [*unit(o), rs[0].org_namn]
                for o in orgs
                if o.typ == "vardcentral" and (rs := by_org.get(o.id)) and all(r.org_namn != o.name for r in rs)
            ]
            interested = []
            for org in orgs:
                answered = by_org.get(org.id, [])
                if answered and answered[-1].answers.get("B6") in yes:
                    last = answered[-1]
                    interested.append([*unit(org), last.org_namn, last.submitted.date().isoformat()])
            by_lan[lan] = {
                "no_response": [unit(o) for o in orgs if o.id not in by_org and o.id not in quarantined],
                "unresolvable": [unit(o) for o in orgs if o.id in quarantined],
                "other_spelling": other,
                "audit_interest": interested,
            }
        out[wave] = by_lan
    return out


# ==========================================================================================
# Registers
# ==========================================================================================


def register_rows(orgs: Sequence[Org]) -> list[list[str]]:
    """The vårdcentral register of one county as the region sends it."""
    rows = [["Enhet", "Kommun", "HSA-id", "Driftsform"]]
    vcs = sorted((o for o in orgs if o.typ == "vardcentral"), key=lambda o: (o.kommun.name, o.name))
    for org in vcs:
        rows.append([org.name, org.kommun.name, org.hsa_id, "Privat" if org.private else "Regional"])
    return rows


def register_file(lan: str, lan_name: str, orgs: Sequence[Org]) -> tuple[str, bytes]:
    """Path and bytes of one county's register (workbook, or CSV for a few counties)."""
    rows = register_rows(orgs)
    name = f"register/{lan}_{slug(lan_name)}_vardcentraler"
    if lan in REGISTER_AS_CSV:
        return f"{name}.csv", csv_bytes(rows, delimiter=";", newline="\r\n", encoding="utf-8-sig")
    return f"{name}.xlsx", xlsx_bytes(rows, "Vårdcentraler")


# ==========================================================================================
# README
# ==========================================================================================

README_HEAD = """\
# Example exports

Made-up answers to the default instrument (`samverkan-2026`) from every vårdcentral and kommun
in all 21 counties, in two waves (`2025`, `2026`), exported the way seven survey platforms do,
with the mess analysts meet. Nothing here is real: organisations are invented, e-mail
addresses use `example.se`, IP addresses are documentation ranges, and the personnummer are
Skatteverket's published test numbers.

This directory is generated: edit `generate.py` and run `python examples/generate.py`
(`--out DIR` writes elsewhere). The script is seeded; running it again gives byte-identical
files, and `tests/examples/test_examples.py` checks that and everything promised below.

- `exports/<wave>/<län>_<name>.<ext>`: one file per county and wave.
- `register/<län>_<name>_vardcentraler.xlsx|csv`: every vårdcentral of the county (`Enhet`,
  `Kommun`, `HSA-id`, `Driftsform`), the sampling frame for response rates.
- `expected.json`: ground truth per file (data rows, responses, organisations, the rows that
  are duplicates, empty, have an unknown kommun, fall under the half-answered rule, or hold an
  answer that matches no label; the column of every item; the true kommun of every row).
  Row numbers everywhere are **file rows as a spreadsheet shows them** (header rows included,
  first row = 1).

## Responses

| wave | responses | organisations | frame (kommuner + vårdcentraler) |
|---|---:|---:|---:|
{totals}

Gotland (09) has only 3 responses in 2026, so its results must be suppressed; Blekinge (10)
has 6-9, so its results are shown as uncertain. Some counties improve from 2025 to 2026,
others do not; vårdcentraler rate feedback after referral (`V4`) much lower than kommuner.

## How the answers are made

Each organisation has a latent level per dimension (county level + organisation type +
its own persistent level + a little noise per wave). Every scored item is that level plus an
item offset (which differs between vårdcentraler and kommuner, e.g. `V4`, `B2`) plus noise,
cut into the agree4 labels or Ja/Nej, so items within a dimension correlate (Cronbach's α
about 0.68-0.76 per dimension and wave). Eight counties improve from 2025 to 2026, one
declines. Referral destinations (`V1`) depend on the organisation type: vårdcentraler refer
to beroendeenhet and socialtjänst, kommuner to beroendeenhet, psykiatri and vårdcentral.
Mostly the same organisations answer in both waves.

Two headers differ by one word from the codebook (`12_skane.xlsx` R5, `07_kronoberg.csv`
V5), as edited forms do: an importer proposes them rather than guessing, so those items need
a mapping entry: `mapping.toml` holds the two lines (`samverkan demo` uses it), and
`expected.json` gives every file's header for every item under `columns`.

## Platforms

| platform | counties | layout |
|---|---|---|
{platforms}

Every file has `Vet ej` and `Ej aktuellt` answers on agree4 items and some `Vet ej` on yes/no items.

## Quirks

| quirk | file | row(s) | item | value | note |
|---|---|---|---|---|---|
{quirks}
"""


PLATFORM_DOC = (
    ("Google Forms (CSV)", "01, 22, 14 (2025)",
     "`Tidstämpel` like `2026/03/22 8:53:03 fm CET`, question texts, every field quoted, CRLF, "
     "no newline at end, V1 joined with `, `"),
    ("Microsoft Forms (XLSX)", "09, 12, 18, 14 (2026)",
     "`ID, Start time, Completion time, Email, Name`, then question texts; V1 as `a;b;`; "
     "Email `anonymous` (18: made-up address and name)"),
    ("Swedish Excel (CSV)", "05, 20, 23",
     "cp1252, `;`, CRLF, `Svarsdatum`, `Tid (min)` with decimal comma (`12,5`); short "
     "background headers (`Typ av verksamhet`, `Verksamhet`, `Kommun`, `Roll`)"),
    ("Netigate/Esmaker (XLSX)", "03, 13, 24",
     "item ids as headers (`org_typ`, `R1` …), agree4 as numbers 1-4, V1 as `V1 [option]` "
     "columns holding 1"),
    ("LimeSurvey (CSV)", "06, 10, 19",
     "`id,submitdate,lastpage,startlanguage,seed`, item codes, `V1[SQ001]`…`V1[SQ009]` = `Y` "
     "in codebook option order, all fields quoted; unfinished responses have no `submitdate`"),
    ("Qualtrics (CSV)", "07, 08, 25",
     'UTF-8 BOM, three header rows (names, question texts, `{"ImportId":"QID1"}`), '
     "`Q1`…`Q25`, V1 comma-joined; unfinished responses have `Finished` False"),
    ("SurveyMonkey (XLSX)", "04, 17, 21",
     "two header rows: question text on a question's first column, then `Response` / "
     "`Open-Ended Response` / the V1 option labels"),
)  # fmt: skip


def md(value: Any) -> str:
    """A table cell: code-formatted, pipes escaped."""
    if value is None:
        return "–"
    text = str(value).replace("|", "\\|")
    return f"`{text}`" if text.strip() == text else f"`{text!r}`"


def render_readme(expected: dict[str, Any]) -> str:
    """The README with tables filled from the ground truth."""
    totals = "\n".join(
        f"| {w} | {t['responses']} | {t['organisations']} | {t['frame']} |" for w, t in expected["totals"].items()
    )
    lines = []
    for q in expected["quirks"]:
        rows = q.get("rows") or ([q["row"]] if q["row"] is not None else None)
        where = ", ".join(map(str, rows)) if rows else "all"
        lines.append(f"| {q['quirk']} | `{q['file']}` | {where} | {md(q['item'])} | {md(q['value'])} | {q['note']} |")
    platforms = "\n".join(f"| {name} | {lans} | {layout} |" for name, lans, layout in PLATFORM_DOC)
    return README_HEAD.format(totals=totals, platforms=platforms, quirks="\n".join(lines))


# ==========================================================================================
# Main
# ==========================================================================================


def generate(out: Path) -> dict[str, Any]:
    """Write every example file under `out` and return the ground truth."""
    cb = load_codebook()
    kommuner = load_kommuner()
    lan_names = {k.lan: k.lan_name for k in kommuner}
    frame = build_frame(kommuner)
    records = build_records(frame, cb)
    files: dict[str, Any] = {}
    quirks: list[dict[str, Any]] = []
    outputs: dict[str, bytes] = {}
    for (wave, lan), recs in records.items():
        if (wave, lan) in MESS:
            MESS[(wave, lan)](recs, frame, cb)
        spec = file_spec(wave, lan, lan_names[lan], cb)
        assign_ids(spec, recs)
        rendered = WRITERS[spec.platform](cb, spec, recs)
        outputs[spec.path] = rendered.data
        truth, file_quirks = ground_truth(cb, spec, rendered, recs)
        files[spec.path] = truth
        quirks += whole_file_quirks(spec, rendered, cb) + file_quirks
    frame_info = {}
    for lan, orgs in frame.items():
        path, data = register_file(lan, lan_names[lan], orgs)
        outputs[path] = data
        frame_info[lan] = {
            "lan_name": lan_names[lan],
            "register": path,
            "kommuner": sum(o.typ == "kommun" for o in orgs),
            "vardcentraler": sum(o.typ == "vardcentral" for o in orgs),
        }
    expected = {
        "seed": SEED,
        "instrument": "samverkan-2026",
        "row_numbering": "file row as a spreadsheet shows it, header rows included, first = 1",
        "totals": totals(files, frame_info),
        "frame": frame_info,
        "files": dict(sorted(files.items())),
        "fieldwork": fieldwork_truth(frame, records, cb),
        "quirks": sorted(quirks, key=lambda q: (q["file"], q["row"] or 0, q["quirk"])),
    }
    outputs["expected.json"] = dump_json(expected).encode()
    outputs["README.md"] = render_readme(expected).encode()
    for rel, data in sorted(outputs.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return expected


def dump_json(data: Any) -> str:
    """Indented JSON with innermost lists kept on one line (one record per line)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    flat = re.sub(r"\[\s*([^\[\]{}]*?)\s*\]", lambda m: "[" + re.sub(r",\s+", ", ", m[1]) + "]", text)
    assert json.loads(flat) == data, "flattening must not change the data"
    return flat + "\n"


def totals(files: dict[str, Any], frame_info: dict[str, Any]) -> dict[str, Any]:
    """Responses and organisations per wave, overall and per county."""
    frame_size = sum(f["kommuner"] + f["vardcentraler"] for f in frame_info.values())
    out: dict[str, Any] = {}
    for wave in WAVES:
        in_wave = [f for f in files.values() if f["wave"] == wave]
        out[wave] = {
            "responses": sum(f["responses"] for f in in_wave),
            "organisations": sum(f["organisations"] for f in in_wave),
            "frame": frame_size,
            "by_lan": {f["lan"]: f["responses"] for f in sorted(in_wave, key=lambda f: f["lan"])},
        }
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write into")
    args = parser.parse_args(argv)
    expected = generate(args.out)
    for wave, t in expected["totals"].items():
        print(f"{wave}: {t['responses']} responses in {len(t['by_lan'])} counties")


if __name__ == "__main__":
    main()
