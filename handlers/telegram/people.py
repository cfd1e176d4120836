"""Who may use the bot, who they are to Ospite, and the language they read."""

from __future__ import annotations

from telegram import Bot, User
from telegram.error import TelegramError

from bot.config import Settings
from bot.domain.model import PersonRef, Platform
from bot.i18n import Translator, reader_locale, tr

MEMBERS = {"member", "administrator", "creator", "restricted"}


def workspace(settings: Settings) -> str:
    """All of the company's Telegram users form one workspace."""
    return settings.TELEGRAM_COMPANY_CHAT or "telegram"


def locale_of(settings: Settings, user: User | None) -> str:
    """`it` for a Telegram set to Italian (`it`, `it-IT`), else English; unknown: the default."""
    return reader_locale(user.language_code if user else None, settings.DEFAULT_LOCALE)


def words_for(settings: Settings, user: User | None) -> tuple[Translator, str]:
    """The catalog and locale of the person who sent an update."""
    locale = locale_of(settings, user)
    return tr(locale), locale


def person(settings: Settings, user: User) -> PersonRef:
    """The Telegram user as Ospite's person, with their language."""
    return PersonRef(Platform.TELEGRAM, workspace(settings), str(user.id), user.full_name,
                     settings.DEFAULT_TIMEZONE, locale_of(settings, user))


def colleague(settings: Settings, user_id: str) -> PersonRef:
    """A colleague already on an event, by their Telegram user id."""
    return PersonRef(Platform.TELEGRAM, workspace(settings), user_id)


def is_admin(settings: Settings, user: User) -> bool:
    """TELEGRAM_ADMINS may set up the sender mailbox."""
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
