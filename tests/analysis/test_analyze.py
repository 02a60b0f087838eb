"""analyze() on small hand-computed stores: units, group statistics, comparisons, outputs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats as sps

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.instrument import load_instrument

from .builders import all_items, build, resp

INST = load_instrument(None)
LOOSE = AnalysisOptions(min_n=1, uncertain_below=1, bootstrap=0)


class TestUnitOfAnalysis:
    def store(self):  # type: ignore[no-untyped-def]
        return build(
            [
                resp("A", "vardcentral", "1480", R4=4),
                resp("A", "vardcentral", "1480", R4=2),
                resp("B", "vardcentral", "1480", R4=1),
            ]
        )

    def test_organisation_responses_are_averaged_first(self) -> None:
        """A's 100 and 33.3 average to 66.7, so the group mean of A and B is 33.3 with n 2."""
        row = analyze(self.store(), INST, LOOSE).score("2026", "14", "vardcentral", "R4")
        assert row is not None
        assert (row.n, row.mean, row.share_positive) == (2, 33.3, 0.25)

    def test_response_unit_weighs_every_response(self) -> None:
        """With unit=response the mean is over three responses."""
        opts = AnalysisOptions(min_n=1, uncertain_below=1, bootstrap=0, unit="response")
        row = analyze(self.store(), INST, opts).score("2026", "14", "vardcentral", "R4")
        assert row is not None
        assert (row.n, row.mean, row.share_positive) == (3, 44.4, 0.333)


class TestGroupStatistics:
    def test_mean_sd_ci_share(self) -> None:
        """Three Ja and two Nej: mean 60, sd 54.8, t interval with 4 df cut at 0 and 100, share positive 0.6."""
        rs = [resp(f"v{i}", "vardcentral", "1480", R1="Ja" if i < 3 else "Nej") for i in range(5)]
        row = analyze(build(rs), INST, LOOSE).score("2026", "14", "vardcentral", "R1")
        x = [100, 100, 100, 0, 0]
        low, high = sps.t.interval(0.95, 4, loc=60, scale=sps.sem(x))
        assert row is not None
        assert row.mean == 60.0
        assert row.sd == round(float(np.std(x, ddof=1)), 1)
        assert (low, high) == pytest.approx((-8.0, 128.0), abs=0.1)  # the t interval leaves the scale
        assert (row.ci_low, row.ci_high) == (0.0, 100.0)
        assert row.share_positive == 0.6

    def test_missing_labels_are_not_scored(self) -> None:
        """'Vet ej' counts neither in n nor in the mean."""
        rs = [resp("a", "kommun", "1480", R4=4), resp("b", "kommun", "1480", R4="Vet ej")]
        row = analyze(build(rs), INST, LOOSE).score("2026", "14", "kommun", "R4")
        assert row is not None and (row.n, row.mean) == (1, 100.0)

    def test_totals_cover_types_and_counties(self) -> None:
        """alla pools the types and riket pools the counties."""
        rs = [
            resp("a", "kommun", "1480", R1=1),
            resp("b", "vardcentral", "1480", R1=0),
            resp("c", "kommun", "0180", R1=1),
        ]
        result = analyze(build(rs), INST, LOOSE)
        alla, riket = result.score("2026", "14", "alla", "R1"), result.score("2026", "riket", "alla", "R1")
        assert alla is not None and riket is not None
        assert (alla.n, alla.mean, riket.n, riket.mean) == (2, 50.0, 3, 66.7)


def county_store():  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(5)
    rs = []
    for lan_kommun, shift in (("1480", 1), ("0180", 0), ("1280", 0)):
        for i in range(12):
            value = int(np.clip(rng.integers(1, 5) + shift, 1, 4))
            rs.append(resp(f"{lan_kommun}-{i}", "kommun", lan_kommun, **all_items(INST, value)))
            rs.append(
                resp(f"{lan_kommun}-vc{i}", "vardcentral", lan_kommun, **all_items(INST, int(rng.integers(1, 5))))
            )
    return build(rs)


VC_R4: dict[str, list[int]] = {"1480": [4, 4, 3, 3, 2, 4], "0180": [2, 1, 3, 2, 2, 1, 3], "1280": [3, 3, 2, 4, 3, 2]}


