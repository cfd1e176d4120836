"""Calendar replies read from a real IMAP server (Dovecot) by the worker."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import services
from bot.app import build_runtime
from bot.domain.model import Answer, MailSettings
from mail.replies.reader import ReplyReader
from tests.mail.conftest import DAN, HANDLED, answers, boxes, run_worker_task_until
from tests.support import replies
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, draft
from tests.support.imap import Dovecot
from tests.support.outbox import outbox_rows
from tests.support.smtp import free_port


async def test_replies_from_every_calendar_program_are_recorded_once(
        runtime, settings, clock, ctx, event, dovecot):
    uid = event.uid
    dovecot.append(replies.google(uid, "anna.rossi@acme.example", note="See you there"))
    dovecot.append(replies.outlook(uid, "bob@partner.example", note="Travelling that week."))
    dovecot.append(replies.PLAIN_MAIL)
    dovecot.append(replies.apple(uid, "chloe@freelance.example"))
    dovecot.append(replies.thunderbird(uid, "dan@studio.example"))
    worker = build_runtime(settings.model_copy(update={"IMAP_URL": dovecot.url}), clock=clock)

    async def four_answers() -> bool:
        return len(await outbox_rows(runtime, "chat.answer")) == 4

    await run_worker_task_until(worker, four_answers)
    assert await answers(ctx, event) == {
        "anna.rossi@acme.example": (Answer.ACCEPTED, "See you there"),
        "bob@partner.example": (Answer.DECLINED, "Travelling that week."),
        "chloe@freelance.example": (Answer.TENTATIVE, None),
        "dan@studio.example": (Answer.ACCEPTED, None),
    }
    rows = await outbox_rows(runtime, "chat.answer")
    assert {r["payload"]["source"] for r in rows} == {"calendar"}
    flags = dovecot.flags()
    assert [f >= HANDLED for f in flags] == [True, True, False, True, True]
    assert "\\Seen" not in flags[2]  # the lunch question is left for a person to read

    # A second worker (or a restart) does not read the handled replies again.
    again = ReplyReader(worker.ctx, boxes(dovecot.url))
    assert await again.poll() == []
    assert len(await outbox_rows(runtime, "chat.answer")) == 4
    await worker.engine.dispose()


async def test_suspicious_and_malformed_replies_are_ignored_and_logged(
        ctx, runtime, event, dovecot, caplog):
    uid = event.uid
    for raw in replies.GARBAGE:
        dovecot.append(raw)
    dovecot.append(replies.google(uid, "anna.rossi@acme.example",
                                  sender="mallory@evil.example"))
    dovecot.append(replies.google("no-such-event@elsewhere", "anna.rossi@acme.example"))
    stranger = "stranger@partner.example"
    dovecot.append(replies.google(uid, stranger, sender=stranger))
    dovecot.append(replies.outlook(uid, "bob@partner.example"))  # the one good reply
    caplog.set_level(logging.INFO, logger="ospite")
    outcomes = await ReplyReader(ctx, boxes(dovecot.url)).poll()
    assert outcomes == ["bad message: unreadable calendar",
                        "bad message: no usable answer in the reply",
                        "sender is not the guest", "unknown event", "unknown guest", "recorded"]
    assert "calendar reply for 'no-such-event@elsewhere'" in caplog.text
    assert (await answers(ctx, event))["anna.rossi@acme.example"] == (Answer.AWAITING, None)
    assert len(await outbox_rows(runtime, "chat.answer")) == 1
    flags = dovecot.flags()
    # What claims to be a reply is flagged; mail that does not is left for a person.
    assert [f >= HANDLED for f in flags] == [False, True, True, False] + [True] * 4


async def test_a_reply_to_an_older_version_of_the_event_is_ignored(ctx, runtime, event, dovecot):
    moved = draft(guests=[ANNA, BOB, CHLOE, DAN], start=datetime(2026, 3, 4, 10, 0),
                  end=datetime(2026, 3, 4, 11, 0))
    await services.update_event(ctx, ORGANIZER, event.id, moved)
    dovecot.append(replies.outlook(event.uid, "bob@partner.example", sequence=0))
    dovecot.append(replies.outlook(event.uid, "bob@partner.example", partstat="ACCEPTED",
                                   sequence=1))
    outcomes = await ReplyReader(ctx, boxes(dovecot.url)).poll()
    assert outcomes == ["stale sequence", "recorded"]
    assert (await answers(ctx, event))["bob@partner.example"][0] is Answer.ACCEPTED


async def test_a_cancelled_event_takes_no_calendar_answer(ctx, runtime, event, dovecot):
    await services.cancel_event(ctx, ORGANIZER, event.id)
    dovecot.append(replies.thunderbird(event.uid, "dan@studio.example", sequence=1))
    assert await ReplyReader(ctx, boxes(dovecot.url)).poll() == ["closed: cancelled"]
    assert await outbox_rows(runtime, "chat.answer") == []


async def test_replies_older_than_a_month_are_not_read(ctx, runtime, event, dovecot, clock):
    long_ago = clock.now() - timedelta(days=45)
    dovecot.append(replies.thunderbird(event.uid, "dan@studio.example"), received=long_ago)
    assert await ReplyReader(ctx, boxes(dovecot.url)).poll() == []
    assert dovecot.flags() == [set()]


async def test_an_unreachable_mailbox_is_retried_not_fatal(ctx, caplog):
    nobody = Dovecot(port=free_port())  # never started: nothing listens there
    caplog.set_level(logging.WARNING, logger="ospite")
    assert await ReplyReader(ctx, boxes(nobody.url)).poll() == []
    assert "cannot read replies" in caplog.text
    assert "imap-secret" not in caplog.text


async def test_a_workspace_mailbox_set_up_in_the_chat_is_read_too(
        runtime, settings, clock, ctx, event, dovecot):
    await services.set_mail_settings(ctx, ORGANIZER, MailSettings(
        sender_name="Acme Events", sender_email="events@acme.example",
        smtp_host="127.0.0.1", imap_host="127.0.0.1", imap_port=dovecot.port,
        imap_security="none", imap_user=dovecot.user, imap_password=dovecot.password))
    dovecot.append(replies.google(event.uid, "anna.rossi@acme.example"))
    worker = build_runtime(settings, clock=clock)  # no IMAP_URL

    async def answered() -> bool:
        return len(await outbox_rows(runtime, "chat.answer")) == 1

    await run_worker_task_until(worker, answered)
    assert (await answers(ctx, event))["anna.rossi@acme.example"] == (Answer.ACCEPTED, None)
    await worker.engine.dispose()
