"""`/event new | list | setup | help`."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.config import Settings
from bot.domain.model import Answer
from bot.services import Context
from bot.text import short_when
from handlers.slack import texts
from handlers.slack.forms import EventFields, FormState, event_form, mail_form
from handlers.slack.people import is_admin, person


def register(app: AsyncApp, ctx: Context, settings: Settings) -> None:
    @app.command("/event")
    async def event_command(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient,
                            respond: AsyncRespond) -> None:
        await ack()
        word = (command.get("text") or "").strip().lower().split(" ")[0] or "new"
        who = await person(client, command["team_id"], command["user_id"])
        if word == "new":
            await _new(ctx, settings, client, respond, who, command["trigger_id"])
        elif word == "list":
            await respond(text=await _upcoming(ctx, who), response_type="ephemeral")
        elif word == "setup":
            await _setup(client, respond, who, command["trigger_id"])
        else:
            await respond(text=texts.HELP, response_type="ephemeral")


async def _new(ctx: Context, settings: Settings, client: AsyncWebClient, respond: AsyncRespond,
               who: Any, trigger_id: str) -> None:
    if not settings.SMTP_URL and await services.get_mail_settings(ctx, who) is None:
        await _setup(client, respond, who, trigger_id)
        return
    fields = EventFields(timezone=who.timezone or settings.DEFAULT_TIMEZONE,
                         locale=who.locale or settings.DEFAULT_LOCALE)
    await client.views_open(trigger_id=trigger_id, view=await event_form(ctx, fields,
                                                                          FormState()))


async def _setup(client: AsyncWebClient, respond: AsyncRespond, who: Any,
                 trigger_id: str) -> None:
    if not await is_admin(client, who.user_id):
        await respond(text=texts.MAIL_ADMINS_ONLY.format(admins="a workspace admin or owner"),
                      response_type="ephemeral")
        return
    await client.views_open(trigger_id=trigger_id, view=mail_form(who.display_name))


async def _upcoming(ctx: Context, who: Any) -> str:
    events = await services.list_upcoming(ctx, who)
    if not events:
        return texts.NO_EVENTS
    lines = []
    for event in events:
        people = event.current_attendees
        accepted = sum(1 for a in people if a.answer is Answer.ACCEPTED)
        declined = sum(1 for a in people if a.answer is Answer.DECLINED)
        lines.append(f"• *{event.title}* — {short_when(event.start, event.timezone)}: "
                     f"{accepted} accepted, {declined} declined, {len(people)} invited")
    return "\n".join(lines)
