"""The answer (RSVP) state machine: awaiting → accepted | declined | tentative, and back."""

from __future__ import annotations

from datetime import datetime

from bot.domain.errors import AnswerClosed, InvalidInput, problem
from bot.domain.model import Answer, AnswerSource, Attendee, Event, EventStatus
from bot.domain.notices import EventChanged, GuestResponded, Notice

MAX_COMMENT = 1000


def respond(event: Event, attendee: Attendee, answer: Answer, source: AnswerSource,
            now: datetime, comment: str | None = None) -> list[Notice]:
    """Record an answer; a repeat of the current answer and note changes nothing."""
    _check_open(event, attendee, now)
    if answer is Answer.AWAITING:
        raise InvalidInput({"answer": problem("nothing_to_answer")})
    comment = check_comment(comment)
    if answer is attendee.answer and comment in (None, attendee.comment):
        return []
    previous = attendee.answer
    attendee.answer, attendee.answered_at = answer, now
    if answer is not Answer.DECLINED:
        attendee.contact_stopped = False  # coming after all: they must hear of changes again
    if comment is not None:
        attendee.comment = comment
    return [
        GuestResponded(
            event_id=_id(event), attendee_id=_id(attendee), answer=answer.value,
            previous=previous.value, source=source.value, comment=comment,
            answered_at=now.isoformat(), accepted=event.count(Answer.ACCEPTED),
            invited=len(event.current_attendees),
        ),
        EventChanged(event_id=_id(event), sequence=event.sequence, revision=now.isoformat()),
    ]


def check_comment(comment: str | None) -> str | None:
    """The guest's note as stored (None when empty); InvalidInput if it cannot be stored."""
    # Forms send line breaks as CRLF while the page counts them as one character.
    text = (comment or "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        raise InvalidInput({"comment": problem("nul_char")})
    if len(text) > MAX_COMMENT:
        raise InvalidInput({"comment": problem("too_long", limit=MAX_COMMENT)})
    return text or None


def fit_comment(comment: str | None) -> str | None:
    """What a sender that cannot be asked again (a calendar program) may keep of its note."""
    text = (comment or "").replace("\x00", "").replace("\r\n", "\n").strip()
    return text[:MAX_COMMENT].strip() or None


def _check_open(event: Event, attendee: Attendee, now: datetime) -> None:
    if attendee.removed or attendee.erased:
        raise AnswerClosed("removed")
    if event.status is EventStatus.CANCELLED:
        raise AnswerClosed("cancelled")
    if event.end <= now:
        raise AnswerClosed("ended")


def reset_answers(event: Event) -> None:
    """After a time change nobody's answer still holds, but for those who will not be asked."""
    for attendee in event.current_attendees:
        if attendee.reachable:
            attendee.answer, attendee.answered_at = Answer.AWAITING, None


def _id(entity: Event | Attendee) -> int:
    assert entity.id is not None, "entities are stored before they answer"
    return entity.id
