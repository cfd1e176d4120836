"""What one process builds once and shares: settings, storage, services and what the edges add.

Each front end and the mail package add to it in their own `wiring` module (routes,
deliverers, background tasks, start-up and shut-down hooks); `bot.app` builds it and
calls the wirings, so this module imports none of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.ports import Deliverer, Locks
from bot.services import Context

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine
    from starlette.routing import BaseRoute

    from bot.chat.router import ChatPlatform

Task = Callable[[asyncio.Event], Awaitable[None]]
Hook = Callable[[], Awaitable[None]]


@dataclass
class Runtime:
    """Everything built once per process and shared by the web app and the worker."""

    settings: Settings
    engine: AsyncEngine
    ctx: Context
    locks: Locks
    routes: list[BaseRoute] = field(default_factory=list)
    deliverers: list[Deliverer] = field(default_factory=list)
    notifiers: list[ChatPlatform] = field(default_factory=list)
    worker_tasks: list[Task] = field(default_factory=list)
    web_tasks: list[Task] = field(default_factory=list)
    on_startup: list[Hook] = field(default_factory=list)
    on_shutdown: list[Hook] = field(default_factory=list)
    front_ends: dict[str, object] = field(default_factory=dict)  # e.g. the Telegram Application
