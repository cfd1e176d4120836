"""Fixtures shared by the whole suite: settings, a migrated database, a runtime, a clock."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text

from bot.app import Runtime, build_runtime
from bot.config import Settings, load_settings
from bot.services import Context
from storage.migrate import upgrade
from storage.tables import metadata
from tests.support.clock import FrozenClock
from tests.support.databases import postgres_reachable, scratch_postgres, wanted_backends

os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")

# SECRET_KEY must be at least 32 characters, as in production.
TEST_SECRET_KEY = "test-secret-key-of-at-least-32-characters"


@pytest.fixture(params=wanted_backends())
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def postgres_url() -> AsyncIterator[str]:
    """One scratch PostgreSQL database per test run, migrated once."""
    if not await postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable at 127.0.0.1:5432")
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    async with scratch_postgres() as url:
        yield url


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'ospite.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(DATA_DIR=tmp_path / "data", DATABASE_URL=database_url,
                         SECRET_KEY=TEST_SECRET_KEY, PUBLIC_URL="http://127.0.0.1:8000",
                         _env_file=None)


@pytest.fixture
async def runtime(settings: Settings, clock: FrozenClock, backend: str) -> AsyncIterator[Runtime]:
    """A runtime on a freshly migrated, empty database."""
    runtime = build_runtime(settings, clock=clock)
    await upgrade(runtime.engine)
    if backend == "postgresql":
        await _empty(runtime)
    yield runtime
    await runtime.engine.dispose()


@pytest.fixture
def ctx(runtime: Runtime) -> Context:
    return runtime.ctx


async def _empty(runtime: Runtime) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    async with runtime.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def smtp_sink():
    """A real SMTP server on 127.0.0.1 for the test; `.messages` holds what it accepted."""
    from tests.support.smtp import SmtpSink

    sink = SmtpSink().start()
    yield sink
    sink.stop()
