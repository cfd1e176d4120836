"""The event being typed, kept as plain JSON in the user's data (so it can be persisted)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.drafts import EventDraft, GuestDraft
from bot.domain.model import Attachment, Event, PersonRef

Draft = dict[str, Any]


def new_draft(timezone: str, locale: str) -> Draft:
    """An empty draft; `key` makes saving it twice store one event."""
    return {"key": uuid.uuid4().hex, "title": "", "description": "", "date": None,
            "time": None, "minutes": 60, "place": "", "guests": [], "files": [],
            "locale": locale, "timezone": timezone, "event_id": None, "review": False,
            "colleagues": []}


def from_event(event: Event, colleagues: list[str]) -> Draft:
    """An existing event, to edit it step by step; `colleagues` are their user ids."""
    local = event.start.astimezone(ZoneInfo(event.timezone))
    return {**new_draft(event.timezone, event.locale), "title": event.title,
            "description": event.description, "date": local.date().isoformat(),
            "time": local.strftime("%H:%M"),
            "minutes": int((event.end - event.start).total_seconds() // 60),
            "place": event.place, "event_id": event.id, "review": True,
            "colleagues": colleagues,
            "guests": [{"email": g.email, "first_name": g.first_name,
                        "last_name": g.last_name} for g in event.guests]}


def start_of(draft: Draft) -> datetime | None:
    """The start as a wall time in the draft's time zone, once date and time are known."""
    if not draft.get("date") or not draft.get("time"):
        return None
    return datetime.combine(date.fromisoformat(draft["date"]),
                            time.fromisoformat(draft["time"]))


def to_event_draft(draft: Draft, files: list[Attachment],
                   colleagues: list[PersonRef]) -> EventDraft:
    """What the use cases take; colleagues (invited elsewhere) stay on the event."""
    start = start_of(draft)
    return EventDraft(
        title=draft["title"], description=draft["description"], start=start,
        end=start + timedelta(minutes=draft["minutes"]) if start else None,
        timezone=draft["timezone"], place=draft["place"], locale=draft["locale"],
        guests=[GuestDraft(g["email"], g["first_name"], g["last_name"])
                for g in draft["guests"]],
        colleagues=colleagues, attachments=files)
