"""Event cards: however many changes, one card edit per event per 3 seconds, showing the latest."""

from __future__ import annotations

from datetime import timedelta

from bot import services
from bot.chat.router import ChatRouter
from bot.domain.model import Answer, AnswerSource
from bot.worker import OutboxWorker
from tests.support.chat import RecordingPlatform, said
from tests.support.drafts import ORGANIZER, draft
from tests.support.outbox import outbox_rows

WEB = AnswerSource.WEB


def Notifier() -> RecordingPlatform:
    return RecordingPlatform()


async def deliver(ctx, notifier: RecordingPlatform, locks) -> None:
    worker = OutboxWorker(ctx.uow, ctx.clock, [ChatRouter(ctx, locks, [notifier])])
    while await worker.run_once():
        pass


async def waiting_cards(runtime, event_id: int):
    return [r for r in await outbox_rows(runtime, "chat.card")
            if r["status"] == "pending" and r["payload"]["event_id"] == event_id]


async def test_many_changes_wait_in_one_card_row_due_3_s_after_the_last_edit(
        ctx, runtime, clock):
    event = await services.create_event(ctx, ORGANIZER, draft())
    notifier = Notifier()
    await deliver(ctx, notifier, runtime.locks)
    shown_at = clock.now()
    anna, bob = event.guests
    clock.advance(seconds=1)
    await services.respond_to_invitation(ctx, anna.id, Answer.ACCEPTED, WEB)
    await services.respond_to_invitation(ctx, bob.id, Answer.DECLINED, WEB)
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Via Dante 2, Milano"))
    await services.respond_to_invitation(ctx, bob.id, Answer.TENTATIVE, WEB)

    [row] = await waiting_cards(runtime, event.id)
    assert row["next_attempt_at"] == shown_at + timedelta(seconds=3)
    clock.advance(seconds=1.5)
    await deliver(ctx, notifier, runtime.locks)
    assert len(notifier.cards()) == 1  # only the card posted at creation so far
    clock.advance(seconds=0.5)
    await deliver(ctx, notifier, runtime.locks)
    [_, edit] = notifier.cards()
    shown = said(edit)  # rendered from the database at send time: every change is in it
    assert "📍 Via Dante 2, Milano" in shown
    assert "✅ accepted — Anna Rossi" in shown and "❔ maybe — Bob Stone" in shown

    clock.advance(seconds=10)  # long after the last edit, a change is shown at once
    await services.respond_to_invitation(ctx, anna.id, Answer.DECLINED, WEB)
    [row] = await waiting_cards(runtime, event.id)
    assert row["next_attempt_at"] == clock.now()


async def test_the_cards_of_two_events_are_edited_apart(ctx, runtime, clock):
    first = await services.create_event(ctx, ORGANIZER, draft())
    second = await services.create_event(ctx, ORGANIZER, draft(title="Budget"))
    notifier = Notifier()
    await deliver(ctx, notifier, runtime.locks)
    clock.advance(seconds=5)
    for event in (first, second, first, second):
        await services.respond_to_invitation(ctx, event.guests[0].id, Answer.ACCEPTED, WEB)
        await services.respond_to_invitation(ctx, event.guests[0].id, Answer.DECLINED, WEB)
    assert len(await waiting_cards(runtime, first.id)) == 1
    assert len(await waiting_cards(runtime, second.id)) == 1
    await deliver(ctx, notifier, runtime.locks)
    assert sorted(said(v).split("\n")[0] for v in notifier.cards()[2:]) == [
        "Budget", "Quarterly review"]
