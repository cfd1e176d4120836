"""The blocking IMAP side (stdlib imaplib), run in a thread by the reader."""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date

from mail.replies.mailbox import Mailbox

# Set on every message we handled; other mail keeps its flags untouched.
HANDLED = "OspiteReply"
TIMEOUT = 10.0
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@contextmanager
def connect(box: Mailbox, timeout: float = TIMEOUT) -> Iterator[imaplib.IMAP4]:
    """A logged-in connection with the folder selected read-write."""
    conn = open_mailbox(box, timeout)
    try:
        yield conn
    finally:
        close(conn)


def open_mailbox(box: Mailbox, timeout: float = TIMEOUT) -> imaplib.IMAP4:
    """Logged in, the folder selected read-write; close it with `close`.

    `timeout` bounds each network wait (connect, greeting, every command), so a server that
    stops answering costs at most that long per step.
    """
    conn = open_connection(box, timeout)
    try:
        conn.login(box.user, box.password)
        _ok(conn.select(quote(box.folder)))
    except BaseException:
        conn.shutdown()
        raise
    return conn


def close(conn: imaplib.IMAP4) -> None:
    """Log out politely, or at least drop the connection."""
    try:
        conn.logout()
    except (OSError, imaplib.IMAP4.error):
        with suppress(OSError):
            conn.shutdown()


def interrupt(conn: imaplib.IMAP4) -> None:
    """Wake any thread blocked reading the connection; never blocks, so the loop may call it."""
    with suppress(OSError):
        conn.sock.shutdown(socket.SHUT_RDWR)


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


def sizes(conn: imaplib.IMAP4, uids: list[int]) -> dict[int, int]:
    """Each message's size in bytes as the server counts it, before reading any of them."""
    if not uids:
        return {}
    data = _ok(conn.uid("FETCH", ",".join(map(str, uids)), "(RFC822.SIZE)"))
    found: dict[int, int] = {}
    for line in data:
        text = line if isinstance(line, bytes) else b""
        uid, size = _UID.search(text), _SIZE.search(text)
        if uid and size:
            found[int(uid.group(1))] = int(size.group(1))
    return found


def fetch(conn: imaplib.IMAP4, uid: int, limit: int) -> bytes | None:
    """At most `limit` bytes of the message, without setting \\Seen (PEEK)."""
    data = _ok(conn.uid("FETCH", str(uid), f"(BODY.PEEK[]<0.{limit}>)"))
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
