"""Migrations build the whole schema from an empty database, matching storage/tables.py."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.app import build_runtime
from storage.migrate import pending, upgrade
from storage.tables import metadata
from tests.support.databases import scratch_postgres


async def _check_fresh_database(settings, url):
    runtime = build_runtime(settings.model_copy(update={"DATABASE_URL": url}))
    try:
        assert await pending(runtime.engine)
        await upgrade(runtime.engine)
        assert not await pending(runtime.engine)
        await upgrade(runtime.engine)  # a second run is harmless

        def differences(conn):
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            return compare_metadata(context, metadata), inspect(conn).get_table_names()

        async with runtime.engine.connect() as conn:
            diff, names = await conn.run_sync(differences)
        assert diff == []
        assert {"workspaces", "people", "events", "attendees", "attachments", "outbox",
                "chat_state"} <= set(names)
    finally:
        await runtime.engine.dispose()


async def test_migrations_match_tables(settings, backend, tmp_path):
    if backend == "sqlite":
        await _check_fresh_database(settings, f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
    else:
        async with scratch_postgres() as url:
            await _check_fresh_database(settings, url)
