"""The outbox table: notices written with the change, claimed and marked by workers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.notices import Notice
from bot.ports import OutboxMessage
from storage.tables import outbox


class SqlOutbox:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, notices: Sequence[Notice], now: datetime) -> None:
        if not notices:
            return
        rows = [{
            "kind": n.kind, "payload": n.payload(), "status": "pending", "attempts": 0,
            "next_attempt_at": now, "created_at": now, "idempotency_key": n.idempotency_key(),
        } for n in notices]
        await self.session.execute(insert(outbox), rows)

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
        await self._set(message_id, status="pending", last_error=error[:2000],
                        next_attempt_at=next_attempt_at, locked_until=None,
                        attempts=outbox.c.attempts + 1)

    async def mark_failed(self, message_id: int, error: str, now: datetime) -> None:
        await self._set(message_id, status="failed", last_error=error[:2000],
                        locked_until=None, attempts=outbox.c.attempts + 1)

    async def _set(self, message_id: int, **values: object) -> None:
        await self.session.execute(update(outbox).where(outbox.c.id == message_id).values(**values))