class TestComparisons:
    VC_R4 = VC_R4

    def vc_store(self):  # type: ignore[no-untyped-def]
        return build(
            [resp(f"{k}-{i}", "vardcentral", k, R4=v) for k, values in self.VC_R4.items() for i, v in enumerate(values)]
        )

    def test_difference_is_county_minus_riket_as_printed(self) -> None:
        """ "Skillnad mot riket" is the published county mean minus the published riket mean."""
        result = analyze(self.vc_store(), INST, AnalysisOptions(bootstrap=0))
        county = result.score("2026", "14", "vardcentral", "R4")
        riket = result.score("2026", "riket", "vardcentral", "R4")
        row = result.comparison("2026", "14", "vardcentral", "R4", "riket")
        assert county is not None and riket is not None and row is not None
        assert county.mean is not None and riket.mean is not None
        assert row.diff == round(county.mean - riket.mean, 1)

    def test_interval_and_p_come_from_the_test_against_the_rest_of_riket(self) -> None:
        """Welch's test of the county against the other counties, scaled by (1 − n_county/N), for the published diff.

        The p-value is the test's for the published difference (its SE and df), not for the exact one: an exact
        p to three decimals would give the exact difference, and so more than the rounded means publish.
        """
        result = analyze(self.vc_store(), INST, AnalysisOptions(bootstrap=0))
        score = {k: [(v - 1) / 3 * 100 for v in values] for k, values in self.VC_R4.items()}
        county, rest = score["1480"], score["0180"] + score["1280"]
        ref = sps.ttest_ind(county, rest, equal_var=False)
        ci = ref.confidence_interval()
        scale = 1 - len(county) / (len(county) + len(rest))
        row = result.comparison("2026", "14", "vardcentral", "R4", "riket")
        assert row is not None and row.diff is not None
        half = scale * (ci.high - ci.low) / 2
        assert (row.ci_low, row.ci_high) == (round(row.diff - half, 1), round(row.diff + half, 1))
        se = scale * (ci.high - ci.low) / 2 / sps.t.ppf(0.975, ref.df)
        assert row.p == round(float(2 * sps.t.sf(abs(row.diff) / se, ref.df)), 3)
        assert abs(row.p - float(ref.pvalue)) < 0.01  # close to the exact test's, not equal to it

    def test_verdict_follows_the_benjamini_hochberg_adjusted_p(self) -> None:
        """bättre/sämre only when the BH-adjusted p is below 5 %; the adjusted p is never below the raw p."""
        result = analyze(county_store(), INST, AnalysisOptions(bootstrap=0))
        rows = [c for c in result.comparisons if c.versus == "riket"]
        assert rows
        for c in rows:
            assert c.p_adjusted is not None and c.p is not None and c.p_adjusted >= c.p - 1e-9
            assert (c.verdict != "i_niva") == (c.p_adjusted < 0.05)

    def test_kommun_intervals_use_the_finite_population_correction(self) -> None:
        """The kommuner of a county are its population: the t interval shrinks by √(1 − n/N)."""
        from samverkan_cli.reference import kommuner_in_lan

        values = [4, 3, 3, 2, 4, 1]
        store = build([resp(f"k{i}", "kommun", "1480", R4=v) for i, v in enumerate(values)])
        row = analyze(store, INST, AnalysisOptions(bootstrap=0)).score("2026", "14", "kommun", "R4")
        assert row is not None and row.mean is not None and row.ci_low is not None
        scores = np.array([(v - 1) / 3 * 100 for v in values])
        big_n = len(kommuner_in_lan("14"))
        se = scores.std(ddof=1) / np.sqrt(len(scores)) * np.sqrt(1 - len(scores) / big_n)
        half = sps.t.ppf(0.975, len(scores) - 1) * se
        assert row.mean == round(float(scores.mean()), 1)
        assert row.ci_low == round(max(row.mean - half, 0.0), 1)

    def test_previous_wave_pairs_organisations_in_both_waves(self) -> None:
        """With every organisation in both waves the comparison is the paired t test."""
        before, after = [1, 2, 2, 3, 1, 2], [2, 3, 2, 4, 2, 3]
        rs = [resp(f"vc{i}", "vardcentral", "1480", wave="2025", R4=v) for i, v in enumerate(before)]
        rs += [resp(f"vc{i}", "vardcentral", "1480", wave="2026", R4=v) for i, v in enumerate(after)]
        result = analyze(build(rs), INST, AnalysisOptions(waves=("2026",), bootstrap=0))
        row = result.comparison("2026", "14", "vardcentral", "R4", "previous_wave")
        assert row is not None and row.diff is not None
        a = np.array([(v - 1) / 3 * 100 for v in after])
        b = np.array([(v - 1) / 3 * 100 for v in before])
        ref = sps.ttest_rel(a, b)
        ci = ref.confidence_interval()
        half = (ci.high - ci.low) / 2
        assert row.diff == round(round(a.mean(), 1) - round(b.mean(), 1), 1)
        assert (row.ci_low, row.ci_high) == (round(row.diff - half, 1), round(row.diff + half, 1))
        assert row.p == round(float(ref.pvalue), 3) and row.verdict == "battre"

    def test_samsynsgap_compares_vardcentral_with_kommun(self) -> None:
        """Each county with both sides shown gets a vardcentral row versus kommun."""
        result = analyze(county_store(), INST, AnalysisOptions(bootstrap=0))
        gaps = {(c.lan, c.measure) for c in result.comparisons if c.versus == "kommun"}
        assert ("14", "index") in gaps and ("riket", "rutiner") in gaps
        assert all(c.org_typ == "vardcentral" for c in result.comparisons if c.versus == "kommun")

    def test_previous_wave_not_comparable_when_wording_changed(self) -> None:
        """A changed R4 signature makes R4, rutiner and index not comparable; R1 is compared."""
        rs = [resp(f"k{i}", "kommun", "1480", wave=w, R1=i % 2, R4=4, R5=3) for w in ("2025", "2026") for i in range(6)]
        sigs = INST.signatures()
        store = build(rs, signatures={"2025": sigs, "2026": sigs | {"R4": "changed"}})
        result = analyze(store, INST, AnalysisOptions(waves=("2026",), bootstrap=0))
        prev = {
            c.measure: c
            for c in result.comparisons
            if c.versus == "previous_wave" and c.lan == "14" and c.org_typ == "kommun"
        }
        assert prev["R4"].verdict == prev["rutiner"].verdict == "ej_jamforbar"
        assert prev["R4"].diff is None
        assert prev["R1"].verdict == "i_niva" and prev["R1"].diff == 0.0
        assert result.meta.waves == ("2026",)
        assert {r.wave for r in result.results} == {"2026"}


