"""The answer (RSVP) state machine: awaiting → accepted | declined | tentative, and back."""

from __future__ import annotations

from datetime import datetime

from bot.domain.errors import AnswerClosed, InvalidInput
from bot.domain.model import Answer, AnswerSource, Attendee, Event, EventStatus
from bot.domain.notices import EventChanged, GuestResponded, Notice
from bot.text import invalid

MAX_COMMENT = 1000


def respond(event: Event, attendee: Attendee, answer: Answer, source: AnswerSource,
            now: datetime, comment: str | None = None) -> list[Notice]:
    """Record an answer; a repeat of the current answer and note changes nothing."""
    _check_open(event, attendee, now)
    if answer is Answer.AWAITING:
        raise InvalidInput({"answer": invalid("nothing_to_answer")})
    comment = (comment or "").strip()[:MAX_COMMENT] or None
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
