"""Calendar replies (iTIP METHOD:REPLY) shaped as real calendar programs send them."""

from __future__ import annotations

import base64
import quopri


def _b64(text: str) -> str:
    return base64.encodebytes(text.encode()).decode()


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def google(uid: str, email: str, partstat: str = "ACCEPTED", note: str = "",
           sequence: int = 0, sender: str | None = None) -> bytes:
    """Gmail: text/calendar with method=REPLY inside alternative, plus invite.ics; base64."""
    comment = f';X-RESPONSE-COMMENT="{note}"' if note else ""
    ics = _crlf(f"""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:20260303T090000Z
DTEND:20260303T100000Z
DTSTAMP:20260301T093000Z
ORGANIZER;CN=Acme Events:mailto:events@acme.example
UID:{uid}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN=Anna
  Rossi;X-NUM-GUESTS=0{comment}:mailto:{email}
CREATED:20260301T090000Z
LAST-MODIFIED:20260301T093000Z
LOCATION:Via Roma 1\\, Milano
SEQUENCE:{sequence}
STATUS:CONFIRMED
SUMMARY:Quarterly review
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
""")
    return _crlf(f"""MIME-Version: 1.0
Date: Sun, 01 Mar 2026 10:30:00 +0100
Message-ID: <000000000000a1b2c3d4e5f6@google.com>
Subject: Accepted: Quarterly review @ Tue 3 Mar 2026 10am - 11am (CET) (events@acme.example)
From: Anna Rossi <{sender or email}>
To: events@acme.example
Content-Type: multipart/mixed; boundary="000000000000mixed"

--000000000000mixed
Content-Type: multipart/alternative; boundary="000000000000alt"

--000000000000alt
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

Anna Rossi has accepted this invitation.

--000000000000alt
Content-Type: text/html; charset="UTF-8"

<p>Anna Rossi has accepted this invitation.</p>

--000000000000alt
Content-Type: text/calendar; charset="UTF-8"; method=REPLY
Content-Transfer-Encoding: base64

{_b64(ics)}
--000000000000alt--
--000000000000mixed
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

{_b64(ics)}
--000000000000mixed--
""").encode()


def outlook(uid: str, email: str, partstat: str = "DECLINED", note: str = "",
            sequence: int = 0) -> bytes:
    """Exchange: no ORGANIZER, DTSTART or RSVP; MAILTO in capitals; the note in COMMENT."""
    comment = f"COMMENT;LANGUAGE=en-US:{note}\n" if note else ""
    ics = _crlf(f"""BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
ATTENDEE;PARTSTAT={partstat};CN=Bob Stone:MAILTO:{email.upper()}
{comment}SUMMARY;LANGUAGE=en-US:Declined: Quarterly review
UID:{uid}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20260301T094512Z
TRANSP:OPAQUE
SEQUENCE:{sequence}
X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}
X-MICROSOFT-CDO-OWNERAPPTID:0
X-MICROSOFT-CDO-BUSYSTATUS:FREE
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-CDO-INSTTYPE:0
X-MICROSOFT-DISALLOW-COUNTER:FALSE
END:VEVENT
END:VCALENDAR
""")
    return _crlf(f"""From: Bob Stone <{email}>
To: Acme Events <events@acme.example>
Subject: Declined: Quarterly review
Thread-Topic: Quarterly review
Date: Sun, 1 Mar 2026 09:45:12 +0000
Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.exchangelabs.com>
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="_000_AM0PR01MB1234_"

--_000_AM0PR01MB1234_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{note}

--_000_AM0PR01MB1234_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><body>{note}</body></html>

--_000_AM0PR01MB1234_
Content-Type: text/calendar; charset="utf-8"; method=REPLY
Content-Transfer-Encoding: base64

{_b64(ics)}
--_000_AM0PR01MB1234_--
""").encode()


