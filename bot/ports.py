"""The interfaces the edges implement: unit of work, repositories, delivery, clock."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, Self

from bot.domain.errors import Problem
from bot.domain.model import (
    Attachment,
    Attendee,
    Event,
    FileInfo,
    MailSettings,
    Person,
    PersonRef,
    Platform,
    Workspace,
)
from bot.domain.notices import Notice


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real time, always in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class OutboxMessage:
    """One claimed outbox row, ready for delivery."""

    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime


@dataclass(frozen=True)
class OutboxEntry:
    """One stored outbox row, whatever its state (for exporting and erasing a guest)."""

    id: int
    kind: str
    status: str
    payload: dict[str, Any]
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class DeliveryError(Exception):
    """Delivery of one outbox row failed; `notice` is written if the row is given up."""

    def __init__(self, reason: str, notice: Notice | None = None) -> None:
        super().__init__(reason)
        self.notice = notice


class TemporaryFailure(DeliveryError):
    """Delivery failed but may work later (connection refused, timeout, 4xx, 429)."""

    def __init__(self, reason: str, notice: Notice | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(reason, notice)
        self.retry_after = retry_after


class PermanentFailure(DeliveryError):
    """Delivery can never work (5xx, unknown recipient); the row is marked failed."""


class Duplicate(Exception):
    """A commit would store something that must be unique twice (raised by commit())."""


class Deliverer(Protocol):
    """Sends claimed outbox rows of the kinds it handles; one call per batch."""

    kinds: Sequence[str]

    async def deliver(self, messages: Sequence[OutboxMessage],
                      ) -> dict[int, DeliveryError | None]:
        """Send each message; map its id to None when sent, or to why it failed."""
        ...


class MailboxCheck(Protocol):
    """Tries a mailbox's servers the way the worker will use them."""

    async def problems(self, mail: MailSettings) -> dict[str, Problem]:
        """What failed, by field (`smtp_host`, `imap_host`, …); empty when all works."""
        ...


class WorkspaceRepository(Protocol):
    async def get(self, workspace_id: int) -> Workspace | None: ...
    async def get_or_add(self, platform: Platform, external_id: str, name: str = "",
                         ) -> Workspace: ...
    async def get_mail(self, workspace: Workspace) -> MailSettings | None: ...
    async def set_mail(self, workspace: Workspace, mail: MailSettings | None) -> None: ...
    async def has_mail(self, workspace_id: int) -> bool: ...
    async def list_mail(self) -> list[tuple[Workspace, MailSettings]]: ...


class PeopleRepository(Protocol):
    async def get(self, person_id: int) -> Person | None: ...
    async def get_or_add(self, workspace: Workspace, ref: PersonRef) -> Person: ...


class EventRepository(Protocol):
    async def add(self, event: Event) -> None: ...
    async def get(self, event_id: int, *, for_update: bool = False) -> Event | None: ...
    async def get_by_uid(self, uid: str) -> Event | None: ...
    async def get_by_draft_key(self, draft_key: str) -> Event | None: ...
    async def get_by_token_hash(self, token_hash: str, *, for_update: bool = False,
                                ) -> tuple[Event, Attendee] | None: ...
    async def get_by_attendee(self, attendee_id: int, *, for_update: bool = False,
                              ) -> tuple[Event, Attendee] | None: ...
    async def list_for_organizer(self, person_id: int, after: datetime) -> list[Event]: ...
    async def list_for_colleague(self, person_id: int, after: datetime) -> list[Event]: ...
    async def add_attachments(self, event: Event, files: Sequence[Attachment]) -> None: ...
    async def list_attachments(self, event_id: int) -> list[Attachment]: ...
    async def list_files(self, event_id: int) -> list[FileInfo]: ...
    async def list_by_guest_email(self, email: str, *, for_update: bool = False,
                                  ) -> list[Event]:
        """Events with a guest row (not yet erased) holding this address, in any case."""
        ...
    async def list_ended_before(self, cutoff: datetime, after_id: int, limit: int,
                                ) -> list[int]:
        """Ids above `after_id` of events ended before `cutoff` with guests or files left."""
        ...
    async def delete_attachments(self, event_id: int) -> int: ...


class OutboxRepository(Protocol):
    async def add(self, notices: Sequence[Notice], now: datetime) -> None:
        """Rows due now; a notice with a coalescing key merges into its key's unclaimed row,
        or waits until `coalesce_window` after the last one sent."""
        ...

    async def claim_due(self, now: datetime, limit: int, lease_seconds: float,
                        kinds: Sequence[str] | None = None) -> list[OutboxMessage]: ...
    async def mark_sent(self, message_ids: Sequence[int], now: datetime) -> None: ...
    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> None: ...
    async def mark_failed(self, message_id: int, error: str, now: datetime) -> None: ...
    async def list_for_attendees(self, attendee_ids: Sequence[int]) -> list[OutboxEntry]: ...
    async def list_mentioning(self, text: str) -> list[OutboxEntry]:
        """Rows whose payload or last error contain `text`, in any case."""
        ...
    async def rewrite(self, message_id: int, payload: dict[str, Any],
                      last_error: str | None) -> None: ...
    async def delete(self, message_ids: Sequence[int]) -> None: ...


class ChatStateRepository(Protocol):
    async def get_all(self, namespace: str) -> dict[str, Any]: ...
    async def get(self, namespace: str, key: str) -> Any: ...
    async def get_in_namespaces(self, prefix: str, key: str) -> dict[str, Any]: ...
    async def put(self, namespace: str, key: str, value: Any, now: datetime) -> None: ...
    async def delete(self, namespace: str, key: str) -> None: ...
    async def list_all(self) -> list[tuple[str, str, Any]]:
        """Every (namespace, key, value): half-finished forms are few."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything in it is committed together or not at all."""

    workspaces: WorkspaceRepository
    people: PeopleRepository
    events: EventRepository
    outbox: OutboxRepository
    chat_state: ChatStateRepository

    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def flush(self) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        """A new unit of work; read_only ones never take a write lock."""
        ...


class Lease(Protocol):
    """A lock held by this process; `lost` is set if the hold breaks (e.g. the database went)."""

    lost: asyncio.Event


class Locks(Protocol):
    """Locks shared by every process of a deployment (PostgreSQL advisory locks on PostgreSQL)."""

    def hold(self, name: str) -> AbstractAsyncContextManager[Lease | None]:
        """Try to take `name` without waiting; yields None when another process holds it."""
        ...

    def exclusive(self, name: str) -> AbstractAsyncContextManager[None]:
        """Wait for `name`, hold it for the block: one holder at a time in the deployment."""
        ...
