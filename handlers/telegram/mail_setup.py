"""/setupmail: an admin sets up the sender mailbox; the SMTP login is tested before saving."""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import services
from bot.config import Settings
from bot.domain.errors import InvalidInput
from bot.domain.mailbox import check_mail_settings
from bot.domain.model import MailSettings
from bot.domain.validation import check_email
from bot.services import Context
from handlers.telegram import keyboards, texts
from handlers.telegram.conversation import conversation
from handlers.telegram.people import is_admin, person
from mail.sender_config import from_settings
from mail.smtp import login_problem

Ctx = ContextTypes.DEFAULT_TYPE
NAME, EMAIL, HOST, PORT, SECURITY, USER, PASSWORD = range(7)
END = ConversationHandler.END
SECURITY_CHOICES = [("STARTTLS", "sec:starttls"), ("TLS", "sec:tls"), ("None", "sec:none")]


def handler(ctx: Context, settings: Settings) -> ConversationHandler:
    typed = filters.TEXT & ~filters.COMMAND

    async def begin(update: Update, context: Ctx) -> int:
        if not is_admin(settings, update.effective_user):
            await update.effective_message.reply_text(texts.ADMINS_ONLY)
            return END
        context.user_data["mail"] = {}
        await update.effective_message.reply_text(texts.ASK_SENDER_NAME)
        return NAME

    async def name(update: Update, context: Ctx) -> int:
        context.user_data["mail"]["sender_name"] = update.effective_message.text.strip()
        await update.effective_message.reply_text(texts.ASK_SENDER_EMAIL)
        return EMAIL

    async def email(update: Update, context: Ctx) -> int:
        try:
            address = check_email(update.effective_message.text or "")
        except InvalidInput as bad:
            await update.effective_message.reply_text(bad.problems["email"])
            return EMAIL
        context.user_data["mail"]["sender_email"] = address
        await update.effective_message.reply_text(texts.ASK_SMTP_HOST)
        return HOST

    async def host(update: Update, context: Ctx) -> int:
        typed_host = update.effective_message.text.strip()
        problem = _problem(context.user_data["mail"], "smtp_host", typed_host)
        if problem:
            await _ask_again(update, problem, texts.ASK_SMTP_HOST)
            return HOST
        context.user_data["mail"]["smtp_host"] = typed_host
        await update.effective_message.reply_text(texts.ASK_SMTP_PORT)
        return PORT

    async def port(update: Update, context: Ctx) -> int:
        raw = update.effective_message.text.strip()
        number = int(raw) if raw.isdigit() and len(raw) < 6 else 0  # 0: no mail port, refused
        problem = _problem(context.user_data["mail"], "smtp_port", number)
        if problem:
            await _ask_again(update, problem, texts.ASK_SMTP_PORT)
            return PORT
        context.user_data["mail"]["smtp_port"] = number
        await update.effective_message.reply_text(
            texts.ASK_SECURITY, reply_markup=keyboards.choices(SECURITY_CHOICES))
        return SECURITY

    async def security(update: Update, context: Ctx) -> int:
        await update.callback_query.answer()
        context.user_data["mail"]["smtp_security"] = update.callback_query.data.removeprefix(
            "sec:")
        await update.effective_message.reply_text(texts.ASK_SMTP_USER,
                                                  reply_markup=keyboards.skip())
        return USER

    async def user(update: Update, context: Ctx) -> int:
        if update.callback_query:
            await update.callback_query.answer()
            context.user_data["mail"]["smtp_user"] = ""
        else:
            typed_user = update.effective_message.text.strip()
            problem = _problem(context.user_data["mail"], "smtp_user", typed_user)
            if problem:
                await _ask_again(update, problem, texts.ASK_SMTP_USER)
                return USER
            context.user_data["mail"]["smtp_user"] = typed_user
        await update.effective_message.reply_text(texts.ASK_SMTP_PASSWORD)
        return PASSWORD

    async def password(update: Update, context: Ctx) -> int:
        secret = update.effective_message.text
        with contextlib.suppress(TelegramError):  # the password must not stay in the chat
            await update.effective_message.delete()
        bad_secret = _problem(context.user_data["mail"], "smtp_password", secret)
        if bad_secret:
            await _ask_again(update, bad_secret, texts.ASK_SMTP_PASSWORD)
            return PASSWORD
        mail = MailSettings(**context.user_data["mail"], smtp_password=secret)
        problem = await login_problem(from_settings(mail))
        if problem:
            await update.effective_chat.send_message(texts.SMTP_FAILED.format(reason=problem))
            return HOST
        await services.set_mail_settings(ctx, person(settings, update.effective_user), mail)
        context.user_data.pop("mail", None)
        await update.effective_chat.send_message(texts.MAIL_SAVED.format(
            email=mail.sender_email))
        return END

    async def cancel(update: Update, context: Ctx) -> int:
        context.user_data.pop("mail", None)
        await update.effective_message.reply_text(texts.CANCELLED)
        return END

    return conversation(
        entry_points=[CommandHandler("setupmail", begin)],
        states={NAME: [MessageHandler(typed, name)], EMAIL: [MessageHandler(typed, email)],
                HOST: [MessageHandler(typed, host)], PORT: [MessageHandler(typed, port)],
                SECURITY: [CallbackQueryHandler(security, pattern="^sec:")],
                USER: [MessageHandler(typed, user), CallbackQueryHandler(user, pattern="^skip$")],
                PASSWORD: [MessageHandler(typed, password)]},
        fallbacks=[CommandHandler("cancel", cancel)], name="setup_mail", persistent=False)


async def _ask_again(update: Update, problem: str, question: str) -> None:
    await update.effective_chat.send_message(texts.TRY_AGAIN.format(problem=problem,
                                                                    question=question))


def _problem(answers: dict[str, Any], field: str, value: object) -> str | None:
    """What the mail rules say of one more answer, given the answers so far."""
    try:
        check_mail_settings(MailSettings(**{"smtp_host": "", **answers, field: value}))
    except InvalidInput as bad:
        return bad.problems.get(field)
    return None
