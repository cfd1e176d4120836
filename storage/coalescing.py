"""Outbox rows that coalesce: one waiting row per key, and one send per key per window.

A row is waiting while its status is 'pending' (due or not, retried or not); a worker's
claim ('sending') ends that, so nothing is merged into a message already on its way. The
partial unique index `uq_outbox_waiting_coalesce_key` keeps racing writers to one waiting
row: the loser's insert does nothing, and it merges into the winner's row instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.notices import Notice, Payload, notice_type
from storage.tables import OUTBOX_WAITING, outbox

WAITING = "pending"
TOLD = ("sent", "sending")
COALESCED = "coalesced"  # failed on its way, and folded into a newer row of its key
TRIES = 5  # each retry follows a writer that committed meanwhile; more means a bug

c = outbox.c


async def add_coalescing(session: AsyncSession, notice: Notice, now: datetime) -> None:
    """Merge the notice into its key's waiting row, or insert one due when the window allows."""
    key = notice.coalesce_key()
    assert key is not None
    for _ in range(TRIES):
        waiting = await waiting_row(session, key)
        told = await told_row(session, key)
        if waiting is not None:
            await merge(session, waiting, waiting.payload, notice.payload(), told)
            return
        if await _insert(session, notice, key, _due(notice, told, now), now):
            return
    raise RuntimeError(f"no stable waiting outbox row for {key}")


async def waiting_row(session: AsyncSession, key: str) -> Row[Any] | None:
    """The key's waiting row, locked: a worker's SKIP LOCKED claim passes it by meanwhile."""
    query = (select(c.id, c.kind, c.payload, c.next_attempt_at)
             .where(c.coalesce_key == key, c.status == WAITING).with_for_update())
    return (await session.execute(query)).first()


async def told_row(session: AsyncSession, key: str, but: int | None = None) -> Row[Any] | None:
    """The key's newest row sent or on its way (other than `but`)."""
    query = select(c.id, c.payload, c.status, c.sent_at).where(
        c.coalesce_key == key, c.status.in_(TOLD))
    if but is not None:
        query = query.where(c.id != but)
    return (await session.execute(query.order_by(c.id.desc()).limit(1))).first()


async def merge(session: AsyncSession, waiting: Row[Any], older: Payload, newer: Payload,
                told: Row[Any] | None, due: datetime | None = None) -> None:
    """Write into the waiting row what `older` then `newer` say, by their kind's rule."""
    payload = notice_type(waiting.kind).coalesce(older, newer, told.payload if told else None)
    if payload is None:  # nothing left to say: the job is cancelled, not failed
        await session.execute(delete(outbox).where(c.id == waiting.id))
        return
    values: dict[str, Any] = {"payload": payload}
    if due is not None:
        values["next_attempt_at"] = due
    await session.execute(update(outbox).where(c.id == waiting.id).values(**values))


async def fold_retry(session: AsyncSession, message_id: int, key: str, payload: Payload,
                     retry_at: datetime) -> bool:
    """Fold a row that failed on its way into a newer waiting row of its key, if one waits.

    The waiting row was timed as if the failed one went out; it did not, so it is due by
    the last row really sent, and never before the retry time the peer asked for.
    """
    waiting = await waiting_row(session, key)
    if waiting is None:
        return False
    told = await told_row(session, key, but=message_id)
    window = notice_type(waiting.kind).coalesce_window
    if told is None:
        due = retry_at
    elif told.status == "sending" or told.sent_at is None:
        due = max(retry_at, waiting.next_attempt_at)
    else:
        due = max(retry_at, told.sent_at + window)
    await merge(session, waiting, payload, waiting.payload, told, due)
    return True


def _due(notice: Notice, told: Row[Any] | None, now: datetime) -> datetime:
    if told is None:
        return now
    # A row on its way is sent about now; its sent_at is not written yet.
    last = now if told.status == "sending" or told.sent_at is None else told.sent_at
    return max(now, last + notice.coalesce_window)


async def _insert(session: AsyncSession, notice: Notice, key: str, due: datetime,
                  now: datetime) -> bool:
    """Insert the waiting row; False when another writer's waiting row got there first."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(outbox).values(
        kind=notice.kind, payload=notice.payload(), status=WAITING, attempts=0,
        next_attempt_at=due, created_at=now, idempotency_key=notice.idempotency_key(),
        coalesce_key=key,
    ).on_conflict_do_nothing(index_elements=[c.coalesce_key], index_where=OUTBOX_WAITING)
    result = await session.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]
