"""Retention: guests' personal data is erased RETENTION_DAYS after their event ended.

Every worker runs a pass at start and then once an hour. The events stay, anonymised, for
the organizers' listings; their attachments go. Each event is locked and checked again
before it is touched, so two workers running a pass at once erase each event once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.model import Role
from bot.privacy import erase_guests
from bot.services import Context

if TYPE_CHECKING:
    from bot.runtime import Runtime, Task

log = logging.getLogger("ospite.retention")

RUN_EVERY = 3600.0  # seconds between passes
BATCH = 50


async def anonymise_ended(ctx: Context, days: int, batch: int = BATCH) -> int:
    """Erase the guests and files of events that ended over `days` ago; returns events done."""
    if days <= 0:
        return 0
    cutoff = ctx.clock.now() - timedelta(days=days)
    done, after = 0, 0
    while True:
        async with ctx.uow(read_only=True) as uow:
            ids = await uow.events.list_ended_before(cutoff, after, batch)
        if not ids:
            return done
        for event_id in ids:
            done += await _anonymise(ctx, event_id, cutoff)
        after = ids[-1]


async def _anonymise(ctx: Context, event_id: int, cutoff: datetime) -> int:
    async with ctx.uow() as uow:
        event = await uow.events.get(event_id, for_update=True)
        if event is None or event.end >= cutoff:
            return 0
        guests = [a for a in event.attendees if a.role is Role.GUEST and not a.erased]
        await erase_guests(uow, event, guests, ctx.clock.now())
        files = await uow.events.delete_attachments(event_id)
        await uow.commit()
    return 1 if guests or files else 0


def retention_task(ctx: Context, days: int, every: float = RUN_EVERY) -> Task:
    """A worker task: one pass at once, then one every `every` seconds until stopped."""

    async def run(stop: asyncio.Event) -> None:
        while True:
            try:
                done = await anonymise_ended(ctx, days)
            except Exception:
                log.exception("retention pass failed; trying again at the next one")
            else:
                if done:
                    log.info("retention: guests' data erased from %d ended events", done)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
            if stop.is_set():
                return

    return run


def wire_retention(runtime: Runtime) -> None:
    """Every worker applies RETENTION_DAYS (0 keeps everything and adds no task)."""
    days = runtime.settings.RETENTION_DAYS
    if days:
        runtime.worker_tasks.append(retention_task(runtime.ctx, days))
