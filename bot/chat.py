"""Routes chat notices (answers, cards, colleague invitations) to the organizer's platform."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.domain.model import Attendee, Event, Person, Platform, Workspace
from bot.ports import DeliveryError, OutboxMessage, PermanentFailure, UnitOfWorkFactory

log = logging.getLogger("ospite.chat")

CHAT_KINDS = ("chat.answer", "chat.card", "chat.colleague_invited", "chat.delivery_failed")


@dataclass(frozen=True)
class ChatDelivery:
    """One chat notice with everything a notifier needs to render it."""

    message: OutboxMessage
    event: Event
    organizer: Person
    workspace: Workspace
    attendee: Attendee | None = None
    person: Person | None = None  # the attendee's chat account, for colleagues


class ChatNotifier(Protocol):
    """Sends chat notices on one platform; raises TemporaryFailure / PermanentFailure."""

    platform: Platform

    async def send(self, delivery: ChatDelivery) -> None: ...


class ChatRouter:
    """The outbox deliverer for every chat kind; picks the notifier by the organizer's platform."""

    kinds = CHAT_KINDS

    def __init__(self, uow: UnitOfWorkFactory, notifiers: Sequence[ChatNotifier]) -> None:
        self.uow = uow
        self.notifiers = {n.platform: n for n in notifiers}

    async def deliver(self, messages: Sequence[OutboxMessage]) -> dict[int, DeliveryError | None]:
        deliveries = await self._load(messages)
        outcomes: dict[int, DeliveryError | None] = {}
        for message in messages:
            delivery = deliveries.get(message.id)
            outcomes[message.id] = await self._send(delivery) if delivery else PermanentFailure(
                "the event no longer exists")
        return outcomes

    async def _send(self, delivery: ChatDelivery) -> DeliveryError | None:
        notifier = self.notifiers.get(delivery.organizer.platform)
        if notifier is None:
            return DeliveryError(f"{delivery.organizer.platform} is not configured")
        try:
            await notifier.send(delivery)
        except DeliveryError as exc:
            return exc
        return None

    async def _load(self, messages: Sequence[OutboxMessage]) -> dict[int, ChatDelivery]:
        found: dict[int, ChatDelivery] = {}
        async with self.uow() as uow:
            for message in messages:
                event = await uow.events.get(int(message.payload["event_id"]))
                organizer = event and await uow.people.get(event.organizer_id)
                workspace = event and await uow.workspaces.get(event.workspace_id)
                if not (event and organizer and workspace):
                    continue
                attendee_id = message.payload.get("attendee_id")
                attendee = next((a for a in event.attendees if a.id == attendee_id), None)
                person = (await uow.people.get(attendee.person_id)
                          if attendee and attendee.person_id else None)
                found[message.id] = ChatDelivery(message, event, organizer, workspace,
                                                 attendee, person)
        return found
