"""Every other chat message: answers, failures, colleagues' invitations, listings, replies."""

from __future__ import annotations

from collections.abc import Sequence

from bot.chat.card import ANSWER_LABELS
from bot.chat.views import (
    Line,
    Span,
    View,
    code,
    message,
    strong,
    words,
)
from bot.domain.changes import Told
from bot.domain.model import Answer, Event
from bot.i18n import N_, Translator
from bot.text import short_when

ANSWERED = {
    "accepted": N_("{who} accepted {title} — {when}."),
    "declined": N_("{who} declined {title} — {when}."),
    "tentative": N_("{who} might attend {title} — {when}."),
}


def answer_notice(event: Event, name: str, email: str, answer: str, accepted: int,
                  invited: int, comment: str | None, t: Translator, locale: str,
                  source: str = "web") -> View:
    """`Anna Rossi (acme.example) accepted *Quarterly review* — Tue 3 Mar, 10:00. 3 of 5 …`"""
    who = f"{name} ({email.rpartition('@')[2]})" if email else name
    sentence = words(t.gettext(ANSWERED.get(answer, ANSWERED["accepted"])), who=who,
                     title=strong(event.title), when=short_when(event.start, event.timezone,
                                                                 locale))
    tally = t.ngettext("{accepted} of {invited} has accepted.",
                       "{accepted} of {invited} have accepted.", accepted)
    lines: list[Line] = [sentence + words(" " + tally, accepted=str(accepted),
                                          invited=str(invited))]
    if comment:
        lines.append(words(t.gettext("Their note: “{note}”"), note=comment))
    if source == "opt_out":
        lines.append(words(t.gettext("They asked not to be contacted about this event again; "
                                     "they get no more emails about it.")))
    return message(*lines)


def delivery_failed(event: Event, email: str, error: str, t: Translator) -> View:
    return message(words(
        t.gettext("The invitation to {email} for {title} could not be delivered: {error}"),
        email=email, title=strong(event.title), error=error))


def listing(events: Sequence[Event], t: Translator, locale: str, new_command: str,
            more: Line | None = None) -> View:
    """The organizer's upcoming events with their answer counts (`more`: where else to look)."""
    if not events:
        return message(words(t.gettext("You have no upcoming events. Create one with {command}."),
                             command=code(new_command)), *([more] if more else []))
    lines = [words(t.gettext(
        "• {title} — {when}: {accepted} accepted, {declined} declined, {invited} invited"),
        title=strong(e.title),
        when=short_when(e.start, e.timezone, locale), accepted=str(e.count(Answer.ACCEPTED)),
        declined=str(e.count(Answer.DECLINED)), invited=str(len(e.current_attendees)))
        for e in events]
    return message(*lines, *([more] if more else []))


def home_tab_hint(t: Translator) -> Line:
    return words(t.gettext("Ospite's Home tab shows these events with their buttons, and the "
                           "events you are invited to."))


HELP_LINES = {
    "new": N_("create an event and invite guests by email"),
    "list": N_("your upcoming events and who has answered"),
    "setup": N_("the mailbox invitations are sent from (admins)"),
    "cancel": N_("stop what we are doing"),
    "help": N_("this message"),
}


def help_message(commands: Sequence[tuple[str, str]], t: Translator) -> View:
    """What Ospite does and its commands; `commands` pairs each command with a HELP_LINES key."""
    head = words(t.gettext("{ospite} invites people from outside the company to your meetings."),
                 ospite=Span("Ospite", strong=True, ours=True))
    lines = [words("• {command} — {what}", command=code(command),
                   what=t.gettext(HELP_LINES[key])) for command, key in commands]
    return message(head, *lines)


def saved(event: Event, t: Translator) -> View:
    count = len(event.guests)
    return message(words(t.ngettext(
        "Your event {title} is saved; the invitation is on its way to {count} guest.",
        "Your event {title} is saved; invitations are on their way to {count} guests.", count),
        title=strong(event.title), count=str(count)))


def updated(title: str, told: Told, t: Translator) -> View:
    """The edit is saved, and who is told what ("2 guests get an update; …")."""
    parts = [t.ngettext("{count} guest gets an update", "{count} guests get an update",
                        told.updated).format(count=told.updated)] if told.updated else []
    if told.invited:
        parts.append(t.ngettext("{count} new guest gets an invitation",
                                "{count} new guests get an invitation",
                                told.invited).format(count=told.invited))
    if told.cancelled:
        parts.append(t.ngettext("{count} removed guest gets a cancellation",
                                "{count} removed guests get a cancellation",
                                told.cancelled).format(count=told.cancelled))
    who = "; ".join(parts) + "." if parts else t.gettext("No guest is told about this change.")
    return message(words(t.gettext("Your changes to {title} are saved. {who}"),
                         title=strong(title), who=Span(who, ours=True)))




FILE_PROBLEMS = {
    "too_big": N_("The file {name} was not attached: attachments may be 10 MB in all. "
                  "Use Edit to attach a smaller one."),
    "unavailable": N_("The file {name} could not be fetched, so it was not attached. "
                      "Use Edit to attach it again."),
}


def file_not_attached(name: str, reason: str, t: Translator) -> View:
    """The event is saved; one of its files is not."""
    return message(words(t.gettext(FILE_PROBLEMS.get(reason, FILE_PROBLEMS["unavailable"])),
                         name=strong(name)))


def cancelled(event: Event, t: Translator) -> View:
    return message(words(t.gettext("The event {title} is cancelled; every guest gets a "
                                   "cancellation."), title=strong(event.title)))


def your_answer(answer: Answer, t: Translator) -> View:
    return message(words(t.gettext("You answered: {answer}."),
                         answer=t.gettext(ANSWER_LABELS[answer])))


def refused(reason: str) -> View:
    """A refusal or error, already in the reader's words."""
    return message(words(reason))


def mail_saved(email: str, t: Translator) -> View:
    return message(words(t.gettext("The sender mailbox is set up: invitations go out from "
                                   "{email}."), email=email))


def mail_first(admin: bool, setup_command: str, t: Translator) -> View:
    """Before the first event: the workspace needs a sender mailbox."""
    if admin:
        return message(words(t.gettext("Invitations need a sender mailbox first: set it up "
                                       "with {command}."), command=code(setup_command)))
    return message(words(t.gettext("Invitations need a sender mailbox first, and only an admin "
                                   "can set it up. Please ask one to run {command}."),
                         command=code(setup_command)))
