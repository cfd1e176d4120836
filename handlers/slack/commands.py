"""`/event new | list | setup | help`."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import services
from bot.chat import messages
from bot.chat.views import View
from bot.config import Settings
from bot.domain.model import PersonRef
from bot.i18n import tr
from bot.mailbox import mail_ready
from bot.services import Context
from handlers.slack import render
from handlers.slack.event_form import open_event_form
from handlers.slack.forms import EventFields, FormState
from handlers.slack.mail_setup import mail_form
from handlers.slack.people import as_person, is_admin, user_info

HELP = [("/event new", "new"), ("/event list", "list"), ("/event setup", "setup"),
        ("/event help", "help")]


def register(app: AsyncApp, ctx: Context, settings: Settings) -> None:
    @app.command("/event")
    async def event_command(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient,
                            respond: AsyncRespond) -> None:
        await ack()
        word = (command.get("text") or "").strip().lower().split(" ")[0] or "new"
        info = await user_info(client, command["user_id"])
        who = as_person(info, command["team_id"], command["user_id"], settings.DEFAULT_LOCALE)
        t, locale = tr(who.locale or "en"), who.locale or "en"
        if word == "new" and not await mail_ready(ctx, bool(settings.SMTP_URL), who):
            word = "setup"
            if not is_admin(info):
                await _say(respond, messages.mail_first(False, "/event setup", t))
                return
        if word == "new":
            fields = EventFields(timezone=who.timezone or settings.DEFAULT_TIMEZONE,
                                 locale=locale)
            await open_event_form(ctx, client, command["trigger_id"], fields,
                                  FormState(owner=who.user_id), locale)
        elif word == "setup" and is_admin(info):
            await client.views_open(trigger_id=command["trigger_id"],
                                    view=mail_form(t, who.display_name))
        elif word == "setup":
            await _say(respond, messages.mail_first(False, "/event setup", t))
        elif word == "list":
            await _say(respond, await _upcoming(ctx, who, locale))
        else:
            await _say(respond, messages.help_message(HELP, t))


async def _upcoming(ctx: Context, who: PersonRef, locale: str) -> View:
    events = await services.list_upcoming(ctx, who)
    t = tr(locale)
    return messages.listing(events, t, locale, "/event new", messages.home_tab_hint(t))


async def _say(respond: AsyncRespond, view: View) -> None:
    """Only to the person who typed the command."""
    await respond(text=render.text(view), blocks=render.blocks(view), response_type="ephemeral")
