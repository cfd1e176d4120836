"""Validation of a draft: every problem at once, as {field: message}."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from email_validator import EmailNotValidError, validate_email

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.errors import InvalidInput
from bot.text import LOCALES as SUPPORTED_LOCALES
from bot.text import invalid

MAX_TITLE = 255
MAX_DESCRIPTION = 5000
MAX_LINE = 255
MAX_GUESTS = 100
MAX_FILES = 10
MAX_FILES_BYTES = 10 * 1024 * 1024
_LINE_BREAKERS = ("\r", "\n", "\x00")


@dataclass(frozen=True)
class ValidEvent:
    """A draft that passed every rule, with times in UTC and emails normalised."""

    draft: EventDraft
    start: datetime
    end: datetime


def validate_event(draft: EventDraft, now: datetime) -> ValidEvent:
    """Check every rule; raise InvalidInput listing all problems, or return the clean event."""
    problems: dict[str, str] = {}
    _text(problems, "title", draft.title, MAX_TITLE, required=True)
    _text(problems, "description", draft.description, MAX_DESCRIPTION, multiline=True)
    _text(problems, "place", draft.place, MAX_LINE)
    if draft.locale not in SUPPORTED_LOCALES:
        problems["locale"] = invalid("bad_locale")
    start, end = _times(problems, draft, now)
    guests = _guests(problems, draft.guests)
    _attachments(problems, draft)
    if problems:
        raise InvalidInput(problems)
    assert start is not None and end is not None
    clean = replace(draft, title=draft.title.strip(), place=draft.place.strip(), guests=guests)
    return ValidEvent(draft=clean, start=start, end=end)


def _text(problems: dict[str, str], name: str, value: str, limit: int, *,
          required: bool = False, multiline: bool = False) -> None:
    if required and not value.strip():
        problems[name] = invalid("required")
    elif len(value) > limit:
        problems[name] = invalid("too_long", limit=f"{limit:,}")
    elif "\x00" in value or (not multiline and any(c in value for c in _LINE_BREAKERS)):
        problems[name] = invalid("control_chars")


def _times(problems: dict[str, str], draft: EventDraft,
           now: datetime) -> tuple[datetime | None, datetime | None]:
    if draft.timezone not in available_timezones():
        problems["timezone"] = invalid("bad_timezone")
        return None, None
    zone = ZoneInfo(draft.timezone)
    start = _in_utc(draft.start, zone)
    end = _in_utc(draft.end, zone)
    if start is None:
        problems["start"] = invalid("required")
    elif start < now:
        problems["start"] = invalid("start_in_past")
    if end is None:
        problems["end"] = invalid("required")
    elif start is not None and end <= start:
        problems["end"] = invalid("end_before_start")
    return start, end


def _in_utc(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _guests(problems: dict[str, str], guests: list[GuestDraft]) -> list[GuestDraft]:
    if len(guests) > MAX_GUESTS:
        problems["guests"] = invalid("too_many_guests", limit=MAX_GUESTS)
    seen: set[str] = set()
    clean: list[GuestDraft] = []
    for index, guest in enumerate(guests):
        prefix = f"guests.{index}"
        email = _email(problems, f"{prefix}.email", guest.email)
        if email and email.lower() in seen:
            problems[f"{prefix}.email"] = invalid("duplicate_email")
        seen.add((email or "").lower())
        _text(problems, f"{prefix}.first_name", guest.first_name, MAX_LINE, required=True)
        _text(problems, f"{prefix}.last_name", guest.last_name, MAX_LINE, required=True)
        clean.append(GuestDraft(email or guest.email, guest.first_name.strip(),
                                guest.last_name.strip()))
    return clean


def check_email(value: str) -> str:
    """The address normalised, or InvalidInput({"email": why}) — for every front end's forms."""
    if not value.strip():
        raise InvalidInput({"email": invalid("required")})
    if any(c in value for c in _LINE_BREAKERS):
        raise InvalidInput({"email": invalid("control_chars")})
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidInput({"email": invalid("bad_email", reason=str(exc))}) from None


def _email(problems: dict[str, str], name: str, value: str) -> str | None:
    try:
        return check_email(value)
    except InvalidInput as bad:
        problems[name] = bad.problems["email"]
        return None


def _attachments(problems: dict[str, str], draft: EventDraft) -> None:
    files = draft.attachments
    if len(files) > MAX_FILES:
        problems["attachments"] = invalid("too_many_files", limit=MAX_FILES)
    elif sum(f.size for f in files) > MAX_FILES_BYTES:
        problems["attachments"] = invalid("files_too_big", limit=MAX_FILES_BYTES // 2**20)
    elif any(not f.name.strip() or any(c in f.name for c in _LINE_BREAKERS) for f in files):
        problems["attachments"] = invalid("control_chars")
