"""The entities: workspaces, people, events, attendees and attachments."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Platform(StrEnum):
    SLACK = "slack"
    TELEGRAM = "telegram"


class Answer(StrEnum):
    AWAITING = "awaiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class AnswerSource(StrEnum):
    WEB = "web"
    CALENDAR = "calendar"
    CHAT = "chat"
    OPT_OUT = "opt_out"  # the guest declined and asked to hear nothing more of the event


class Role(StrEnum):
    GUEST = "guest"
    COLLEAGUE = "colleague"


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class PersonRef:
    """A person across platforms: (platform, workspace, user id) plus what we know of them."""

    platform: Platform
    workspace: str
    user_id: str
    display_name: str = ""
    timezone: str | None = None
    locale: str | None = None


@dataclass
class MailSettings:
    """A workspace's sender mailbox; passwords are encrypted by storage, never logged."""

    sender_name: str
    sender_email: str
    smtp_host: str
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | tls | none
    smtp_user: str = ""
    smtp_password: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "tls"
    imap_user: str = ""
    imap_password: str = ""


@dataclass
class Workspace:
    platform: Platform
    external_id: str
    name: str = ""
    locale: str = "en"
    timezone: str = "UTC"
    id: int | None = None


@dataclass
class Person:
    workspace_id: int
    platform: Platform
    user_id: str
    display_name: str = ""
    timezone: str | None = None
    locale: str | None = None
    id: int | None = None


@dataclass
class Attendee:
    role: Role
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    answer: Answer = Answer.AWAITING
    answered_at: datetime | None = None
    comment: str | None = None
    token_salt: str = ""
    token_hash: str = ""
    person_id: int | None = None
    removed: bool = False
    erased_at: datetime | None = None  # personal data removed (on request or by retention)
    contact_stopped: bool = False  # the guest asked for no more mail about this event
    id: int | None = None
    event_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    @property
    def erased(self) -> bool:
        """The personal data is gone; the row stays so counts and the card still add up."""
        return self.erased_at is not None

    @property
    def reachable(self) -> bool:
        """Whether the attendee may still be written to about this event."""
        return not (self.erased or self.contact_stopped)


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    id: int | None = None
    event_id: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class FileInfo:
    """What is shown of an attachment without its bytes."""

    id: int
    name: str
    content_type: str
    size: int


@dataclass
class Event:
    workspace_id: int
    organizer_id: int
    title: str
    start: datetime  # UTC
    end: datetime  # UTC
    timezone: str
    description: str = ""
    place: str = ""
    locale: str = "en"
    uid: str = field(default_factory=lambda: f"{uuid.uuid4()}@ospite")
    sequence: int = 0
    rescheduled_sequence: int = 0  # the sequence at which the time last changed; 0: never
    status: EventStatus = EventStatus.SCHEDULED
    attendees: list[Attendee] = field(default_factory=list)
    card: dict | None = None  # where the chat front end posted the event card
    created_at: datetime | None = None
    draft_key: str | None = None  # the form it was saved from: saving it again changes nothing
    id: int | None = None

    @property
    def current_attendees(self) -> list[Attendee]:
        return [a for a in self.attendees if not a.removed]

    @property
    def guests(self) -> list[Attendee]:
        """The guests an organizer can see and edit; erased ones only count (current_attendees)."""
        return [a for a in self.current_attendees if a.role is Role.GUEST and not a.erased]

    @property
    def colleagues(self) -> list[Attendee]:
        return [a for a in self.current_attendees if a.role is Role.COLLEAGUE]

    def count(self, answer: Answer) -> int:
        return sum(1 for a in self.current_attendees if a.answer is answer)
