"""What a front end hands the use cases: an event as the organizer typed it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.model import Attachment, PersonRef


@dataclass
class GuestDraft:
    email: str
    first_name: str
    last_name: str


@dataclass
class EventDraft:
    """An event before validation; naive start/end are wall times in `timezone`."""

    title: str
    start: datetime | None
    end: datetime | None
    timezone: str
    description: str = ""
    place: str = ""
    locale: str = "en"
    guests: list[GuestDraft] = field(default_factory=list)
    colleagues: list[PersonRef] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
