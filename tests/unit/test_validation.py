"""Every validation rule, each reported next to its field, all at once."""

from datetime import UTC, datetime

import pytest

from bot.domain.drafts import GuestDraft
from bot.domain.errors import InvalidInput
from bot.domain.model import Attachment
from bot.domain.validation import validate_event
from tests.support.drafts import ANNA, draft
from tests.support.words import in_words

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def problems(**changes: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        validate_event(draft(**changes), NOW)
    return in_words(caught.value.problems)


def test_a_good_draft_passes_with_times_in_utc():
    valid = validate_event(draft(), NOW)
    assert valid.start == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # 10:00 in Rome (CET)
    assert valid.end == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title(title):
    assert problems(title=title) == {"title": "Please fill this in."}


def test_title_over_255_characters():
    assert problems(title="x" * 256) == {"title": "Please use at most 255 characters."}
    validate_event(draft(title="x" * 255), NOW)


def test_description_over_5000_characters():
    assert problems(description="x" * 5001) == {
        "description": "Please use at most 5,000 characters."}
    validate_event(draft(description="line\n" * 1000), NOW)


def test_end_not_after_start():
    same = datetime(2026, 3, 3, 10, 0)
    assert problems(end=same) == {"end": "The end must be after the start."}
    assert problems(end=datetime(2026, 3, 3, 9, 0)) == {"end": "The end must be after the start."}


def test_start_in_the_past():
    assert problems(start=datetime(2026, 2, 1, 10), end=datetime(2026, 2, 1, 11)) == {
        "start": "The start is in the past."}


def test_unknown_time_zone():
    assert problems(timezone="Mars/Olympus") == {
        "timezone": "Unknown time zone. Use a name such as Europe/Rome."}


@pytest.mark.parametrize("email", ["not-an-email", "anna@", "anna@@acme.example",
                                   "a b@acme.example"])
def test_invalid_guest_email(email):
    found = problems(guests=[GuestDraft(email, "Anna", "Rossi")])
    assert list(found) == ["guests.0.email"]
    assert found["guests.0.email"].startswith("This is not a valid email address")


def test_duplicate_guest_email_is_case_insensitive():
    found = problems(guests=[ANNA, GuestDraft("Anna.Rossi@ACME.example", "Anna", "R")])
    assert found == {"guests.1.email": "This guest is already invited."}


def test_guest_names_must_not_be_empty():
    found = problems(guests=[GuestDraft("x@acme.example", " ", "")])
    assert found == {"guests.0.first_name": "Please fill this in.",
                     "guests.0.last_name": "Please fill this in."}


@pytest.mark.parametrize("bad", ["line\nbreak", "carriage\rreturn", "nul\x00byte"])
def test_control_characters_in_single_line_fields(bad):
    message = "Line breaks and control characters are not allowed here."
    found = problems(title=bad, place=bad, guests=[GuestDraft("x@acme.example", bad, bad)])
    assert found == {"title": message, "place": message, "guests.0.first_name": message,
                     "guests.0.last_name": message}


def test_header_injection_in_email_is_refused():
    found = problems(guests=[GuestDraft("x@acme.example\r\nBcc: all@victim.example", "A", "B")])
    assert found == {"guests.0.email": "Line breaks and control characters are not allowed here."}


def test_nul_in_description_is_refused_but_line_breaks_are_fine():
    assert problems(description="a\x00b") == {
        "description": "Line breaks and control characters are not allowed here."}


def test_more_than_100_guests():
    many = [GuestDraft(f"g{i}@acme.example", "G", str(i)) for i in range(101)]
    assert problems(guests=many) == {"guests": "At most 100 guests per event."}
    validate_event(draft(guests=many[:100]), NOW)


def test_attachments_limits():
    small = Attachment("a.pdf", "application/pdf", b"x")
    assert problems(attachments=[small] * 11) == {
        "attachments": "At most 10 attachments per event."}
    big = Attachment("big.bin", "application/octet-stream", b"x" * (10 * 2**20 + 1))
    assert problems(attachments=[big]) == {"attachments": "Attachments may be 10 MB in all."}


def test_every_problem_is_reported_at_once():
    found = problems(title="", timezone="Nowhere/Land",
                     guests=[GuestDraft("bad", "", "Rossi")])
    assert set(found) == {"title", "timezone", "guests.0.email", "guests.0.first_name"}


def test_emails_are_normalised_and_names_trimmed():
    valid = validate_event(draft(guests=[GuestDraft(" anna@ACME.example ", " Anna ", "Rossi ")]),
                           NOW)
    guest = valid.draft.guests[0]
    assert (guest.email, guest.first_name, guest.last_name) == (
        "anna@acme.example", "Anna", "Rossi")
