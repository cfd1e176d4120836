"""The composition root: builds settings, storage, services and front ends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware

from bot.chat.router import ChatRouter
from bot.config import Settings, load_settings
from bot.ports import Clock, SystemClock
from bot.retention import wire_retention
from bot.runtime import Runtime
from bot.services import Context
from bot.worker import OutboxWorker
from handlers.slack.wiring import wire_slack
from handlers.telegram.wiring import wire_telegram
from handlers.web.health import health_route
from handlers.web.limits import BodyLimits
from handlers.web.wiring import wire_web
from mail.checks import LoginCheck
from mail.replies.wiring import wire_replies
from mail.wiring import wire_mail
from storage.db import SqlUnitOfWorkFactory, database_reachable, make_engine
from storage.locks import make_locks
from storage.migrate import pending

log = logging.getLogger("ospite")


class NotMigrated(RuntimeError):
    """The database schema is older than the code."""


def build_runtime(settings: Settings | None = None, clock: Clock | None = None) -> Runtime:
    """Settings, storage, services and every front end the configuration turns on."""
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    ctx = Context(uow=SqlUnitOfWorkFactory(engine, settings.SECRET_KEY),
                  clock=clock or SystemClock(), secret_key=settings.SECRET_KEY,
                  mailbox_check=LoginCheck())
    runtime = Runtime(settings=settings, engine=engine, ctx=ctx, locks=make_locks(engine))
    for wire in (wire_mail, wire_replies, wire_retention, wire_web, wire_slack, wire_telegram):
        wire(runtime)
    if runtime.notifiers:  # otherwise chat rows wait, unclaimed, until a front end is set up
        runtime.deliverers.append(ChatRouter(ctx, runtime.locks, runtime.notifiers,
                                             settings.DEFAULT_LOCALE))
    return runtime


async def ensure_migrated(runtime: Runtime) -> None:
    if await pending(runtime.engine):
        raise NotMigrated("The database is not up to date: run `ospite migrate` first.")


def report_front_ends(settings: Settings) -> None:
    """One log line per front end that is off, naming the setting that turns it on."""
    if not settings.slack_enabled:
        log.info("Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                 "(or SLACK_APP_TOKEN for Socket Mode) to turn it on")
    if not settings.telegram_enabled:
        log.info("Telegram is off: set TELEGRAM_BOT_TOKEN to turn it on")
    if not settings.SMTP_URL:
        log.info("No SMTP_URL: each workspace sets up its sender mailbox in the chat")


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> Starlette:
    """The Starlette app served by `ospite serve`; one per test is fine."""
    runtime = runtime or build_runtime(settings)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await ensure_migrated(runtime)
        report_front_ends(runtime.settings)
        for hook in runtime.on_startup:
            await hook()
        stop = asyncio.Event()
        tasks = [asyncio.create_task(task(stop)) for task in runtime.web_tasks]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            for hook in reversed(runtime.on_shutdown):
                await hook()
            await runtime.engine.dispose()

    routes = [health_route(lambda: database_reachable(runtime.engine)), *runtime.routes]
    # Body limits first of all, so no route (nor one added later) reads an unbounded body.
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(BodyLimits)])
    app.state.runtime = runtime
    return app


def create_worker(runtime: Runtime) -> OutboxWorker:
    """The outbox worker with every deliverer the configuration turns on."""
    return OutboxWorker(runtime.ctx.uow, runtime.ctx.clock, runtime.deliverers)
