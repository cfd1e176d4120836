"""Adds the calendar reply reader (IMAP) to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mail.replies.mailbox import Mailbox, from_url
from mail.replies.reader import ReplyReader

if TYPE_CHECKING:
    from bot.app import Runtime


def wire_replies(runtime: Runtime) -> None:
    """Register the IMAP reader as a worker task when IMAP_URL is set."""
    url = runtime.settings.IMAP_URL
    if not url:
        return
    boxes = [from_url(url)]

    async def mailboxes() -> list[Mailbox]:
        return boxes

    runtime.worker_tasks.append(ReplyReader(runtime.ctx, mailboxes).run)
