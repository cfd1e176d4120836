"""update_event / cancel_event: who is told what, SEQUENCE, and answers after a time change."""

from datetime import datetime

import pytest

from bot import services
from bot.domain.errors import Forbidden
from bot.domain.model import Answer, AnswerSource, EventStatus
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, STRANGER, draft
from tests.support.outbox import mail_to, outbox_rows


async def created(ctx):
    event = await services.create_event(ctx, ORGANIZER, draft())
    anna, bob = event.guests
    return event, anna, bob


async def test_a_time_change_updates_every_guest_and_resets_answers(ctx, runtime):
    event, anna, bob = await created(ctx)
    await services.respond_to_invitation(ctx, anna.id, Answer.ACCEPTED, AnswerSource.WEB)
    later = draft(start=datetime(2026, 3, 3, 14), end=datetime(2026, 3, 3, 15))
    changes = await services.update_event(ctx, ORGANIZER, event.id, later)
    assert changes.time_changed
    updates = await mail_to(runtime, "mail.update")
    assert set(updates) == {anna.id, bob.id}
    assert all(u["sequence"] == 1 and u["answer_reset"] for u in updates.values())
    assert {c["field"] for c in updates[anna.id]["changes"]} == {"start", "end"}
    stored = await services.get_event(ctx, event.id)
    assert stored.sequence == 1
    assert [g.answer for g in stored.guests] == [Answer.AWAITING, Answer.AWAITING]


async def test_a_place_change_updates_guests_but_keeps_their_answers(ctx, runtime):
    event, anna, _ = await created(ctx)
    await services.respond_to_invitation(ctx, anna.id, Answer.ACCEPTED, AnswerSource.WEB)
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="https://meet.example/q"))
    updates = await mail_to(runtime, "mail.update")
    assert len(updates) == 2 and not updates[anna.id]["answer_reset"]
    assert updates[anna.id]["changes"] == [{"field": "place", "old": "Via Roma 1, Milano",
                                            "new": "https://meet.example/q"}]
    stored = await services.get_event(ctx, event.id)
    assert stored.guests[0].answer is Answer.ACCEPTED and stored.sequence == 1


async def test_title_or_description_alone_sends_no_email(ctx, runtime):
    event, _, _ = await created(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(title="Q1 review",
                                                                 description="New agenda"))
    assert await outbox_rows(runtime, "mail.update") == []
    stored = await services.get_event(ctx, event.id)
    assert (stored.title, stored.sequence) == ("Q1 review", 0)


async def test_title_change_is_sent_when_the_organizer_asks(ctx, runtime):
    event, _, _ = await created(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(title="Q1 review"),
                                notify_all=True)
    updates = await mail_to(runtime, "mail.update")
    assert len(updates) == 2 and all(u["sequence"] == 1 for u in updates.values())


async def test_guest_list_changes_invite_the_new_and_cancel_the_removed(ctx, runtime):
    event, _, bob = await created(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[ANNA, CHLOE]))
    stored = await services.get_event(ctx, event.id)
    chloe = next(g for g in stored.guests if g.email == CHLOE.email)
    assert set(await mail_to(runtime, "mail.cancellation")) == {bob.id}
    invites = await mail_to(runtime, "mail.invitation")
    assert invites[chloe.id]["sequence"] == stored.sequence == 1
    # Guests never see each other, so a guest who stays is not told about the list.
    assert await mail_to(runtime, "mail.update") == {}
    assert [g.email for g in stored.guests] == [ANNA.email, CHLOE.email]


async def test_a_removed_guest_added_back_gets_a_fresh_invitation(ctx, runtime):
    event, _, bob = await created(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[ANNA]))
    await services.update_event(ctx, ORGANIZER, event.id, draft(guests=[ANNA, BOB]))
    stored = await services.get_event(ctx, event.id)
    new_bob = next(g for g in stored.guests if g.email == BOB.email)
    assert new_bob.id != bob.id
    assert (await mail_to(runtime, "mail.invitation"))[new_bob.id]["sequence"] == 1


async def test_cancelling_sends_a_cancellation_to_every_guest(ctx, runtime):
    event, anna, bob = await created(ctx)
    await services.cancel_event(ctx, ORGANIZER, event.id)
    cancels = await mail_to(runtime, "mail.cancellation")
    assert set(cancels) == {anna.id, bob.id}
    assert all(c["sequence"] == 1 for c in cancels.values())
    stored = await services.get_event(ctx, event.id)
    assert stored.status is EventStatus.CANCELLED


async def test_sequence_only_rises(ctx, runtime):
    event, _, _ = await created(ctx)
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 2"))
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 2", title="Renamed"))
    await services.update_event(ctx, ORGANIZER, event.id, draft(place="Room 3"))
    await services.cancel_event(ctx, ORGANIZER, event.id)
    sequences = [r["payload"]["sequence"] for r in await outbox_rows(runtime)
                 if r["kind"].startswith("mail.")]
    assert sequences == sorted(sequences) and sequences[-1] == 3


async def test_only_the_organizer_may_change_or_cancel(ctx, runtime):
    event, _, _ = await created(ctx)
    with pytest.raises(Forbidden):
        await services.update_event(ctx, STRANGER, event.id, draft(place="Elsewhere"))
    with pytest.raises(Forbidden):
        await services.cancel_event(ctx, STRANGER, event.id)
    stored = await services.get_event(ctx, event.id)
    assert stored.status is EventStatus.SCHEDULED and stored.place == "Via Roma 1, Milano"


async def test_a_new_attachment_is_sent_when_the_organizer_tells_the_guests(ctx, settings,
                                                                           clock, smtp_sink):
    from bot.domain.model import Attachment
    from tests.support.mailbox import deliver_all, mail_runtime

    event = await services.create_event(ctx, ORGANIZER, draft())
    agenda = Attachment("agenda.pdf", "application/pdf", b"%PDF agenda")
    quiet = await services.update_event(ctx, ORGANIZER, event.id, draft(attachments=[agenda]))
    assert quiet.told.updated == 0
    second = Attachment("slides.pdf", "application/pdf", b"%PDF slides")
    told = await services.update_event(ctx, ORGANIZER, event.id,
                                       draft(attachments=[second]), notify_all=True)
    assert told.told.updated == 2
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    updates = [m for m in smtp_sink.messages if m["Subject"].startswith("Updated")]
    assert len(updates) == 2
    text = updates[0].get_body(preferencelist=("plain",)).get_content()
    assert "- Attachments: — → slides.pdf" in text
    assert sorted(f.get_filename() for f in updates[0].iter_attachments()) == [
        "agenda.pdf", "slides.pdf"]
    await worker.engine.dispose()
