"""Work that must run in one process of the deployment at a time, taken over when it dies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from bot.ports import Locks

log = logging.getLogger("ospite")

Task = Callable[[asyncio.Event], Awaitable[None]]
RETRY_SECONDS = 5.0


def alone(locks: Locks, name: str, task: Task, retry: float = RETRY_SECONDS) -> Task:
    """`task` wrapped so that it runs only while this process holds the lock `name`."""

    async def run(stop: asyncio.Event) -> None:
        standing_by = False
        while not stop.is_set():
            async with locks.hold(name) as lease:
                if lease is not None:
                    log.info("%s runs in this process", name)
                    standing_by = False
                    await _until(task, stop, lease.lost)
                elif not standing_by:
                    log.info("%s runs in another process; this one stands by", name)
                    standing_by = True
            await _wait(stop, retry)

    run.inner = task  # type: ignore[attr-defined] - what runs inside, for tests and logs
    return run


async def _until(task: Task, stop: asyncio.Event, lost: asyncio.Event) -> None:
    """Run the task until the process stops or the lock is lost."""
    inner = asyncio.Event()

    async def relay() -> None:
        done = [asyncio.create_task(stop.wait()), asyncio.create_task(lost.wait())]
        await asyncio.wait(done, return_when=asyncio.FIRST_COMPLETED)
        for waiter in done:
            waiter.cancel()
        inner.set()

    relaying = asyncio.create_task(relay())
    try:
        await task(inner)
    except Exception:
        log.exception("a background task stopped with an error; trying again shortly")
    finally:
        relaying.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relaying


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
