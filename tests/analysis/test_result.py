"""The typed analysis result: JSON round trip, O(1) lookups, and the shared response rate."""

from __future__ import annotations

from samverkan_cli.analysis import AnalysisOptions, AnalysisResult, GroupScore, analyze
from samverkan_cli.instrument import load_instrument
from samverkan_cli.store.rates import response_rate

from .builders import build, resp

INST = load_instrument(None)


def _result() -> AnalysisResult:
    rs = [resp(f"k{i}", "kommun", "1480", R1="Ja", V1=["beroendeenhet"]) for i in range(6)]
    rs += [resp(f"v{i}", "vardcentral", "1480", R1="Nej") for i in range(6)]
    return analyze(build(rs), INST, AnalysisOptions(bootstrap=0))


class TestAnalysisResult:
    def test_json_round_trip_is_identical(self) -> None:
        """A document read back with from_dict serialises to the same bytes and rows."""
        result = _result()
        again = AnalysisResult.from_dict(result.to_dict())
        assert again.to_json() == result.to_json()
        assert again.results == result.results and again.comments == result.comments

    def test_json_has_one_row_per_line(self) -> None:
        """Every row of every table is one line of its own (as in the SPEC), and the document is to_dict()."""
        import json

        result = _result()
        text = result.to_json()
        assert json.loads(text) == json.loads(json.dumps(result.to_dict()))
        lines = text.splitlines()
        rows = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith("    {")]
        doc = result.to_dict()
        assert rows == [row for table in doc.values() if isinstance(table, list) for row in table]
        assert text.endswith("}\n")

    def test_lookups_find_rows_by_key(self) -> None:
        """score() and the grouped lookups return the typed rows of a key, or nothing."""
        result = _result()
        row = result.score("2026", "14", "kommun", "R1")
        assert isinstance(row, GroupScore) and row.n == 6 and row.mean == 100.0
        assert result.score("2026", "14", "kommun", "nope") is None
        assert {s.measure for s in result.group_scores("2026", "14", "kommun")} == {"R1"}
        assert [r.org_typ for r in result.response_rates_of("2026", "14")] == ["vardcentral", "kommun", "alla"]
        assert result.lans() == ("14",) and result.latest_wave() == "2026"

    def test_groups_are_in_table_order(self) -> None:
        """groups() lists counties before riket and the organisation types in grid order."""
        groups = _result().groups()
        assert groups[:3] == (("2026", "14", "vardcentral"), ("2026", "14", "kommun"), ("2026", "14", "alla"))
        assert groups[-1] == ("2026", "riket", "alla")

    def test_csv_has_result_columns(self) -> None:
        """to_csv writes one line per result row with empty nulls and lower-case booleans."""
        result = _result()
        lines = result.to_csv().splitlines()
        assert lines[0].startswith("wave,lan,org_typ,measure,n,mean")
        assert len(lines) == len(result.results) + 1 and lines[1].endswith(",false,true,")


class TestResponseRate:
    def test_rate_is_capped_and_rounded(self) -> None:
        """The rate is organisations over frame, at most 1, three decimals, None without a frame."""
        assert response_rate(1, 3) == 0.333
        assert response_rate(12, 10) == 1.0
        assert response_rate(5, 0) is None and response_rate(5, None) is None


class TestReportRole:
    def test_roles_fall_back_to_first_multi_and_choice(self) -> None:
        """Without report_role in the codebook, referrals are the first multi and audit the first choice item."""
        referral = INST.item_with_report_role("referral_destinations")
        audit = INST.item_with_report_role("audit_interest")
        assert referral is not None and referral.scale.type == "multi"
        assert audit is not None and audit.scale.type == "choice"
        assert INST.item_with_report_role("unknown") is None
