"""Disclosure control through analyze: hidden groups, their reasons, and what is never shown for them."""

from __future__ import annotations

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.instrument import load_instrument

from .builders import all_items, build, resp

INST = load_instrument(None)


class TestThroughAnalyze:
    def store(self):  # type: ignore[no-untyped-def]
        rs = [resp(f"vc{i}", "vardcentral", "1480", **all_items(INST, 3 if i % 2 else 4) | {"R1": 1}) for i in range(9)]
        rs += [resp(f"k{i}", "kommun", "1401", **all_items(INST, 2) | {"R1": 0}) for i in range(3)]
        rs += [resp(f"s{i}", "kommun", "0180", **all_items(INST, 3)) for i in range(20)]
        rs += [resp(f"v{i}", "vardcentral", "0180", **all_items(INST, 4)) for i in range(20)]
        return build(rs)

    def test_results_hide_primary_and_secondary_cells(self) -> None:
        """Kommun (n=3) is hidden as a small group, its n (who answered) still shown; the plan protects it."""
        result = analyze(self.store(), INST, AnalysisOptions(bootstrap=50))
        kommun = result.score("2026", "14", "kommun", "rutiner")
        vc = result.score("2026", "14", "vardcentral", "rutiner")
        alla = result.score("2026", "14", "alla", "rutiner")
        assert kommun is not None and vc is not None and alla is not None
        assert (kommun.suppressed, kommun.n, kommun.mean, kommun.sd) == (True, 3, None, None)
        assert kommun.suppression == "small_group"
        hidden_to_protect = [r for r in result.results if r.suppression == "protects_other"]
        assert hidden_to_protect and all(r.n >= 5 and r.mean is None for r in hidden_to_protect)

    def test_comparisons_and_ranks_skip_hidden_groups(self) -> None:
        """No comparison or rank involves a hidden group."""
        result = analyze(self.store(), INST, AnalysisOptions(bootstrap=50))
        hidden = {(r.wave, r.lan, r.org_typ) for r in result.results if r.suppressed}
        assert ("2026", "14", "kommun") in hidden
        for c in result.comparisons:
            assert (c.wave, c.lan, c.org_typ) not in hidden
            if c.versus == "kommun":
                assert (c.wave, c.lan, "kommun") not in hidden
        for r in result.rankings:
            assert (r.wave, r.lan, r.org_typ) not in hidden

    def test_descriptives_and_distributions_are_suppressed(self) -> None:
        """Distribution rows of the small kommun group carry no counts or shares."""
        result = analyze(self.store(), INST, AnalysisOptions(bootstrap=0))
        rows = [d for d in result.distributions if d.lan == "14" and d.org_typ == "kommun"]
        assert rows and all(d.suppressed and d.count is None and d.share is None for d in rows)
