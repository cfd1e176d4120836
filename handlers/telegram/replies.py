"""Answering an update: a pressed button is answered once; views are rendered and sent."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.chat.views import View
from handlers.telegram import render

Ctx = ContextTypes.DEFAULT_TYPE
_ANSWERED = "ospite_answered"  # on the update's context: Telegram refuses a second answer


def typed_text(update: Update) -> str:
    """What the person typed (empty for a button or a file)."""
    return (update.effective_message.text if update.effective_message else None) or ""


async def answer(update: Update, context: Ctx, notice: str | None = None) -> None:
    """Stop the button's spinner, with a short notice if given; messages need nothing."""
    query = update.callback_query
    if query is None or getattr(context, _ANSWERED, False):
        return
    setattr(context, _ANSWERED, True)
    await query.answer(notice[:200] if notice else None)


async def reply(update: Update, context: Ctx, text: str,
                keyboard: InlineKeyboardMarkup | None = None) -> Message:
    """One message in the person's private chat (the text fitted to Telegram's limit)."""
    await answer(update, context)
    chat = update.effective_chat
    assert chat is not None
    return await chat.send_message(render.fit(text), reply_markup=keyboard)


async def say(update: Update, context: Ctx, view: View) -> None:
    """A view, split into as many messages as it needs; its buttons go with the last one."""
    pieces = render.pieces(view)
    for number, piece in enumerate(pieces, start=1):
        await reply(update, context, piece,
                    render.keyboard(view) if number == len(pieces) else None)
