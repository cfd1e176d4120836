"""The answer page's words, in the event's language (guests are addressed formally)."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.i18n import tr


@cache
def words(locale: str) -> dict[str, Any]:
    """The page texts for a locale, English when unknown; `answers` and `verbs` by answer."""
    t = tr(locale)
    flat = {
        "invited_by": t.pgettext("guest", "{name} invites you"),
        "invited": t.pgettext("guest", "You are invited"),
        "when": t.pgettext("guest", "When"),
        "your_time": t.pgettext("guest", "In your time zone"),
        "where": t.pgettext("guest", "Where"),
        "files": t.pgettext("guest", "Attachments"),
        "your_answer": t.pgettext("guest", "Your answer"),
        "answers.awaiting": t.pgettext("guest", "Not answered yet"),
        "answers.accepted": t.pgettext("guest", "Accepted"),
        "answers.tentative": t.pgettext("guest", "Maybe"),
        "answers.declined": t.pgettext("guest", "Declined"),
        "accept": t.pgettext("guest", "Accept"),
        "maybe": t.pgettext("guest", "Maybe"),
        "decline": t.pgettext("guest", "Decline"),
        "note": t.pgettext("guest", "A note for the organizer (optional)"),
        "add_to_calendar": t.pgettext("guest", "Add to my calendar"),
        "thanks": t.pgettext("guest", "Thank you! {name} will be told that you {verb}."),
        "unchanged": t.pgettext("guest", "Your answer was already recorded."),
        "verbs.accepted": t.pgettext("guest", "accepted"),
        "verbs.tentative": t.pgettext("guest", "might come"),
        "verbs.declined": t.pgettext("guest", "declined"),
        "change": t.pgettext("guest", "You can change your answer at any time below."),
        "cancelled": t.pgettext("guest", "This event was cancelled."),
        "ended": t.pgettext("guest", "This event has already taken place; answers are closed."),
        "choose": t.pgettext("guest", "Choose Accept, Maybe or Decline."),
        "comment": t.pgettext("guest", "Your answer was not saved: please keep your note to "
                                       "{limit} characters of plain text."),
        "bad_origin": t.pgettext("guest", "This answer did not come from the invitation page."),
        "organizer": t.pgettext("guest", "the organizer"),
        "recorded.accepted": t.pgettext("guest", "You accepted on {date}."),
        "recorded.tentative": t.pgettext("guest", "You answered maybe on {date}."),
        "recorded.declined": t.pgettext("guest", "You declined on {date}."),
        "change_answer": t.pgettext("guest", "Change your answer?"),
        "confirm": t.pgettext("guest", "Not recorded yet: press {button} to confirm."),
        "privacy": t.pgettext("guest", "How we use your data"),
        "why": t.pgettext("guest", "You received this invitation from {organizer} for {title}."),
        "why_company": t.pgettext(
            "guest", "You received this invitation from {organizer} of {company} for {title}."),
        "stop": t.pgettext("guest", "Don't contact me about this event again"),
        "stop_hint": t.pgettext(
            "guest", "You will be marked as not attending and get no more emails about it."),
        "stopped": t.pgettext("guest", "You will hear nothing more about this event; we have "
                                       "told {name}."),
    }
    nested: dict[str, Any] = {"answers": {}, "verbs": {}, "recorded": {}}
    for key, text in flat.items():
        group, _, name = key.partition(".")
        if name:
            nested[group][name] = text
        else:
            nested[key] = text
    return nested


def invalid_link() -> tuple[tuple[str, str, str], ...]:
    """Shown for dead, unknown and malformed links alike, in both languages (we cannot know
    whose link it was)."""
    return tuple((locale, tr(locale).pgettext("guest", "This link is no longer valid"),
                  tr(locale).pgettext("guest", "The invitation may have been withdrawn. "
                                               "Please ask the organizer for a new one."))
                 for locale in ("en", "it"))
