"""Disclosure control: primary and secondary suppression on hand-made cells and through analyze."""

from __future__ import annotations

import numpy as np

from samverkan_cli.analysis import AnalysisOptions, analyze
from samverkan_cli.analysis.suppression import suppress
from samverkan_cli.instrument import load_instrument

from .builders import all_items, build, resp

INST = load_instrument(None)


def cells(*lans: list[int]) -> np.ndarray:
    """Counts per county [vardcentral, kommun, annan]; adds alla and riket."""
    base = np.array(lans, dtype=np.int64)[None, :, :, None]
    with_alla = np.concatenate([base, base.sum(axis=2, keepdims=True)], axis=2)
    return np.concatenate([with_alla, with_alla.sum(axis=1, keepdims=True)], axis=1)


class TestPrimary:
    def test_small_cells_are_suppressed(self) -> None:
        """n below min_n is suppressed, empty cells are not."""
        hidden, primary = suppress(cells([3, 0, 12]), 5)
        assert primary[0, 0, :, 0].tolist() == [True, False, False, False]
        assert hidden[0, 0, 1, 0] == False  # noqa: E712


class TestSecondary:
    def test_lone_suppressed_sibling_hides_smallest_shown_sibling(self) -> None:
        """alla 12 = vardcentral 9 + kommun 3: kommun is derivable, so vardcentral is hidden too."""
        hidden, _ = suppress(cells([9, 3, 0]), 5)
        assert hidden[0, 0, :, 0].tolist() == [True, True, False, False]

    def test_two_small_siblings_are_not_enough(self) -> None:
        """Two hidden siblings with 2 + 2 < 5 units together also hide the next smallest sibling."""
        hidden, _ = suppress(cells([2, 2, 10]), 5)
        assert hidden[0, 0, :, 0].tolist() == [True, True, True, False]

    def test_two_hidden_siblings_of_enough_units_suffice(self) -> None:
        """vardcentral 4 + kommun 3 hidden together cover 7 units: the others stay shown."""
        hidden, _ = suppress(cells([4, 3, 20]), 5)
        assert hidden[0, 0, :, 0].tolist() == [True, True, False, False]

    def test_county_derivable_from_riket(self) -> None:
        """A county's hidden kommun value could be derived from riket: another county is hidden too."""
        hidden, _ = suppress(cells([30, 3, 0], [30, 20, 0], [30, 25, 0]), 5)
        kommun = hidden[0, :, 1, 0].tolist()
        assert kommun == [True, True, False, False]
        # and within the second county the hidden kommun forces its vardcentral to be hidden
        assert hidden[0, 1, 0, 0]

    def test_no_suppressed_value_is_derivable(self) -> None:
        """In every line a shown total never has exactly one hidden sibling."""
        rng = np.random.default_rng(0)
        for _ in range(200):
            n = cells(*rng.integers(0, 15, size=(4, 3)).tolist())
            hidden, _ = suppress(n, 5)
            for axis in (1, 2):
                sib = np.moveaxis(hidden, axis, -1)[..., :-1] & (np.moveaxis(n, axis, -1)[..., :-1] > 0)
                tot = np.moveaxis(hidden, axis, -1)[..., -1]
                tot_n = np.moveaxis(n, axis, -1)[..., -1]
                assert not ((tot_n > 0) & ~tot & (sib.sum(-1) == 1)).any()


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
