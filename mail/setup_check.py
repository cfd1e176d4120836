"""Both login checks of a mailbox set up in the chat, side by side within one short wait."""

from __future__ import annotations

import asyncio

from bot.domain.model import MailSettings
from mail import sender_config
from mail.replies import check, mailbox
from mail.smtp import login_problem


async def login_problems(mail: MailSettings) -> dict[str, str]:
    """{"smtp_host" | "imap_host": the key of what went wrong}; empty when both work."""
    box = mailbox.from_settings(mail)
    smtp, imap = await asyncio.gather(
        login_problem(sender_config.from_settings(mail)),
        check.login_problem(box) if box else _nothing())
    found = {"smtp_host": smtp, "imap_host": imap}
    return {field: problem for field, problem in found.items() if problem}


async def _nothing() -> None:
    return None
