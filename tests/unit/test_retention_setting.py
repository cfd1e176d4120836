"""RETENTION_DAYS: a year by default, 0 keeps everything, anything else is refused by name."""

from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings


def settings(tmp_path: Path, **values):
    return load_settings(DATA_DIR=tmp_path / "data", _env_file=None, **values)


def test_guests_data_is_kept_a_year_unless_told(tmp_path, monkeypatch):
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    assert settings(tmp_path).RETENTION_DAYS == 365
    monkeypatch.setenv("RETENTION_DAYS", "0")
    assert settings(tmp_path).RETENTION_DAYS == 0


@pytest.mark.parametrize("value", ["-1", "a year", "1.5"])
def test_a_malformed_retention_names_the_variable(tmp_path, monkeypatch, value):
    monkeypatch.setenv("RETENTION_DAYS", value)
    with pytest.raises(SettingsError, match=r"^invalid setting RETENTION_DAYS: "):
        settings(tmp_path)
