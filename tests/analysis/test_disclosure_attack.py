"""Attacks on the published outputs, as an outsider who has only ``analyze --format json``.

Each test builds a small hostile project (real SQLite store, the real analysis) and tries to work
out a hidden group's value or one organisation's answers from what is published: riket minus the
shown counties over every published mean, share and answer count (an LP of its own, independent
of :mod:`samverkan_cli.analysis.disclosure`), p-values of comparisons, trends across waves, one
organisation answering many times (``--unit response``), and comment groups. Every test is an
attack that must fail.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from scipy import special
from scipy.optimize import linprog

from samverkan_cli.analysis import core, tables
from samverkan_cli.analysis.inference import county_vs_riket
from samverkan_cli.analysis.load import load, store_waves
from samverkan_cli.analysis.options import AnalysisOptions
from samverkan_cli.analysis.scoring import Scoring
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store import Store
from tests.analysis.builders import Spec, build, resp

INST = load_instrument()
TYPES = ("vardcentral", "kommun", "annan")
KOMMUN = {"01": "0180", "03": "0380", "09": "0980", "10": "1080", "13": "1380", "14": "1480"}
SCALES = ("rutiner", "remissvagar", "brukarinflytande", "kompetens", "index")
MIN_N, PROTECTION = 5, 20.0

Doc = dict[str, Any]


def _answers(rng: random.Random) -> dict[str, Any]:
    """Every scored item answered (so a measure's n is the group's participation), V1 and B6 too."""
    out: dict[str, Any] = {}
    for item in INST.scored_items:
        out[item.id] = rng.choice([0, 1]) if item.scale.max_value == 1 else rng.choice([1, 2, 3, 4])
    out["V1"] = rng.sample(["beroendeenhet", "psykiatri", "socialtjanst", "vardcentral"], rng.choice([1, 2]))
    out["B6"] = rng.choice(["ja", "nej", "vet_ej"])
    return out


def project(groups: dict[tuple[str, str], int], waves: tuple[str, ...] = ("2026",), seed: int = 1) -> list[Spec]:
    """Organisations per (county, type), the same organisations in every wave, random answers."""
    rng = random.Random(seed)
    return [
        resp(f"{typ}-{lan}-{k}", typ, KOMMUN[lan], wave=wave, X1=f"synpunkt {lan} {typ} {k}", **_answers(rng))
        for wave in waves
        for (lan, typ), count in groups.items()
        for k in range(count)
    ]


def published(store: Store, **options: Any) -> Doc:
    return core.analyze(store, INST, AnalysisOptions(bootstrap=20, **options)).to_dict()


# Hostile layouts of the brief: a county with 1, 3, 4, 5, 6 organisations, a county with only kommuner,
# a county where one type has 4 and the other 5, only two counties, riket by type with all but one shown.
LAYOUTS: dict[str, dict[tuple[str, str], int]] = {
    "sizes_1_3_4_5_6": {
        ("01", "vardcentral"): 12, ("01", "kommun"): 10, ("03", "vardcentral"): 6, ("03", "kommun"): 1,
        ("09", "vardcentral"): 3, ("09", "kommun"): 1, ("10", "vardcentral"): 5, ("10", "kommun"): 4,
        ("13", "vardcentral"): 8, ("13", "kommun"): 6,
    },
    "only_kommuner": {("01", "vardcentral"): 9, ("01", "kommun"): 8, ("03", "kommun"): 3, ("14", "kommun"): 7},
    "four_and_five": {("01", "vardcentral"): 10, ("01", "kommun"): 9, ("10", "vardcentral"): 4, ("10", "kommun"): 5},
    "two_counties": {("01", "vardcentral"): 11, ("01", "kommun"): 6, ("09", "vardcentral"): 7, ("09", "kommun"): 1},
    "all_but_one_shown": {
        ("01", "kommun"): 8, ("03", "kommun"): 6, ("10", "kommun"): 7, ("13", "kommun"): 9, ("09", "kommun"): 1,
        ("01", "vardcentral"): 9, ("03", "vardcentral"): 7, ("10", "vardcentral"): 6, ("13", "vardcentral"): 5,
    },
}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def hostile(request: pytest.FixtureRequest) -> tuple[dict[tuple[str, str], int], Store, Doc]:
    groups = LAYOUTS[request.param]
    store = build(project(groups))
    return groups, store, published(store)


# --- the outsider's LP: riket minus the shown counties, over every published mean and share --------------


def _cell_members(lans: list[str], lan: str, typ: str) -> list[tuple[str, str]]:
    return [(a, b) for a in (lans if lan == "riket" else [lan]) for b in (TYPES if typ == "alla" else [typ])]


def outside_ranges(doc: Doc, wave: str, measure: str, field: str) -> dict[tuple[str, str], tuple[float, float]]:
    """Feasible range of every hidden small group's mean (or share, in %) from the published rows alone.

    Unknowns are the base groups' sums; n is public (every group's row carries it); every published
    value is an interval of ± half its rounding unit; every organisation's score lies in 0-100.
    """
    rows = [r for r in doc["results"] if r["wave"] == wave and r["measure"] == measure]
    n = {(r["lan"], r["org_typ"]): float(r["n"]) for r in rows}
    lans = sorted({r["lan"] for r in rows} - {"riket"})
    base = [(a, b) for a in lans for b in TYPES if n.get((a, b), 0) > 0]
    col = {cell: j for j, cell in enumerate(base)}
    scale = 100.0 if field == "share_positive" else 1.0
    a_rows, low, high = [], [], []
    for r in rows:
        if r[field] is None:
            continue
        coef = np.zeros(len(base))
        for cell in _cell_members(lans, r["lan"], r["org_typ"]):
            if cell in col:
                coef[col[cell]] = 1.0 / n[(r["lan"], r["org_typ"])]
        a_rows.append(coef)
        low.append(r[field] * scale - 0.05 - 1e-7)
        high.append(r[field] * scale + 0.05 + 1e-7)
    a = np.array(a_rows).reshape(-1, len(base))
    bounds = [(0.0, 100.0 * n[cell]) for cell in base]
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for cell in base:
        if n[cell] >= MIN_N:
            continue
        objective = np.zeros(len(base))
        objective[col[cell]] = 1.0 / n[cell]
        ends = []
        for sign in (1.0, -1.0):
            res = linprog(
                sign * objective,
                A_ub=np.vstack([a, -a]),
                b_ub=np.concatenate([high, -np.array(low)]),
                bounds=bounds,
                method="highs",
            )
            assert res.status == 0, res.message
            ends.append(float(objective @ res.x))
        out[cell] = (ends[0], ends[1])
    return out


class TestRiketMinusShownCounties:
    """No published mean or share lets an outsider narrow a small group below the protection width."""

    @pytest.mark.parametrize("field", ["mean", "share_positive"])
    def test_every_small_group_keeps_its_protection_interval(
        self, hostile: tuple[dict[tuple[str, str], int], Store, Doc], field: str
    ) -> None:
        """An independent LP over every published dimension/index row leaves each small group >= 20 points."""
        groups, _, doc = hostile
        small = {cell for cell, count in groups.items() if count < MIN_N}
        for measure in SCALES:
            ranges = outside_ranges(doc, "2026", measure, field)
            assert set(ranges) == small
            for cell, (low, high) in ranges.items():
                assert high - low >= PROTECTION - 1e-6, (measure, field, cell, low, high)

    def test_no_answer_count_of_a_small_group_is_determined(
        self, hostile: tuple[dict[tuple[str, str], int], Store, Doc]
    ) -> None:
        """Every published answer and option count, riket and alla included: no small group's count is pinned."""
        groups, _, doc = hostile
        lans = sorted({lan for lan, _ in groups})
        base = [cell for cell in groups if groups[cell] > 0]
        small = [cell for cell in base if groups[cell] < MIN_N]
        rows = [(r, r["label"]) for r in doc["distributions"]] + [(r, r["option"]) for r in doc["descriptives"]]
        by_item: dict[str, list[tuple[dict[str, Any], str]]] = {}
        for r, option in rows:
            by_item.setdefault(r["item"], []).append((r, option))
        for item, item_rows in by_item.items():
            options = sorted({o for _, o in item_rows})
            width = len(base) * len(options)

            def var(cell: tuple[str, str], option: str, options: list[str] = options) -> int:
                return base.index(cell) * len(options) + options.index(option)

            eq, values = [], []
            for r, option in item_rows:
                if r["count"] is None:
                    continue
                coef = np.zeros(width)
                for cell in _cell_members(lans, r["lan"], r["org_typ"]):
                    if cell in base:
                        coef[var(cell, option)] = 1.0
                eq.append(coef)
                values.append(float(r["count"]))
            if not eq:
                continue
            bounds = [(0.0, float(groups[cell])) for cell in base for _ in options]
            for cell in small:
                for option in options:
                    objective = np.zeros(width)
                    objective[var(cell, option)] = 1.0
                    low = linprog(objective, A_eq=np.array(eq), b_eq=values, bounds=bounds, method="highs")
                    high = linprog(-objective, A_eq=np.array(eq), b_eq=values, bounds=bounds, method="highs")
                    assert low.status == 0 and high.status == 0
                    assert -high.fun - low.fun >= 1.0 - 1e-6, (item, cell, option, low.fun, -high.fun)


