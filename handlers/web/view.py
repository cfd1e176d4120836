"""Turns an invitation into the values the answer page template shows."""

from __future__ import annotations

from typing import Any

from bot.invitations import Invitation
from bot.text import when
from handlers.web.texts import words

CHOICES = ("accepted", "tentative", "declined")


def invitation_page(invitation: Invitation, token: str, *, preselect: str | None = None,
                    message: str | None = None, error: str | None = None) -> dict[str, Any]:
    """Template values for the guest's page; the template escapes every one of them."""
    event = invitation.event
    locale = event.locale if event.locale in ("en", "it") else "en"
    texts = words(locale)
    organizer = invitation.organizer_name or texts["organizer"]
    return {
        "locale": locale,
        "t": texts,
        "title": event.title,
        "invited_by": (texts["invited_by"].format(name=invitation.organizer_name)
                       if invitation.organizer_name else texts["invited"]),
        "when": when(event.start, event.end, event.timezone, locale),
        "start_iso": event.start.isoformat(),
        "end_iso": event.end.isoformat(),
        "timezone": event.timezone,
        "place": event.place,
        "place_is_link": event.place.startswith(("https://", "http://")),
        "description": event.description,
        "files": [{"name": f.name, "size": _size(f.size), "url": f"/rsvp/{token}/files/{f.id}"}
                  for f in invitation.files],
        "answer": invitation.answer.value,
        "comment": invitation.attendee.comment or "",
        "closed": invitation.closed,
        "preselect": preselect if preselect in CHOICES else None,
        "choices": [("accepted", texts["accept"]), ("tentative", texts["maybe"]),
                    ("declined", texts["decline"])],
        "action": f"/rsvp/{token}",
        "ics_url": f"/rsvp/{token}/event.ics",
        "message": message,
        "error": error,
        "organizer": organizer,
    }


def thanks(invitation: Invitation, changed: bool) -> str:
    """The confirmation line after an answer."""
    texts = words(invitation.event.locale)
    if not changed:
        return texts["unchanged"]
    name = invitation.organizer_name or texts["organizer"]
    return texts["thanks"].format(name=name, verb=texts["verbs"][invitation.answer.value])


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
