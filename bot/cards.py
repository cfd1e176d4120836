"""Where a chat front end posted an event's card, so answers can update it in place."""

from __future__ import annotations

from typing import Any

from bot.domain.errors import NotFound
from bot.services import Context


async def set_card(ctx: Context, event_id: int, card: dict[str, Any]) -> None:
    """Remember the card's location (e.g. Slack channel and ts, Telegram chat and message)."""
    async with ctx.uow() as uow:
        event = await uow.events.get(event_id, for_update=True)
        if event is None:
            raise NotFound("event")
        event.card = dict(card)
        await uow.commit()
