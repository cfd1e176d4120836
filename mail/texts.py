"""The words of the emails guests get, in the event's language (formal Italian: *Lei*)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.i18n import tr


@cache
def words(locale: str) -> dict[str, str]:
    """Every text of a letter, by name; `{…}` are filled in by the composer.

    The context "guest" marks texts for people outside the company, addressed formally.
    """
    t = tr(locale)
    return {
        "subject.invitation": t.pgettext("guest", "Invitation: {title} — {date}"),
        "subject.update": t.pgettext("guest", "Updated invitation: {title} — {date}"),
        "subject.cancellation": t.pgettext("guest", "Cancelled: {title} — {date}"),
        "hello": t.pgettext("guest", "Hello {name},"),
        "lead.invitation": t.pgettext("guest", "{organizer} invites you to {title}."),
        "lead.update": t.pgettext("guest", "{organizer} has changed {title}."),
        "lead.cancellation": t.pgettext(
            "guest", "{organizer} has cancelled {title}. You don't need to do anything."),
        "when": t.pgettext("guest", "When"),
        "where": t.pgettext("guest", "Where"),
        "organizer": t.pgettext("guest", "Organizer"),
        "files": t.pgettext("guest", "Attachments"),
        "changed": t.pgettext("guest", "What changed"),
        "answer_again": t.pgettext("guest", "The time has changed: please answer again."),
        "question": t.pgettext("guest", "Will you attend?"),
        "accept": t.pgettext("guest", "Accept"),
        "tentative": t.pgettext("guest", "Maybe"),
        "decline": t.pgettext("guest", "Decline"),
        "field.start": t.pgettext("guest", "When"),
        "field.place": t.pgettext("guest", "Where"),
        "field.title": t.pgettext("guest", "Title"),
        "field.description": t.pgettext("guest", "Description"),
        "description_changed": t.pgettext("guest", "updated"),
        "nowhere": t.pgettext("guest", "(no place given)"),
        "privacy": t.pgettext("guest", "How we use your data"),
        "why": t.pgettext(
            "guest", "You received this email because {organizer} invited you to {title}."),
        "why_company": t.pgettext(
            "guest",
            "You received this email because {organizer} of {company} invited you to {title}."),
        "footer": t.pgettext(
            "guest",
            "This invitation was sent by {sender} for {organizer}. You can also answer from "
            "your calendar program. Please do not forward this email: its buttons answer for "
            "you."),
    }


def subject_date(start: datetime, tz: str, locale: str) -> str:
    """`Tue 3 Mar 2026, 10:00` / `mar 3 mar 2026, 10:00`."""
    return format_datetime(start.astimezone(ZoneInfo(tz)), "EEE d MMM yyyy, HH:mm",
                           locale=locale)
