"""Adds the Telegram front end (long polling, or a webhook in the web app) to the runtime."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, TypeHandler

from bot.ports import Locks
from bot.singleton import alone
from handlers.telegram import card_actions
from handlers.telegram.errors import error_handler
from handlers.telegram.mail_setup import MailSetup
from handlers.telegram.new_event import NewEvent
from handlers.telegram.notifier import TelegramPlatform
from handlers.telegram.persistence import DatabasePersistence, persist, refresher

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger("ospite.telegram")
WEBHOOK_PATH = "/telegram/webhook"
POLLER = "telegram-polling"
MAX_UPDATE_BYTES = 1 << 20  # an update is a few kilobytes; a message is at most 4,096 characters


def wire_telegram(runtime: Runtime) -> None:
    """Build the bot; webhook mode when TELEGRAM_WEBHOOK_SECRET is set, else long polling."""
    settings = runtime.settings
    if not settings.telegram_enabled:
        return
    application = build_application(runtime)
    runtime.front_ends["telegram"] = application
    runtime.notifiers.append(TelegramPlatform(application.bot))
    if settings.TELEGRAM_WEBHOOK_SECRET:
        _webhook(runtime, application, settings.TELEGRAM_WEBHOOK_SECRET)
    else:
        # Telegram answers a second poller with 409: one process of the deployment polls.
        runtime.web_tasks.append(alone(runtime.locks, POLLER, _polling(application)))


def build_application(runtime: Runtime) -> Application:
    """The PTB Application with every handler and the one error handler."""
    # PTB 22's documented opt-in: durations such as RetryAfter.retry_after as timedelta.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    settings = runtime.settings
    builder = (Application.builder().token(settings.TELEGRAM_BOT_TOKEN or "")
               .base_url(settings.TELEGRAM_API_URL).base_file_url(settings.telegram_file_url)
               .persistence(DatabasePersistence(runtime.ctx)))
    if settings.TELEGRAM_WEBHOOK_SECRET:
        builder = builder.updater(None)
    application = builder.build()
    new_event, mail_setup = NewEvent(runtime.ctx, settings), MailSetup(runtime.ctx, settings)

    async def again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """After a slip, the question the person was answering (if any) once more."""
        if not await new_event.reask(update, context):
            await mail_setup.reask(update, context)

    application.add_handler(TypeHandler(Update, refresher(runtime.ctx)), group=-1)
    application.add_handler(new_event.handler())
    application.add_handler(mail_setup.handler())
    application.add_handler(CommandHandler(["help", "start"], new_event.help))
    application.add_handler(CommandHandler("events", new_event.listing))
    for handler in card_actions.handlers(runtime.ctx, settings, again):  # the last: any button
        application.add_handler(handler)
    # Save conversation state after every update, not once a minute: a restart loses nothing.
    application.add_handler(TypeHandler(Update, persist), group=99)
    application.add_error_handler(error_handler(settings, again))
    return application


def _webhook(runtime: Runtime, application: Application, secret: str) -> None:
    async def webhook(request: Request) -> Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)
        body = await limited_body(request, MAX_UPDATE_BYTES)
        if body is None:
            return Response(status_code=413)
        try:
            update = Update.de_json(json.loads(body), application.bot)
        except (ValueError, TypeError, KeyError):
            return Response(status_code=400)
        await _process(application, runtime.locks, update)
        return Response()

    async def start() -> None:
        await application.initialize()
        await application.start()
        await application.bot.set_webhook(url=runtime.settings.PUBLIC_URL + WEBHOOK_PATH,
                                          secret_token=secret)

    async def stop() -> None:
        await application.stop()
        await application.shutdown()

    runtime.routes.append(Route(WEBHOOK_PATH, webhook, methods=["POST"]))
    runtime.on_startup.append(start)
    runtime.on_shutdown.append(stop)


async def limited_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it passes `limit` bytes (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    found = bytearray()
    async for chunk in request.stream():
        found += chunk
        if len(found) > limit:
            return None
    return bytes(found)


async def _process(application: Application, locks: Locks, update: Update) -> None:
    """Handle one person's updates one at a time across every web process, in order."""
    user = update.effective_user
    async with locks.exclusive(f"telegram-user:{user.id if user else 0}"):
        await application.process_update(update)


def _polling(application: Application):
    async def run(stop: asyncio.Event) -> None:
        await application.initialize()
        await application.start()
        await application.updater.start_polling()
        log.info("Telegram long polling started")
        await stop.wait()
        await application.updater.stop()
        await application.stop()
        await application.shutdown()

    return run
