"""Telegram as a chat platform for the outbox: private messages and in-place card edits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.chat.views import View
from bot.domain.model import Person, Platform
from bot.ports import PermanentFailure, TemporaryFailure
from handlers.telegram import render


class TelegramPlatform:
    """Each view as one private message (a view with buttons is never split: it is edited)."""

    platform = Platform.TELEGRAM
    card_people_limit = 40  # a card is one message of at most 4,096 characters

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, person: Person, view: View) -> dict[str, Any]:
        """A private message (or several, for a long view); where its first piece went."""
        pieces = render.pieces(view)
        first = None
        try:
            await self.bot.initialize()
            for number, piece in enumerate(pieces, start=1):
                markup = render.keyboard(view) if number == len(pieces) else None
                posted = await self.bot.send_message(int(person.user_id), piece,
                                                     reply_markup=markup)
                first = first or posted
        except TelegramError as exc:
            raise _failure(exc) from None
        assert first is not None
        return {"chat_id": first.chat_id, "message_id": first.message_id}

    async def update(self, where: dict[str, Any], view: View) -> None:
        """Edit a message in place (the card); unchanged text is no failure."""
        try:
            await self.bot.initialize()
            await self.bot.edit_message_text(
                render.fit(render.text(view)), chat_id=where["chat_id"],
                message_id=where["message_id"], reply_markup=render.keyboard(view))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # else the card already shows this
                raise _failure(exc) from None
        except TelegramError as exc:
            raise _failure(exc) from None


def _failure(exc: TelegramError) -> Exception:
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return TemporaryFailure(f"Telegram rate limit: retry after {seconds:g} s",
                                retry_after=seconds)
    if isinstance(exc, BadRequest | Forbidden):
        return PermanentFailure(f"Telegram refused: {exc}")
    if isinstance(exc, NetworkError):
        return TemporaryFailure(f"Telegram is unreachable: {exc}")
    return TemporaryFailure(f"Telegram said: {exc}")
