"""Bad messages and failing mailboxes cost the reply reader nothing but themselves."""

from __future__ import annotations

import asyncio
import logging

from bot.app import build_runtime
from bot.domain.model import Answer
from mail.replies.reader import GIVE_UP_AFTER, ReplyReader
from tests.mail.conftest import DAN, HANDLED, OTHER_BOX, answers, boxes
from tests.support import hostile_mail, replies
from tests.support.drafts import ANNA
from tests.support.fake_servers import fake_server
from tests.support.outbox import outbox_rows


async def test_each_bad_message_is_flagged_and_the_reply_behind_it_recorded(
        ctx, runtime, event, dovecot, caplog):
    uid, anna = event.uid, ANNA.email
    bad = {  # what the reader says of each, in order
        # Dovecot stores NUL as 0x80, so the UID no longer names the event (parsing a NUL
        # itself is refused too: test_replies.py).
        "unknown event": hostile_mail.nul_bytes(uid, anna),
        "bad message: unreadable calendar": hostile_mail.broken_encoding(anna),
        "bad message: 717": hostile_mail.huge(uid, anna),  # 7 MB, never fetched
        "bad message: too many attendees": hostile_mail.many_attendees(uid, anna),
        "bad message: more than 20 answers": hostile_mail.many_events(uid, anna),
        "bad message: more than 4 calendar parts": hostile_mail.many_parts(uid, anna),
        "bad message: parts nested too deep": hostile_mail.nested(anna),
    }
    for raw in bad.values():
        dovecot.append(raw)
    dovecot.append(replies.thunderbird(uid, DAN.email))
    caplog.set_level(logging.WARNING, logger="ospite")
    outcomes = await ReplyReader(ctx, boxes(dovecot.url)).poll()
    assert len(outcomes) == len(bad) + 1 and outcomes[-1] == "recorded"
    assert all(got.startswith(want) for got, want in zip(outcomes, bad, strict=False))
    got = await answers(ctx, event)
    assert (got[DAN.email][0], got[anna][0]) == (Answer.ACCEPTED, Answer.AWAITING)
    assert [f >= HANDLED for f in dovecot.flags()] == [True] * (len(bad) + 1)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == len(bad) and all("\n" not in w for w in warnings)
    assert "imap-secret" not in caplog.text
    assert await ReplyReader(ctx, boxes(dovecot.url)).poll() == []  # nothing read twice


async def test_a_hanging_mailbox_and_a_wrong_password_hold_up_no_other_mailbox(
        ctx, runtime, event, dovecot, caplog):
    dovecot.append(replies.thunderbird(event.uid, DAN.email))
    caplog.set_level(logging.WARNING, logger="ospite")
    with fake_server() as hanging:  # accepts, then never says a word
        reader = ReplyReader(ctx, boxes(
            f"imap://events:hang-secret@127.0.0.1:{hanging.port}/INBOX",
            dovecot.url_for(OTHER_BOX, "wrong-secret"),
            dovecot.url))
        round_ = asyncio.create_task(reader.poll())
        async with asyncio.timeout(20):
            while not await outbox_rows(runtime, "chat.answer"):
                await asyncio.sleep(0.02)
        assert hanging.open == 1  # recorded while the hanging box still waited
        hanging.release()
        assert await round_ == ["recorded"]
    assert dovecot.flags()[0] >= HANDLED
    assert caplog.text.count("cannot read replies from") == 2
    for secret in ("hang-secret", "wrong-secret", "other-secret", "imap-secret"):
        assert secret not in caplog.text


async def test_a_mailbox_that_takes_too_long_waits_for_the_next_round(
        ctx, event, dovecot, caplog):
    dovecot.append(replies.thunderbird(event.uid, DAN.email))
    caplog.set_level(logging.WARNING, logger="ospite")
    with fake_server() as hanging:
        reader = ReplyReader(ctx, boxes(
            f"imap://events:x@127.0.0.1:{hanging.port}/INBOX", dovecot.url), timeout=0.5)
        assert await reader.poll() == ["recorded"]  # the round ends; the hang is not waited
        assert "took too long" in caplog.text


async def test_a_database_error_while_recording_loses_no_reply(
        ctx, settings, clock, tmp_path, event, dovecot, caplog):
    dovecot.append(replies.thunderbird(event.uid, DAN.email))
    dovecot.append(replies.thunderbird(event.uid, ANNA.email))
    broken = build_runtime(settings.model_copy(update={
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}"}), clock=clock)
    failing = ReplyReader(broken.ctx, boxes(dovecot.url))
    caplog.set_level(logging.ERROR, logger="ospite")
    for _ in range(GIVE_UP_AFTER + 1):
        assert await failing.poll() == []
    # Both messages were tried in every round until given up on; neither was flagged.
    assert caplog.text.count("recording the replies of message") == 2 * GIVE_UP_AFTER
    assert [f >= HANDLED for f in dovecot.flags()] == [False, False]
    assert await ReplyReader(ctx, boxes(dovecot.url)).poll() == ["recorded", "recorded"]
    await broken.engine.dispose()
