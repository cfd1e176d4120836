"""Hostile input never becomes a header, never breaks the calendar, never runs as HTML."""

import email
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.policy import compat32

from icalendar import Calendar

from bot import services
from bot.domain.drafts import GuestDraft
from bot.domain.model import Attachment, Attendee, Event, Role
from mail.compose import Letter, compose
from mail.sender_config import from_url
from tests.support.drafts import ORGANIZER, draft
from tests.support.mailbox import calendar_part, deliver_all, mail_runtime, vevent
from tests.support.smtp import Received

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
SENDER = from_url("smtp://127.0.0.1:25", "Acme Events <events@acme.example>")
RTL = "اجتماع المراجعة الفصلية"
LONG = ("Ünïcødé — 会议 📅 " * 400)[:5000]


def letter(title: str, first: str, email: str = "anna@acme.example") -> Letter:
    event = Event(workspace_id=1, organizer_id=1, title=title, timezone="Europe/Rome",
                  start=datetime(2026, 3, 3, 9, tzinfo=UTC), end=datetime(2026, 3, 3, 10,
                                                                           tzinfo=UTC),
                  description=LONG, place="<img src=x onerror=alert(1)>", id=1)
    guest = Attendee(Role.GUEST, email, first, "Rossi", id=2)
    return Letter("invitation", event, guest, "Marta\r\nBcc: all@victim.example", SENDER,
                  "http://127.0.0.1:8000/rsvp/abc", 7, 0, NOW,
                  files=[Attachment("a\r\nContent-Type: text/html.pdf", "application/pdf",
                                    b"%PDF")])


def test_line_breaks_in_names_and_titles_never_make_headers():
    message = compose(letter("Review\r\nBcc: all@victim.example", "Anna\nBcc: x@victim.example"))
    raw = bytes(message).decode("utf-8", "replace")
    headers = raw.split("\n\n", 1)[0]
    assert "\nBcc:" not in headers and "\nbcc:" not in headers.lower()
    assert message["Subject"].startswith("Invitation: Review Bcc: all@victim.example — ")
    assert message["To"].addresses[0].addr_spec == "anna@acme.example"
    assert message.get_all("Bcc") is None
    [file] = [p for p in message.iter_attachments()]
    assert file.get_filename() == "a Content-Type: text/html.pdf"
    ev = vevent(message)
    assert ev["ORGANIZER"].params["CN"] == "Marta Bcc: all@victim.example"
    assert ev["ATTENDEE"].params["CN"] == "Anna Bcc: x@victim.example Rossi"
    assert "\r\nBcc" not in calendar_part(message).get_content().replace("\\n", "")


def test_html_typed_by_the_organizer_is_shown_not_run():
    message = compose(letter("<script>alert(1)</script>", "<b>Anna</b>"))
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>Anna</b>" not in html


def test_folding_keeps_lines_short_and_characters_whole():
    message = compose(letter(f"{RTL} 📅 {'é' * 200}", "Zoë"))
    raw = calendar_part(message).get_payload(decode=True)
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends in the middle of a character
    ev = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(ev["SUMMARY"]) == f"{RTL} 📅 {'é' * 200}"
    assert str(ev["DESCRIPTION"]) == LONG


async def test_emoji_rtl_and_a_long_description_arrive_intact(ctx, settings, clock, smtp_sink):
    guest = GuestDraft("zoe@acme.example", "Zoë 🎉", RTL)
    await services.create_event(ctx, ORGANIZER, draft(
        title=f"Bcc: everyone <script>x</script> {RTL} 🚀", description=LONG, guests=[guest]))
    worker = mail_runtime(settings, smtp_sink.url, clock)
    await deliver_all(worker)
    [received] = smtp_sink.received
    message = Received(received.mail_from, received.rcpt_tos, received.raw).message
    assert received.rcpt_tos == ["zoe@acme.example"]
    assert message["Subject"].startswith(f"Invitation: Bcc: everyone <script>x</script> {RTL} 🚀")
    # RFC 2047 readers ignore the space between encoded words (CPython's parser does not).
    raw_to = email.message_from_bytes(received.raw, policy=compat32)["To"]
    assert str(make_header(decode_header(raw_to))) == f"Zoë 🎉 {RTL} <zoe@acme.example>"
    ev = vevent(message)
    assert str(ev["DESCRIPTION"]) == LONG and str(ev["ATTENDEE"]) == "mailto:zoe@acme.example"
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<script>x</script>" not in html
    await worker.engine.dispose()
