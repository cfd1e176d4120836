"""Who is asking and how to answer them: a direct message or an ephemeral reply, rendered."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.views import View
from bot.domain.model import PersonRef
from handlers.slack import render
from handlers.slack.people import person


class Replies:
    """Shared by the listeners: the person behind a payload, and saying something to them."""

    def __init__(self, default_locale: str) -> None:
        self.default_locale = default_locale

    async def who(self, client: AsyncWebClient, body: dict[str, Any]) -> PersonRef:
        """The person who sent this payload (command, button or form)."""
        user = body.get("user") or {}
        user_id = str(body.get("user_id") or user.get("id") or "")
        team = str(body.get("team_id") or (body.get("team") or {}).get("id")
                   or user.get("team_id") or "")
        return await person(client, team, user_id, self.default_locale)

    async def tell(self, client: AsyncWebClient, who: PersonRef, view: View) -> dict[str, Any]:
        """A direct message; returns where it was posted."""
        return await direct_message(client, who.user_id, view)


async def direct_message(client: AsyncWebClient, user_id: str, view: View) -> dict[str, Any]:
    channel = (await client.conversations_open(users=user_id))["channel"]["id"]
    posted = await client.chat_postMessage(channel=channel, text=render.text(view),
                                           blocks=render.blocks(view))
    return {"channel": posted["channel"], "ts": posted["ts"]}
