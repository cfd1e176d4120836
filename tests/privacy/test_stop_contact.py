"""stop_contact: a guest opts out of one event from their link, and hears no more of it."""

from __future__ import annotations

import secrets
from datetime import datetime

import pytest

from bot import invitations, privacy, services, tokens
from bot.domain.errors import NotFound
from bot.domain.model import Answer
from tests.support.drafts import ANNA, BOB, ORGANIZER, draft
from tests.support.mailbox import deliver_all, mail_runtime
from tests.support.outbox import mail_to, outbox_rows

LATER = {"start": datetime(2026, 3, 3, 14), "end": datetime(2026, 3, 3, 15)}


async def anna_and_bob(ctx):
    event = await services.create_event(ctx, ORGANIZER, draft())
    return event, tokens.token_for(ctx.secret_key, event.guests[0])


async def test_stopping_contact_declines_and_tells_the_organizer(ctx, runtime):
    event, token = await anna_and_bob(ctx)
    answered = await privacy.stop_contact(ctx, token)
    assert answered.changed
    anna = (await services.get_event(ctx, event.id)).guests[0]
    assert (anna.answer, anna.contact_stopped) == (Answer.DECLINED, True)
    [told] = await outbox_rows(runtime, "chat.answer")
    assert told["payload"] | {"answer": "declined", "previous": "awaiting",
                              "source": "opt_out"} == told["payload"]


async def test_no_update_or_cancellation_reaches_them_any_more(ctx, runtime, settings, clock,
                                                               smtp_sink):
    event, token = await anna_and_bob(ctx)
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 2"))
    await privacy.stop_contact(ctx, token)  # the update queued for her is not sent either
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 2", **LATER))
    await services.cancel_event(ctx, ORGANIZER, event.id)
    await deliver_all(worker)
    await worker.engine.dispose()
    to_anna = [r for r in smtp_sink.received if r.rcpt_tos == [ANNA.email]]
    to_bob = [r for r in smtp_sink.received if r.rcpt_tos == [BOB.email]]
    assert len(to_anna) == 1 and len(to_bob) == 4  # her invitation; his and three changes
    anna = (await services.get_event(ctx, event.id)).current_attendees[0]
    assert anna.answer is Answer.DECLINED  # the time change asked nobody who opted out


async def test_accepting_after_all_brings_the_updates_back(ctx, runtime):
    event, token = await anna_and_bob(ctx)
    await privacy.stop_contact(ctx, token)
    await invitations.answer_invitation(ctx, token, Answer.ACCEPTED)
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 2"))
    assert set(await mail_to(runtime, "mail.update")) == {a.id for a in event.guests}


async def test_after_the_event_the_wish_is_kept_without_an_answer(ctx, runtime, clock):
    event, token = await anna_and_bob(ctx)
    clock.advance(days=3)
    answered = await privacy.stop_contact(ctx, token)
    assert not answered.changed and await outbox_rows(runtime, "chat.answer") == []
    anna = (await services.get_event(ctx, event.id)).guests[0]
    assert (anna.answer, anna.contact_stopped) == (Answer.AWAITING, True)


async def test_a_dead_link_stops_nothing(ctx, runtime):
    event, token = await anna_and_bob(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[BOB]))
    forgotten = tokens.token_for(ctx.secret_key, event.guests[1])
    await privacy.forget_guest(ctx, BOB.email)
    rows = await outbox_rows(runtime)
    for dead in (token, forgotten, secrets.token_urlsafe(32), "not-a-token"):
        with pytest.raises(NotFound):
            await privacy.stop_contact(ctx, dead)
    assert await outbox_rows(runtime) == rows
