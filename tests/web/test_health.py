"""GET /healthz through the real ASGI app."""

import asyncio
import threading

import httpx

from bot.app import create_app
from storage.db import make_engine


async def get_health(runtime) -> httpx.Response:
    app = create_app(runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://ospite.test") as client:
        return await client.get("/healthz")


async def test_healthz_reports_the_database(runtime):
    answer = await get_health(runtime)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": True}


async def test_healthz_says_when_the_database_is_gone(runtime, backend):
    url = runtime.engine.url
    unreachable = (url.set(database="/nonexistent/dir/x.db") if backend == "sqlite"
                   else url.set(port=1))
    await runtime.engine.dispose()
    runtime.engine = make_engine(unreachable.render_as_string(hide_password=False))
    before = set(threading.enumerate())
    answer = await get_health(runtime)
    assert answer.status_code == 503 and answer.json()["database"] is False
    await _sqlite_threads_finished(set(threading.enumerate()) - before)


async def _sqlite_threads_finished(threads: set[threading.Thread]) -> None:
    """Let aiosqlite finish a failed connect while this test's event loop still runs.

    When a connect fails, aiosqlite stops its worker thread without waiting for it
    (omnilib/aiosqlite#389); a thread that finishes after the loop has closed raises
    "Event loop is closed", which pytest then reports on some later test.
    """
    for thread in threads:
        if thread.name.endswith("(_connection_worker_thread)"):
            await asyncio.to_thread(thread.join, 10)
