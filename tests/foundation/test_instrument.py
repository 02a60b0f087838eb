"""The default codebook and the validating loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.errors import ConfigError
from samverkan_cli.instrument import default_instrument_text, load_instrument, parse_instrument


class TestDefaultInstrument:
    def test_has_the_items_of_the_spec(self) -> None:
        """18 scored items in 4 dimensions, 3 descriptive and 4 background items, as SPEC section 3."""
        inst = load_instrument()
        assert (inst.id, inst.version) == ("samverkan-2026", "1.0")
        assert [d.id for d in inst.dimensions] == ["rutiner", "remissvagar", "brukarinflytande", "kompetens"]
        assert [i.id for i in inst.scored_items] == [
            "R1",
            "R2",
            "R3",
            "R4",
            "R5",
            "R6",
            "V2",
            "V3",
            "V4",
            "V5",
            "B1",
            "B2",
            "B3",
            "B4",
            "B5",
            "K1",
            "K2",
            "K3",
        ]
        assert [i.id for i in inst.descriptive_items] == ["V1", "B6", "X1"]
        assert [i.id for i in inst.items if i.role] == ["org_typ", "org_namn", "kommun", "roll"]

    def test_scales_and_reverse_item(self) -> None:
        """agree4 scores (v-1)/3*100, yesno v*100, and V5 is the only reversed item."""
        inst = load_instrument()
        agree = inst.item("R4").scale
        assert [agree.score(v) for v in (1, 2, 3, 4)] == [0.0, pytest.approx(100 / 3), pytest.approx(200 / 3), 100.0]
        assert inst.item("R1").scale.score(1) == 100.0
        assert inst.item("R1").scale.score(0) == 0.0
        assert inst.item("V5").scale.score(4, reverse=True) == 0.0
        assert [i.id for i in inst.items if i.reverse] == ["V5"]
        assert [m.sv for m in agree.missing] == ["Vet ej", "Ej aktuellt"]

    def test_items_by_dimension_match_the_spec(self) -> None:
        """Each dimension holds exactly the items the spec lists."""
        inst = load_instrument()
        assert [i.id for i in inst.items_of("remissvagar")] == ["V2", "V3", "V4", "V5"]
        assert [i.id for i in inst.items_of("kompetens")] == ["K1", "K2", "K3"]

    def test_every_text_has_both_languages(self) -> None:
        """Every item has Swedish and English text."""
        for item in load_instrument().items:
            assert item.text.sv and item.text.en


class TestValidation:
    def test_broken_codebook_lists_every_problem_with_key(self, tmp_path: Path) -> None:
        """Duplicate id, unknown scale, reverse on an unscored scale, missing translation and an empty dimension."""
        text = default_instrument_text()
        text = text.replace('id = "R2"', 'id = "R1"', 1)
        text = text.replace(
            'id = "K3"\ndimension = "kompetens"\nscale = "yesno"',
            'id = "K3"\ndimension = "kompetens"\nscale = "nosuchscale"',
            1,
        )
        text = text.replace('id = "X1"\nscale = "text"', 'id = "X1"\nscale = "text"\nreverse = true', 1)
        text = text.replace('text.en = "Staff have been trained in motivational interviewing (MI)."\n', "", 1)
        text += '\n[[dimensions]]\nid = "tom"\nlabel.sv = "Tom"\nlabel.en = "Empty"\n'
        path = tmp_path / "broken.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_instrument(path)
        problems = [p.render("en") for p in info.value.problems]
        joined = "\n".join(problems)
        assert info.value.exit_code == 6
        assert "broken.toml" in joined
        assert "item 'R1' is duplicated" in joined
        assert "unknown scale 'nosuchscale'" in joined
        assert "(X1).reverse: reverse on an unscored scale" in joined
        assert "(K1).text.en: translation missing" in joined
        assert "dimensions (tom): dimension has no items" in joined

    def test_invalid_toml_names_the_file(self) -> None:
        """A TOML syntax error is a ConfigError naming the source."""
        with pytest.raises(ConfigError, match=r"x\.toml"):
            parse_instrument("[instrument\n", "x.toml")


class TestMissingText:
    def test_item_without_text_table_is_reported_not_crashing(self) -> None:
        """An item with no text at all is a listed problem naming its key."""
        text = default_instrument_text().replace('text.sv = "Din roll"\ntext.en = "Your role"\n', "", 1)
        with pytest.raises(ConfigError) as info:
            parse_instrument(text, "x.toml")
        assert any("(roll).text: is missing" in p.render("en") for p in info.value.problems)
