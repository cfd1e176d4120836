"""Adds the Slack front end (Bolt over HTTP or Socket Mode) and its notifier to the runtime."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handlers.slack import card_actions, commands, errors, event_form, home, mail_setup
from handlers.slack.notifier import SlackPlatform
from handlers.slack.replies import Replies

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger("ospite.slack")


def wire_slack(runtime: Runtime) -> None:
    """Route /slack/events (or open Socket Mode) and deliver chat notices to Slack."""
    settings = runtime.settings
    if not settings.slack_enabled:
        return
    client = AsyncWebClient(token=settings.SLACK_BOT_TOKEN, base_url=settings.SLACK_API_URL)
    app = build_app(runtime, client)
    runtime.notifiers.append(SlackPlatform(client))
    if settings.SLACK_APP_TOKEN:
        runtime.web_tasks.append(_socket_mode(app, settings.SLACK_APP_TOKEN))
        return
    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    runtime.routes.append(Route("/slack/events", events, methods=["POST"]))


def build_app(runtime: Runtime, client: AsyncWebClient) -> AsyncApp:
    """A Bolt app with every Ospite listener; Bolt verifies each request's signature."""
    settings = runtime.settings
    app = AsyncApp(client=client, signing_secret=settings.SLACK_SIGNING_SECRET or "",
                   process_before_response=False)
    replies = Replies(settings.DEFAULT_LOCALE)
    commands.register(app, runtime.ctx, settings)
    event_form.register(app, runtime.ctx, settings, replies)
    card_actions.register(app, runtime.ctx, replies)
    mail_setup.register(app, runtime.ctx, settings)
    home.register(app, runtime.ctx, replies)
    errors.register(app, replies)
    return app


def _socket_mode(app: AsyncApp, app_token: str):
    async def run(stop: asyncio.Event) -> None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()
        log.info("Slack Socket Mode connected")
        await stop.wait()
        await handler.close_async()

    return run
