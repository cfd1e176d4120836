"""The event card: what the event is, who is invited and what each one answered."""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.views import Act, Button, Buttons, Confirm, Line, Section, View, strong, words
from bot.domain.model import Answer, Attendee, Event, EventStatus, Person
from bot.i18n import N_, Translator
from bot.text import when

ANSWER_LABELS = {Answer.ACCEPTED: N_("✅ accepted"), Answer.DECLINED: N_("❌ declined"),
                 Answer.TENTATIVE: N_("❔ maybe"), Answer.AWAITING: N_("⏳ awaiting")}


def card_view(event: Event, people: Mapping[int, Person], t: Translator, locale: str,
              people_limit: int | None = None) -> View:
    """The card in the organizer's language; at most `people_limit` people listed by name."""
    cancelled = event.status is EventStatus.CANCELLED
    heading = words(t.gettext("{title} (cancelled)") if cancelled else "{title}",
                    title=strong(event.title))
    facts: list[Line] = [words("🗓 {when}", when=when(event.start, event.end, event.timezone,
                                                       locale))]
    if event.place:
        facts.append(words("📍 {place}", place=event.place))
    blocks: list[Section | Buttons] = [Section((heading, *facts)),
                                       Section(_people(event, people, t, people_limit))]
    if not cancelled:
        blocks.append(Buttons(card_buttons(event, t)))
    return View(f"{event.title}: {summary(event, t)}", tuple(blocks))


def card_buttons(event: Event, t: Translator) -> tuple[Button, ...]:
    value = str(event.id)
    confirm = Confirm(t.gettext("Cancel this event?"),
                      t.gettext("Every guest gets a cancellation by email."),
                      t.gettext("Cancel event"), t.gettext("Keep it"))
    return (Button(t.gettext("Edit"), Act.EDIT, value),
            Button(t.gettext("Invite more"), Act.INVITE_MORE, value),
            Button(t.gettext("Cancel event"), Act.CANCEL, value, "danger", confirm))


def person_name(attendee: Attendee, people: Mapping[int, Person]) -> str:
    """A colleague by their chat name, a guest by the name the organizer typed."""
    person = people.get(attendee.person_id or -1)
    return (person.display_name if person and person.display_name else "") or attendee.name


def _people(event: Event, people: Mapping[int, Person], t: Translator,
            limit: int | None) -> tuple[Line, ...]:
    attendees = event.current_attendees
    if not attendees:
        return (words(t.gettext("No one is invited yet.")),)
    shown = attendees if limit is None else attendees[:limit]
    lines = [_person(a, people, t) for a in shown]
    if len(attendees) > len(shown):
        more = len(attendees) - len(shown)
        lines.append(words(t.ngettext("… and {count} more", "… and {count} more", more),
                           count=str(more)))
    return tuple(lines)


def _person(attendee: Attendee, people: Mapping[int, Person], t: Translator) -> Line:
    label = t.gettext(ANSWER_LABELS[attendee.answer])
    if attendee.erased:  # their data was erased on request or after the retention period
        return words(t.gettext("{answer} — a removed guest"), answer=label)
    name = person_name(attendee, people)
    if attendee.email:
        return words(t.gettext("{answer} — {name} ({email})"), answer=label, name=name,
                     email=attendee.email)
    return words(t.gettext("{answer} — {name}"), answer=label, name=name)


def summary(event: Event, t: Translator) -> str:
    """`2 accepted, 1 awaiting` — the card's one-line text."""
    parts = [t.ngettext("{count} accepted", "{count} accepted", n).format(count=n)
             for n in [event.count(Answer.ACCEPTED)] if n]
    parts += [t.ngettext("{count} maybe", "{count} maybe", n).format(count=n)
              for n in [event.count(Answer.TENTATIVE)] if n]
    parts += [t.ngettext("{count} declined", "{count} declined", n).format(count=n)
              for n in [event.count(Answer.DECLINED)] if n]
    parts += [t.ngettext("{count} awaiting", "{count} awaiting", n).format(count=n)
              for n in [event.count(Answer.AWAITING)] if n]
    return ", ".join(parts) or t.gettext("no one invited")
