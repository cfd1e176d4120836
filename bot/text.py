"""User-facing texts and dates in the reader's language, shared by every front end."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time

LOCALES = ("en", "it")

# Validation messages, keyed so every front end shows the same words.
INVALID = {
    "required": "Please fill this in.",
    "too_long": "Please keep this under {limit} characters.",
    "control_chars": "Line breaks and control characters are not allowed here.",
    "nul_char": "This text holds a character that cannot be stored (a NUL byte).",
    "bad_timezone": "Unknown time zone. Use a name such as Europe/Rome.",
    "bad_locale": "Choose English or Italian.",
    "end_before_start": "The end must be after the start.",
    "start_in_past": "The start is in the past.",
    "bad_email": "This is not a valid email address: {reason}",
    "duplicate_email": "This guest is already invited.",
    "too_many_guests": "At most {limit} guests per event.",
    "too_many_files": "At most {limit} attachments per event.",
    "files_too_big": "Attachments may be {limit} MB in all.",
    "nothing_to_answer": "Choose Accept, Maybe or Decline.",
}

CLOSED = {
    "cancelled": "This event was cancelled.",
    "ended": "This event has already taken place.",
    "removed": "This invitation is no longer valid.",
}

ANSWER_VERBS = {
    "en": {"accepted": "accepted", "declined": "declined", "tentative": "might attend",
           "awaiting": "has not answered"},
    "it": {"accepted": "ha accettato", "declined": "ha rifiutato", "tentative": "forse partecipa",
           "awaiting": "non ha ancora risposto"},
}


def invalid(key: str, **values: object) -> str:
    """The message for a validation problem."""
    return INVALID[key].format(**values)


def when(start: datetime, end: datetime, tz: str, locale: str = "en") -> str:
    """`Tuesday 3 March 2026, 10:00–11:00 (Europe/Rome)` in the reader's language."""
    zone = ZoneInfo(tz)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    day = format_date(local_start, "EEEE d MMMM y", locale=locale)
    span = f"{format_time(local_start, 'HH:mm', locale=locale)}–"
    if local_end.date() == local_start.date():
        span += format_time(local_end, "HH:mm", locale=locale)
    else:
        span += format_datetime(local_end, "d MMM HH:mm", locale=locale)
    return f"{day}, {span} ({tz})"


def short_when(start: datetime, tz: str, locale: str = "en") -> str:
    """`Tue 3 Mar, 10:00` for chat messages."""
    local = start.astimezone(ZoneInfo(tz))
    return format_datetime(local, "EEE d MMM, HH:mm", locale=locale)


def answer_notice(name: str, email: str, answer: str, title: str, start: datetime, tz: str,
                  accepted: int, invited: int, comment: str | None = None,
                  quote: tuple[str, str] = ("*", "*"), locale: str = "en") -> str:
    """`Anna Rossi (acme.example) accepted *Quarterly review* — Tue 3 Mar, 10:00. 3 of 5 have
    accepted.` plus the guest's note; `quote` marks the title as the chat writes emphasis."""
    who = f"{name} ({email.rpartition('@')[2]})" if email else name
    verb = ANSWER_VERBS["en"][answer]
    text = (f"{who} {verb} {quote[0]}{title}{quote[1]} — {short_when(start, tz, locale)}. "
            f"{accepted} of {invited} have accepted.")
    return f"{text}\nTheir note: “{comment}”" if comment else text
