"""The reader's own threads for blocking imaplib calls, and leaving a connection behind.

A round that runs out of time leaves a thread blocked on a silent server; the socket is
shut so the thread wakes, and the connection is closed there, never on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from mail.replies import imap
from mail.replies.mailbox import Mailbox

T = TypeVar("T")


class ImapThreads:
    """Runs blocking IMAP steps off the loop; hung servers cannot use up the loop's own."""

    def __init__(self, workers: int = 16) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ospite-imap")

    async def call(self, blocking: Callable[..., T], *args: Any) -> T:
        """`blocking(*args)` in one of the threads."""
        return await asyncio.wrap_future(self._pool.submit(blocking, *args))

    async def open(self, box: Mailbox) -> imaplib.IMAP4:
        """A logged-in connection; if the wait is cut off, it is closed once it comes."""
        opening = self._pool.submit(imap.open_mailbox, box)
        try:
            return await asyncio.wrap_future(opening)
        except asyncio.CancelledError:
            opening.add_done_callback(self._close_opened)
            raise

    def abandon(self, conn: imaplib.IMAP4) -> None:
        """Wake whatever thread waits on `conn`, and close it in a thread."""
        imap.interrupt(conn)
        with contextlib.suppress(RuntimeError):  # shut down: the process is ending anyway
            self._pool.submit(imap.close, conn)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _close_opened(self, opening: Future[imaplib.IMAP4]) -> None:
        if not opening.cancelled() and opening.exception() is None:
            self.abandon(opening.result())
