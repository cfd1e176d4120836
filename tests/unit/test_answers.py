"""The answer state machine, without a database."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.answers import MAX_COMMENT, fit_comment, respond
from bot.domain.errors import AnswerClosed, InvalidInput
from bot.domain.model import Answer, AnswerSource, Attendee, Event, EventStatus, Role
from bot.domain.notices import EventChanged, GuestResponded
from tests.support.words import in_words

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
WEB = AnswerSource.WEB


def event_with_guests(count: int = 3) -> Event:
    event = Event(workspace_id=1, organizer_id=1, title="Review", timezone="UTC", id=7,
                  start=NOW + timedelta(days=2), end=NOW + timedelta(days=2, hours=1))
    event.attendees = [Attendee(Role.GUEST, f"g{i}@acme.example", "G", str(i), id=i + 1)
                       for i in range(count)]
    return event


def answers(notices):
    return [n for n in notices if isinstance(n, GuestResponded)]


@pytest.mark.parametrize("answer", [Answer.ACCEPTED, Answer.DECLINED, Answer.TENTATIVE])
def test_a_first_answer_is_recorded_and_tells_the_organizer(answer):
    event = event_with_guests()
    guest = event.attendees[0]
    notices = respond(event, guest, answer, WEB, NOW)
    assert guest.answer is answer and guest.answered_at == NOW
    [told] = answers(notices)
    assert (told.answer, told.previous, told.attendee_id) == (answer.value, "awaiting", 1)
    assert any(isinstance(n, EventChanged) for n in notices)


def test_same_answer_twice_notifies_once():
    event = event_with_guests()
    guest = event.attendees[0]
    first = respond(event, guest, Answer.ACCEPTED, WEB, NOW)
    second = respond(event, guest, Answer.ACCEPTED, WEB, NOW + timedelta(minutes=5))
    assert len(answers(first)) == 1 and second == []
    assert guest.answered_at == NOW


def test_changing_ones_mind_notifies_again_with_the_previous_answer():
    event = event_with_guests()
    guest = event.attendees[0]
    respond(event, guest, Answer.ACCEPTED, WEB, NOW)
    [told] = answers(respond(event, guest, Answer.DECLINED, AnswerSource.CALENDAR,
                             NOW + timedelta(hours=1)))
    assert (told.previous, told.answer, told.source) == ("accepted", "declined", "calendar")


def test_same_answer_with_a_new_note_is_news():
    event = event_with_guests()
    guest = event.attendees[0]
    respond(event, guest, Answer.ACCEPTED, WEB, NOW)
    [told] = answers(respond(event, guest, Answer.ACCEPTED, WEB, NOW, comment="Running late"))
    assert told.comment == "Running late" and guest.comment == "Running late"


def test_the_notification_counts_acceptances_so_far():
    event = event_with_guests(5)
    for guest in event.attendees[:2]:
        respond(event, guest, Answer.ACCEPTED, WEB, NOW)
    [told] = answers(respond(event, event.attendees[2], Answer.ACCEPTED, WEB, NOW))
    assert (told.accepted, told.invited) == (3, 5)


def test_awaiting_is_not_an_answer():
    event = event_with_guests()
    with pytest.raises(InvalidInput) as caught:
        respond(event, event.attendees[0], Answer.AWAITING, WEB, NOW)
    assert in_words(caught.value.problems) == {"answer": "Choose Accept, Maybe or Decline."}


def test_a_cancelled_event_takes_no_answers():
    event = event_with_guests()
    event.status = EventStatus.CANCELLED
    with pytest.raises(AnswerClosed) as caught:
        respond(event, event.attendees[0], Answer.ACCEPTED, WEB, NOW)
    assert caught.value.reason == "cancelled"


def test_an_event_that_has_ended_takes_no_answers():
    event = event_with_guests()
    with pytest.raises(AnswerClosed) as caught:
        respond(event, event.attendees[0], Answer.ACCEPTED, WEB, event.end)
    assert caught.value.reason == "ended"


def test_a_removed_guest_cannot_answer():
    event = event_with_guests()
    event.attendees[0].removed = True
    with pytest.raises(AnswerClosed) as caught:
        respond(event, event.attendees[0], Answer.ACCEPTED, WEB, NOW)
    assert caught.value.reason == "removed"


@pytest.mark.parametrize(("comment", "problem"), [
    ("x" * (MAX_COMMENT + 1), "Please use at most 1,000 characters."),
    ("nul\x00byte", "This text holds a character that cannot be stored (a NUL byte)."),
])
def test_a_note_that_cannot_be_stored_refuses_the_whole_answer(comment, problem):
    event = event_with_guests()
    guest = event.attendees[0]
    with pytest.raises(InvalidInput) as caught:
        respond(event, guest, Answer.ACCEPTED, WEB, NOW, comment=comment)
    assert in_words(caught.value.problems) == {"comment": problem}
    assert (guest.answer, guest.comment, guest.answered_at) == (Answer.AWAITING, None, None)


def test_a_line_break_counts_as_one_character_as_on_the_page():
    event = event_with_guests()
    guest = event.attendees[0]
    typed = "\r\n".join(["y" * 99] * 10)  # 999 characters on the page, 1,008 as sent
    respond(event, guest, Answer.ACCEPTED, WEB, NOW, comment=typed)
    assert guest.comment == typed.replace("\r\n", "\n") and len(guest.comment) == 999


def test_a_calendar_programs_note_is_fitted_not_refused():
    assert fit_comment("a\x00b " + "z" * 2000) == ("ab " + "z" * 2000)[:MAX_COMMENT]
    assert fit_comment("  \x00 ") is None and fit_comment(None) is None
