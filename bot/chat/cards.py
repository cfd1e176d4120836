"""The one writer of event cards: posts a card the first time, edits it in place after."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot import services
from bot.chat.card import card_view
from bot.domain.errors import NotFound
from bot.i18n import reader_locale, tr
from bot.ports import Locks
from bot.services import Context

if TYPE_CHECKING:
    from bot.chat.router import ChatPlatform


class CardWriter:
    """Renders the event as it is now; one writer per event at a time in the deployment."""

    def __init__(self, ctx: Context, locks: Locks, default_locale: str = "en") -> None:
        self.ctx, self.locks, self.default_locale = ctx, locks, default_locale

    async def write(self, platform: ChatPlatform, event_id: int) -> None:
        # Two workers may hold card rows of one event: without the lock both would post it.
        async with self.locks.exclusive(f"card:{event_id}"):
            event = await services.get_event(self.ctx, event_id)
            people = await services.list_people(
                self.ctx, [event.organizer_id, *(a.person_id for a in event.attendees
                                                 if a.person_id)])
            organizer = people[event.organizer_id]
            locale = reader_locale(organizer.locale, self.default_locale)
            view = card_view(event, people, tr(locale), locale, platform.card_people_limit)
            if event.card:
                await platform.update(event.card, view)
                return
            posted = await platform.send(organizer, view)
            await set_card(self.ctx, event_id, posted)


async def set_card(ctx: Context, event_id: int, card: dict[str, Any]) -> None:
    """Remember where the card is (e.g. Slack channel and ts, Telegram chat and message)."""
    async with ctx.uow() as uow:
        event = await uow.events.get(event_id, for_update=True)
        if event is None:
            raise NotFound("event")
        event.card = dict(card)
        await uow.commit()
