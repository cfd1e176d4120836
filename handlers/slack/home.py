"""The app's Home tab: the person's agenda, published whenever they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.chat.agenda import agenda_view
from bot.i18n import tr
from bot.services import Context
from handlers.slack import render
from handlers.slack.replies import Replies

HOME_BLOCKS = 100  # Slack's limit for a Home tab


def register(app: AsyncApp, ctx: Context, replies: Replies) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict[str, Any], body: dict[str, Any],
                          client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        who = await replies.who(client, {"user_id": event.get("user"),
                                         "team_id": body.get("team_id")})
        await publish(ctx, client, who)


async def publish(ctx: Context, client: AsyncWebClient, who: Any) -> None:
    """Show the person's agenda in their Home tab, in their language."""
    agenda = await services.get_agenda(ctx, who)
    people = await services.list_people(ctx, [e.organizer_id for e, _ in agenda.invited])
    locale = who.locale or "en"
    view = agenda_view(agenda.organized, agenda.invited, people, tr(locale), locale,
                       "/event new")
    await client.views_publish(user_id=who.user_id, view={
        "type": "home", "blocks": render.blocks(view, HOME_BLOCKS)})
