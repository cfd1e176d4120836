"""Buttons outside the conversation: Cancel event on the card (asked first), a colleague's
Accept / Decline, and any button that is stale or forged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import services
from bot.chat import messages
from bot.chat.card import card_buttons
from bot.chat.views import Act
from bot.config import Settings
from bot.domain.model import Answer
from bot.i18n import Translator
from bot.services import Context
from handlers.telegram import questions, render
from handlers.telegram.commands import admitted
from handlers.telegram.parsing import parse_id
from handlers.telegram.people import person, words_for
from handlers.telegram.replies import Ctx, answer, reply, say

Again = Callable[[Update, Ctx], Awaitable[None]]
ANSWERS = {"accept": Answer.ACCEPTED, "decline": Answer.DECLINED}


def handlers(ctx: Context, settings: Settings, again: Again) -> list[BaseHandler]:
    """The card's and the colleague's buttons; add them after the conversations."""

    async def confirm(update: Update, context: Ctx) -> None:
        """Cancel event: the card's own question first, with Yes and No."""
        if not await admitted(settings, update, context):
            return
        who, t = person(settings, update.effective_user), _words(settings, update)
        event = await services.get_own_event(ctx, who, _id(update))
        [cancel] = [b for b in card_buttons(event, t) if b.act is Act.CANCEL]
        await reply(update, context, *render.confirmation(cancel, event.title))

    async def cancel(update: Update, context: Ctx) -> None:
        """Yes: the event is cancelled and every guest is told."""
        if not await admitted(settings, update, context):
            return
        who, t = person(settings, update.effective_user), _words(settings, update)
        event = await services.cancel_event(ctx, who, _id(update))
        await say(update, context, messages.cancelled(event, t))

    async def keep(update: Update, context: Ctx) -> None:
        """No: nothing changes."""
        await answer(update, context, _words(settings, update).gettext(questions.KEPT))

    async def colleague_answer(update: Update, context: Ctx) -> None:
        """Accept / Decline on a colleague's invitation, for that colleague only."""
        if not await admitted(settings, update, context):
            return
        who, t = person(settings, update.effective_user), _words(settings, update)
        chosen = ANSWERS[(update.callback_query.data or "").split(":")[1]]
        _, _, invitation, *seen = (update.callback_query.data or "").split(":")
        await services.respond_as_colleague(ctx, who, parse_id(invitation) or 0, chosen,
                                            int(seen[0][:9]) if seen else None)
        await say(update, context, messages.your_answer(chosen, t))

    async def stale(update: Update, context: Ctx) -> None:
        """Any other button: an old message, or data no button of ours carries."""
        await answer(update, context, _words(settings, update).gettext(questions.STALE))
        await again(update, context)

    return [CallbackQueryHandler(confirm, pattern=r"^card:cancel:\d+$"),
            CallbackQueryHandler(cancel, pattern=r"^card:cancel_yes:\d+$"),
            CallbackQueryHandler(keep, pattern=r"^card:keep$"),
            CallbackQueryHandler(colleague_answer,
                                 pattern=r"^colleague:(accept|decline):\d+(:\d+)?$"),
            CallbackQueryHandler(stale)]


def _words(settings: Settings, update: Update) -> Translator:
    return words_for(settings, update.effective_user)[0]


def _id(update: Update) -> int:
    """The event or invitation id a button carries; a forged one finds nothing (0)."""
    return parse_id((update.callback_query.data or "").rsplit(":", 1)[-1]) or 0
