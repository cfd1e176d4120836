"""Inline keyboards: a small calendar, durations, choices."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

DURATIONS = [("30 min", "30"), ("1 h", "60"), ("1 h 30", "90"), ("2 h", "120"),
             ("other", "other")]


def choices(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)
                                  for text, data in row] for row in rows])


def calendar(today: date, days: int = 14) -> InlineKeyboardMarkup:
    """The next two weeks, a row a week."""
    dates = [today + timedelta(days=n) for n in range(days)]
    rows = [[(d.strftime("%a %d/%m"), f"date:{d.isoformat()}") for d in dates[i:i + 4]]
            for i in range(0, days, 4)]
    return choices(*rows)


def skip() -> InlineKeyboardMarkup:
    return choices([("Skip", "skip")])


def durations() -> InlineKeyboardMarkup:
    return choices([(t, f"min:{v}") for t, v in DURATIONS[:3]],
                   [(t, f"min:{v}") for t, v in DURATIONS[3:]])


def summary() -> InlineKeyboardMarkup:
    return choices([("Save", "save"), ("Edit a step", "edit"), ("Cancel", "cancel")])


def steps() -> InlineKeyboardMarkup:
    return choices([("Title", "step:title"), ("Description", "step:description")],
                   [("Date", "step:date"), ("Time", "step:time"), ("Length", "step:duration")],
                   [("Place", "step:place"), ("Add a guest", "step:guest"),
                    ("Language", "step:language")])


def card(event_id: int) -> InlineKeyboardMarkup:
    return choices([("Edit", f"card:edit:{event_id}"), ("Invite more", f"card:more:{event_id}"),
                    ("Cancel event", f"card:cancel:{event_id}")])