class TestPValues:
    """A comparison's p-value says no more than its published difference."""

    def test_p_is_the_test_of_the_published_difference(
        self, hostile: tuple[dict[tuple[str, str], int], Store, Doc]
    ) -> None:
        """With the test's own SE and df, the difference a p-value encodes is the published (rounded) one.

        Before, p was the exact difference's: to three decimals it gave that difference to a few hundredths,
        and riket minus the shown counties then narrowed the example data's hidden Gotland vårdcentraler
        (n = 4, 2025) to 7 points on the index.
        """
        _, store, doc = hostile
        data = load(store, INST, store_waves(store))
        frame = tables.frame_array(store, data.lans)
        sc = core._score(data, Scoring.from_instrument(INST), AnalysisOptions(), {}, frame)
        c, n_lan = sc.cells, len(sc.grid.lans)
        riket = [a[:, n_lan : n_lan + 1] for a in (c.n, c.s, c.ss)]
        assert frame is not None
        exact = county_vs_riket(
            c.n[:, :n_lan], c.s[:, :n_lan], c.ss[:, :n_lan], *riket,
            frame_c=frame[None, :n_lan, :, None], frame_all=frame[None, n_lan:, :, None],
        )  # fmt: skip
        checked = 0
        for row in doc["comparisons"]:
            if row["versus"] != "riket" or row["p"] is None:
                continue
            at = (0, sc.grid.lans.index(row["lan"]), (*TYPES, "alla").index(row["org_typ"]))
            at += (sc.grid.measures.index(row["measure"]),)
            se, df = float(exact.se[at]), float(exact.df[at])
            if se == 0:
                continue
            p_low, p_high = max(row["p"] - 0.0005, 0.0), min(row["p"] + 0.0005, 1.0)
            encoded_low = se * float(special.stdtrit(df, 1 - p_high / 2))
            encoded_high = se * float(special.stdtrit(df, 1 - p_low / 2)) if p_low > 0 else np.inf
            assert encoded_low - 1e-9 <= abs(row["diff"]) <= encoded_high + 1e-9, row
            checked += 1
        assert checked > 0


