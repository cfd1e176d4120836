"""Messages that anyone could send to a sender mailbox to hurt the reply reader."""

from __future__ import annotations

import base64

from tests.support.replies import _crlf


def _reply_mail(sender: str, calendar: str, extra_parts: str = "") -> bytes:
    return _crlf(f"""From: <{sender}>
To: events@acme.example
Subject: Accepted
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/calendar; charset=utf-8; method=REPLY

{calendar}
{extra_parts}--b--
""").encode()


def _vevent(uid: str, attendees: str) -> str:
    return f"BEGIN:VEVENT\nUID:{uid}\nSEQUENCE:0\n{attendees}END:VEVENT\n"


def _calendar(events: str) -> str:
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REPLY\n{events}END:VCALENDAR"


def _attendee(email: str) -> str:
    return f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{email}\n"


def nul_bytes(uid: str, email: str) -> bytes:
    """A reply with NUL bytes in its calendar, its UID too (PostgreSQL would refuse them)."""
    return _reply_mail(email, _calendar(_vevent(f"{uid}\x00", _attendee(email))
                                        .replace("SEQUENCE", "SUMMARY:a\x00b\nSEQUENCE")))


def broken_encoding(email: str) -> bytes:
    """A calendar part that says base64 and is not."""
    return _crlf(f"""From: <{email}>
Subject: Accepted
Content-Type: text/calendar; charset=utf-8; method=REPLY
Content-Transfer-Encoding: base64

\xff\xfe!!!! %%% not base64, not a calendar \xc3\x28
""").encode("latin-1")


def huge(uid: str, email: str, megabytes: int = 5) -> bytes:
    """A real reply with a big attachment, far over what a reply needs."""
    blob = base64.encodebytes(b"\x89PNG" + bytes(megabytes * 1024 * 1024)).decode()
    extra = f"""--b
Content-Type: image/png; name="holiday.png"
Content-Transfer-Encoding: base64

{blob}
"""
    return _reply_mail(email, _calendar(_vevent(uid, _attendee(email))), extra)


def many_attendees(uid: str, email: str, count: int = 5000) -> bytes:
    """One event answered for thousands of attendees, the guest among them."""
    people = "".join(_attendee(f"person{n}@crowd.example") for n in range(count))
    return _reply_mail(email, _calendar(_vevent(uid, _attendee(email) + people)))


def many_events(uid: str, email: str, count: int = 25) -> bytes:
    """Dozens of VEVENTs in one reply, the guest's among them."""
    events = _vevent(uid, _attendee(email)) + "".join(
        _vevent(f"fake-{n}@ospite", _attendee(email)) for n in range(count))
    return _reply_mail(email, _calendar(events))


def many_parts(uid: str, email: str, count: int = 6) -> bytes:
    """The same reply attached over and over."""
    calendar = _calendar(_vevent(uid, _attendee(email)))
    extra = "".join(f"""--b
Content-Type: text/calendar; method=REPLY; name="copy{n}.ics"

{calendar}
""" for n in range(count))
    return _reply_mail(email, calendar, extra)


def nested(email: str, depth: int = 3000) -> bytes:
    """MIME parts nested thousands deep (Python's parser recurses)."""
    head = f"From: <{email}>\r\nSubject: deep\r\n".encode()
    body = b"".join(f"Content-Type: multipart/mixed; boundary=n{i}\r\n\r\n--n{i}\r\n".encode()
                    for i in range(depth))
    return head + body + b"Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\n"
