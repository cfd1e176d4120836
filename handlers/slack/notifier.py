"""Slack as a chat platform for the outbox: direct messages and in-place card edits."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.views import View
from bot.domain.model import Person, Platform
from bot.ports import PermanentFailure, TemporaryFailure
from handlers.slack import render
from handlers.slack.replies import direct_message

# Errors that retrying cannot fix (see the Web API's error lists).
PERMANENT = {"invalid_auth", "not_authed", "account_inactive", "token_revoked",
             "channel_not_found", "user_not_found", "is_archived", "cannot_dm_bot",
             "message_not_found", "cant_update_message", "invalid_blocks", "msg_too_long"}


class SlackPlatform:
    platform = Platform.SLACK
    card_people_limit = None  # sections split at 3,000 characters hold 100 guests

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def send(self, person: Person, view: View) -> dict[str, Any]:
        return await _guarded(direct_message(self.client, person.user_id, view))

    async def update(self, where: dict[str, Any], view: View) -> None:
        await _guarded(self.client.chat_update(channel=where["channel"], ts=where["ts"],
                                               text=render.text(view),
                                               blocks=render.blocks(view)))


async def _guarded(call: Any) -> Any:
    try:
        return await call
    except SlackApiError as exc:
        raise _failure(exc) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise TemporaryFailure(f"Slack is unreachable: {type(exc).__name__}") from None


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
