"""Who may use the bot, and who they are to Ospite."""

from __future__ import annotations

from telegram import Bot, User
from telegram.error import TelegramError

from bot.config import Settings
from bot.domain.model import PersonRef, Platform

MEMBERS = {"member", "administrator", "creator", "restricted"}


def workspace(settings: Settings) -> str:
    """All of the company's Telegram users form one workspace."""
    return settings.TELEGRAM_COMPANY_CHAT or "telegram"


def person(settings: Settings, user: User) -> PersonRef:
    locale = "it" if (user.language_code or "").startswith("it") else settings.DEFAULT_LOCALE
    return PersonRef(Platform.TELEGRAM, workspace(settings), str(user.id), user.full_name,
                     settings.DEFAULT_TIMEZONE, locale)


def is_admin(settings: Settings, user: User) -> bool:
    return user.id in settings.telegram_admins


async def may_use(bot: Bot, settings: Settings, user: User) -> bool:
    """Listed users, admins, and members of the company chat; nobody else."""
    if user.id in settings.telegram_allowed_users or is_admin(settings, user):
        return True
    if not settings.TELEGRAM_COMPANY_CHAT:
        return False
    try:
        member = await bot.get_chat_member(settings.TELEGRAM_COMPANY_CHAT, user.id)
    except TelegramError:
        return False
    return member.status in MEMBERS
