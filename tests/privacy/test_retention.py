"""RETENTION_DAYS: the guests of long-ended events are erased by the worker, their files too."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot import services
from bot.app import build_runtime
from bot.domain.model import Answer, AnswerSource, Attachment
from bot.retention import anonymise_ended
from tests.support.drafts import ANNA, BOB, ORGANIZER, draft
from tests.support.outbox import outbox_rows


def agenda() -> Attachment:
    # Made per test: a domain object built before the mappers start would not map.
    return Attachment("agenda.pdf", "application/pdf", b"%PDF-1.4 the agenda")


async def old_and_recent(ctx, clock):
    """Anna and Bob at an event of March 2026 and at one of April 2027; today is 1 May 2027."""
    old = await services.create_event(ctx, ORGANIZER, draft(attachments=[agenda()]))
    await services.respond_to_invitation(ctx, old.guests[0].id, Answer.ACCEPTED,
                                         AnswerSource.WEB, "Anna, arriving by train")
    clock.advance(days=400)
    recent = await services.create_event(ctx, ORGANIZER, draft(
        title="Follow-up", start=datetime(2027, 4, 10, 10), end=datetime(2027, 4, 10, 11),
        attachments=[agenda()]))
    clock.advance(days=26)
    return old.id, recent.id


async def guests_and_files(ctx, event_id):
    event = await services.get_event(ctx, event_id)
    async with ctx.uow(read_only=True) as uow:
        files = await uow.events.list_files(event_id)
    return event, [(g.email, g.first_name, g.comment) for g in event.current_attendees], files


async def test_old_events_are_anonymised_and_recent_ones_kept(ctx, runtime, clock):
    old_id, recent_id = await old_and_recent(ctx, clock)
    _, kept_before, files_before = await guests_and_files(ctx, recent_id)

    assert await anonymise_ended(ctx, 365) == 1

    old, guests, files = await guests_and_files(ctx, old_id)
    assert (old.title, old.place) == ("Quarterly review", "Via Roma 1, Milano")
    assert guests == [("", "", None), ("", "", None)] and files == []
    assert all(a.erased for a in old.current_attendees) and old.count(Answer.ACCEPTED) == 1
    ids = {a.id for a in old.current_attendees}
    about_them = [r for r in await outbox_rows(runtime) if r["payload"].get("attendee_id") in ids]
    assert {r["status"] for r in about_them} <= {"sent"}
    _, kept, files = await guests_and_files(ctx, recent_id)
    assert kept == kept_before == [(ANNA.email, "Anna", None), (BOB.email, "Bob", None)]
    assert files == files_before and len(files) == 1
    assert await anonymise_ended(ctx, 365) == 0  # nothing left to do


async def test_zero_days_keeps_everything(ctx, clock):
    old_id, _ = await old_and_recent(ctx, clock)
    assert await anonymise_ended(ctx, 0) == 0
    _, guests, files = await guests_and_files(ctx, old_id)
    assert guests[0] == (ANNA.email, "Anna", "Anna, arriving by train") and len(files) == 1


async def test_the_worker_runs_it_with_the_runtimes_clock(ctx, settings, clock):
    old_id, _ = await old_and_recent(ctx, clock)
    stopped = asyncio.Event()
    stopped.set()  # each task makes the pass it owes at start, then returns
    for days, expected in ((0, ANNA.email), (365, "")):
        worker = build_runtime(settings.model_copy(update={"RETENTION_DAYS": days}),
                               clock=clock)
        await asyncio.gather(*(task(stopped) for task in worker.worker_tasks))
        await worker.engine.dispose()
        _, guests, _ = await guests_and_files(ctx, old_id)
        assert guests[0][0] == expected


async def test_two_workers_at_once_erase_each_event_once(ctx, settings, clock):
    for n in range(4):
        await services.create_event(ctx, ORGANIZER, draft(title=f"Event {n}"))
    clock.advance(days=400)
    first, second = (build_runtime(settings, clock=clock) for _ in range(2))
    try:
        done = await asyncio.gather(anonymise_ended(first.ctx, 365, batch=2),
                                    anonymise_ended(second.ctx, 365, batch=2))
    finally:
        await first.engine.dispose()
        await second.engine.dispose()
    assert sum(done) == 4
    for event_id in range(1, 5):
        event, guests, _ = await guests_and_files(ctx, event_id)
        assert guests == [("", "", None)] * 2
        assert len({a.token_hash for a in event.current_attendees}) == 2
