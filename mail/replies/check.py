"""The IMAP login check run when an admin sets up a reply mailbox in the chat."""

from __future__ import annotations

import asyncio
import imaplib
import logging
import ssl
import time
from contextlib import suppress

from mail.replies import imap
from mail.replies.mailbox import Mailbox

log = logging.getLogger("ospite.replies")

LOGIN_CHECK_SECONDS = 2.5


async def login_problem(box: Mailbox, seconds: float = LOGIN_CHECK_SECONDS) -> str | None:
    """None when the server logs us in and opens the folder, else the key of what went wrong.

    Short in all, because chats wait, and in our own words, because the server's greeting
    and replies could say anything.
    """
    try:
        async with asyncio.timeout(seconds):
            key = await asyncio.to_thread(_try_login, box, time.monotonic() + seconds)
    except TimeoutError:
        key = "timed_out"  # the thread gives up on its own by the same deadline
    return key


def _try_login(box: Mailbox, deadline: float) -> str | None:
    stage, conn = "connect", None
    try:
        conn = imap.greet(box, _left(deadline))
        if box.security == "starttls":
            stage = "tls"
            conn.sock.settimeout(_left(deadline))
            conn.starttls(ssl.create_default_context())
        stage = "login"
        conn.sock.settimeout(_left(deadline))
        conn.login(box.user, box.password)
        stage = "select"
        conn.sock.settimeout(_left(deadline))
        status, _ = conn.select(imap.quote(box.folder), readonly=True)
        return None if status == "OK" else "server_refused"
    except Exception as exc:  # whatever the server does, the admin gets one of a few words
        log.info("IMAP login check of %r failed at %s: %s", box, stage, type(exc).__name__)
        return _failure(stage, exc)
    finally:
        if conn is not None:
            with suppress(Exception):
                conn.shutdown()


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _failure(stage: str, exc: Exception) -> str:
    if isinstance(exc, TimeoutError):
        return "timed_out"
    if stage == "tls" or isinstance(exc, ssl.SSLError):
        return "tls_failed"
    if stage == "connect":
        return "server_refused" if isinstance(exc, imaplib.IMAP4.error) else "cannot_connect"
    if stage == "login" and isinstance(exc, imaplib.IMAP4.error) and not isinstance(
            exc, imaplib.IMAP4.abort):
        return "login_refused"
    return "server_refused"
