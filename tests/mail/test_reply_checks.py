"""A calendar reply counts only as the answer page would: the right workspace's mailbox,
a current guest, and the event's present date and time."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from bot import services
from bot.app import build_runtime
from bot.domain.model import Answer, MailSettings, PersonRef, Platform
from mail.replies.reader import ReplyReader
from tests.mail.conftest import DAN, HANDLED, OTHER_BOX, answers, boxes
from tests.support import replies
from tests.support.drafts import ANNA, BOB, CHLOE, ORGANIZER, draft

ELSEWHERE = PersonRef(Platform.SLACK, "T2", "U7", "Pia Neri", "Europe/Rome", "en")


def own_mailbox(dovecot, user: str) -> MailSettings:
    """A workspace's mailbox as set up in the chat: its IMAP is a Dovecot user."""
    return MailSettings(sender_name="Events", sender_email=user, smtp_host="127.0.0.1",
                        imap_host="127.0.0.1", imap_port=dovecot.port, imap_security="none",
                        imap_user=user, imap_password=dovecot.password_of(user))


def reader_of(settings, clock, **overrides) -> tuple[object, ReplyReader]:
    """The reply reader `ospite worker` runs, with the mailboxes its wiring finds."""
    worker = build_runtime(settings.model_copy(update=overrides), clock=clock)
    tasks = [getattr(t, "inner", t) for t in worker.worker_tasks]  # inside its lock
    [reader] = [t.__self__ for t in tasks if isinstance(getattr(t, "__self__", None),
                                                        ReplyReader)]
    return worker, reader


@pytest.fixture
async def elsewhere(ctx):
    """An event of a second workspace, with Bob."""
    return await services.create_event(ctx, ELSEWHERE, draft(guests=[BOB]))


async def test_a_workspace_mailbox_answers_only_for_its_own_events(
        ctx, settings, clock, event, elsewhere, dovecot, caplog):
    await services.set_mail_settings(ctx, ORGANIZER, own_mailbox(dovecot, dovecot.user))
    await services.set_mail_settings(ctx, ELSEWHERE, own_mailbox(dovecot, OTHER_BOX))
    dovecot.append(replies.google(event.uid, ANNA.email), user=OTHER_BOX)  # the wrong box
    dovecot.append(replies.outlook(elsewhere.uid, BOB.email), user=OTHER_BOX)
    worker, reader = reader_of(settings, clock)  # no IMAP_URL
    caplog.set_level(logging.WARNING, logger="ospite")
    assert sorted(await reader.poll()) == [
        "event of a workspace this mailbox does not serve", "recorded"]
    assert (await answers(ctx, event))[ANNA.email] == (Answer.AWAITING, None)
    assert (await answers(ctx, elsewhere))[BOB.email][0] is Answer.DECLINED
    assert [f >= HANDLED for f in dovecot.flags(OTHER_BOX)] == [True, True]
    [line] = [r for r in caplog.records if "does not serve" in r.getMessage()]
    assert line.levelno == logging.WARNING and "\n" not in line.getMessage()
    dovecot.append(replies.google(event.uid, ANNA.email))  # its own box
    assert await reader.poll() == ["recorded"]
    await worker.engine.dispose()


async def test_the_deployment_mailbox_serves_workspaces_without_their_own(
        ctx, settings, clock, event, elsewhere, dovecot):
    await services.set_mail_settings(ctx, ELSEWHERE, own_mailbox(dovecot, OTHER_BOX))
    dovecot.append(replies.google(event.uid, ANNA.email))
    dovecot.append(replies.outlook(elsewhere.uid, BOB.email))  # should have gone to its own
    worker, reader = reader_of(settings, clock, IMAP_URL=dovecot.url)
    assert await reader.poll() == ["recorded",
                                   "event of a workspace this mailbox does not serve"]
    assert (await answers(ctx, elsewhere))[BOB.email] == (Answer.AWAITING, None)
    await worker.engine.dispose()


async def test_one_mailbox_set_up_twice_is_read_once_for_both(
        ctx, settings, clock, event, elsewhere, dovecot):
    await services.set_mail_settings(ctx, ELSEWHERE, own_mailbox(dovecot, dovecot.user))
    dovecot.append(replies.google(event.uid, ANNA.email))  # a workspace on IMAP_URL
    dovecot.append(replies.outlook(elsewhere.uid, BOB.email))  # the one with the same box
    worker, reader = reader_of(settings, clock, IMAP_URL=dovecot.url)
    assert await reader.poll() == ["recorded", "recorded"]
    await worker.engine.dispose()


async def test_a_removed_guest_cannot_answer_from_the_calendar(ctx, event, dovecot):
    await services.update_event(ctx, ORGANIZER, event.id,
                                draft(guests=[ANNA, BOB, DAN]))  # Chloé removed
    dovecot.append(replies.apple(event.uid, CHLOE.email, sequence=1))
    reader = ReplyReader(ctx, _deployment(dovecot))
    assert await reader.poll() == ["removed guest"]
    assert dovecot.flags()[0] >= HANDLED


async def test_a_place_change_keeps_earlier_replies_valid(ctx, event, dovecot):
    await services.update_event(ctx, ORGANIZER, event.id, draft(
        guests=[ANNA, BOB, CHLOE, DAN], place="Corso Como 5, Milano"))  # SEQUENCE 1
    dovecot.append(replies.thunderbird(event.uid, DAN.email, sequence=0))
    dovecot.append(replies.thunderbird(event.uid, ANNA.email, sequence=None))
    assert await ReplyReader(ctx, _deployment(dovecot)).poll() == ["recorded", "recorded"]


async def test_after_a_time_change_only_replies_to_the_new_time_count(ctx, event, dovecot):
    guests = [ANNA, BOB, CHLOE, DAN]
    await services.update_event(ctx, ORGANIZER, event.id, draft(
        guests=guests, start=datetime(2026, 3, 4, 10, 0), end=datetime(2026, 3, 4, 11, 0)))
    await services.update_event(ctx, ORGANIZER, event.id, draft(  # then only the place
        guests=guests, start=datetime(2026, 3, 4, 10, 0), end=datetime(2026, 3, 4, 11, 0),
        place="Corso Como 5, Milano"))
    dovecot.append(replies.thunderbird(event.uid, DAN.email, sequence=None))
    dovecot.append(replies.thunderbird(event.uid, ANNA.email, sequence=0))
    dovecot.append(replies.thunderbird(event.uid, BOB.email, sequence=1))  # the new time
    dovecot.append(replies.thunderbird(event.uid, CHLOE.email, sequence=2))
    outcomes = await ReplyReader(ctx, _deployment(dovecot)).poll()
    assert outcomes == ["no sequence, and the event was rescheduled", "stale sequence",
                        "recorded", "recorded"]
    assert {k: v[0] for k, v in (await answers(ctx, event)).items()} == {
        DAN.email: Answer.AWAITING, ANNA.email: Answer.AWAITING,
        BOB.email: Answer.ACCEPTED, CHLOE.email: Answer.ACCEPTED}
    assert [f >= HANDLED for f in dovecot.flags()] == [True] * 4


def _deployment(dovecot):
    return boxes(dovecot.url)
