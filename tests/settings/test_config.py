"""Configuration from the environment: documented defaults, loud failures on bad settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.settings.config import Config, ConfigError
from toolkit.settings.paths import WORKSHEETS_DIR
from toolkit.text.consent import default_notice


def test_home_sets_database_and_key_file(tmp_path):
    """WORKSHOP_HOME holds the default SQLite database and the key file."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path)})
    assert config.home == tmp_path
    assert config.db_url == f"sqlite:///{tmp_path / 'workshop.sqlite'}"
    assert config.key_file == tmp_path / "workshop.key"


def test_defaults_need_no_environment():
    """With an empty environment: per-user data dir, no key, shipped worksheets, no clinic."""
    config = Config.from_env({})
    assert config.home.name == "workshop-toolkit"
    assert config.key is None and config.clinic_line is None
    assert config.worksheets_dir == WORKSHEETS_DIR


def test_from_env_reads_os_environ(tmp_path, monkeypatch):
    """Without an explicit mapping, from_env reads the process environment."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path))
    monkeypatch.delenv("WORKSHOP_WORKSHEETS", raising=False)
    assert Config.from_env().home == tmp_path


def test_database_url_is_taken_as_given(tmp_path):
    """WORKSHOP_DB overrides the default with any SQLAlchemy URL."""
    url = "postgresql://clinic@db.local/workshop"
    assert Config.from_env({"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_DB": url}).db_url == url


def test_database_path_without_scheme_fails_loudly(tmp_path):
    """A bare file path in WORKSHOP_DB is refused, naming the variable and the URL form."""
    with pytest.raises(ConfigError, match=r"WORKSHOP_DB must be a SQLAlchemy URL"):
        Config.from_env({"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_DB": "/data/w.sqlite"})


def test_home_that_is_a_file_fails_loudly(tmp_path):
    """WORKSHOP_HOME pointing at a file is refused."""
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(ConfigError, match=r"WORKSHOP_HOME=.* is a file"):
        Config.from_env({"WORKSHOP_HOME": str(f)})


def test_missing_worksheets_folder_fails_loudly(tmp_path):
    """A WORKSHOP_WORKSHEETS folder that does not exist is refused."""
    with pytest.raises(ConfigError, match="set WORKSHOP_WORKSHEETS"):
        Config.from_env({"WORKSHOP_HOME": str(tmp_path),
                         "WORKSHOP_WORKSHEETS": str(tmp_path / "nope")})


def test_worksheets_folder_is_configurable(tmp_path):
    """WORKSHOP_WORKSHEETS points at another folder of worksheets."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path / "h"),
                              "WORKSHOP_WORKSHEETS": str(tmp_path)})
    assert config.worksheets_dir == tmp_path


def test_key_and_clinic_line_are_read(tmp_path):
    """WORKSHOP_KEY and WORKSHOP_CLINIC_LINE are picked up."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_KEY": "k",
                              "WORKSHOP_CLINIC_LINE": "Riverside Clinic: 555-0100"})
    assert (config.key, config.clinic_line) == ("k", "Riverside Clinic: 555-0100")


def test_empty_settings_mean_unset(tmp_path):
    """Empty WORKSHOP_KEY, WORKSHOP_DB and WORKSHOP_CLINIC_LINE fall back to the defaults."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_KEY": "",
                              "WORKSHOP_DB": "", "WORKSHOP_CLINIC_LINE": ""})
    assert config.key is None and config.clinic_line is None
    assert config.db_url.startswith("sqlite:///")


def test_key_is_not_shown_in_repr(tmp_path):
    """The key never appears in the config's repr (it could end up in a log)."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_KEY": "s3cret-key"})
    assert "s3cret-key" not in repr(config)


def test_from_env_creates_nothing(tmp_path):
    """Reading the configuration does not create the data folder."""
    Config.from_env({"WORKSHOP_HOME": str(tmp_path / "later")})
    assert not (tmp_path / "later").exists()


def test_config_is_frozen(tmp_path):
    """A Config cannot be changed after it is made."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path)})
    with pytest.raises(AttributeError):
        config.home = tmp_path / "other"  # type: ignore[misc]


def test_consent_notice_from_the_environment(tmp_path: Path) -> None:
    """WORKSHOP_CONSENT_NOTICE or a file (one per language with {lang}) sets the notice."""
    assert Config.from_env({"WORKSHOP_HOME": str(tmp_path)}).consent_notice == default_notice()
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path),
                              "WORKSHOP_CONSENT_NOTICE": " Our notice. "})
    assert config.consent_notice == {"en": "Our notice."}
    (tmp_path / "consent.en.md").write_text("English notice", encoding="utf-8")
    (tmp_path / "consent.es.md").write_text("Aviso en español", encoding="utf-8")
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path),
                              "WORKSHOP_CONSENT_FILE": str(tmp_path / "consent.{lang}.md")})
    assert config.consent_notice == {"en": "English notice", "es": "Aviso en español"}


@pytest.mark.parametrize("problem", ["missing", "empty", "both"])
def test_bad_consent_settings_fail_loudly(tmp_path: Path, problem: str) -> None:
    """A missing or empty notice file, or both settings at once, is a ConfigError."""
    path = tmp_path / "notice.md"
    env = {"WORKSHOP_HOME": str(tmp_path), "WORKSHOP_CONSENT_FILE": str(path)}
    if problem == "empty":
        path.write_text("  \n", encoding="utf-8")
    if problem == "both":
        path.write_text("notice", encoding="utf-8")
        env["WORKSHOP_CONSENT_NOTICE"] = "another"
    with pytest.raises(ConfigError, match="WORKSHOP_CONSENT"):
        Config.from_env(env)
