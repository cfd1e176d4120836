"""What colleagues read in the chat: their invitation, moves and cancellations of the event."""

from __future__ import annotations

from bot.chat.views import Act, Button, Buttons, Line, Section, View, message, strong, words
from bot.domain.model import Attendee, Event
from bot.i18n import Translator
from bot.text import short_when


def colleague_invitation(event: Event, organizer: str, attendee: Attendee, t: Translator,
                         locale: str) -> View:
    """A colleague's invitation in their own language, with Accept and Decline."""
    when = short_when(event.start, event.timezone, locale)
    template = (t.gettext("{organizer} invites you to {title} — {when}, {place}.") if event.place
                else t.gettext("{organizer} invites you to {title} — {when}."))
    line = words(template, organizer=organizer or t.gettext("A colleague"),
                 title=strong(event.title), when=when, place=event.place)
    return View(message(line).summary, (Section((line,)), _colleague_buttons(event, attendee, t)))


def colleague_update(event: Event, organizer: str, attendee: Attendee, answer_reset: bool,
                     t: Translator, locale: str) -> View:
    """A colleague hears that the date, time or place changed; asked again after a new time."""
    when = short_when(event.start, event.timezone, locale)
    template = (t.gettext("{organizer} changed {title}: now {when}, {place}.") if event.place
                else t.gettext("{organizer} changed {title}: now {when}."))
    lines: list[Line] = [words(template, organizer=organizer or t.gettext("A colleague"),
                               title=strong(event.title), when=when, place=event.place)]
    if not answer_reset:
        return message(*lines)
    lines.append(words(t.gettext("The time has changed, so your earlier answer no longer "
                                 "holds: will you attend?")))
    return View(message(*lines).summary, (Section(tuple(lines)), _colleague_buttons(
        event, attendee, t)))


def colleague_cancelled(event: Event, organizer: str, t: Translator, locale: str) -> View:
    """The event is cancelled, or the colleague was taken off it."""
    when = short_when(event.start, event.timezone, locale)
    template = (t.gettext("{organizer} cancelled {title} ({when}).")
                if event.status.value == "cancelled"
                else t.gettext("{organizer} took you off the invitation to {title} ({when})."))
    return message(words(template, organizer=organizer or t.gettext("A colleague"),
                         title=strong(event.title), when=when))


def _colleague_buttons(event: Event, attendee: Attendee, t: Translator) -> Buttons:
    """Accept / Decline, carrying the version they answer: a later move makes them stale."""
    value = f"{attendee.id}:{event.sequence}"
    return Buttons((Button(t.gettext("Accept"), Act.ACCEPT, value, "primary"),
                    Button(t.gettext("Decline"), Act.DECLINE, value)))
