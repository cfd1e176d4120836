"""Deployment-wide locks: PostgreSQL advisory locks, or lock files beside a SQLite database.

A held lock dies with its process (the database closes the session, the kernel drops the
file lock), so another process takes over what the dead one did.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ports import Locks

log = logging.getLogger("ospite.locks")


class Lease:
    def __init__(self) -> None:
        self.lost = asyncio.Event()


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class PgLocks:
    """Session-level advisory locks on connections of their own, checked while held."""

    def __init__(self, engine: AsyncEngine, check_every: float = 10.0) -> None:
        self.engine, self.check_every = engine, check_every

    @asynccontextmanager
    async def hold(self, name: str) -> AsyncIterator[Lease | None]:
        conn = await self._connect()
        try:
            got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(name)})
            if not got:
                yield None
                return
            lease = Lease()
            watch = asyncio.create_task(self._watch(conn, lease))
            try:
                yield lease
            finally:
                watch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watch
                await _quietly(conn, "SELECT pg_advisory_unlock(:k)", lock_key(name))
        finally:
            with contextlib.suppress(Exception):
                await conn.close()

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        conn = await self._connect()
        try:
            await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(name)})
            try:
                yield
            finally:
                await _quietly(conn, "SELECT pg_advisory_unlock(:k)", lock_key(name))
        finally:
            with contextlib.suppress(Exception):
                await conn.close()

    async def _connect(self) -> AsyncConnection:
        conn = await self.engine.connect()
        # No transaction stays open while a lock is held for hours.
        return await conn.execution_options(isolation_level="AUTOCOMMIT")

    async def _watch(self, conn: AsyncConnection, lease: Lease) -> None:
        while True:
            await asyncio.sleep(self.check_every)
            try:
                await conn.execute(text("SELECT 1"))
            except Exception as exc:  # the session, and so the lock, is gone
                log.warning("lost a deployment lock: %s", type(exc).__name__)
                lease.lost.set()
                return


async def _quietly(conn: AsyncConnection, sql: str, key: int) -> None:
    with contextlib.suppress(Exception):  # a dead session has released its locks already
        await conn.execute(text(sql), {"k": key})


class FileLocks:
    """flock(2) on files in one folder: exclusive across the processes of one machine."""

    def __init__(self, folder: Path, poll: float = 0.02) -> None:
        self.folder, self.poll = folder, poll
        self._local: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def hold(self, name: str) -> AsyncIterator[Lease | None]:
        fd = self._open(name)
        try:
            if not _try_flock(fd):
                yield None
                return
            yield Lease()
        finally:
            os.close(fd)  # closing drops the lock

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        async with self._local.setdefault(name, asyncio.Lock()):
            fd = self._open(name)
            try:
                await self._flock(fd)
                yield
            finally:
                os.close(fd)

    async def _flock(self, fd: int) -> None:
        """Wait for another process to let go; flock(2) has no way to await it."""
        while not _try_flock(fd):  # noqa: ASYNC110 - nothing in this process to wait on
            await asyncio.sleep(self.poll)

    def _open(self, name: str) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        return os.open(self.folder / f"{safe}.lock", os.O_RDWR | os.O_CREAT, 0o600)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def make_locks(engine: AsyncEngine) -> Locks:
    """Advisory locks on PostgreSQL; lock files beside the SQLite database file."""
    if engine.dialect.name == "postgresql":
        return PgLocks(engine)
    database = engine.url.database
    if database and database != ":memory:":
        return FileLocks(Path(f"{database}.locks"))
    return FileLocks(Path(tempfile.mkdtemp(prefix="ospite-locks-")))
