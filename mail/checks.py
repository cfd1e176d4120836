"""Tries a mailbox's SMTP and IMAP logins before an admin saves it."""

from __future__ import annotations

from bot.domain.errors import Problem, problem
from bot.domain.model import MailSettings
from mail.setup_check import login_problems

KEYS = {"smtp_host": "smtp_login_failed", "imap_host": "imap_login_failed"}


class LoginCheck:
    """The MailboxCheck port: both logins side by side, short, because the chat is waiting."""

    async def problems(self, mail: MailSettings) -> dict[str, Problem]:
        return {field: problem(KEYS[field], reason=reason)
                for field, reason in (await login_problems(mail)).items()}
