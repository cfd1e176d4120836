"""Erasure and stopped contact in the domain rules, without a database."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import changes
from bot.domain.answers import respond
from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.errors import AnswerClosed
from bot.domain.model import Answer, AnswerSource, Attendee, Event, Role
from bot.domain.notices import GuestCancelled, GuestInvited, GuestUpdated
from bot.domain.privacy import belongs_to, erase, forget_fields, scrub
from bot.domain.validation import validate_event

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ADDRESS = "Ginevra.Q@Studio-Q.example"


def event_with(*emails: str) -> Event:
    event = Event(workspace_id=1, organizer_id=1, title="Review", timezone="UTC", id=7,
                  start=NOW + timedelta(days=2), end=NOW + timedelta(days=2, hours=1))
    event.attendees = [Attendee(Role.GUEST, email, "G", str(i), token_salt="s", id=i + 1)
                       for i, email in enumerate(emails)]
    return event


def edited(event: Event, hours_later: int = 0, place: str = "") -> EventDraft:
    """The organizer's edit form as the front ends fill it: the event's visible guests."""
    start = event.start + timedelta(hours=hours_later)
    return EventDraft(title=event.title, start=start.replace(tzinfo=None),
                      end=(start + timedelta(hours=1)).replace(tzinfo=None),
                      timezone="UTC", place=place,
                      guests=[GuestDraft(g.email, g.first_name, g.last_name)
                              for g in event.guests])


def edit(event: Event, draft: EventDraft) -> list:
    valid = validate_event(draft, NOW)
    found = changes.diff(event, valid, {})
    added = changes.apply(event, valid, found, {})
    for number, attendee in enumerate(added, start=100):
        attendee.id = number  # as storage gives them ids before notices name them
    return changes.update_notices(event, found, added, NOW)


def told(notices: list, kind: type) -> set[int]:
    return {n.attendee_id for n in notices if isinstance(n, kind)}


def test_an_erased_guest_keeps_the_count_but_no_personal_data():
    event = event_with("a@x.example", "ginevra.q@studio-q.example")
    guest = event.attendees[1]
    guest.comment = "Vegetarian"
    assert belongs_to(guest, ADDRESS)
    before = guest.token_hash
    erase(guest, NOW)
    assert (guest.email, guest.first_name, guest.last_name, guest.comment) == ("", "", "", None)
    assert guest.erased and not guest.reachable and guest.token_hash != before
    assert not belongs_to(guest, ADDRESS)
    assert len(event.current_attendees) == 2 and event.guests == [event.attendees[0]]


def test_edits_and_cancellation_skip_erased_and_stopped_guests():
    event = event_with("a@x.example", "b@x.example", "c@x.example")
    erase(event.attendees[1], NOW)
    event.attendees[2].contact_stopped = True
    notices = edit(event, edited(event, hours_later=3))
    assert told(notices, GuestUpdated) == {1}
    assert told(changes.cancel(event, NOW), GuestCancelled) == {1}


def test_removing_a_guest_who_stopped_contact_sends_no_cancellation():
    event = event_with("a@x.example", "b@x.example")
    event.attendees[1].contact_stopped = True
    draft = edited(event)
    draft.guests.pop()
    assert told(edit(event, draft), GuestCancelled) == set()
    assert event.attendees[1].removed


def test_a_time_change_keeps_the_answer_of_a_guest_who_will_not_be_asked():
    event = event_with("a@x.example", "b@x.example")
    for guest in event.attendees:
        respond(event, guest, Answer.DECLINED, AnswerSource.WEB, NOW)
    event.attendees[1].contact_stopped = True
    edit(event, edited(event, hours_later=3))
    assert [g.answer for g in event.attendees] == [Answer.AWAITING, Answer.DECLINED]


def test_accepting_after_all_lets_updates_through_again():
    event = event_with("a@x.example")
    guest = event.attendees[0]
    respond(event, guest, Answer.DECLINED, AnswerSource.WEB, NOW)
    guest.contact_stopped = True
    respond(event, guest, Answer.ACCEPTED, AnswerSource.WEB, NOW)
    assert guest.reachable
    assert told(edit(event, edited(event, place="Room 2")), GuestUpdated) == {1}


def test_an_erased_guest_cannot_answer():
    event = event_with("a@x.example")
    erase(event.attendees[0], NOW)
    with pytest.raises(AnswerClosed):
        respond(event, event.attendees[0], Answer.ACCEPTED, AnswerSource.CALENDAR, NOW)


def test_the_same_address_can_be_invited_again_after_erasure():
    event = event_with("ginevra.q@studio-q.example")
    erase(event.attendees[0], NOW)
    draft = edited(event)
    draft.guests.append(GuestDraft(ADDRESS, "Ginevra", "Q"))
    notices = edit(event, draft)
    assert [g.email.casefold() for g in event.guests] == [ADDRESS.casefold()]
    assert told(notices, GuestInvited) == {100} and not told(notices, GuestCancelled)


def test_scrub_drops_guest_records_from_lists_and_empties_lone_ones():
    state = {"guests": [{"email": "a@x.example", "first_name": "A", "last_name": "B"},
                        {"email": " ginevra.q@studio-q.EXAMPLE", "first_name": "Ginevra",
                         "last_name": "Q", "extra": [1]}],
             "guest": {"email": ADDRESS.upper(), "first_name": "Ginevra"},
             "description": "Write to ginevra.q@studio-q.example first", "minutes": 60}
    assert scrub(state, ADDRESS) == {
        "guests": [{"email": "a@x.example", "first_name": "A", "last_name": "B"}],
        "guest": {"email": "", "first_name": ""},
        "description": "Write to [erased] first", "minutes": 60}


def test_forget_fields_empties_what_quotes_the_guest():
    payload = {"event_id": 1, "attendee_id": 2, "email": "x@y.example",
               "error": "550 <x@y.example>", "comment": "See you", "answer": "accepted"}
    assert forget_fields(payload) == {"event_id": 1, "attendee_id": 2, "email": "",
                                      "error": "", "comment": None, "answer": "accepted"}
