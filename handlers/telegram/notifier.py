"""Delivers chat notices to Telegram: answers, card edits, delivery failures."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.cards import set_card
from bot.chat import ChatDelivery
from bot.domain.model import Platform
from bot.ports import PermanentFailure, TemporaryFailure
from bot.services import Context
from bot.text import answer_notice
from handlers.telegram import keyboards, texts
from handlers.telegram.card import card_text


class TelegramNotifier:
    platform = Platform.TELEGRAM

    def __init__(self, ctx: Context, bot: Bot) -> None:
        self.ctx, self.bot = ctx, bot

    async def send(self, delivery: ChatDelivery) -> None:
        try:
            await self.bot.initialize()
            await self._send(delivery)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise TemporaryFailure(f"Telegram rate limit: retry after {seconds:g} s",
                                   retry_after=seconds) from None
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return  # the card already shows this
            raise PermanentFailure(f"Telegram refused: {exc}") from None
        except Forbidden as exc:
            raise PermanentFailure(f"Telegram refused: {exc}") from None
        except (NetworkError, TelegramError, OSError) as exc:
            raise TemporaryFailure(f"Telegram is unreachable: {exc}") from None

    async def _send(self, delivery: ChatDelivery) -> None:
        kind, event = delivery.message.kind, delivery.event
        organizer_chat = int(delivery.organizer.user_id)
        if kind == "chat.card":
            await self._card(delivery)
        elif kind == "chat.answer":
            await self.bot.send_message(organizer_chat, _answer_text(delivery))
        elif kind == "chat.delivery_failed":
            payload = delivery.message.payload
            await self.bot.send_message(organizer_chat, texts.DELIVERY_FAILED.format(
                email=payload["email"], title=event.title, error=payload["error"]))

    async def _card(self, delivery: ChatDelivery) -> None:
        event = delivery.event
        markup = keyboards.card(event.id or 0) if event.status.value != "cancelled" else None
        if event.card and event.card.get("message_id"):
            await self.bot.edit_message_text(card_text(event), chat_id=event.card["chat_id"],
                                             message_id=event.card["message_id"],
                                             reply_markup=markup)
            return
        posted = await self.bot.send_message(int(delivery.organizer.user_id), card_text(event),
                                             reply_markup=markup)
        await set_card(self.ctx, event.id or 0, {"chat_id": posted.chat_id,
                                                 "message_id": posted.message_id})


def _answer_text(delivery: ChatDelivery) -> str:
    payload, attendee = delivery.message.payload, delivery.attendee
    return answer_notice(attendee.name if attendee else "Someone",
                         attendee.email if attendee else "", payload["answer"],
                         delivery.event.title, delivery.event.start, delivery.event.timezone,
                         payload["accepted"], payload["invited"], payload.get("comment"),
                         quote=("“", "”"))
