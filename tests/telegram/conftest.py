"""A runtime with Telegram on, a stand-in Bot API, and a way to feed updates."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.app import build_runtime
from tests.support.mailbox import MAIL_FROM
from tests.support.telegram_api import TOKEN, BotApi, button, document, message

ORGANIZER_ID = 1001
COLLEAGUE_ID = 2002  # another employee, allowed to use the bot
STRANGER_ID = 6666
ADMIN_ID = 42


@pytest.fixture
async def bot_api():
    api = BotApi()
    async with api.running():
        yield api


def telegram_runtime(settings, clock, api: BotApi, **overrides: Any):
    return build_runtime(settings.model_copy(update={
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api.url,
        "TELEGRAM_ALLOWED_USERS": f"{ORGANIZER_ID},{COLLEAGUE_ID}",
        "TELEGRAM_ADMINS": str(ADMIN_ID),
        "MAIL_FROM": MAIL_FROM, **overrides}), clock=clock)


class Chat:
    """Feeds updates to the Application as Telegram would in polling mode."""

    def __init__(self, runtime, api: BotApi) -> None:
        self.runtime, self.api = runtime, api
        self.application = runtime.front_ends["telegram"]

    async def __aenter__(self) -> Chat:
        await self.application.initialize()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.application.shutdown()
        await self.runtime.engine.dispose()

    async def send(self, update: dict[str, Any]) -> list[str]:
        """Process one update; returns what the bot said in answer."""
        before = len(self.api.called("sendMessage"))
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.api.said()[before:]

    def person(self, user_id: int = ORGANIZER_ID, language: str = "en") -> Speaker:
        return Speaker(self, user_id, language)


class Speaker:
    """One person in the chat, whose Telegram app is set to `language`."""

    def __init__(self, chat: Chat, user_id: int, language: str) -> None:
        self.chat, self.user_id, self.language = chat, user_id, language

    async def says(self, text: str) -> list[str]:
        return await self.chat.send(message(self.user_id, text, self.language))

    async def presses(self, data: str) -> list[str]:
        return await self.chat.send(button(self.user_id, data, self.language))

    async def sends_file(self, file_id: str, name: str, size: int) -> list[str]:
        return await self.chat.send(document(self.user_id, file_id, name, size, self.language))


@pytest.fixture
async def chat(runtime, settings, clock, bot_api, smtp_sink):
    async with Chat(telegram_runtime(settings, clock, bot_api, SMTP_URL=smtp_sink.url),
                    bot_api) as driver:
        yield driver
