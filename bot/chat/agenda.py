"""A person's agenda: the events they organize (with the card's actions) and the events they
are invited to as a colleague (with their own answer)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.card import ANSWER_LABELS, card_buttons
from bot.chat.views import Act, Button, Buttons, Line, Section, View, code, strong, words
from bot.domain.model import Answer, Attendee, Event, Person
from bot.i18n import Translator
from bot.text import short_when

MOST = 20  # events listed in each part; a Slack Home tab holds 100 blocks


def agenda_view(organized: list[Event], invited: list[tuple[Event, Attendee]],
                people: Mapping[int, Person], t: Translator, locale: str,
                new_command: str) -> View:
    blocks: list[Section | Buttons] = [Section((words("{heading}", heading=strong(
        t.gettext("Your upcoming events"))),))]
    if not organized:
        blocks.append(Section((words(t.gettext(
            "You have no upcoming events. Create one with {command}."),
            command=code(new_command)),)))
    for event in organized[:MOST]:
        blocks += [Section((_head(event, locale), _counts(event, t))),
                   Buttons(card_buttons(event, t))]
    if invited:
        blocks.append(Section((words("{heading}", heading=strong(
            t.gettext("Invited as a colleague"))),)))
    for event, mine in invited[:MOST]:
        organizer = people.get(event.organizer_id)
        blocks += [Section((_head(event, locale), words(
            t.gettext("{organizer} invites you. Your answer: {answer}"),
            organizer=organizer.display_name if organizer else t.gettext("A colleague"),
            answer=t.gettext(ANSWER_LABELS[mine.answer])))),
            Buttons((Button(t.gettext("Accept"), Act.ACCEPT, str(mine.id), "primary"),
                     Button(t.gettext("Decline"), Act.DECLINE, str(mine.id))))]
    summary = t.ngettext("{count} upcoming event", "{count} upcoming events",
                         len(organized)).format(count=len(organized))
    return View(summary, tuple(blocks))


def _head(event: Event, locale: str) -> Line:
    return words("{title} — {when}", title=strong(event.title),
                 when=short_when(event.start, event.timezone, locale))


def _counts(event: Event, t: Translator) -> Line:
    return words(t.gettext("{accepted} accepted · {maybe} maybe · {declined} declined · "
                           "{awaiting} awaiting"),
                 accepted=str(event.count(Answer.ACCEPTED)),
                 maybe=str(event.count(Answer.TENTATIVE)),
                 declined=str(event.count(Answer.DECLINED)),
                 awaiting=str(event.count(Answer.AWAITING)))
