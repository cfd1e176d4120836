"""respond_to_invitation: stored answers and exactly one organizer notification per change."""

import asyncio

import pytest

from bot import services
from bot.chat.router import CHAT_KINDS
from bot.domain.errors import AnswerClosed
from bot.domain.model import Answer, AnswerSource
from bot.worker import OutboxWorker
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows

WEB = AnswerSource.WEB


class ChatDelivered:
    """A chat platform that takes every message."""

    kinds = CHAT_KINDS

    async def deliver(self, messages):
        return {m.id: None for m in messages}


async def test_answering_twice_the_same_way_notifies_once(ctx, runtime):
    event = await services.create_event(ctx, ORGANIZER, draft())
    guest = event.guests[0]
    first = await services.respond_to_invitation(ctx, guest.id, Answer.ACCEPTED, WEB)
    second = await services.respond_to_invitation(ctx, guest.id, Answer.ACCEPTED, WEB)
    assert (first.changed, second.changed) == (True, False)
    [row] = await outbox_rows(runtime, "chat.answer")
    assert row["payload"]["answer"] == "accepted" and row["payload"]["accepted"] == 1
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.ACCEPTED


async def test_changing_the_answer_notifies_again(ctx, runtime, clock):
    event = await services.create_event(ctx, ORGANIZER, draft())
    guest = event.guests[0]
    await services.respond_to_invitation(ctx, guest.id, Answer.ACCEPTED, WEB)
    await OutboxWorker(ctx.uow, clock, [ChatDelivered()]).run_once()  # told, so not merged into
    clock.advance(minutes=10)
    await services.respond_to_invitation(ctx, guest.id, Answer.DECLINED, WEB, "Sorry, ill")
    rows = await outbox_rows(runtime, "chat.answer")
    assert [(r["payload"]["previous"], r["payload"]["answer"]) for r in rows] == [
        ("awaiting", "accepted"), ("accepted", "declined")]
    assert rows[1]["payload"]["comment"] == "Sorry, ill"
    assert rows[1]["next_attempt_at"] == clock.now()  # the minute since the first is long over


async def test_many_guests_answering_at_once_are_all_recorded(ctx, runtime):
    many = [draft().guests[0].__class__(f"g{i}@acme.example", "Guest", str(i)) for i in range(20)]
    event = await services.create_event(ctx, ORGANIZER, draft(guests=many))
    await asyncio.gather(*(services.respond_to_invitation(ctx, g.id, Answer.ACCEPTED, WEB)
                           for g in event.guests))
    stored = await services.get_event(ctx, event.id)
    assert all(g.answer is Answer.ACCEPTED for g in stored.guests)
    rows = await outbox_rows(runtime, "chat.answer")
    assert len(rows) == 20
    assert sorted(r["payload"]["accepted"] for r in rows) == list(range(1, 21))


async def test_a_cancelled_event_refuses_answers(ctx):
    event = await services.create_event(ctx, ORGANIZER, draft())
    await services.cancel_event(ctx, ORGANIZER, event.id)
    with pytest.raises(AnswerClosed):
        await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED, WEB)


async def test_a_colleague_answers_for_themself_only(ctx, runtime):
    from bot.domain.errors import NotFound
    from tests.support.drafts import COLLEAGUE, STRANGER

    event = await services.create_event(ctx, ORGANIZER, draft(colleagues=[COLLEAGUE]))
    [colleague] = event.colleagues
    with pytest.raises(NotFound):
        await services.respond_as_colleague(ctx, STRANGER, colleague.id, Answer.ACCEPTED)
    answered = await services.respond_as_colleague(ctx, COLLEAGUE, colleague.id, Answer.ACCEPTED)
    assert answered.changed and answered.attendee.answer is Answer.ACCEPTED
    people = await services.list_people(ctx, [colleague.person_id, event.organizer_id])
    assert {p.user_id for p in people.values()} == {COLLEAGUE.user_id, ORGANIZER.user_id}
