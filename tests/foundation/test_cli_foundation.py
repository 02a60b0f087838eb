"""init, status and instrument commands as a user runs them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from samverkan_cli.instrument import default_instrument_text, load_instrument


class TestInit:
    def test_init_creates_project_and_says_next_step(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """init creates the layout and tells the user what to do next."""
        result = cli("init", tmp_path / "proj", "--wave", "2026")
        assert result.code == 0
        assert (tmp_path / "proj" / "samverkan.toml").is_file()
        assert (tmp_path / "proj" / "samverkan.db").is_file()
        assert "samverkan run" in result.err

    def test_init_twice_is_a_usage_error(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """Running init on an existing project refuses with exit code 2 and no traceback."""
        cli("init", tmp_path)
        result = cli("init", tmp_path)
        assert result.code == 2
        assert "redan ett samverkan-projekt" in result.err
        assert "Traceback" not in result.err


class TestStatus:
    def test_empty_project_says_what_to_do(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """status on a new project explains it is empty and shows the next commands."""
        cli("init", tmp_path)
        result = cli("--project", tmp_path, "status")
        assert result.code == 0
        assert "inga svar är importerade" in result.out
        assert "samverkan import" in result.out

    def test_not_a_project_is_refused_clearly(self, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """status outside a project exits 2 with a message naming samverkan init."""
        monkeypatch.chdir(tmp_path)
        result = cli("status")
        assert result.code == 2
        assert "samverkan init" in result.err
        assert "Traceback" not in result.err

    def test_status_json_of_empty_project(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """status --format json prints the documented empty shape."""
        import json

        cli("init", tmp_path)
        doc = json.loads(cli("--project", tmp_path, "status", "--format", "json").out)
        assert doc["waves"] == [] and doc["quarantined"] == 0 and doc["imports"] == []


class TestInstrumentCommands:
    def test_show_lists_every_item(self, cli) -> None:  # type: ignore[no-untyped-def]
        """instrument show prints each item id and the count line."""
        result = cli("instrument", "show")
        assert result.code == 0
        for item in load_instrument().items:
            assert item.id in result.out
        assert "18 poängsatta frågor i 4 dimensioner, 3 beskrivande" in result.out

    def test_show_in_english(self, cli) -> None:  # type: ignore[no-untyped-def]
        """--lang en shows English texts."""
        result = cli("--lang", "en", "instrument", "show")
        assert "18 scored items in 4 dimensions" in result.out

    def test_validate_broken_copy_exits_6_and_lists_problems(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """validate on a broken codebook lists each problem with its key and exits 6."""
        path = tmp_path / "broken.toml"
        path.write_text(
            default_instrument_text().replace(
                'scale = "agree4"\ntext.sv = "Vi har regelbundna', 'scale = "agree5"\ntext.sv = "Vi har regelbundna'
            ),
            encoding="utf-8",
        )
        result = cli("instrument", "validate", path)
        assert result.code == 6
        assert "items[8] (R5).scale" in result.err
        assert "agree5" in result.err

    def test_validate_default_copy_passes(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """validate on an intact copy succeeds."""
        path = tmp_path / "ok.toml"
        path.write_text(default_instrument_text(), encoding="utf-8")
        result = cli("instrument", "validate", path)
        assert result.code == 0 and "giltig kodbok" in result.out

    def test_template_xlsx_has_headers_and_dropdowns(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """The XLSX template has question texts as headers and list validation for scales and kommun."""
        out = tmp_path / "mall.xlsx"
        assert cli("instrument", "template", out).code == 0
        wb = load_workbook(out)
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        inst = load_instrument()
        assert headers == [i.text.sv for i in inst.items]
        validations = ws.data_validations.dataValidation
        assert len(validations) >= 18 + 3
        lists = wb.worksheets[1]
        column_values = {
            lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
            for c in range(1, lists.max_column + 1)
        }
        assert "Göteborg" in column_values["kommun"]
        assert len([v for v in column_values["kommun"] if v]) == 290
        assert column_values["R4"][:4] == [
            "Instämmer helt",
            "Instämmer delvis",
            "Instämmer knappast",
            "Instämmer inte alls",
        ]

    def test_template_csv(self, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """The CSV template is one UTF-8 header row with the question texts."""
        out = tmp_path / "mall.csv"
        assert cli("instrument", "template", out, "--format", "csv").code == 0
        text = out.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].startswith("Vilken typ av verksamhet svarar du för?")