class TestAcrossWaves:
    """A group hidden in one wave and shown in the other gives no change, and riket's changes pin nothing."""

    def test_no_change_is_published_for_a_group_hidden_in_either_wave(self) -> None:
        """Gotland's kommun group hidden in 2025 (1 organisation) and shown in 2026 (5): no change row for it."""
        groups_2025 = {("01", "vardcentral"): 9, ("01", "kommun"): 8, ("09", "kommun"): 1, ("09", "vardcentral"): 6}
        groups_2026 = {**groups_2025, ("09", "kommun"): 5}
        store = build(project(groups_2025, ("2025",)) + project(groups_2026, ("2026",), seed=2))
        doc = published(store)
        hidden = {(r["wave"], r["lan"], r["org_typ"], r["measure"]) for r in doc["results"] if r["suppressed"]}
        assert ("2025", "09", "kommun", "index") in hidden and ("2026", "09", "kommun", "index") not in hidden
        changes = [r for r in doc["comparisons"] if r["versus"] == "previous_wave" and r["verdict"] != "ej_jamforbar"]
        assert changes
        for r in changes:
            assert (r["wave"], r["lan"], r["org_typ"], r["measure"]) not in hidden
            assert ("2025", r["lan"], r["org_typ"], r["measure"]) not in hidden
        for wave in ("2025", "2026"):
            for measure in SCALES:
                for cell, (low, high) in outside_ranges(doc, wave, measure, "mean").items():
                    assert high - low >= PROTECTION - 1e-6, (wave, measure, cell)


