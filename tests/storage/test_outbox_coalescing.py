"""The outbox coalesces chat notices: one waiting row per key, never one already on its way."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from bot import services
from bot.chat.router import CHAT_KINDS, ChatRouter
from bot.domain.model import Answer, AnswerSource
from bot.domain.notices import GuestResponded
from bot.worker import OutboxWorker
from storage.tables import outbox
from tests.support.chat import RecordingPlatform
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows

WEB = AnswerSource.WEB


Notifier = RecordingPlatform


async def deliver(ctx, notifier: RecordingPlatform, locks) -> None:
    worker = OutboxWorker(ctx.uow, ctx.clock, [ChatRouter(ctx, locks, [notifier])])
    while await worker.run_once():
        pass


async def test_an_answer_on_its_way_is_not_merged_into_and_its_failure_folds_into_the_next(
        ctx, runtime, clock):
    event = await services.create_event(ctx, ORGANIZER, draft())
    anna = event.guests[0].id
    await services.respond_to_invitation(ctx, anna, Answer.ACCEPTED, WEB)
    start = clock.now()

    async def anna_changes_her_mind():
        await services.respond_to_invitation(ctx, anna, Answer.DECLINED, WEB)

    notifier = Notifier(chat_answer=anna_changes_her_mind)
    await deliver(ctx, notifier, runtime.locks)
    failed, waiting = await outbox_rows(runtime, "chat.answer")
    assert (failed["status"], failed["payload"]["answer"]) == ("coalesced", "accepted")
    assert failed["last_error"] == "Slack rate limit"
    # never told, so no minute to wait: only the 10 s the platform asked for
    assert (waiting["status"], waiting["next_attempt_at"]) == ("pending",
                                                               start + timedelta(seconds=10))
    assert (waiting["payload"]["previous"], waiting["payload"]["answer"]) == (
        "awaiting", "declined")
    clock.advance(seconds=10)
    await deliver(ctx, notifier, runtime.locks)
    [answer] = notifier.answers()
    assert " declined " in answer


async def test_a_card_edit_that_meets_a_rate_limit_waits_for_it_and_for_the_window(
        ctx, runtime, clock):
    event = await services.create_event(ctx, ORGANIZER, draft())
    notifier = Notifier()
    await deliver(ctx, notifier, runtime.locks)  # the card is shown
    shown_at = clock.now()
    clock.advance(seconds=5)
    await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED, WEB)

    async def bob_answers():
        await services.respond_to_invitation(ctx, event.guests[1].id, Answer.DECLINED, WEB)

    notifier.meanwhile["chat.card"] = bob_answers
    await deliver(ctx, notifier, runtime.locks)
    statuses = [(r["status"], r["next_attempt_at"]) for r in await outbox_rows(runtime,
                                                                               "chat.card")]
    assert statuses == [("sent", shown_at), ("coalesced", shown_at + timedelta(seconds=5)),
                        ("pending", shown_at + timedelta(seconds=15))]
    clock.advance(seconds=10)
    await deliver(ctx, notifier, runtime.locks)
    assert len(notifier.cards()) == 2


async def test_edits_merge_their_card_rows_but_never_their_emails(ctx, runtime, clock):
    event = await services.create_event(ctx, ORGANIZER, draft())
    for place in ("Via Dante 2, Milano", "Via Dante 3, Milano"):
        await services.update_event(ctx, ORGANIZER, event.id, draft(place=place))
    updates = await outbox_rows(runtime, "mail.update")
    assert sorted((r["payload"]["attendee_id"], r["payload"]["sequence"]) for r in updates) == [
        (g.id, seq) for g in event.guests for seq in (1, 2)]
    assert all(r["coalesce_key"] is None and r["status"] == "pending" for r in updates)
    assert len(await outbox_rows(runtime, "chat.card")) == 1


async def test_the_database_holds_one_waiting_row_per_key(runtime, clock):
    now = clock.now()
    row = {"kind": "chat.answer", "payload": {}, "status": "pending", "attempts": 0,
           "next_attempt_at": now, "created_at": now, "coalesce_key": "chat.answer:7"}
    async with runtime.engine.begin() as conn:
        await conn.execute(insert(outbox), [row | {"status": "sent", "idempotency_key": "a"},
                                            row | {"idempotency_key": "b"}])
    with pytest.raises(IntegrityError):
        async with runtime.engine.begin() as conn:
            await conn.execute(insert(outbox).values(row | {"idempotency_key": "c"}))


# Several web and worker processes on PostgreSQL: the races SQLite's single writer rules out.

def answer(now, said: str, previous: str) -> GuestResponded:
    return GuestResponded(event_id=1, attendee_id=7, answer=said, previous=previous,
                          source="web", comment=None, answered_at=now.isoformat(),
                          accepted=0, invited=2)


async def write(ctx, notice, now) -> None:
    async with ctx.uow() as uow:
        await uow.outbox.add([notice], now)
        await uow.commit()


async def someone_waits_for_a_lock(runtime) -> None:
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND datname = current_database()")
    async with asyncio.timeout(10):
        while True:  # a fresh transaction each time: PostgreSQL keeps one view of the activity
            async with runtime.engine.connect() as conn:
                if (await conn.execute(query)).scalar():
                    return
            await asyncio.sleep(0.01)


def postgresql_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("on SQLite writers queue for one lock; nothing can race")


async def test_two_writers_for_one_key_leave_one_waiting_row(ctx, runtime, clock, backend):
    postgresql_only(backend)
    now = clock.now()
    async with ctx.uow() as first:
        await first.outbox.add([answer(now, "accepted", "awaiting")], now)
        second = asyncio.create_task(write(ctx, answer(now, "declined", "accepted"), now))
        await someone_waits_for_a_lock(runtime)  # the second writer's insert meets the first's
        await first.commit()
    await second
    [row] = await outbox_rows(runtime, "chat.answer")
    assert (row["status"], row["payload"]["previous"], row["payload"]["answer"]) == (
        "pending", "awaiting", "declined")


async def test_a_worker_passes_by_a_row_being_merged_into(ctx, runtime, clock, backend):
    postgresql_only(backend)
    now = clock.now()
    await write(ctx, answer(now, "accepted", "awaiting"), now)

    async def claim():
        async with ctx.uow() as uow:
            claimed = await uow.outbox.claim_due(now, 10, 300, CHAT_KINDS)
            await uow.commit()
        return claimed

    async with ctx.uow() as writer:
        await writer.outbox.add([answer(now, "declined", "accepted")], now)
        assert await asyncio.create_task(claim()) == []
        await writer.commit()
    [message] = await claim()
    assert message.payload["answer"] == "declined"


async def test_a_row_claimed_meanwhile_is_not_merged_into(ctx, runtime, clock, backend):
    postgresql_only(backend)
    now = clock.now()
    await write(ctx, answer(now, "accepted", "awaiting"), now)
    async with ctx.uow() as worker:
        assert len(await worker.outbox.claim_due(now, 10, 300, CHAT_KINDS)) == 1
        writer = asyncio.create_task(write(ctx, answer(now, "declined", "accepted"), now))
        await someone_waits_for_a_lock(runtime)  # the writer waits to lock the row claimed
        await worker.commit()
    await writer
    on_its_way, waiting = await outbox_rows(runtime, "chat.answer")
    assert (on_its_way["status"], on_its_way["payload"]["answer"]) == ("sending", "accepted")
    assert (waiting["status"], waiting["payload"]["answer"]) == ("pending", "declined")
    assert waiting["next_attempt_at"] == now + timedelta(minutes=1)
