"""python-telegram-bot persistence in Ospite's database, so a half-typed event survives restarts."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict

from bot.services import Context
from bot.state import load_state, save_state

CONVERSATIONS = "telegram.conversations"
USERS = "telegram.user_data"


class DatabasePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Keeps conversation states and each user's draft (plain JSON) in the chat_state table."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=False,
                                                     user_data=True, callback_data=False),
                         update_interval=1)
        self.ctx = ctx

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = (await load_state(self.ctx, CONVERSATIONS)).get(name, {})
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(self, name: str, key: tuple[int | str, ...],
                                  new_state: object | None) -> None:
        stored = (await load_state(self.ctx, CONVERSATIONS)).get(name, {})
        if new_state is None:
            stored.pop(json.dumps(list(key)), None)
        else:
            stored[json.dumps(list(key))] = new_state
        await save_state(self.ctx, CONVERSATIONS, name, stored)

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        stored = await load_state(self.ctx, USERS)
        return defaultdict(dict, {int(k): v for k, v in stored.items()})

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        await save_state(self.ctx, USERS, str(user_id), data or None)

    async def drop_user_data(self, user_id: int) -> None:
        await save_state(self.ctx, USERS, str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        """Drafts only change through this process; nothing to refresh."""

    # Ospite keeps no chat, bot or callback data in python-telegram-bot.
    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return defaultdict(dict)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None: ...
    async def drop_chat_data(self, chat_id: int) -> None: ...
    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None: ...

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def update_bot_data(self, data: dict[str, Any]) -> None: ...
    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None: ...

    async def get_callback_data(self) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None: ...
    async def flush(self) -> None: ...
