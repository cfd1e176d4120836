"""Engines and the unit of work; SQLite is tuned so one process can serve a small company."""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import Any, Self

from sqlalchemy import event as sa_event
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.ports import Duplicate
from storage.crypto import SecretBox
from storage.mapping import start_mappers
from storage.outbox import SqlOutbox
from storage.repositories import SqlChatState, SqlEvents, SqlPeople, SqlWorkspaces

READ_ONLY = "ospite_read_only"


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine; on SQLite: WAL, foreign keys, and write-locking transactions."""
    start_mappers()
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        kwargs.setdefault("connect_args", {"timeout": 30})
        _private_sqlite_file(parsed)
    engine = create_async_engine(url, **kwargs)
    if is_sqlite:
        _tune_sqlite(engine)
    return engine


def _private_sqlite_file(url: URL) -> None:
    """Create the database file 0600 before SQLite does (0644) and tighten an existing one.

    It holds guests' names and addresses. SQLite gives new -wal and -shm files the mode of
    the database file; older ones are tightened here too.
    """
    name = url.database or ""
    if name in ("", ":memory:") or name.startswith("file:"):
        return
    path = Path(name)
    if not path.parent.is_dir():
        return  # SQLite says so on connect
    with contextlib.suppress(OSError):  # e.g. read-only: SQLite reports what matters
        os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)


def _tune_sqlite(engine: AsyncEngine) -> None:
    @sa_event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa_event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so read-then-write never deadlocks;
        # read-only units of work skip it and run beside the writer (WAL).
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


async def database_reachable(engine: AsyncEngine) -> bool:
    """True when a trivial query answers."""
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


class SqlUnitOfWork:
    """One transaction over one session; leaving without commit rolls back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], box: SecretBox,
                 read_only: bool = False, write_lock: asyncio.Lock | None = None) -> None:
        self._sessions, self._box, self.read_only = sessions, box, read_only
        self._lock = None if read_only else write_lock

    async def __aenter__(self) -> Self:
        if self._lock is not None:
            await _acquire(self._lock)
        self.session = self._sessions()
        if self.read_only:
            await self.session.connection(execution_options={READ_ONLY: True})
        self.workspaces = SqlWorkspaces(self.session, self._box)
        self.people = SqlPeople(self.session)
        self.events = SqlEvents(self.session)
        self.outbox = SqlOutbox(self.session)
        self.chat_state = SqlChatState(self.session)
        return self

    async def __aexit__(self, *exc: object) -> None:
        # close() rolls back what was not committed and, unlike rollback(), leaves loaded
        # objects readable for the caller after the unit of work ends.
        try:
            await self.session.close()
        finally:
            if self._lock is not None:
                _holders.pop(self._lock, None)
                self._lock.release()

    async def flush(self) -> None:
        await self.session.flush()

    async def commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            raise Duplicate(str(exc.orig)) from exc

    async def rollback(self) -> None:
        await self.session.rollback()


_holders: dict[asyncio.Lock, asyncio.Task[Any] | None] = {}


async def _acquire(lock: asyncio.Lock) -> None:
    """Take SQLite's write lock; a unit of work opened inside another would wait forever."""
    task = asyncio.current_task()
    if lock.locked() and _holders.get(lock) is task:
        raise RuntimeError("a unit of work was opened inside another one in the same task")
    await lock.acquire()
    _holders[lock] = task


class SqlUnitOfWorkFactory:
    """Makes a fresh unit of work per use case (sessions never outlive one)."""

    def __init__(self, engine: AsyncEngine, secret_key: str) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.box = SecretBox(secret_key)
        # SQLite has one writer at a time; queueing writers here, in order, beats its
        # busy-wait (which let some answers wait seconds under load). Units of work never
        # nest, so this cannot deadlock.
        sqlite = engine.dialect.name == "sqlite"
        self.write_lock = asyncio.Lock() if sqlite else None

    def __call__(self, *, read_only: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.box, read_only, self.write_lock)
