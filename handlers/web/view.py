"""Turns an invitation into the values the answer page template shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.invitations import Invitation
from bot.text import when
from handlers.web.texts import words

CHOICES = ("accepted", "tentative", "declined")


def invitation_page(invitation: Invitation, token: str, *, preselect: str | None = None,
                    message: str | None = None, error: str | None = None,
                    footer: Footer | None = None) -> dict[str, Any]:
    """Template values for the guest's page; the template escapes every one of them."""
    event = invitation.event
    locale = event.locale if event.locale in ("en", "it") else "en"
    texts = words(locale)
    organizer = invitation.organizer_name or texts["organizer"]
    chosen = preselect if preselect in CHOICES else None
    return {
        "state": _state(invitation, chosen, texts, locale),
        "footer": _footer(invitation, footer or Footer(), texts),
        "privacy_url": (footer or Footer()).privacy_url,
        "stop_action": f"/rsvp/{token}/stop",
        "stopped": invitation.attendee.contact_stopped,
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
        "preselect": chosen,
        "choices": [("accepted", texts["accept"]), ("tentative", texts["maybe"]),
                    ("declined", texts["decline"])],
        "action": f"/rsvp/{token}",
        "ics_url": f"/rsvp/{token}/event.ics",
        "message": message,
        "error": error,
        "organizer": organizer,
    }


@dataclass(frozen=True)
class Footer:
    """What the page's footer says: the privacy notice, or who invited the guest and why."""

    privacy_url: str | None = None
    company: str = ""


def _state(invitation: Invitation, chosen: str | None, texts: dict[str, Any],
           locale: str) -> str | None:
    """A recorded answer, or a choice from the email's button that is not recorded yet."""
    attendee = invitation.attendee
    if attendee.answer.value in CHOICES and attendee.answered_at and not chosen:
        day = format_date(attendee.answered_at.astimezone(ZoneInfo(invitation.event.timezone)),
                          "d MMMM", locale=locale)
        recorded = texts["recorded"][attendee.answer.value].format(date=day)
        return f"{recorded} {texts['change_answer']}"
    if chosen:
        labels = {"accepted": texts["accept"], "tentative": texts["maybe"],
                  "declined": texts["decline"]}
        return texts["confirm"].format(button=labels[chosen])
    return None


def _footer(invitation: Invitation, footer: Footer, texts: dict[str, Any]) -> str:
    organizer = invitation.organizer_name or texts["organizer"]
    if footer.company:
        return texts["why_company"].format(organizer=organizer, company=footer.company,
                                           title=invitation.event.title)
    return texts["why"].format(organizer=organizer, title=invitation.event.title)


def stopped(invitation: Invitation) -> str:
    texts = words(invitation.event.locale)
    return texts["stopped"].format(name=invitation.organizer_name or texts["organizer"])


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
