"""Inline keyboards of the conversations, labelled in the reader's language."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import NAMES, Translator

DURATIONS = (30, 60, 90, 120)


def choices(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Rows of (label, callback data)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)
                                  for text, data in row] for row in rows])


def calendar(today: date, locale: str, days: int = 14) -> InlineKeyboardMarkup:
    """The next two weeks, four days a row."""
    dates = [today + timedelta(days=n) for n in range(days)]
    rows = [[(format_date(d, "EEE d/M", locale=locale), f"date:{d.isoformat()}")
             for d in dates[i:i + 4]] for i in range(0, days, 4)]
    return choices(*rows)


def skip(t: Translator) -> InlineKeyboardMarkup:
    """For a question that may go unanswered."""
    return choices([(t.gettext("Skip"), "skip")])


def done(t: Translator) -> InlineKeyboardMarkup:
    """After a file: no more."""
    return choices([(t.gettext("Done"), "done")])


def durations(t: Translator) -> InlineKeyboardMarkup:
    """30 min, 1 h, 1 h 30, 2 h, Other."""
    labels = [_length(minutes, t) for minutes in DURATIONS]
    row = [(label, f"min:{minutes}") for label, minutes in zip(labels, DURATIONS, strict=True)]
    return choices(row[:2], [*row[2:], (t.gettext("Other"), "min:other")])


def more(t: Translator, room: bool) -> InlineKeyboardMarkup:
    """Another guest (while the list has room), or done."""
    row = [(t.gettext("Add another"), "add")] if room else []
    return choices([*row, (t.gettext("Done"), "done")])


def languages() -> InlineKeyboardMarkup:
    """Each language by its own name."""
    return choices([(name, f"lang:{code}") for code, name in NAMES.items()])


def summary(t: Translator) -> InlineKeyboardMarkup:
    """Under the summary: Save, Edit a step, Cancel."""
    return choices([(t.gettext("Save"), "save"), (t.gettext("Edit a step"), "edit"),
                    (t.gettext("Cancel"), "cancel")])


def steps(t: Translator) -> InlineKeyboardMarkup:
    """The steps one can go back to from the summary."""
    return choices(
        [(t.gettext("Title"), "step:title"), (t.gettext("Description"), "step:description")],
        [(t.gettext("Date"), "step:date"), (t.gettext("Time"), "step:time"),
         (t.gettext("Length"), "step:duration")],
        [(t.gettext("Place"), "step:place"), (t.gettext("Add a guest"), "step:guest"),
         (t.gettext("Language"), "step:language")])


def security(t: Translator) -> InlineKeyboardMarkup:
    """The SMTP connection's security (the domain's SECURITY values)."""
    return choices([("STARTTLS", "sec:starttls"), ("TLS", "sec:tls"),
                    (t.gettext("None"), "sec:none")])


def _length(minutes: int, t: Translator) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return t.gettext("{minutes} min").format(minutes=rest)
    if not rest:
        return t.gettext("{hours} h").format(hours=hours)
    return t.gettext("{hours} h {minutes}").format(hours=hours, minutes=rest)