class TestOneOrganisationManyResponses:
    """With ``--unit response`` a group is small by its organisations, not by its number of answers."""

    def test_a_single_organisation_answering_six_times_is_hidden(self) -> None:
        """Gotland's one socialtjänst sends 6 responses: no value, count or comment of it is published."""
        rng = random.Random(7)
        specs = project({("01", "vardcentral"): 10, ("01", "kommun"): 10, ("09", "vardcentral"): 6})
        one = _answers(rng)
        specs += [resp("Region Gotland", "kommun", "0980", X1="bara vi", **one) for _ in range(6)]
        doc = published(build(specs), unit="response")
        rows = [r for r in doc["results"] if (r["lan"], r["org_typ"]) == ("09", "kommun")]
        assert rows and all(r["suppressed"] and r["mean"] is None and r["sd"] is None for r in rows)
        counts = [r for r in doc["distributions"] + doc["descriptives"] if (r["lan"], r["org_typ"]) == ("09", "kommun")]
        assert counts and all(r["count"] is None and r["share"] is None for r in counts)
        assert not [c for c in doc["comments"] if "bara vi" in c["comments"]]


class TestComments:
    """Free text: only groups of at least min_n organisations, and never a total (alla, riket)."""

    def test_totals_never_carry_comments(self, hostile: tuple[dict[tuple[str, str], int], Store, Doc]) -> None:
        """Comments of "alla" minus those of its shown types would be a small group's own words."""
        groups, _, doc = hostile
        assert doc["comments"]
        for group in doc["comments"]:
            assert group["lan"] != "riket" and group["org_typ"] != "alla"
            assert groups[(group["lan"], group["org_typ"])] >= MIN_N


class TestMissingAnswersOfASmallGroup:
    """A small group's rows are all there, whether or not its organisations answered the question."""

    def test_a_lone_organisation_answering_vet_ej_or_nothing_leaves_no_gap(self) -> None:
        """Gotland's one socialtjänst answers "Vet ej" on every rutiner item and leaves K1 blank: rows stay, hidden."""
        rng = random.Random(3)
        specs = project({("01", "vardcentral"): 10, ("01", "kommun"): 10, ("09", "vardcentral"): 6})
        lone = _answers(rng)
        lone.update(dict.fromkeys(("R1", "R2", "R3", "R4", "R5", "R6"), "Vet ej"))
        del lone["K1"]
        specs.append(resp("Region Gotland", "kommun", "0980", **lone))
        doc = published(build(specs))
        rows = {r["measure"]: r for r in doc["results"] if (r["lan"], r["org_typ"]) == ("09", "kommun")}
        assert set(rows) == {*SCALES, *(i.id for i in INST.scored_items)}
        assert all(r["suppressed"] and r["n"] == 1 and r["mean"] is None for r in rows.values())
        items = {r["item"] for r in doc["distributions"] if (r["lan"], r["org_typ"]) == ("09", "kommun")}
        assert items == {i.id for i in INST.scored_items}


class TestPublishedN:
    def test_n_of_totals_tells_nothing_of_a_hidden_groups_missing_answers(self) -> None:
        """Whether Gotland's lone socialtjänst answered the rutiner questions changes no published n.

        Before, riket's kommun n minus the shown counties' n on rutiner was the hidden group's n: 0
        when its one organisation answered "Vet ej" or nothing to every rutiner question.
        """
        specs = project(LAYOUTS["sizes_1_3_4_5_6"], seed=7)
        lone = next(s for s in specs if s["org"] == "kommun-09-0")
        silent = [
            {
                **s,
                "answers": {k: v for k, v in s["answers"].items() if k not in {i.id for i in INST.items_of("rutiner")}},
            }
            if s is lone
            else s
            for s in specs
        ]

        def n_of(doc: Doc) -> dict[tuple[str, str, str, str], int | None]:
            return {(r["wave"], r["lan"], r["org_typ"], r["measure"]): r["n"] for r in doc["results"]}

        answered, not_answered = n_of(published(build(specs))), n_of(published(build(silent)))
        assert answered == not_answered
        riket = answered[("2026", "riket", "kommun", "rutiner")]
        shown = sum(
            n or 0
            for (w, lan, typ, m), n in answered.items()
            if typ == "kommun" and m == "rutiner" and lan not in ("riket", "09")
        )
        assert riket - shown == answered[("2026", "09", "kommun", "rutiner")] == 1  # participation, not the answers
