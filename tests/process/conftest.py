"""A fresh deployment (data folder and database) per test, on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.databases import postgres_reachable, scratch_postgres
from tests.support.procfile import Deployment


@pytest.fixture
async def deployment(backend: str, tmp_path: Path) -> AsyncIterator[Deployment]:
    """Processes started here are stopped (and must exit cleanly) at the end of the test."""
    if backend == "sqlite":
        found = Deployment(tmp_path, {})
        yield found
        await _stop(found)
        return
    if not await postgres_reachable():
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    async with scratch_postgres() as url:
        found = Deployment(tmp_path, {"DATABASE_URL": url})
        yield found
        await _stop(found)


async def _stop(deployment: Deployment) -> None:
    try:
        await deployment.stop()
    finally:
        print(deployment.logs())  # kept in the test output when a test fails
