"""Scoring rules of SPEC 6.1-6.4 on hand-computed responses."""

from __future__ import annotations

import numpy as np
import pytest

from samverkan_cli.analysis.scoring import Scoring, score_responses
from samverkan_cli.instrument import load_instrument

INST = load_instrument(None)
S = Scoring.from_instrument(INST)


def score(**answers: float) -> dict[str, float]:
    raw = np.full((1, len(S.items)), np.nan)
    for item, value in answers.items():
        raw[0, S.items.index(item)] = value
    scores = score_responses(raw, S)
    return {m: float(scores.values[0, k]) for k, m in enumerate(S.measures)} | {
        f"pos_{m}": float(scores.positive[0, k]) for k, m in enumerate(S.measures)
    }


class TestItemScore:
    def test_agree4_maps_to_0_100(self) -> None:
        """Instämmer helt is 100, delvis 66.7, knappast 33.3, inte alls 0."""
        assert [score(R4=v)["R4"] for v in (4, 3, 2, 1)] == pytest.approx([100, 200 / 3, 100 / 3, 0])

    def test_yesno_maps_to_0_100(self) -> None:
        """Ja is 100 and Nej is 0."""
        assert (score(R1=1)["R1"], score(R1=0)["R1"]) == (100.0, 0.0)

    def test_reverse_item_is_flipped(self) -> None:
        """V5 is reverse-keyed: Instämmer helt scores 0 and inte alls 100."""
        assert (score(V5=4)["V5"], score(V5=1)["V5"]) == (0.0, 100.0)

    def test_positive_is_top_two_or_ja(self) -> None:
        """Top-two on agree4 and Ja are positive; reverse items count the two disagree labels."""
        assert [score(R4=v)["pos_R4"] for v in (4, 3, 2, 1)] == [1, 1, 0, 0]
        assert [score(V5=v)["pos_V5"] for v in (4, 3, 2, 1)] == [0, 0, 1, 1]
        assert (score(R1=1)["pos_R1"], score(R1=0)["pos_R1"]) == (1.0, 0.0)


class TestDimensionScore:
    def test_mean_of_answered_items_when_half_answered(self) -> None:
        """Three of six rutiner items answered (the half) give their mean."""
        s = score(R1=1, R4=3, R5=1)
        assert s["rutiner"] == pytest.approx((100 + 200 / 3 + 0) / 3)

    def test_missing_when_less_than_half_answered(self) -> None:
        """Two of six rutiner items is below half: no dimension score."""
        assert np.isnan(score(R1=1, R4=3)["rutiner"])

    def test_half_of_odd_count_needs_rounding_up(self) -> None:
        """Kompetens has three items: one answered is below half, two is enough."""
        assert np.isnan(score(K1=1)["kompetens"])
        assert score(K1=1, K2=1)["kompetens"] == 50.0

    def test_dimension_share_positive_is_share_of_answered_items(self) -> None:
        """Two positive of three answered rutiner items is a share of 2/3."""
        assert score(R1=1, R4=3, R5=1)["pos_rutiner"] == pytest.approx(2 / 3)


class TestIndex:
    def full(self, value: float) -> dict[str, float]:
        """Best answers everywhere (reverse items disagree)."""
        out = {i.id: 1.0 if i.scale.id == "yesno" else value for i in INST.scored_items}
        return out | {i.id: 1.0 for i in INST.scored_items if i.reverse}

    def test_index_is_mean_of_dimensions(self) -> None:
        """With all four dimensions the index is their mean."""
        answers = self.full(4) | {"K1": 0.0, "K3": 0.0, "K2": 1.0}
        s = score(**answers)
        assert s["kompetens"] == 0.0
        assert s["index"] == pytest.approx(75.0)

    def test_index_needs_three_dimensions(self) -> None:
        """Three dimensions give an index; two do not."""
        three = {k: v for k, v in self.full(4).items() if not k.startswith("K")}
        assert score(**three)["index"] == 100.0
        two = {k: v for k, v in three.items() if not k.startswith("B")}
        assert np.isnan(score(**two)["index"])
