"""The outbox table: notices written with the change, claimed and marked by workers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.notices import Notice
from bot.ports import OutboxEntry, OutboxMessage
from storage import coalescing
from storage.tables import outbox


class SqlOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, notices: Sequence[Notice], now: datetime) -> None:
        """Write notices as rows due now; coalescing ones merge or wait (storage.coalescing)."""
        rows = [{
            "kind": n.kind, "payload": n.payload(), "status": "pending", "attempts": 0,
            "next_attempt_at": now, "created_at": now, "idempotency_key": n.idempotency_key(),
        } for n in notices if n.coalesce_key() is None]
        if rows:
            await self.session.execute(insert(outbox), rows)
        for notice in notices:
            if notice.coalesce_key() is not None:
                await coalescing.add_coalescing(self.session, notice, now)

    async def claim_due(self, now: datetime, limit: int, lease_seconds: float,
                        kinds: Sequence[str] | None = None) -> list[OutboxMessage]:
        """Lease due rows to this caller; SKIP LOCKED keeps two workers off the same row.

        A row whose lease ran out (its worker died mid-batch) is due again.
        """
        c = outbox.c
        due = or_(and_(c.status == "pending", c.next_attempt_at <= now),
                  and_(c.status == "sending", c.locked_until < now))
        if kinds is not None:
            due = and_(due, c.kind.in_(list(kinds)))
        picked = (select(c.id).where(due).order_by(c.id).limit(limit)
                  .with_for_update(skip_locked=True))
        claim = uuid.uuid4().hex
        result = await self.session.execute(
            update(outbox).where(c.id.in_(picked.scalar_subquery()))
            .values(status="sending", claimed_by=claim,
                    locked_until=now + timedelta(seconds=lease_seconds))
            .returning(c.id, c.kind, c.payload, c.attempts, c.created_at))
        rows = sorted(result.all(), key=lambda r: r.id)
        return [OutboxMessage(r.id, r.kind, r.payload, r.attempts, r.created_at) for r in rows]

    async def mark_sent(self, message_ids: Sequence[int], now: datetime) -> None:
        if message_ids:
            await self.session.execute(
                update(outbox).where(outbox.c.id.in_(list(message_ids)))
                .values(status="sent", sent_at=now, locked_until=None))

    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        """Due again later; if a newer row of its key waits meanwhile, fold it into that one."""
        failed = {"last_error": error[:2000], "locked_until": None,
                  "attempts": outbox.c.attempts + 1}
        again = {"status": "pending", "next_attempt_at": next_attempt_at, **failed}
        row = (await self.session.execute(select(outbox.c.payload, outbox.c.coalesce_key)
                                          .where(outbox.c.id == message_id))).one()
        if row.coalesce_key is None:
            await self._set(message_id, **again)
            return
        for _ in range(coalescing.TRIES):
            if await coalescing.fold_retry(self.session, message_id, row.coalesce_key,
                                           row.payload, next_attempt_at):
                await self._set(message_id, status=coalescing.COALESCED, **failed)
                return
            try:
                async with self.session.begin_nested():
                    await self._set(message_id, **again)
                return
            except IntegrityError:  # a writer committed a waiting row of the key just now
                continue
        raise RuntimeError(f"outbox row {message_id} could not be retried")

    async def mark_failed(self, message_id: int, error: str, now: datetime) -> None:
        await self._set(message_id, status="failed", last_error=error[:2000],
                        locked_until=None, attempts=outbox.c.attempts + 1)

    async def list_for_attendees(self, attendee_ids: Sequence[int]) -> list[OutboxEntry]:
        """Every row about these attendees (the notices that name one), oldest first."""
        if not attendee_ids:
            return []
        return await self._entries(outbox.c.payload["attendee_id"].as_integer()
                                   .in_(list(attendee_ids)))

    async def list_mentioning(self, text: str) -> list[OutboxEntry]:
        c, wanted = outbox.c, text.lower()
        return await self._entries(or_(
            func.lower(cast(c.payload, Text)).contains(wanted, autoescape=True),
            func.lower(c.last_error).contains(wanted, autoescape=True)))

    async def rewrite(self, message_id: int, payload: dict[str, Any],
                      last_error: str | None) -> None:
        await self._set(message_id, payload=payload, last_error=last_error)

    async def delete(self, message_ids: Sequence[int]) -> None:
        if message_ids:
            await self.session.execute(delete(outbox).where(outbox.c.id.in_(list(message_ids))))

    async def _entries(self, condition: ColumnElement[bool]) -> list[OutboxEntry]:
        c = outbox.c
        rows = await self.session.execute(
            select(c.id, c.kind, c.status, c.payload, c.last_error, c.created_at, c.sent_at)
            .where(condition).order_by(c.id))
        return [OutboxEntry(r.id, r.kind, r.status, r.payload, r.last_error, r.created_at,
                            r.sent_at) for r in rows]

    async def _set(self, message_id: int, **values: object) -> None:
        await self.session.execute(update(outbox).where(outbox.c.id == message_id).values(**values))
