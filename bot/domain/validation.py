"""Every field rule, once: each check returns the clean value or raises InvalidInput.

Front ends call the check of the field they just read (a Slack form, a Telegram step, the
answer page), so a value that would be refused at Save is refused where it was typed.
`validate_event` applies them all and reports every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo, available_timezones

from email_validator import EmailNotValidError, validate_email

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.errors import InvalidInput, Problem, problem

T = TypeVar("T")
LOCALES = ("en", "it")
MAX_TITLE = 255
MAX_DESCRIPTION = 5000
MAX_PLACE = 1024
MAX_NAME = 255
MAX_EMAIL = 320
MAX_GUESTS = 100
MAX_FILES = 10
MAX_FILES_BYTES = 10 * 1024 * 1024
MAX_FILE_NAME = 255

# Any control character or Unicode line break (NEL, LINE/PARAGRAPH SEPARATOR) in a one-line
# field would split an email header or an iCalendar line.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029]")


@dataclass(frozen=True)
class ValidEvent:
    """A draft that passed every rule, with times in UTC and emails normalised."""

    draft: EventDraft
    start: datetime
    end: datetime


def _raise(name: str, found: Problem) -> None:
    raise InvalidInput({name: found})


def one_line(name: str, value: str, limit: int, *, required: bool = False) -> str:
    """A trimmed single line (tabs become spaces); empty only when not required."""
    clean = value.replace("\t", " ").strip()
    if required and not clean:
        _raise(name, problem("required"))
    if len(clean) > limit:
        _raise(name, problem("too_long", limit=limit))
    if _NOT_ONE_LINE.search(clean):
        _raise(name, problem("control_chars"))
    return clean


def multiline(name: str, value: str, limit: int) -> str:
    """Text with line breaks, every kind of break made a plain newline."""
    clean = _LINE_BREAKS.sub("\n", value).strip()
    if len(clean) > limit:
        _raise(name, problem("too_long", limit=limit))
    if _NOT_TEXT.search(clean):
        _raise(name, problem("control_chars"))
    return clean


def check_title(value: str) -> str:
    return one_line("title", value, MAX_TITLE, required=True)


def check_description(value: str) -> str:
    return multiline("description", value, MAX_DESCRIPTION)


def check_place(value: str) -> str:
    return one_line("place", value, MAX_PLACE)


def check_name(name: str, value: str) -> str:
    return one_line(name, value, MAX_NAME, required=True)


def check_email(value: str, name: str = "email") -> str:
    """The address normalised (domain lower-cased), or InvalidInput({name: why})."""
    clean = one_line(name, value, MAX_EMAIL, required=True)
    try:
        return validate_email(clean, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        _raise(name, problem("bad_email", reason=str(exc)))
    raise AssertionError("unreachable")


def check_guest(guest: GuestDraft, taken: Sequence[str] = ()) -> GuestDraft:
    """One guest, every field checked; `taken` holds the addresses already on the list."""
    problems: dict[str, Problem] = {}
    email = collect(problems, "email", lambda: check_email(guest.email))
    if email and email.casefold() in {t.casefold() for t in taken}:
        problems["email"] = problem("duplicate_email")
    first = collect(problems, "first_name", lambda: check_name("first_name", guest.first_name))
    last = collect(problems, "last_name", lambda: check_name("last_name", guest.last_name))
    if problems:
        raise InvalidInput(problems)
    return GuestDraft(email or "", first or "", last or "")


def check_guests(guests: Sequence[GuestDraft]) -> list[GuestDraft]:
    """The guest list: at most MAX_GUESTS, each valid, no address twice."""
    problems: dict[str, Problem] = {}
    if len(guests) > MAX_GUESTS:
        problems["guests"] = problem("too_many_guests", limit=MAX_GUESTS)
    clean: list[GuestDraft] = []
    for index, guest in enumerate(guests):
        try:
            clean.append(check_guest(guest, [g.email for g in clean]))
        except InvalidInput as bad:
            problems.update({f"guests.{index}.{f}": p for f, p in bad.problems.items()})
            clean.append(guest)
    if problems:
        raise InvalidInput(problems)
    return clean


def check_timezone(value: str) -> str:
    clean = value.strip()
    if clean not in available_timezones():
        _raise("timezone", problem("bad_timezone"))
    return clean


def check_locale(value: str) -> str:
    if value not in LOCALES:
        _raise("locale", problem("bad_locale"))
    return value


def check_start(start: datetime | None, timezone: str, now: datetime) -> datetime:
    """The start in UTC; naive times are wall times in `timezone`; never in the past."""
    if start is None:
        _raise("start", problem("required"))
    moment = _in_utc(start, ZoneInfo(timezone))  # type: ignore[arg-type]
    if moment < now:
        _raise("start", problem("start_in_past"))
    return moment


def check_end(end: datetime | None, start: datetime, timezone: str) -> datetime:
    if end is None:
        _raise("end", problem("required"))
    moment = _in_utc(end, ZoneInfo(timezone))  # type: ignore[arg-type]
    if moment <= start:
        _raise("end", problem("end_before_start"))
    return moment


def check_attachments(files: Sequence[tuple[str, int]]) -> None:
    """(name, size) of every file: at most MAX_FILES, MAX_FILES_BYTES in all, sane names."""
    if len(files) > MAX_FILES:
        _raise("attachments", problem("too_many_files", limit=MAX_FILES))
    if sum(size for _, size in files) > MAX_FILES_BYTES:
        _raise("attachments", problem("files_too_big", limit=MAX_FILES_BYTES // 2**20))
    for name, _ in files:
        one_line("attachments", name, MAX_FILE_NAME, required=True)


def validate_event(draft: EventDraft, now: datetime) -> ValidEvent:
    """Check every rule; raise InvalidInput listing all problems, or return the clean event."""
    problems: dict[str, Problem] = {}
    title = collect(problems, "title", lambda: check_title(draft.title))
    description = collect(problems, "description", lambda: check_description(draft.description))
    place = collect(problems, "place", lambda: check_place(draft.place))
    collect(problems, "locale", lambda: check_locale(draft.locale))
    timezone = collect(problems, "timezone", lambda: check_timezone(draft.timezone))
    start = end = None
    if timezone:
        start = collect(problems, "start", lambda: check_start(draft.start, timezone, now))
        if start:
            end = collect(problems, "end", lambda: check_end(draft.end, start, timezone))
    guests = collect(problems, "guests", lambda: check_guests(draft.guests))
    collect(problems, "attachments", lambda: check_attachments(
        [(f.name, f.size) for f in draft.attachments]))
    if problems:
        raise InvalidInput(problems)
    assert start is not None and end is not None and guests is not None
    clean = replace(draft, title=title or "", description=description or "",
                    place=place or "", timezone=timezone or "", guests=guests)
    return ValidEvent(draft=clean, start=start, end=end)


def collect(problems: dict[str, Problem], name: str, check: Callable[[], T]) -> T | None:
    """Run one check; its problems join the others instead of stopping the rest."""
    try:
        return check()
    except InvalidInput as bad:
        problems.update(bad.problems)
        return None


def _in_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)
