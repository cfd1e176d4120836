"""A weak SECRET_KEY stops every command in one line; the data folder's files are 0600."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.support.processes import environment, migrate, run, serving
from tests.support.smtp import free_port

ERROR = "ospite: invalid setting SECRET_KEY: "
SERVE = ["serve", "--host", "127.0.0.1", "--port", "1"]  # never gets as far as the port


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("command", [["migrate"], SERVE, ["worker"]])
@pytest.mark.parametrize("key", ["too-short", "", "   "])
def test_a_weak_secret_key_stops_start_up_with_one_line(tmp_path, command, key):
    done = run(*command, env=environment(tmp_path / "data", SECRET_KEY=key), cwd=tmp_path)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(ERROR) and "at least 32 characters" in line
    assert not (tmp_path / "data" / "ospite.db").exists()


@pytest.mark.parametrize("content", ["", " \n"])
def test_an_empty_key_file_stops_start_up_with_one_line(tmp_path, content):
    env = environment(tmp_path / "data")
    migrate(env, tmp_path)
    (tmp_path / "data" / "secret_key").write_text(content)
    done = run(*SERVE, env=env, cwd=tmp_path)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(ERROR) and "secret_key is empty" in line
    assert (tmp_path / "data" / "secret_key").read_text() == content  # never replaced


async def test_the_key_and_the_database_are_readable_by_their_owner_only(tmp_path):
    data, port = tmp_path / "data", free_port()
    env = environment(data, PUBLIC_URL=f"http://127.0.0.1:{port}")
    migrate(env, tmp_path)
    assert mode(data / "secret_key") == mode(data / "ospite.db") == 0o600
    async with serving(env, tmp_path, port):
        files = {p.name: mode(p) for p in data.iterdir()}
    assert files == {"secret_key": 0o600, "ospite.db": 0o600, "ospite.db-wal": 0o600,
                     "ospite.db-shm": 0o600}


def test_a_database_left_readable_by_others_is_tightened(tmp_path):
    env = environment(tmp_path / "data")
    migrate(env, tmp_path)
    database = tmp_path / "data" / "ospite.db"
    database.chmod(0o644)
    migrate(env, tmp_path)
    assert mode(database) == 0o600