class TestRankings:
    def test_ranks_have_deterministic_band(self) -> None:
        """Every shown county gets a rank inside its bootstrap band, identical across runs."""
        store = county_store()
        a = analyze(store, INST, AnalysisOptions(bootstrap=200)).rankings
        b = analyze(store, INST, AnalysisOptions(bootstrap=200)).rankings
        assert a == b
        index = [r for r in a if r.measure == "index" and r.org_typ == "kommun"]
        assert sorted(r.rank for r in index) == [1, 2, 3]
        assert all(r.rank_low <= r.rank_high and r.of == 3 for r in index)
        assert next(r for r in index if r.lan == "14").rank == 1


class TestReliability:
    def test_alpha_per_dimension_matches_formula(self) -> None:
        """Alpha of rutiner over organisations with all six items equals the textbook formula."""
        import pandas as pd
        import pingouin

        store = county_store()
        result = analyze(store, INST, AnalysisOptions(bootstrap=0))
        row = next(r for r in result.reliability if r.wave == "2026" and r.dimension == "rutiner")
        items = [i.id for i in INST.items_of("rutiner")]
        rows = store.query(
            "SELECT r.organisation_id AS o, a.item_id AS i, a.numeric AS v FROM answers a "
            "JOIN responses r ON r.id = a.response_id"
        )
        wide = pd.DataFrame([dict(r) for r in rows]).pivot(index="o", columns="i", values="v")[items]
        scores = wide.apply(lambda c: c * 100 if INST.item(c.name).scale.max_value == 1 else (c - 1) / 3 * 100)
        ref, _ = pingouin.cronbach_alpha(scores)
        assert row.n == len(wide)
        assert row.alpha == round(ref, 3)
        assert row.flag == (ref < 0.6)


