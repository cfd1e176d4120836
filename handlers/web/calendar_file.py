"""The event as an iCalendar file a guest can import (METHOD:PUBLISH)."""

from __future__ import annotations

from icalendar import Calendar, Event, vCalAddress, vText

from bot.invitations import Invitation

PARTSTAT = {"awaiting": "NEEDS-ACTION", "accepted": "ACCEPTED", "declined": "DECLINED",
            "tentative": "TENTATIVE"}


def calendar_for(invitation: Invitation) -> bytes:
    """One VEVENT with the event's UID, so calendars merge it with the emailed invitation."""
    source, attendee = invitation.event, invitation.attendee
    calendar = Calendar()
    calendar.add("prodid", "-//Ospite//Ospite//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", source.uid)
    event.add("sequence", source.sequence)
    event.add("dtstamp", source.created_at or source.start)
    event.add("dtstart", source.start)
    event.add("dtend", source.end)
    event.add("summary", source.title)
    if source.description:
        event.add("description", source.description)
    if source.place:
        event.add("location", source.place)
    event.add("status", "CANCELLED" if invitation.closed == "cancelled" else "CONFIRMED")
    guest = vCalAddress(f"mailto:{attendee.email}")
    guest.params["cn"] = vText(attendee.name)
    guest.params["partstat"] = PARTSTAT[attendee.answer.value]
    event.add("attendee", guest, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
