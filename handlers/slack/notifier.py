"""Delivers chat notices to Slack: answers, card updates, colleague invitations, failures."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cards import set_card
from bot.chat import ChatDelivery
from bot.domain.model import Platform
from bot.ports import PermanentFailure, TemporaryFailure
from bot.services import Context
from bot.text import answer_notice, short_when
from handlers.slack import blocks as b
from handlers.slack import texts
from handlers.slack.card import card
from handlers.slack.ids import Action

# Errors that retrying cannot fix (see the Web API's error lists).
PERMANENT = {"invalid_auth", "not_authed", "account_inactive", "token_revoked",
             "channel_not_found", "user_not_found", "is_archived", "cannot_dm_bot",
             "message_not_found", "cant_update_message"}


class SlackNotifier:
    platform = Platform.SLACK

    def __init__(self, ctx: Context, client: AsyncWebClient) -> None:
        self.ctx, self.client = ctx, client

    async def send(self, delivery: ChatDelivery) -> None:
        try:
            await self._send(delivery)
        except SlackApiError as exc:
            raise _failure(exc) from None
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise TemporaryFailure(f"Slack is unreachable: {exc}") from None

    async def _send(self, delivery: ChatDelivery) -> None:
        kind = delivery.message.kind
        if kind == "chat.card":
            await self._card(delivery)
        elif kind == "chat.answer":
            await self._dm(delivery.organizer.user_id, _answer_text(delivery))
        elif kind == "chat.delivery_failed":
            payload = delivery.message.payload
            await self._dm(delivery.organizer.user_id, texts.DELIVERY_FAILED.format(
                email=payload["email"], title=delivery.event.title, error=payload["error"]))
        elif kind == "chat.colleague_invited" and delivery.person and delivery.attendee:
            text, blocks = _colleague_invitation(delivery)
            await self._dm(delivery.person.user_id, text, blocks)

    async def _card(self, delivery: ChatDelivery) -> None:
        event = delivery.event
        text, blocks = card(event)
        if event.card and event.card.get("ts"):
            await self.client.chat_update(channel=event.card["channel"], ts=event.card["ts"],
                                          text=text, blocks=blocks)
            return
        posted = await self._dm(delivery.organizer.user_id, text, blocks)
        await set_card(self.ctx, event.id or 0, {"channel": posted["channel"],
                                                 "ts": posted["ts"]})

    async def _dm(self, user_id: str, text: str,
                  blocks: list[dict[str, Any]] | None = None) -> Any:
        channel = (await self.client.conversations_open(users=user_id))["channel"]["id"]
        return await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)


def _answer_text(delivery: ChatDelivery) -> str:
    payload, attendee = delivery.message.payload, delivery.attendee
    return answer_notice(attendee.name if attendee else "Someone",
                         attendee.email if attendee else "", payload["answer"],
                         delivery.event.title, delivery.event.start, delivery.event.timezone,
                         payload["accepted"], payload["invited"], payload.get("comment"))


def _colleague_invitation(delivery: ChatDelivery) -> tuple[str, list[dict[str, Any]]]:
    event, attendee = delivery.event, delivery.attendee
    where = f", {event.place}" if event.place else ""
    text = texts.COLLEAGUE_INVITED.format(
        organizer=delivery.organizer.display_name or "A colleague", title=event.title,
        when=short_when(event.start, event.timezone), where=where)
    value = str(attendee.id if attendee else "")
    return text, [{"type": "section", "text": b.markdown(text)},
                  {"type": "actions", "elements": [
                      b.button("Accept", Action.ACCEPT, value, "primary"),
                      b.button("Decline", Action.DECLINE, value)]}]


def _failure(exc: SlackApiError) -> Exception:
    status = exc.response.status_code
    error = str(exc.response.get("error", "")) if exc.response.data else ""
    if status == 429:
        retry = float(exc.response.headers.get("Retry-After", exc.response.headers.get(
            "retry-after", 1)))
        return TemporaryFailure(f"Slack rate limit: retry after {retry:g} s", retry_after=retry)
    if error in PERMANENT:
        return PermanentFailure(f"Slack said {error}")
    return TemporaryFailure(f"Slack said {error or status}")
