"""Reading iTIP replies out of emails as Gmail, Outlook, Apple Mail and Thunderbird send them."""

import pytest

from mail.replies.parse import CalendarReply, read_reply_mail
from tests.support import hostile_mail, replies

UID = "5b7c9d1e-0000-4000-8000-000000000001@ospite"


def test_google_calendar_reply_with_a_note():
    mail = read_reply_mail(replies.google(UID, "anna.rossi@acme.example", note="See you!"))
    assert mail.from_address == "anna.rossi@acme.example"
    # The same calendar comes twice (inline and invite.ics) and counts once.
    assert mail.replies == (CalendarReply(UID, "anna.rossi@acme.example", "ACCEPTED",
                                          "See you!", 0),)


def test_outlook_reply_without_organizer_or_start_takes_the_comment():
    mail = read_reply_mail(replies.outlook(UID, "bob@partner.example", note="Travelling.",
                                           sequence=2))
    assert mail.replies == (CalendarReply(UID, "BOB@PARTNER.EXAMPLE", "DECLINED",
                                          "Travelling.", 2),)


def test_apple_mail_quoted_printable_attachment_without_method_parameter():
    mail = read_reply_mail(replies.apple(UID, "chloe@freelance.example"))
    assert mail.from_address == "chloe@freelance.example"
    assert mail.replies == (CalendarReply(UID, "chloe@freelance.example", "TENTATIVE",
                                          None, 0),)


def test_thunderbird_reply():
    mail = read_reply_mail(replies.thunderbird(UID, "dan@studio.example"))
    assert [r.partstat for r in mail.replies] == ["ACCEPTED"]


def test_a_calendar_that_is_not_a_reply_is_not_an_answer():
    request = replies.apple(UID, "chloe@freelance.example").replace(
        b"METHOD:REPLY", b"METHOD:REQUEST")
    mail = read_reply_mail(request)
    assert mail.has_calendar and mail.replies == ()


def test_plain_mail_has_no_reply():
    mail = read_reply_mail(replies.PLAIN_MAIL)
    assert (mail.has_calendar, mail.replies) == (False, ())


@pytest.mark.parametrize("raw", replies.GARBAGE)
def test_garbage_gives_no_reply_and_no_error(raw):
    assert read_reply_mail(raw).replies == ()


@pytest.mark.parametrize(("raw", "problem"), [
    (hostile_mail.nul_bytes(UID, "anna@acme.example"), "NUL bytes in the calendar"),
    (hostile_mail.broken_encoding("anna@acme.example"), "unreadable calendar"),
    (hostile_mail.many_attendees(UID, "anna@acme.example", 81), "too many attendees"),
    (hostile_mail.many_attendees(UID, "anna@acme.example", 20), "more than 20 answers"),
    (hostile_mail.many_events(UID, "anna@acme.example", 20), "more than 20 answers"),
    (hostile_mail.many_parts(UID, "anna@acme.example", 4), "more than 4 calendar parts"),
    (hostile_mail.nested("anna@acme.example"), "parts nested too deep"),
])
def test_a_hostile_reply_is_refused_whole(raw, problem):
    mail = read_reply_mail(raw)
    assert (mail.problem, mail.replies) == (problem, ())


def test_twenty_answers_and_four_calendar_parts_still_count():
    crowd = read_reply_mail(hostile_mail.many_attendees(UID, "a@acme.example", 19))
    assert len(crowd.replies) == 20
    copies = read_reply_mail(hostile_mail.many_parts(UID, "a@acme.example", 3))
    assert len(copies.replies) == 1


def test_control_characters_never_reach_the_organizer():
    raw = replies.thunderbird(UID, "dan@studio.example").replace(
        b"SEQUENCE:0", b"COMMENT:Sure\x1b[31m thing\x07\r\nSEQUENCE:0")
    [reply] = read_reply_mail(raw).replies
    assert reply.comment == "Sure[31m thing"
