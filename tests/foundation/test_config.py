"""samverkan.toml: one typed object, unknown keys and escaping paths refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli.batch.project import init_project
from samverkan_cli.config import find_project, load_config
from samverkan_cli.errors import ConfigError, UsageError


class TestConfig:
    def test_init_writes_a_config_that_loads_with_defaults(self, tmp_path: Path) -> None:
        """The commented template from init loads into the documented defaults."""
        init_project(tmp_path / "p", wave="2026")
        config = load_config(tmp_path / "p")
        assert config.import_.wave == "2026"
        assert config.analysis.min_n == 5
        assert config.report.formats == ["html", "xlsx"]
        assert config.database == (tmp_path / "p" / "samverkan.db").resolve()
        for name in ("inbox", "archive", "reports", "logs"):
            assert (tmp_path / "p" / name).is_dir()

    def test_unknown_key_and_wrong_type_are_named(self, tmp_path: Path) -> None:
        """Every bad key is reported by name and the exit code is 6."""
        (tmp_path / "samverkan.toml").write_text('[analysis]\nmin_n = "fem"\ncolour = 1\n[extra]\n', encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_config(tmp_path)
        text = info.value.render("en")
        assert "analysis.min_n must be int" in text
        assert "unknown key analysis.colour" in text
        assert "unknown section [extra]" in text
        assert info.value.exit_code == 6

    def test_path_escaping_the_project_is_refused(self, tmp_path: Path) -> None:
        """A path in the config pointing outside the project directory is an error."""
        (tmp_path / "samverkan.toml").write_text('[paths]\nreports = "../../etc"\n', encoding="utf-8")
        with pytest.raises(ConfigError, match="outside the project"):
            load_config(tmp_path)

    def test_project_is_found_in_a_parent_directory(self, tmp_path: Path) -> None:
        """Commands run in a subdirectory find the nearest samverkan.toml above."""
        init_project(tmp_path / "p")
        (tmp_path / "p" / "inbox" / "deep").mkdir()
        assert find_project(tmp_path / "p" / "inbox" / "deep") == (tmp_path / "p").resolve()

    def test_no_project_is_a_usage_error_with_next_step(self, tmp_path: Path) -> None:
        """Outside any project the message says how to create one."""
        with pytest.raises(UsageError) as info:
            find_project(tmp_path)
        assert "samverkan init" in (info.value.render_hint("en") or "")


class TestDeclaredWaves:
    """``[[waves]]`` declares the waves in order, each with an optional field period."""

    def test_waves_keep_their_declared_order_and_dates(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """Order is the file's, not a string sort; TOML dates and ISO strings both work."""
        from samverkan_cli.config import WaveConfig, load_config

        (tmp_path / "samverkan.toml").write_text(
            '[[waves]]\nname = "2026-vår"\nstart = 2026-03-01\nend = "2026-04-30"\n[[waves]]\nname = "2026-höst"\n',
            encoding="utf-8",
        )
        config = load_config(tmp_path)
        assert config.waves == (WaveConfig("2026-vår", "2026-03-01", "2026-04-30"), WaveConfig("2026-höst"))
        assert config.declared_waves == ("2026-vår", "2026-höst")

    def test_bad_dates_and_duplicate_names_are_configuration_errors(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """A wave with an impossible date or a repeated name names the key."""
        from samverkan_cli.config import load_config
        from samverkan_cli.errors import ConfigError

        (tmp_path / "samverkan.toml").write_text(
            '[[waves]]\nname = "2025"\nstart = "2025-13-01"\n[[waves]]\nname = "2026"\n[[waves]]\nname = "2026"\n',
            encoding="utf-8",
        )
        with pytest.raises(ConfigError) as caught:
            load_config(tmp_path)
        text = " ".join(p.render("en") for p in caught.value.problems)
        assert "waves[1].start" in text and "waves[3].name" in text
