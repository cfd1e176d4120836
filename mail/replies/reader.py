"""The worker task that reads calendar replies from the mailboxes and records them.

Mailboxes are read side by side, each within its own time limit, and one message at a
time: a dead server, a wrong password or a hostile message costs its own mailbox a round
at most, and never the other mailboxes or the replies queued behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.calendar_replies import record_calendar_reply
from bot.services import Context
from mail.replies import imap
from mail.replies.mailbox import Mailbox
from mail.replies.parse import ReplyMail, read_reply_mail
from mail.replies.threads import ImapThreads

log = logging.getLogger("ospite.replies")

BATCH = 50
# A reply older than this answers an invitation long gone; not reading further back keeps
# a big mailbox cheap to poll.
LOOK_BACK = timedelta(days=30)
MAX_BYTES = 2 * 1024 * 1024  # a calendar reply is a few kB; anything this big is not one
MAILBOX_SECONDS = 60.0  # one mailbox's round, all steps; each network wait is shorter
GIVE_UP_AFTER = 3  # rounds in which recording one reply failed, before it waits for a restart

Mailboxes = Callable[[], Awaitable[list[Mailbox]]]


class ReplyReader:
    """Polls each mailbox; handled replies are flagged, other mail is left as it was."""

    def __init__(self, ctx: Context, mailboxes: Mailboxes, interval: float = 60.0,
                 timeout: float = MAILBOX_SECONDS) -> None:
        self.ctx, self.mailboxes, self.interval, self.timeout = ctx, mailboxes, interval, timeout
        # Mail that is not a reply is read once per process and otherwise left alone.
        self._ignored: dict[tuple[Mailbox, str], set[int]] = {}
        self._failures: dict[tuple[Mailbox, str, int], int] = {}
        self._threads = ImapThreads()

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set; an unreachable mailbox is retried next round."""
        try:
            while not stop.is_set():
                await self.poll()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)
        finally:
            self._threads.shutdown()

    async def poll(self) -> list[str]:
        """One round over every mailbox at once; returns what happened to each reply."""
        try:
            boxes = await self.mailboxes()
        except Exception:  # e.g. the database is down: try again next round
            log.exception("cannot list the reply mailboxes")
            return []
        rounds = await asyncio.gather(*(self._poll_contained(box) for box in boxes))
        return [outcome for outcomes in rounds for outcome in outcomes]

    async def _poll_contained(self, box: Mailbox) -> list[str]:
        outcomes: list[str] = []
        try:
            async with asyncio.timeout(self.timeout):
                await self.poll_mailbox(box, outcomes)
        except TimeoutError:
            log.warning("reading replies from %r took too long; the rest waits", box)
        except (OSError, imaplib.IMAP4.error) as exc:
            log.warning("cannot read replies from %r: %s %.200r", box, type(exc).__name__,
                        str(exc))
        except Exception:
            log.exception("reading replies from %r failed", box)
        return outcomes

    async def poll_mailbox(self, box: Mailbox, outcomes: list[str]) -> None:
        """Read the box's new messages one by one, adding what happened to `outcomes`."""
        conn = await self._threads.open(box)
        try:
            validity = imap.uid_validity(conn)
            ignored = self._ignored.setdefault((box, validity), set())
            since = (self.ctx.clock.now() - LOOK_BACK).date()
            uids = [u for u in await self._threads.call(imap.unhandled, conn, since)
                    if u not in ignored][:BATCH]
            sizes = await self._threads.call(imap.sizes, conn, uids)
            for uid in uids:
                outcomes += await self._read_one(box, conn, (validity, uid), sizes.get(uid, 0))
        except BaseException:  # cut off (time is up) or failed: a thread may still be waiting
            self._threads.abandon(conn)
            raise
        await self._threads.call(imap.close, conn)

    async def _read_one(self, box: Mailbox, conn: imaplib.IMAP4, key: tuple[str, int],
                        size: int) -> list[str]:
        validity, uid = key
        raw = None if size > MAX_BYTES else await self._threads.call(imap.fetch, conn, uid,
                                                             MAX_BYTES + 1)
        mail = await self._threads.call(_read, raw, size)  # parsing 2 MB must not hold up the loop
        if mail is None:
            self._ignored[(box, validity)].add(uid)
            return []
        if mail.problem:
            log.warning("message %s in %r is not a reply to read: %s", uid, box, mail.problem)
            outcomes = [f"bad message: {mail.problem}"]
        else:
            try:
                outcomes = [await record_calendar_reply(
                    self.ctx, r.uid, r.attendee_email, r.partstat, r.comment, r.sequence,
                    mail.from_address, box.scope) for r in mail.replies]
            except Exception:  # e.g. the database: the message waits for the next round
                self._recording_failed(box, key)
                return []
        await self._threads.call(imap.mark_handled, conn, uid)
        return outcomes

    def _recording_failed(self, box: Mailbox, key: tuple[str, int]) -> None:
        log.exception("recording the replies of message %s in %r failed", key[1], box)
        failures = self._failures.get((box, *key), 0) + 1
        self._failures[(box, *key)] = failures
        if failures >= GIVE_UP_AFTER:  # the same error each round: skip it until a restart
            self._ignored[(box, key[0])].add(key[1])


def _read(raw: bytes | None, size: int) -> ReplyMail | None:
    """What the message holds, or None when it holds no reply (it is left to people)."""
    if raw is None and size <= MAX_BYTES:
        return None  # gone meanwhile
    if raw is None or len(raw) > MAX_BYTES:
        return ReplyMail("", (), False, f"{max(size, len(raw or b''))} bytes, over the limit")
    try:
        mail = read_reply_mail(raw)
    except Exception as exc:  # a malformed message must never stop the reader
        return ReplyMail("", (), False, f"unreadable ({type(exc).__name__})")
    return mail if mail.problem or mail.replies else None
