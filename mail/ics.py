"""iCalendar (RFC 5545/5546) for invitations, updates and cancellations, built with `icalendar`."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vCalAddress, vText
from icalendar import Event as VEvent

from bot.domain.model import Attendee, Event

PRODID = "-//Ospite//Ospite invitations//EN"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def event_calendar(event: Event, attendee: Attendee, organizer_name: str, sender_email: str,
                   method: str, now: datetime, sequence: int | None = None,
                   url: str | None = None) -> bytes:
    """One VEVENT for one guest: the organizer (the sender mailbox) and that guest only.

    `method` is REQUEST (invitation, update), CANCEL, or PUBLISH (a download).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(_timezone(event))
    calendar.add_component(_vevent(event, attendee, organizer_name, sender_email, method, now,
                                   event.sequence if sequence is None else sequence, url))
    return calendar.to_ical()


def _vevent(event: Event, attendee: Attendee, organizer_name: str, sender_email: str,
            method: str, now: datetime, sequence: int, url: str | None) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", now)
    vevent.add("sequence", sequence)
    zone = ZoneInfo(event.timezone)
    vevent.add("dtstart", event.start.astimezone(zone))
    vevent.add("dtend", event.end.astimezone(zone))
    vevent.add("summary", event.title)
    if event.description:
        vevent.add("description", event.description)
    if event.place:
        vevent.add("location", event.place)
    if event.place.startswith(("https://", "http://")):
        vevent.add("url", event.place)
    elif url:
        vevent.add("url", url)
    cancelled = method == "CANCEL" or event.status.value == "cancelled"
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("organizer", _address(sender_email, organizer_name))
    vevent.add("attendee", _attendee(attendee))
    return vevent


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{_one_line(email)}")
    if name.strip():
        address.params["CN"] = vText(_one_line(name))
    return address


def _one_line(value: str) -> str:
    """A name or address is one line; control characters become spaces."""
    return " ".join(_CONTROL.sub(" ", value).split())


def _attendee(attendee: Attendee) -> vCalAddress:
    address = _address(attendee.email, attendee.name)
    address.params.update({"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT",
                           "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"})
    return address


def _timezone(event: Event) -> Timezone:
    """A VTIMEZONE covering the event's years (not 1970–2038: calendars need only these)."""
    return _vtimezone(event.timezone, event.start.year - 1, event.end.year + 1)


@lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    # Building one walks every transition in the range; a batch of invitations shares it.
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1),
                              last_date=date(last_year, 12, 31))
