"""/setupmail: an admin answers one question per field; the use case checks, tries and stores.

A problem sends the admin back to the question of its field (a refused login to the server's
name), and the questions after it are asked again: the password is never kept.
"""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.chat import messages
from bot.config import Settings
from bot.domain.errors import Forbidden, InvalidInput
from bot.domain.mailbox import SECURITY
from bot.domain.model import MailSettings
from bot.domain.validation import check_email
from bot.mailbox import set_up_mailbox
from bot.services import Context
from bot.text import explain
from handlers.telegram import keyboards, questions
from handlers.telegram.conversation import conversation
from handlers.telegram.parsing import parse_port
from handlers.telegram.people import is_admin, person, words_for
from handlers.telegram.replies import Ctx, answer, reply, say

END = ConversationHandler.END
ORDER = ("sender_name", "sender_email", "smtp_host", "smtp_port", "smtp_security", "smtp_user",
         "smtp_password")
NAME, EMAIL, HOST, PORT, SECURITY_STEP, USER, PASSWORD = range(len(ORDER))
ASKED = {NAME: questions.SENDER_NAME, EMAIL: questions.SENDER_EMAIL, HOST: questions.SMTP_HOST,
         PORT: questions.SMTP_PORT, SECURITY_STEP: questions.SMTP_SECURITY,
         USER: questions.SMTP_USER, PASSWORD: questions.SMTP_PASSWORD}


class MailSetup:
    def __init__(self, ctx: Context, settings: Settings) -> None:
        self.ctx, self.settings = ctx, settings

    def handler(self) -> ConversationHandler:
        """One state per field, in ORDER."""
        typed = filters.TEXT & ~filters.COMMAND
        return conversation(
            entry_points=[CommandHandler("setupmail", self.begin)],
            states={NAME: [MessageHandler(typed, self.typed)],
                    EMAIL: [MessageHandler(typed, self.email)],
                    HOST: [MessageHandler(typed, self.typed)],
                    PORT: [MessageHandler(typed, self.port)],
                    SECURITY_STEP: [CallbackQueryHandler(self.security, pattern="^sec:")],
                    USER: [MessageHandler(typed, self.typed),
                           CallbackQueryHandler(self.no_user, pattern="^skip$")],
                    PASSWORD: [MessageHandler(typed, self.password)]},
            fallbacks=[CommandHandler("cancel", self.cancel)], name="setup_mail",
            persistent=True)

    async def begin(self, update: Update, context: Ctx) -> int:
        """/setupmail, for admins only."""
        if not is_admin(self.settings, update.effective_user):
            raise Forbidden("admins_only")
        context.user_data["mail"] = {}
        return await self.ask(update, context, NAME)

    async def typed(self, update: Update, context: Ctx) -> int:
        """A field taken as typed (the use case checks it with the others)."""
        return await self._keep(update, context, (update.effective_message.text or "").strip())

    async def email(self, update: Update, context: Ctx) -> int:
        """The sender's address, checked here already: it is easy to mistype."""
        try:
            address = check_email(update.effective_message.text or "", "sender_email")
        except InvalidInput as bad:
            t, locale = words_for(self.settings, update.effective_user)
            return await self.ask(update, context, EMAIL,
                                  explain(bad.problems["sender_email"], t, locale))
        return await self._keep(update, context, address)

    async def port(self, update: Update, context: Ctx) -> int:
        """A number; which ports are allowed is the use case's to say."""
        found = parse_port(update.effective_message.text or "")
        if found is None:
            t, _ = words_for(self.settings, update.effective_user)
            return await self.ask(update, context, PORT, t.gettext(questions.BAD_PORT))
        return await self._keep(update, context, found)

    async def security(self, update: Update, context: Ctx) -> int:
        """STARTTLS, TLS or none, from the buttons."""
        chosen = (update.callback_query.data or "").removeprefix("sec:")
        if chosen not in SECURITY:
            t, _ = words_for(self.settings, update.effective_user)
            await answer(update, context, t.gettext(questions.STALE))
            return await self.ask(update, context, SECURITY_STEP)
        return await self._keep(update, context, chosen)

    async def no_user(self, update: Update, context: Ctx) -> int:
        """Skip: a server without login."""
        return await self._keep(update, context, "")

    async def password(self, update: Update, context: Ctx) -> int:
        """The last field: the message is deleted, then everything is checked and tried."""
        secret = update.effective_message.text or ""
        with contextlib.suppress(TelegramError):  # the password must not stay in the chat
            await update.effective_message.delete()
        typed = context.user_data["mail"]
        mail = MailSettings(**{name: typed[name] for name in ORDER[:-1] if name in typed},
                            smtp_password=secret)
        t, locale = words_for(self.settings, update.effective_user)
        who = person(self.settings, update.effective_user)
        try:
            saved = await set_up_mailbox(self.ctx, who, is_admin(self.settings,
                                                                 update.effective_user), mail)
        except InvalidInput as bad:
            field, found = next(iter(bad.problems.items()))
            step = ORDER.index(field) if field in ORDER else HOST
            return await self.ask(update, context, step, explain(found, t, locale))
        context.user_data.pop("mail", None)
        await say(update, context, messages.mail_saved(saved.sender_email, t))
        return END

    async def cancel(self, update: Update, context: Ctx) -> int:
        """/cancel: nothing is stored."""
        t, _ = words_for(self.settings, update.effective_user)
        context.user_data.pop("mail", None)
        await reply(update, context, t.gettext(questions.STOPPED))
        return END

    async def ask(self, update: Update, context: Ctx, step: int, before: str | None = None,
                  ) -> int:
        """The question of a field, after what was wrong with the last answer."""
        t, _ = words_for(self.settings, update.effective_user)
        text = t.gettext(ASKED[step])
        keyboard = (keyboards.security(t) if step == SECURITY_STEP
                    else keyboards.skip(t) if step == USER else None)
        await reply(update, context, f"{before}\n\n{text}" if before else text, keyboard)
        context.user_data["mail"]["step"] = step
        return step

    async def reask(self, update: Update, context: Ctx) -> bool:
        """The question the admin was answering, if they are setting up the mailbox."""
        mail = (context.user_data or {}).get("mail")
        if not mail or "step" not in mail:
            return False
        await self.ask(update, context, mail["step"])
        return True

    async def _keep(self, update: Update, context: Ctx, value: str | int) -> int:
        mail = context.user_data["mail"]
        step = mail.get("step", NAME)
        mail[ORDER[step]] = value
        return await self.ask(update, context, step + 1)