def apple(uid: str, email: str, name: str = "Chloé Durand", partstat: str = "TENTATIVE",
          sequence: int = 0) -> bytes:
    """Apple Mail: the calendar only as an attachment, quoted-printable, without method=."""
    ics = _crlf(f"""BEGIN:VCALENDAR
METHOD:REPLY
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.3//EN
BEGIN:VEVENT
ATTENDEE;CN="{name}";CUTYPE=INDIVIDUAL;EMAIL="{email}";PARTSTAT={partstat}:mailto:{email}
DTEND;TZID=Europe/Rome:20260303T110000
DTSTAMP:20260301T095959Z
DTSTART;TZID=Europe/Rome:20260303T100000
LAST-MODIFIED:20260301T095958Z
ORGANIZER;CN="Acme Events":mailto:events@acme.example
REQUEST-STATUS:2.0;Success
SEQUENCE:{sequence}
SUMMARY:Quarterly review
UID:{uid}
END:VEVENT
END:VCALENDAR
""")
    body = quopri.encodestring(ics.encode()).decode()
    return _crlf(f"""Content-Type: multipart/mixed;
\tboundary="Apple-Mail=_5E3C1F2A-1B2C-4D5E-8F90-ABCDEF012345"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.400.31\\))
Subject: Invitation: Quarterly review (Maybe)
From: =?utf-8?Q?Chlo=C3=A9_Durand?= <{email}>
Date: Sun, 1 Mar 2026 10:59:59 +0100
Message-Id: <9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0@freelance.example>
To: events@acme.example

--Apple-Mail=_5E3C1F2A-1B2C-4D5E-8F90-ABCDEF012345
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
\tcharset=us-ascii

Chloe might attend.

--Apple-Mail=_5E3C1F2A-1B2C-4D5E-8F90-ABCDEF012345
Content-Disposition: attachment;
\tfilename=iCal-20260301-105959.ics
Content-Type: text/calendar;
\tx-unix-mode=0644;
\tname="iCal-20260301-105959.ics"
Content-Transfer-Encoding: quoted-printable

{body}
--Apple-Mail=_5E3C1F2A-1B2C-4D5E-8F90-ABCDEF012345--
""").encode()


def thunderbird(uid: str, email: str, partstat: str = "ACCEPTED",
                sequence: int | None = 0) -> bytes:
    """Thunderbird: text/calendar (8bit) inside alternative and invite.ics as application/ics.

    `sequence=None` leaves SEQUENCE out, as some calendar programs do."""
    numbered = "" if sequence is None else (f"SEQUENCE:{sequence}\n"
                                            f"X-MOZ-RECEIVED-SEQUENCE:{sequence}\n")
    ics = _crlf(f"""BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
METHOD:REPLY
BEGIN:VEVENT
CREATED:20260301T100500Z
LAST-MODIFIED:20260301T100500Z
DTSTAMP:20260301T100500Z
UID:{uid}
SUMMARY:Quarterly review
ORGANIZER;RSVP=TRUE;CN=Acme Events;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:events@acme.example
ATTENDEE;RSVP=TRUE;CN=Dan Moro;PARTSTAT={partstat};ROLE=REQ-PARTICIPANT:mailto:{email}
DTSTART;TZID=Europe/Rome:20260303T100000
DTEND;TZID=Europe/Rome:20260303T110000
{numbered}X-MOZ-RECEIVED-DTSTAMP:20260301T090000Z
END:VEVENT
END:VCALENDAR
""")
    return _crlf(f"""Message-ID: <c0ffee00-1234-5678-9abc-def012345678@studio.example>
Date: Sun, 1 Mar 2026 11:05:00 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Dan Moro <{email}>
To: events@acme.example
Subject: Accepted: Quarterly review
Content-Type: multipart/mixed; boundary="------------tb1234567890"

This is a multi-part message in MIME format.
--------------tb1234567890
Content-Type: multipart/alternative; boundary="------------tbalt0987654321"

--------------tbalt0987654321
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit

Dan Moro has accepted your event invitation.

--------------tbalt0987654321
Content-Type: text/calendar; charset=UTF-8; method=REPLY
Content-Transfer-Encoding: 8bit

{ics}
--------------tbalt0987654321--
--------------tb1234567890
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

{_b64(ics)}
--------------tb1234567890--
""").encode()


PLAIN_MAIL = _crlf("""From: Someone <someone@partner.example>
To: events@acme.example
Subject: Lunch?
Date: Sun, 1 Mar 2026 12:00:00 +0100
Content-Type: text/plain; charset=utf-8

Shall we have lunch after the review?
""").encode()

GARBAGE = [
    b"\x00\xff\xfe not an email at all \r\n\r\n\x80\x81",
    _crlf("""From: broken@partner.example
Subject: broken calendar
Content-Type: text/calendar; method=REPLY
Content-Transfer-Encoding: base64

!!!! this is not base64 and not a calendar !!!!
""").encode(),
    _crlf("""From: broken@partner.example
Subject: half a calendar
Content-Type: text/calendar; charset=utf-8; method=REPLY

BEGIN:VCALENDAR
METHOD:REPLY
BEGIN:VEVENT
UID
ATTENDEE;PARTSTAT=ACCEPTED
""").encode(),
    _crlf("""From: x@y
Content-Type: multipart/mixed; boundary="never-closed"

--never-closed
Content-Type: application/ics; name=a.ics
Content-Transfer-Encoding: quoted-printable

BEGIN:VCALENDAR=0=
""").encode(),
]