class TestDescriptives:
    def test_multi_item_shares_per_option(self) -> None:
        """Two of four kommuner choose psykiatri, all four beroendeenhet; B6 shares sum to one."""
        rs = [
            resp(
                f"k{i}",
                "kommun",
                "1480",
                V1=["beroendeenhet", "psykiatri"] if i < 2 else ["beroendeenhet"],
                B6="ja" if i else "vet_ej",
            )
            for i in range(4)
        ]
        result = analyze(build(rs), INST, LOOSE)
        got = {(d.item, d.option): d.share for d in result.descriptives if (d.lan, d.org_typ) == ("14", "kommun")}
        assert got[("V1", "beroendeenhet")] == 1.0 and got[("V1", "psykiatri")] == 0.5
        assert got[("V1", "vardcentral")] == 0.0
        assert (got[("B6", "ja")], got[("B6", "vet_ej")], got[("B6", "nej")]) == (0.75, 0.25, 0.0)

    def test_distribution_counts_labels_including_missing(self) -> None:
        """R4 answers are counted per label, 'Vet ej' included."""
        rs = [
            resp("a", "kommun", "1480", R4=4),
            resp("b", "kommun", "1480", R4=4),
            resp("c", "kommun", "1480", R4="Vet ej"),
        ]
        result = analyze(build(rs), INST, LOOSE)
        got = {d.label: d.count for d in result.distributions if (d.lan, d.org_typ, d.item) == ("14", "kommun", "R4")}
        assert got == {
            "Instämmer helt": 2,
            "Instämmer delvis": 0,
            "Instämmer knappast": 0,
            "Instämmer inte alls": 0,
            "Vet ej": 1,
            "Ej aktuellt": 0,
        }


class TestReportTables:
    def test_response_rates_use_the_kommun_list(self) -> None:
        """Six of Västra Götaland's 49 kommuner answering is a rate of 0.122."""
        rs = [
            resp(f"k{i}", "kommun", code, R1=1)
            for i, code in enumerate(("1480", "1401", "1402", "1407", "1415", "1419"))
        ]
        result = analyze(build(rs), INST, LOOSE)
        row = next(r for r in result.response_rates if (r.lan, r.org_typ) == ("14", "kommun"))
        assert (row.organisations, row.frame, row.response_rate) == (6, 49, 0.122)

    def test_kommun_table_lists_who_answered(self) -> None:
        """Göteborg's socialtjänst and two vårdcentraler answered; Partille nobody."""
        rs = [resp("soc", "kommun", "1480"), resp("vc1", "vardcentral", "1480"), resp("vc2", "vardcentral", "1480")]
        table = {r.kommun_code: r for r in analyze(build(rs), INST, LOOSE).kommun_table}
        assert len(table) == 49
        assert (table["1480"].socialtjanst, table["1480"].vardcentraler) == (True, 2)
        assert (table["1402"].socialtjanst, table["1402"].vardcentraler) == (False, 0)

    def test_comments_only_for_groups_of_min_n(self) -> None:
        """Comments of a group of four are withheld at min_n 5 and sorted when shown."""
        rs = [resp(f"k{i}", "kommun", "1480", X1=f"text {5 - i}") for i in range(5)]
        rs += [resp(f"v{i}", "vardcentral", "1480", X1="hemligt") for i in range(4)]
        comments = analyze(build(rs), INST, AnalysisOptions(bootstrap=0)).comments
        assert [(c.org_typ, c.comments[:2]) for c in comments] == [("kommun", ("text 1", "text 2"))]


class TestOutput:
    def test_json_is_byte_identical_between_runs(self) -> None:
        """Two analyses of the same store serialise to the same bytes."""
        store = county_store()
        assert analyze(store, INST).to_json() == analyze(store, INST).to_json()

    def test_json_shape_follows_spec(self) -> None:
        """The document has the SPEC section 11 keys and result rows with its columns."""
        doc = json.loads(analyze(county_store(), INST, AnalysisOptions(bootstrap=0)).to_json())
        assert list(doc)[:5] == ["meta", "results", "comparisons", "reliability", "descriptives"]
        assert list(doc["results"][0]) == [
            "wave",
            "lan",
            "org_typ",
            "measure",
            "n",
            "mean",
            "sd",
            "ci_low",
            "ci_high",
            "share_positive",
            "suppressed",
            "uncertain",
            "suppression",
        ]
        assert doc["meta"]["instrument"] == {"id": "samverkan-2026", "version": "1.0"}

    def test_lan_filter_keeps_numbers(self) -> None:
        """Narrowing to one county keeps its rows and riket unchanged."""
        store = county_store()
        full = analyze(store, INST, AnalysisOptions(bootstrap=100))
        one = analyze(store, INST, AnalysisOptions(bootstrap=100, lan=("14",)))
        assert {r.lan for r in one.results} == {"14", "riket"}
        assert one.results == tuple(r for r in full.results if r.lan in ("14", "riket"))
        assert one.rankings == tuple(r for r in full.rankings if r.lan == "14")

    def test_unknown_wave_is_a_usage_error(self) -> None:
        """Asking for a wave that is not stored names the available ones."""
        from samverkan_cli.errors import UsageError

        with pytest.raises(UsageError, match="1999"):
            analyze(county_store(), INST, AnalysisOptions(waves=("1999",)))
