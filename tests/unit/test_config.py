"""Settings: defaults that run out of the box, a stable secret key, one clear error line."""

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings


def settings(tmp_path: Path, **values):
    return load_settings(DATA_DIR=tmp_path / "data", _env_file=None, **values)


def test_defaults_put_sqlite_in_the_data_folder(tmp_path):
    loaded = settings(tmp_path)
    assert loaded.database_url == f"sqlite+aiosqlite:///{tmp_path / 'data' / 'ospite.db'}"
    assert (loaded.PUBLIC_URL, loaded.DEFAULT_LOCALE, loaded.DEFAULT_TIMEZONE) == (
        "http://localhost:8000", "en", "UTC")
    assert not loaded.slack_enabled and not loaded.telegram_enabled


def test_a_missing_secret_key_is_generated_once_and_reused(tmp_path):
    first = settings(tmp_path).SECRET_KEY
    assert len(first) >= 32
    assert first == settings(tmp_path).SECRET_KEY
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0


def test_commands_starting_together_on_a_fresh_folder_share_one_key(tmp_path):
    # `serve` and `worker` may both start on an empty DATA_DIR: neither may see a half-written
    # key or overwrite the other's.
    for attempt in range(25):
        folder = tmp_path / str(attempt)
        start = threading.Barrier(8)

        def load(folder=folder, start=start) -> str:
            start.wait()
            return settings(folder).SECRET_KEY

        with ThreadPoolExecutor(8) as pool:
            keys = set(pool.map(lambda _: load(), range(8)))
        assert len(keys) == 1 and len(keys.pop()) >= 32
        assert [p.name for p in (folder / "data").iterdir()] == ["secret_key"]  # no temp left
        assert (folder / "data" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_key_file_readable_by_others_is_tightened(tmp_path):
    key = settings(tmp_path).SECRET_KEY
    (tmp_path / "data" / "secret_key").chmod(0o644)
    assert key == settings(tmp_path).SECRET_KEY
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("value", ["", "   ", "short-key", " " * 40, "x" * 31])
def test_a_weak_secret_key_is_refused(tmp_path, value):
    with pytest.raises(SettingsError, match=r"^invalid setting SECRET_KEY: .*at least 32"):
        settings(tmp_path, SECRET_KEY=value)


@pytest.mark.parametrize(("content", "problem"), [
    ("", "is empty"), ("  \n", "is empty"), ("too-short", "holds fewer than 32 characters")])
def test_a_spoilt_key_file_is_refused_not_replaced(tmp_path, content, problem):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "secret_key").write_text(content)
    with pytest.raises(SettingsError, match=rf"^invalid setting SECRET_KEY: .* {problem}; "):
        settings(tmp_path)
    assert (tmp_path / "data" / "secret_key").read_text() == content


def test_an_explicit_secret_key_wins(tmp_path):
    given = "given-secret-key-of-32-characters"
    assert given == settings(tmp_path, SECRET_KEY=given).SECRET_KEY


@pytest.mark.parametrize(("name", "value"), [
    ("PORT", "eighty"), ("PUBLIC_URL", "example.com"), ("DEFAULT_TIMEZONE", "Mars/Base"),
    ("DEFAULT_LOCALE", "xx"), ("TELEGRAM_ADMINS", "12,abc"), ("SMTP_URL", "mail.example"),
])
def test_a_malformed_setting_names_the_variable(tmp_path, name, value):
    with pytest.raises(SettingsError, match=f"^invalid setting {name}: "):
        settings(tmp_path, **{name: value})


def test_telegram_file_url_is_derived_from_the_api_url(tmp_path):
    loaded = settings(tmp_path, TELEGRAM_API_URL="http://127.0.0.1:9/bot")
    assert loaded.telegram_file_url == "http://127.0.0.1:9/file/bot"


def run_cli(tmp_path, *args, **env):
    full = {**os.environ, "DATA_DIR": str(tmp_path / "data"), **env}
    full.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, env=full, cwd=tmp_path, timeout=60, check=False)


def test_the_cli_stops_with_one_line_on_a_bad_setting(tmp_path):
    done = run_cli(tmp_path, "migrate", PORT="eighty")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "ospite: invalid setting PORT: Input should be a valid integer, unable to parse string "
        "as an integer"]


def test_serve_refuses_an_unmigrated_database_until_migrate_runs(tmp_path):
    refused = run_cli(tmp_path, "serve", "--port", "1")
    assert refused.returncode == 1
    assert "run `ospite migrate` first" in refused.stderr
    migrated = run_cli(tmp_path, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "data" / "ospite.db").exists()
