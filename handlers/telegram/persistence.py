"""python-telegram-bot persistence in Ospite's database, so a half-typed event survives restarts."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from telegram import Update
from telegram.ext import Application, BasePersistence, ContextTypes, PersistenceInput
from telegram.ext._utils.types import ConversationDict

from bot.services import Context
from bot.state import load_prefixed, load_state, load_value, save_state

CONVERSATIONS = "telegram.conversation."  # + the ConversationHandler's name
USERS = "telegram.user_data"


class DatabasePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Keeps conversation states and each user's draft (plain JSON) in the chat_state table.

    One row per conversation key and per user, so that several web processes (webhook mode)
    never overwrite each other's rows; `refresh` reloads one person's rows before an update.
    """

    def __init__(self, ctx: Context) -> None:
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=False,
                                                     user_data=True, callback_data=False),
                         update_interval=1)
        self.ctx = ctx

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await load_state(self.ctx, CONVERSATIONS + name)
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(self, name: str, key: tuple[int | str, ...],
                                  new_state: object | None) -> None:
        await save_state(self.ctx, CONVERSATIONS + name, json.dumps(list(key)), new_state)

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        stored = await load_state(self.ctx, USERS)
        return defaultdict(dict, {int(k): v for k, v in stored.items()})

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        await save_state(self.ctx, USERS, str(user_id), data or None)

    async def drop_user_data(self, user_id: int) -> None:
        await save_state(self.ctx, USERS, str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        """Before each update: another web process may have moved this person's draft on."""
        stored = await load_value(self.ctx, USERS, str(user_id))
        user_data.clear()
        user_data.update(stored or {})

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


def refresher(ctx: Context):
    """A callback run before every update: this person's conversation states, from the database.

    python-telegram-bot reads conversation states once, at start-up; with several web
    processes behind one webhook, the previous step may have been answered by another one.
    """

    async def refresh(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update) or not (update.effective_chat and update.effective_user):
            return
        key = (update.effective_chat.id, update.effective_user.id)
        stored = await load_prefixed(ctx, CONVERSATIONS, json.dumps(list(key)))
        for name, states in _conversations(context.application).items():
            state = stored.get(CONVERSATIONS + name)
            if state is None:
                states.data.pop(key, None)  # untracked: the database already says so
            else:
                states.update_no_track({key: state})

    return refresh


def _conversations(application: Application) -> dict[str, Any]:
    # PTB keeps every persistent ConversationHandler's states here, by name; there is no
    # public way to reload them (see the test of two processes sharing a webhook).
    return application._conversation_handler_conversations


async def persist(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After every update: this person's draft and conversation states, to the database.

    PTB marks user data for saving only after the last handler group, so the draft is saved
    here explicitly; conversation states are tracked as they change.
    """
    application = context.application
    if isinstance(update, Update) and update.effective_user and application.persistence:
        await application.persistence.update_user_data(update.effective_user.id,
                                                       dict(context.user_data or {}))
    await application.update_persistence()
