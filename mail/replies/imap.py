"""The blocking IMAP side (stdlib imaplib), run in a thread by the reader."""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date

from mail.replies.mailbox import Mailbox

# Set on every message we handled; other mail keeps its flags untouched.
HANDLED = "OspiteReply"
TIMEOUT = 10.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@contextmanager
def connect(box: Mailbox, timeout: float = TIMEOUT) -> Iterator[imaplib.IMAP4]:
    """A logged-in connection with the folder selected read-write.

    `timeout` bounds each network wait (connect, greeting, every command), so a server that
    stops answering costs at most that long per step.
    """
    conn = open_connection(box, timeout)
    try:
        conn.login(box.user, box.password)
        _ok(conn.select(quote(box.folder)))
        yield conn
    finally:
        with suppress(OSError, imaplib.IMAP4.error):
            conn.logout()


def open_connection(box: Mailbox, timeout: float) -> imaplib.IMAP4:
    """Connected and greeted, and through STARTTLS when asked; not yet logged in."""
    conn = greet(box, timeout)
    if box.security == "starttls":
        try:
            conn.starttls(ssl.create_default_context())
        except BaseException:
            conn.shutdown()
            raise
    return conn


def greet(box: Mailbox, timeout: float) -> imaplib.IMAP4:
    """Connected (over TLS for `tls`) and greeted by the server."""
    if box.security == "tls":
        return imaplib.IMAP4_SSL(box.host, box.port, timeout=timeout,
                                 ssl_context=ssl.create_default_context())
    return imaplib.IMAP4(box.host, box.port, timeout=timeout)


def uid_validity(conn: imaplib.IMAP4) -> str:
    """Changes when the server renumbers the folder, so remembered UIDs must be forgotten."""
    _, data = conn.response("UIDVALIDITY")
    return (data[0] or b"").decode() if data and isinstance(data[0], bytes) else ""


def unhandled(conn: imaplib.IMAP4, since: date) -> list[int]:
    """UIDs of messages received since `since` and not yet marked as handled."""
    day = f"{since.day}-{MONTHS[since.month - 1]}-{since.year}"  # IMAP dates are in English
    data = _ok(conn.uid("SEARCH", "UNKEYWORD", HANDLED, "SINCE", day))
    return [int(n) for n in (data[0] or b"").split()]


def fetch(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    """The whole message, without setting \\Seen (PEEK)."""
    data = _ok(conn.uid("FETCH", str(uid), "(BODY.PEEK[])"))
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def mark_handled(conn: imaplib.IMAP4, uid: int) -> None:
    _ok(conn.uid("STORE", str(uid), "+FLAGS.SILENT", f"(\\Seen {HANDLED})"))


def _ok(response: tuple[str, list]) -> list:
    status, data = response
    if status != "OK":
        raise imaplib.IMAP4.error(f"IMAP said {status}: {data!r}")
    return data


def quote(folder: str) -> str:
    """A folder name as an IMAP quoted string."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
