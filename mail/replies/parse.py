"""Finds iTIP METHOD:REPLY calendars in an email, whatever shape the client gave it.

Anyone can send mail to the sender mailbox, so every message is treated as hostile: a few
calendar parts, a few answers each, no NUL bytes; a message over those limits counts as
a bad reply as a whole rather than as the first twenty of its answers.
"""

from __future__ import annotations

import email
import email.message
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import getaddresses

from icalendar import Calendar

log = logging.getLogger("ospite.replies")

CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar")
MAX_CALENDAR_PARTS = 4  # Gmail and Thunderbird send two: inline and invite.ics
MAX_ANSWERS = 20  # VEVENTs × ATTENDEEs in one message; one guest sends one or two
MAX_UID = 255
MAX_EMAIL = 320
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BadReply(ValueError):
    """The message holds a calendar reply that must not be read (why, in a few words)."""


@dataclass(frozen=True)
class CalendarReply:
    """One attendee's answer to one event, as the calendar program sent it."""

    uid: str
    attendee_email: str
    partstat: str
    comment: str | None
    sequence: int | None


@dataclass(frozen=True)
class ReplyMail:
    from_address: str
    replies: tuple[CalendarReply, ...]
    has_calendar: bool  # some calendar part was found (even if not a REPLY, or unreadable)
    problem: str | None = None  # a reply was there but is not to be read, and why


def read_reply_mail(raw: bytes) -> ReplyMail:
    """The sender and every REPLY found in any calendar part, or the `problem` with them."""
    try:
        message = email.message_from_bytes(raw)
    except RecursionError:  # MIME parts nested thousands deep
        return ReplyMail("", (), False, "parts nested too deep")
    found: dict[tuple[str, str], CalendarReply] = {}
    parts = 0
    try:
        for blob, says_reply in _calendar_parts(message):
            parts += 1
            if parts > MAX_CALENDAR_PARTS:
                raise BadReply(f"more than {MAX_CALENDAR_PARTS} calendar parts")
            for reply in _replies(blob, says_reply):
                # Clients often send the same calendar twice (inline and as a .ics file).
                found.setdefault((reply.uid, reply.attendee_email.casefold()), reply)
                if len(found) > MAX_ANSWERS:
                    raise BadReply(f"more than {MAX_ANSWERS} answers")
    except RecursionError:
        return ReplyMail("", (), False, "parts nested too deep")
    except BadReply as bad:
        return ReplyMail(_sender(message), (), True, str(bad))
    return ReplyMail(_sender(message), tuple(found.values()), parts > 0)


def _sender(message: email.message.Message) -> str:
    addresses = getaddresses([str(h) for h in message.get_all("From", [])])
    return addresses[0][1].strip() if len(addresses) == 1 else ""


def _calendar_parts(message: email.message.Message) -> Iterator[tuple[bytes, bool]]:
    """Each calendar part's bytes, and whether its headers call it a REPLY."""
    for part in message.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in CALENDAR_TYPES or name.endswith((".ics", ".vcs")):
            payload = part.get_payload(decode=True)
            says_reply = str(part.get_param("method") or "").upper() == "REPLY"
            if isinstance(payload, bytes) and (payload.strip() or says_reply):
                yield payload, says_reply


def _replies(blob: bytes, says_reply: bool) -> Iterator[CalendarReply]:
    """The answers in one calendar part; BadReply when it is a reply we must not read."""
    looks_like_reply = says_reply or b"METHOD:REPLY" in blob.upper()
    if looks_like_reply and b"\x00" in blob:
        raise BadReply("NUL bytes in the calendar")
    if blob.upper().count(b"ATTENDEE") > MAX_ANSWERS * MAX_CALENDAR_PARTS:
        # Refused before icalendar reads them all; a big invitation is not ours to read.
        if looks_like_reply:
            raise BadReply("too many attendees")
        return
    try:
        calendars = Calendar.from_ical(blob, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError...
        if looks_like_reply:
            raise BadReply("unreadable calendar") from None
        log.info("unreadable calendar part ignored: %s", type(exc).__name__)
        return
    answers = [reply for calendar in calendars
               if str(calendar.get("METHOD", "")).strip().upper() == "REPLY"
               for event in calendar.walk("VEVENT") for reply in _event_replies(event)]
    if looks_like_reply and not answers:
        raise BadReply("no usable answer in the reply")
    yield from answers


def _event_replies(event: Calendar) -> Iterator[CalendarReply]:
    uid = str(event.get("UID", "")).strip()
    if not uid or len(uid) > MAX_UID or _CONTROL.search(uid):
        return
    attendees = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).strip()
        if address.lower().startswith("mailto:"):
            address = address[len("mailto:"):].strip()
        if not address or len(address) > MAX_EMAIL or _CONTROL.search(address):
            continue
        params = getattr(attendee, "params", {})
        note = _text(event.get("COMMENT")) or _text(params.get("X-RESPONSE-COMMENT"))
        yield CalendarReply(uid, address, str(params.get("PARTSTAT", "")).upper(),
                            note, _sequence(event.get("SEQUENCE")))


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = _CONTROL.sub("", str(value)).strip() if value is not None else ""
    return text or None


def _sequence(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None
