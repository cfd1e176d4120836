"""Who may talk to the bot, `/events` (or `/event list`) and `/help`."""

from __future__ import annotations

from telegram import Update

from bot import services
from bot.chat import messages
from bot.config import Settings
from handlers.telegram import questions
from handlers.telegram.people import may_use, person, words_for
from handlers.telegram.replies import Ctx, reply, say
from handlers.telegram.steps import Asking

NEW_COMMAND = "/event new"
HELP = [("/event new", "new"), ("/event list", "list"), ("/setupmail", "setup"),
        ("/cancel", "cancel"), ("/help", "help")]


async def admitted(settings: Settings, update: Update, context: Ctx) -> bool:
    """People of the company; anyone else is told so, and nothing else happens."""
    if await may_use(context.bot, settings, update.effective_user):
        return True
    t, _ = words_for(settings, update.effective_user)
    await reply(update, context, t.gettext(questions.STRANGER))
    return False


class Commands(Asking):
    async def admitted(self, update: Update, context: Ctx) -> bool:
        """See `admitted`."""
        return await admitted(self.settings, update, context)

    async def listing(self, update: Update, context: Ctx) -> None:
        """The person's upcoming events and who has answered."""
        if not await self.admitted(update, context):
            return
        events = await services.list_upcoming(self.ctx, person(self.settings,
                                                               update.effective_user))
        t, locale = words_for(self.settings, update.effective_user)
        await say(update, context, messages.listing(events, t, locale, NEW_COMMAND))

    async def help(self, update: Update, context: Ctx) -> None:
        """What Ospite does and its commands (for anyone: it shows nothing of the company)."""
        t, _ = words_for(self.settings, update.effective_user)
        await say(update, context, messages.help_message(HELP, t))
