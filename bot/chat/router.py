"""The outbox deliverer for chat notices: builds each view in its reader's language and hands
it to the reader's platform (the organizer's for answers and cards, the colleague's own)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.chat import colleagues, messages
from bot.chat.card import person_name
from bot.chat.cards import CardWriter
from bot.chat.views import View
from bot.domain.model import Attendee, Event, Person, Platform
from bot.i18n import reader_locale, tr
from bot.ports import DeliveryError, Locks, OutboxMessage, PermanentFailure
from bot.services import Context

log = logging.getLogger("ospite.chat")

CHAT_KINDS = ("chat.answer", "chat.card", "chat.colleague_invited", "chat.colleague_updated",
              "chat.colleague_cancelled", "chat.delivery_failed")
TO_COLLEAGUE = ("chat.colleague_invited", "chat.colleague_updated", "chat.colleague_cancelled")


class ChatPlatform(Protocol):
    """Sends views on one platform; raises TemporaryFailure / PermanentFailure."""

    platform: Platform
    card_people_limit: int | None  # how many people the card can name and still fit

    async def send(self, person: Person, view: View) -> dict[str, Any]:
        """A direct message to the person; returns where it was posted (for later edits)."""
        ...

    async def update(self, where: dict[str, Any], view: View) -> None:
        """Replace a message posted before."""
        ...


@dataclass(frozen=True)
class ChatDelivery:
    """One chat notice with what is needed to say it."""

    message: OutboxMessage
    event: Event
    organizer: Person
    attendee: Attendee | None = None
    person: Person | None = None  # the attendee's chat account, for colleagues


class ChatRouter:
    """Picks the platform by the organizer's (or colleague's) account."""

    kinds = CHAT_KINDS

    def __init__(self, ctx: Context, locks: Locks, platforms: Sequence[ChatPlatform],
                 default_locale: str = "en") -> None:
        self.ctx, self.default_locale = ctx, default_locale
        self.platforms = {p.platform: p for p in platforms}
        self.cards = CardWriter(ctx, locks, default_locale)

    async def deliver(self, messages_: Sequence[OutboxMessage],
                      ) -> dict[int, DeliveryError | None]:
        deliveries = await self._load(messages_)
        outcomes: dict[int, DeliveryError | None] = {}
        for message in messages_:
            delivery = deliveries.get(message.id)
            outcomes[message.id] = await self._send(delivery) if delivery else PermanentFailure(
                "the event no longer exists")
        return outcomes

    async def _send(self, delivery: ChatDelivery) -> DeliveryError | None:
        platform = self.platforms.get(delivery.organizer.platform)
        if platform is None:
            return DeliveryError(f"{delivery.organizer.platform} is not configured")
        try:
            await self._say(platform, delivery)
        except DeliveryError as exc:
            return exc
        return None

    async def _say(self, platform: ChatPlatform, delivery: ChatDelivery) -> None:
        kind, payload = delivery.message.kind, delivery.message.payload
        if kind == "chat.card":
            await self.cards.write(platform, delivery.event.id or 0)
            return
        reader = delivery.organizer
        if kind in TO_COLLEAGUE:
            if delivery.person is None or delivery.attendee is None:
                return  # the colleague was removed before the message went out
            reader = delivery.person
        locale = reader_locale(reader.locale, self.default_locale)
        await platform.send(reader, self._view(delivery, tr(locale), locale, payload))

    def _view(self, delivery: ChatDelivery, t: Any, locale: str, payload: dict) -> View:
        kind, event, attendee = delivery.message.kind, delivery.event, delivery.attendee
        if kind == "chat.answer":
            people = {delivery.person.id: delivery.person} if delivery.person else {}
            name = person_name(attendee, people) if attendee else t.gettext("Someone")
            return messages.answer_notice(
                event, name, attendee.email if attendee else "", payload["answer"],
                payload["accepted"], payload["invited"], payload.get("comment"), t, locale,
                payload.get("source", "web"))
        if kind == "chat.delivery_failed":
            return messages.delivery_failed(event, payload["email"], payload["error"], t)
        assert attendee is not None
        organizer = delivery.organizer.display_name
        if kind == "chat.colleague_updated":
            return colleagues.colleague_update(event, organizer, attendee,
                                             bool(payload.get("answer_reset")), t, locale)
        if kind == "chat.colleague_cancelled":
            return colleagues.colleague_cancelled(event, organizer, t, locale)
        return colleagues.colleague_invitation(event, organizer, attendee, t, locale)

    async def _load(self, found_messages: Sequence[OutboxMessage]) -> dict[int, ChatDelivery]:
        found: dict[int, ChatDelivery] = {}
        async with self.ctx.uow(read_only=True) as uow:
            for message in found_messages:
                event = await uow.events.get(int(message.payload["event_id"]))
                organizer = event and await uow.people.get(event.organizer_id)
                if not (event and organizer):
                    continue
                attendee_id = message.payload.get("attendee_id")
                attendee = next((a for a in event.attendees if a.id == attendee_id), None)
                person = (await uow.people.get(attendee.person_id)
                          if attendee and attendee.person_id else None)
                found[message.id] = ChatDelivery(message, event, organizer, attendee, person)
        return found
