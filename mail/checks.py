"""Tries a mailbox's SMTP (and IMAP) login before an admin saves it."""

from __future__ import annotations

from bot.domain.errors import Problem, problem
from bot.domain.model import MailSettings
from mail.sender_config import from_settings
from mail.smtp import login_problem


class LoginCheck:
    """The MailboxCheck port over aiosmtplib; short, because the chat is waiting."""

    async def problems(self, mail: MailSettings) -> dict[str, Problem]:
        found = await login_problem(from_settings(mail))
        return {"smtp_host": problem(found)} if found else {}
