"""Reading the outbox as the worker would see it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.app import Runtime
from storage.tables import outbox


async def outbox_rows(runtime: Runtime, kind: str | None = None) -> list[dict[str, Any]]:
    query = select(outbox).order_by(outbox.c.id)
    if kind is not None:
        query = query.where(outbox.c.kind == kind)
    async with runtime.engine.connect() as conn:
        return [dict(row._mapping) for row in await conn.execute(query)]


async def mail_to(runtime: Runtime, kind: str) -> dict[int, dict[str, Any]]:
    """Payloads of one mail kind by attendee id."""
    return {row["payload"]["attendee_id"]: row["payload"]
            for row in await outbox_rows(runtime, kind)}
