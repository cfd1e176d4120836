"""What happened: the domain's record of facts the outside world must hear about.

Each notice becomes one outbox row (kind, payload, idempotency key) in the same
transaction as the change that caused it. A notice with a coalescing key is news that
can wait: while a row of its key waits unsent, later ones merge into it, and rows of one
key leave at most once per window (so a guest clicking twenty times is one message).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, ClassVar

Payload = dict[str, Any]


@dataclass(frozen=True)
class Notice:
    kind: ClassVar[str] = "notice"
    coalesce_window: ClassVar[timedelta] = timedelta(0)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _KINDS[cls.kind] = cls

    def payload(self) -> Payload:
        return asdict(self)

    def idempotency_key(self) -> str:
        raise NotImplementedError

    def coalesce_key(self) -> str | None:
        """Notices sharing a key merge while one waits; None (the default): each is sent."""
        return None

    @classmethod
    def coalesce(cls, older: Payload, newer: Payload, told: Payload | None,
                 ) -> Payload | None:
        """One payload saying what `older` then `newer` (both unsent) say; None if `told`,
        the payload last sent (or on its way) for the key, says it already."""
        return newer


_KINDS: dict[str, type[Notice]] = {}


def notice_type(kind: str) -> type[Notice]:
    """The notice class of an outbox kind, for its coalescing rule."""
    return _KINDS.get(kind, Notice)


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
class ColleagueUpdated(AttendeeNotice):
    """Tell a colleague in the chat that the date, time or place changed."""

    kind: ClassVar[str] = "chat.colleague_updated"
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)
    answer_reset: bool = False


@dataclass(frozen=True)
class ColleagueCancelled(AttendeeNotice):
    """Tell a colleague in the chat that the event is cancelled (or they were taken off it)."""

    kind: ClassVar[str] = "chat.colleague_cancelled"


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

    # One message per guest per minute: Slack and Telegram rate-limit floods.
    coalesce_window: ClassVar[timedelta] = timedelta(minutes=1)

    def idempotency_key(self) -> str:
        return _unique(self.kind)

    def coalesce_key(self) -> str:
        return f"{self.kind}:{self.attendee_id}"

    @classmethod
    def coalesce(cls, older: Payload, newer: Payload, told: Payload | None,
                 ) -> Payload | None:
        """The latest answer and note win; back to what the organizer last heard, say nothing."""
        merged = newer | {"previous": older["previous"]}
        if told and merged["answer"] == told["answer"] and (
                merged["comment"] in (None, told["comment"])):
            return None
        return merged


@dataclass(frozen=True)
class EventChanged(Notice):
    """Refresh the organizer's event card in the chat."""

    kind: ClassVar[str] = "chat.card"
    event_id: int
    sequence: int
    revision: str

    # The card is rendered from the database when sent, so one edit shows every change.
    coalesce_window: ClassVar[timedelta] = timedelta(seconds=3)

    def idempotency_key(self) -> str:
        return _unique(self.kind)

    def coalesce_key(self) -> str:
        return f"{self.kind}:{self.event_id}"


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
