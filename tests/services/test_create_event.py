"""create_event stores the event, its attendees and one invitation per attendee, together."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot import services, tokens
from bot.domain.errors import InvalidInput
from bot.domain.model import Answer, Attachment, EventStatus, Role
from storage.tables import attendees, events, outbox
from tests.support.drafts import COLLEAGUE, ORGANIZER, draft
from tests.support.outbox import outbox_rows
from tests.support.words import in_words


async def count(runtime, table) -> int:
    async with runtime.engine.connect() as conn:
        return await conn.scalar(select(func.count()).select_from(table))


async def test_an_event_is_stored_with_guests_awaiting_an_answer(ctx):
    event = await services.create_event(ctx, ORGANIZER, draft())
    stored = await services.get_event(ctx, event.id)
    assert stored.title == "Quarterly review" and stored.status is EventStatus.SCHEDULED
    assert stored.start == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert stored.start.tzinfo is not None  # aware on SQLite too
    assert stored.sequence == 0 and stored.uid.endswith("@ospite")
    assert [(a.email, a.answer) for a in stored.guests] == [
        ("anna.rossi@acme.example", Answer.AWAITING), ("bob@partner.example", Answer.AWAITING)]


async def test_each_guest_gets_one_invitation_in_the_outbox(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    rows = await outbox_rows(runtime, "mail.invitation")
    assert sorted(r["payload"]["attendee_id"] for r in rows) == sorted(a.id for a in event.guests)
    assert all(r["payload"]["sequence"] == 0 and r["status"] == "pending" for r in rows)


async def test_colleagues_are_invited_in_the_chat_not_by_email(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft(colleagues=[COLLEAGUE, ORGANIZER]))
    [colleague] = event.colleagues  # the organizer is not their own colleague
    assert colleague.role is Role.COLLEAGUE and colleague.first_name == "Luca"
    [row] = await outbox_rows(runtime, "chat.colleague_invited")
    assert row["payload"]["attendee_id"] == colleague.id
    assert len(await outbox_rows(runtime, "mail.invitation")) == 2


async def test_guest_tokens_are_stored_only_as_hashes(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    guest = event.guests[0]
    token = tokens.token_for(ctx.secret_key, guest)
    assert len(token) >= 43  # 256 bits
    async with runtime.engine.connect() as conn:
        stored = (await conn.execute(select(attendees))).all()
    assert all(token not in str(tuple(row)) for row in stored)
    assert tokens.token_hash(token) in {row.token_hash for row in stored}


async def test_invalid_input_stores_nothing(ctx, runtime):
    with pytest.raises(InvalidInput) as caught:
        await services.create_event(ctx, ORGANIZER, draft(title=""))
    assert in_words(caught.value.problems) == {"title": "Please fill this in."}
    assert (await count(runtime, events), await count(runtime, outbox)) == (0, 0)


async def test_attachments_are_kept_with_the_event(ctx, runtime):
    files = [Attachment("agenda.pdf", "application/pdf", b"%PDF-1.4 agenda")]
    event = await services.create_event(ctx, ORGANIZER, draft(attachments=files))
    async with ctx.uow() as uow:
        [kept] = await uow.events.list_attachments(event.id)
    assert (kept.name, kept.data) == ("agenda.pdf", b"%PDF-1.4 agenda")


async def test_files_are_listed_with_sizes_without_their_bytes(ctx):
    files = [Attachment("agenda.pdf", "application/pdf", b"12345"),
             Attachment("map.png", "image/png", b"\x89PNG" + bytes(96))]
    event = await services.create_event(ctx, ORGANIZER, draft(attachments=files))
    async with ctx.uow() as uow:
        listed = await uow.events.list_files(event.id)
    assert [(f.name, f.content_type, f.size) for f in listed] == [
        ("agenda.pdf", "application/pdf", 5), ("map.png", "image/png", 100)]
