"""The worker task that reads calendar replies from the sender mailbox and records them."""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.invitations import record_calendar_reply
from bot.services import Context
from mail.replies import imap
from mail.replies.mailbox import Mailbox
from mail.replies.parse import read_reply_mail

log = logging.getLogger("ospite.replies")

BATCH = 50
# A reply older than this answers an invitation long gone; not reading further back keeps
# a big mailbox cheap to poll.
LOOK_BACK = timedelta(days=30)

Mailboxes = Callable[[], Awaitable[list[Mailbox]]]


class ReplyReader:
    """Polls each mailbox; handled replies are flagged, other mail is left as it was."""

    def __init__(self, ctx: Context, mailboxes: Mailboxes, interval: float = 60.0) -> None:
        self.ctx, self.mailboxes, self.interval = ctx, mailboxes, interval
        # Mail that is not a reply is read once per process and otherwise left alone.
        self._ignored: dict[tuple[Mailbox, str], set[int]] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; an unreachable mailbox is retried next round."""
        while not stop.is_set():
            await self.poll()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)

    async def poll(self) -> list[str]:
        """One round over every mailbox; returns what happened to each reply."""
        outcomes: list[str] = []
        for box in await self.mailboxes():
            try:
                outcomes += await self.poll_mailbox(box)
            except (OSError, imaplib.IMAP4.error) as exc:
                log.warning("cannot read replies from %r: %s", box, exc)
            except Exception:  # e.g. the database is down: the replies wait for next round
                log.exception("reading replies from %r failed", box)
        return outcomes

    async def poll_mailbox(self, box: Mailbox) -> list[str]:
        validity, messages = await asyncio.to_thread(self._fetch_new, box)
        ignored = self._ignored.setdefault((box, validity), set())
        outcomes, handled = [], []
        for uid, raw in messages:
            found = await self._handle(raw)
            if found is None:
                ignored.add(uid)
            else:
                outcomes += found
                handled.append(uid)
        if handled:
            await asyncio.to_thread(self._mark, box, handled)
        return outcomes

    async def _handle(self, raw: bytes) -> list[str] | None:
        """Outcomes of the replies in one message, or None when it holds no reply."""
        try:
            mail = read_reply_mail(raw)
        except Exception:  # a malformed message must never stop the reader
            log.exception("unreadable message ignored")
            return None
        if not mail.replies:
            return None
        return [await record_calendar_reply(
            self.ctx, r.uid, r.attendee_email, r.partstat, r.comment, r.sequence,
            mail.from_address) for r in mail.replies]

    def _fetch_new(self, box: Mailbox) -> tuple[str, list[tuple[int, bytes]]]:
        with imap.connect(box) as conn:
            validity = imap.uid_validity(conn)
            skip = self._ignored.get((box, validity), set())
            since = (self.ctx.clock.now() - LOOK_BACK).date()
            uids = [uid for uid in imap.unhandled(conn, since) if uid not in skip][:BATCH]
            fetched = [(uid, imap.fetch(conn, uid)) for uid in uids]
        return validity, [(uid, raw) for uid, raw in fetched if raw is not None]

    def _mark(self, box: Mailbox, uids: list[int]) -> None:
        with imap.connect(box) as conn:
            for uid in uids:
                imap.mark_handled(conn, uid)
