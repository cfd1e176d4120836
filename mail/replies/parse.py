"""Finds iTIP METHOD:REPLY calendars in an email, whatever shape the client gave it."""

from __future__ import annotations

import email
import email.message
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import getaddresses

from icalendar import Calendar

log = logging.getLogger("ospite.replies")

CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar")


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


def read_reply_mail(raw: bytes) -> ReplyMail:
    """The sender and every REPLY found in any calendar part; never raises on bad input."""
    message = email.message_from_bytes(raw)
    found: dict[tuple[str, str], CalendarReply] = {}
    has_calendar = False
    for blob in _calendar_parts(message):
        has_calendar = True
        for reply in _replies(blob):
            # Clients often send the same calendar twice (inline and as a .ics file).
            found.setdefault((reply.uid, reply.attendee_email.casefold()), reply)
    return ReplyMail(_sender(message), tuple(found.values()), has_calendar)


def _sender(message: email.message.Message) -> str:
    addresses = getaddresses([str(h) for h in message.get_all("From", [])])
    return addresses[0][1].strip() if len(addresses) == 1 else ""


def _calendar_parts(message: email.message.Message) -> Iterator[bytes]:
    for part in message.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in CALENDAR_TYPES or name.endswith((".ics", ".vcs")):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                yield payload


def _replies(blob: bytes) -> Iterator[CalendarReply]:
    try:
        calendars = Calendar.from_ical(blob, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError...
        log.warning("unreadable calendar part ignored: %s", exc)
        return
    for calendar in calendars:
        if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
            continue
        for event in calendar.walk("VEVENT"):
            yield from _event_replies(event)


def _event_replies(event: Calendar) -> Iterator[CalendarReply]:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        return
    attendees = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        address = str(attendee).strip()
        if address.lower().startswith("mailto:"):
            address = address[len("mailto:"):]
        params = getattr(attendee, "params", {})
        note = _text(event.get("COMMENT")) or _text(params.get("X-RESPONSE-COMMENT"))
        yield CalendarReply(uid, address.strip(), str(params.get("PARTSTAT", "")).upper(),
                            note, _sequence(event.get("SEQUENCE")))


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = str(value).strip() if value is not None else ""
    return text or None


def _sequence(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None
