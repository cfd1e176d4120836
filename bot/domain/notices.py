"""What happened: the domain's record of facts the outside world must hear about.

Each notice becomes one outbox row (kind, payload, idempotency key) in the same
transaction as the change that caused it.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Notice:
    kind: ClassVar[str] = "notice"

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    def idempotency_key(self) -> str:
        raise NotImplementedError


def _unique(kind: str) -> str:
    """Chat notices are news each time (the answer rules already drop repeats)."""
    return f"{kind}:{uuid.uuid4().hex}"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AttendeeNotice(Notice):
    """A message to one attendee about one version (SEQUENCE) of an event: sent once."""

    event_id: int
    attendee_id: int
    sequence: int

    def idempotency_key(self) -> str:
        return f"{self.kind}:{self.attendee_id}:{self.sequence}"


@dataclass(frozen=True)
class GuestInvited(AttendeeNotice):
    """Send the invitation (METHOD:REQUEST) to a new guest."""

    kind: ClassVar[str] = "mail.invitation"


@dataclass(frozen=True)
class GuestUpdated(AttendeeNotice):
    """Send an updated invitation (same UID, higher SEQUENCE) saying what changed."""

    kind: ClassVar[str] = "mail.update"
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)
    answer_reset: bool = False


@dataclass(frozen=True)
class GuestCancelled(AttendeeNotice):
    """Send a cancellation (METHOD:CANCEL): the guest was removed or the event cancelled."""

    kind: ClassVar[str] = "mail.cancellation"


@dataclass(frozen=True)
class ColleagueInvited(AttendeeNotice):
    """Tell a colleague in the chat that they are invited."""

    kind: ClassVar[str] = "chat.colleague_invited"


@dataclass(frozen=True)
class GuestResponded(Notice):
    """Tell the organizer in the chat that someone answered (new or changed answer)."""

    kind: ClassVar[str] = "chat.answer"
    event_id: int
    attendee_id: int
    answer: str
    previous: str
    source: str
    comment: str | None
    answered_at: str
    accepted: int
    invited: int

    def idempotency_key(self) -> str:
        return _unique(self.kind)


@dataclass(frozen=True)
class EventChanged(Notice):
    """Refresh the organizer's event card in the chat."""

    kind: ClassVar[str] = "chat.card"
    event_id: int
    sequence: int
    revision: str

    def idempotency_key(self) -> str:
        return _unique(self.kind)


@dataclass(frozen=True)
class DeliveryFailed(Notice):
    """Tell the organizer an email could not be delivered."""

    kind: ClassVar[str] = "chat.delivery_failed"
    event_id: int
    attendee_id: int
    email: str
    error: str
    outbox_id: int

    def idempotency_key(self) -> str:
        return f"{self.kind}:{self.outbox_id}"
