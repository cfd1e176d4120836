"""Words shared by every front end: field problems, domain errors, and dates, via Babel."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from bot.domain.errors import DomainError, NotFound, Problem, problem
from bot.domain.validation import LOCALES
from bot.i18n import N_, Translator

__all__ = ["LOCALES", "explain", "invalid", "refusal", "short_when", "when"]

PROBLEMS = {
    "required": N_("Please fill this in."),
    "too_long": N_("Please use at most {limit} characters."),
    "control_chars": N_("Line breaks and control characters are not allowed here."),
    "nul_char": N_("This text holds a character that cannot be stored (a NUL byte)."),
    "bad_timezone": N_("Unknown time zone. Use a name such as Europe/Rome."),
    "bad_locale": N_("Choose English or Italian."),
    "end_before_start": N_("The end must be after the start."),
    "start_in_past": N_("The start is in the past."),
    "bad_email": N_("This is not a valid email address (for example anna.rossi@acme.example)."),
    "duplicate_email": N_("This guest is already invited."),
    "too_many_guests": N_("At most {limit} guests per event."),
    "too_many_files": N_("At most {limit} attachments per event."),
    "files_too_big": N_("Attachments may be {limit} MB in all."),
    "nothing_to_answer": N_("Choose Accept, Maybe or Decline."),
    "host_required": N_("Please fill in the server's name."),
    "bad_host": N_("Give the server's name only, such as mail.acme.example: no spaces, no "
                   "scheme, no port."),
    "smtp_port": N_("Use one of the usual SMTP ports: 25, 465, 587 or 2525."),
    "imap_port": N_("Use one of the usual IMAP ports: 143 or 993."),
    "bad_security": N_("Choose STARTTLS, TLS or none."),
    "smtp_login_failed": N_("Could not log in to this SMTP server: {reason}"),
    "imap_login_failed": N_("Could not log in to this IMAP server: {reason}"),
}

# Why a login check failed, in a few words of our own: the server could say anything.
REASONS = {
    "cannot_connect": N_("cannot connect to the server (check its name and port)"),
    "timed_out": N_("the server did not answer in time"),
    "tls_failed": N_("the secure connection (TLS) failed"),
    "login_refused": N_("the server refused the user name or password"),
    "server_refused": N_("the server refused the connection"),
}

REFUSALS = {
    "not_found": N_("This event no longer exists, or it is not yours."),
    "not_organizer": N_("Only the organizer can change this event."),
    "cancelled": N_("This event was cancelled."),
    "ended": N_("This event has already taken place."),
    "removed": N_("This invitation is no longer valid."),
    "admins_only": N_("Only an admin can set up the sender mailbox."),
    "moved": N_("This event has moved since this message: please answer on the newer one."),
    "failed": N_("Sorry, something went wrong on our side. Please try again in a moment."),
}

invalid = problem  # the domain's name for making a Problem, kept for older call sites


def explain(found: Problem, t: Translator, locale: str = "en") -> str:
    """The words for one field problem, numbers written the reader's way."""
    words = t.gettext(PROBLEMS.get(found.key, PROBLEMS["required"]))
    values = {k: _value(v, t, locale) for k, v in found.params.items()}
    return words.format(**values)


def _value(value: object, t: Translator, locale: str) -> object:
    if isinstance(value, int):
        return format_decimal(value, locale=locale)
    if isinstance(value, str) and value in REASONS:
        return t.gettext(REASONS[value])
    return value


def refusal(error: DomainError, t: Translator) -> str:
    """Why something asked for cannot be done, in the reader's words."""
    key = "not_found" if isinstance(error, NotFound) else error.key
    return t.gettext(REFUSALS.get(key, REFUSALS["failed"]))


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
