"""Cancel event on the card: confirm, then cancel."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot import services
from bot.config import Settings
from bot.domain.errors import DomainError
from bot.services import Context
from handlers.telegram import keyboards, texts
from handlers.telegram.people import may_use, person

Ctx = ContextTypes.DEFAULT_TYPE


def handlers(ctx: Context, settings: Settings) -> list[CallbackQueryHandler]:
    async def confirm(update: Update, context: Ctx) -> None:
        query = update.callback_query
        await query.answer()
        if not await may_use(context.bot, settings, update.effective_user):
            return
        event_id = int((query.data or "").rsplit(":", 1)[1])
        event = await services.get_event(ctx, event_id)
        await update.effective_message.reply_text(
            texts.CONFIRM_CANCEL.format(title=event.title), reply_markup=keyboards.choices(
                [("Yes, cancel it", f"card:cancel_yes:{event_id}"), ("No", "card:keep")]))

    async def cancel(update: Update, context: Ctx) -> None:
        query = update.callback_query
        await query.answer()
        who = person(settings, update.effective_user)
        try:
            event = await services.cancel_event(ctx, who, int((query.data or "").rsplit(":")[-1]))
            said = texts.EVENT_CANCELLED.format(title=event.title)
        except DomainError as exc:
            said = str(exc)
        await update.effective_message.reply_text(said)

    async def keep(update: Update, context: Ctx) -> None:
        await update.callback_query.answer("Kept.")

    return [CallbackQueryHandler(confirm, pattern=r"^card:cancel:\d+$"),
            CallbackQueryHandler(cancel, pattern=r"^card:cancel_yes:\d+$"),
            CallbackQueryHandler(keep, pattern=r"^card:keep$")]
