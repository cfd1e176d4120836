"""Real databases for tests: a SQLite file, or a throw-away PostgreSQL database per run."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

PG_ADMIN_DSN = os.environ.get("OSPITE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def wanted_backends() -> list[str]:
    """Which databases the suite runs against (both unless narrowed)."""
    raw = os.environ.get("OSPITE_TEST_DATABASES", "sqlite,postgresql")
    return [name.strip() for name in raw.split(",") if name.strip()]


async def postgres_reachable() -> bool:
    try:
        conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
    except (OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True


@asynccontextmanager
async def scratch_postgres() -> AsyncIterator[str]:
    """Create `ospite_test_<random>` and drop it afterwards; yields its SQLAlchemy URL."""
    name = f"ospite_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
