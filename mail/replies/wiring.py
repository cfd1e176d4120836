"""Adds the calendar reply reader (IMAP) to the runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.services import list_mail_settings
from bot.singleton import alone
from mail.replies.mailbox import Mailbox, from_settings, from_url, merged
from mail.replies.reader import ReplyReader

if TYPE_CHECKING:
    from bot.runtime import Runtime

READER = "reply-reader"


def wire_replies(runtime: Runtime) -> None:
    """Read replies from IMAP_URL and from every workspace mailbox that has IMAP set up."""
    url = runtime.settings.IMAP_URL
    configured = [from_url(url)] if url else []

    async def mailboxes() -> list[Mailbox]:
        found = [from_settings(mail, workspace_id)
                 for workspace_id, mail in await list_mail_settings(runtime.ctx)]
        return merged(configured + [box for box in found if box is not None])

    # Two workers reading one mailbox would record each reply twice: one reads at a time.
    runtime.worker_tasks.append(alone(runtime.locks, READER, ReplyReader(runtime.ctx,
                                                                          mailboxes).run))
