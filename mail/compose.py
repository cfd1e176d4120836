"""One MIME message per guest: text, HTML and the iCalendar part, plus the event's files."""

from __future__ import annotations

import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache

from bot.domain.model import Attachment, Attendee, Event
from bot.text import when as format_when
from mail import ics
from mail.render import render
from mail.sender_config import Sender
from mail.texts import subject_date, words

METHODS = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}
ANSWERS = (("accept", "accepted", "#1f8a4c"), ("tentative", "tentative", "#6b7280"),
           ("decline", "declined", "#b42318"))
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


class _HeaderClasses(HeaderRegistry):
    """CPython builds a new header class on every lookup (dozens per message); keep them."""

    @cache  # noqa: B019 - one registry for the process, its few classes live as long
    def __getitem__(self, name: str) -> type[BaseHeader]:
        return super().__getitem__(name)


POLICY = email.policy.default.clone(header_factory=_HeaderClasses())


@dataclass(frozen=True)
class Letter:
    """Everything one email says; `kind` is invitation, update or cancellation."""

    kind: str
    event: Event
    attendee: Attendee
    organizer_name: str
    sender: Sender
    link: str
    outbox_id: int
    sequence: int
    now: datetime
    files: list[Attachment] = field(default_factory=list)
    changes: list[dict[str, str]] = field(default_factory=list)
    answer_reset: bool = False
    privacy_url: str | None = None  # PRIVACY_URL: linked from the footer when set


def compose(letter: Letter) -> EmailMessage:
    """The message, ready for SMTP; nothing a user typed can become a header."""
    event, method = letter.event, METHODS[letter.kind]
    message = EmailMessage(policy=POLICY)
    message["From"] = _address(letter.sender.name, letter.sender.email)
    message["To"] = _address(letter.attendee.name, letter.attendee.email)
    message["Subject"] = _subject(letter)
    message["Date"] = format_datetime(letter.now)
    message["Message-ID"] = message_id(letter)
    message["Auto-Submitted"] = "auto-generated"
    text, html = render(letter, _views(letter))
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    calendar = ics.event_calendar(event, letter.attendee, letter.organizer_name,
                                  letter.sender.email, method, letter.now, letter.sequence)
    message.add_alternative(calendar, maintype="text", subtype="calendar",
                            params={"method": method, "charset": "UTF-8"})
    message.make_mixed()
    for file in letter.files:
        maintype, _, subtype = file.content_type.partition("/")
        message.add_attachment(file.data, maintype=maintype or "application",
                               subtype=subtype or "octet-stream", filename=one_line(file.name))
    return message


def message_id(letter: Letter) -> str:
    """Stable per outbox row, so a retried send is recognisably the same message."""
    uid = hashlib.sha256(letter.event.uid.encode()).hexdigest()[:16]
    return f"<ospite.{letter.outbox_id}.{uid}@{letter.sender.domain}>"


def one_line(value: str) -> str:
    """Control characters (CR, LF, NUL…) become spaces: a header is one line."""
    return _UNSAFE.sub(" ", value).strip()


def _address(name: str, email: str) -> Address:
    local, _, domain = one_line(email).rpartition("@")
    return Address(display_name=one_line(name), username=local, domain=domain)


def _subject(letter: Letter) -> str:
    event = letter.event
    date = subject_date(event.start, event.timezone, event.locale)
    return one_line(words(event.locale)[f"subject.{letter.kind}"].format(title=event.title,
                                                                         date=date))


def _views(letter: Letter) -> dict[str, object]:
    event, w = letter.event, words(letter.event.locale)
    organizer = letter.organizer_name or letter.sender.name
    buttons = [] if letter.kind == "cancellation" else [
        {"label": w[key], "url": f"{letter.link}?answer={value}", "color": color}
        for key, value, color in ANSWERS]
    return {
        "w": w, "locale": event.locale, "title": event.title, "guest": letter.attendee.name,
        "organizer": organizer, "description": event.description, "place": event.place,
        "place_is_link": event.place.startswith(("https://", "http://")),
        "when": format_when(event.start, event.end, event.timezone, event.locale),
        "lead": w[f"lead.{letter.kind}"].format(organizer=organizer, title=event.title),
        "changes": _changes(letter), "answer_reset": letter.answer_reset,
        "files": [f.name for f in letter.files], "buttons": buttons,
        "cancelled": letter.kind == "cancellation",
        "footer": w["footer"].format(sender=letter.sender.email, organizer=organizer),
        "privacy_url": letter.privacy_url, "privacy": w["privacy"],
        "why": _why(letter, organizer, w),
    }


def _why(letter: Letter, organizer: str, w: dict[str, str]) -> str:
    """Without a privacy notice: in one line, who invited the guest and why they got this."""
    company = letter.sender.name if letter.sender.name != organizer else ""
    key = "why_company" if company else "why"
    return w[key].format(organizer=organizer, company=company, title=letter.event.title)


def _changes(letter: Letter) -> list[dict[str, str]]:
    """Old → new, in the reader's words; a time change is one line about the whole span."""
    event, w = letter.event, words(letter.event.locale)
    by_field = {c["field"]: c for c in letter.changes}
    shown: list[dict[str, str]] = []
    if "start" in by_field or "end" in by_field:
        old_start = _moment(by_field.get("start", {}).get("old"), event.start)
        old_end = _moment(by_field.get("end", {}).get("old"), event.end)
        shown.append({"label": w["field.start"],
                      "old": format_when(old_start, old_end, event.timezone, event.locale),
                      "new": format_when(event.start, event.end, event.timezone, event.locale)})
    for name in ("place", "title"):
        if name in by_field:
            shown.append({"label": w[f"field.{name}"], "old": by_field[name]["old"] or "—",
                          "new": by_field[name]["new"] or "—"})
    if "description" in by_field:
        shown.append({"label": w["field.description"], "old": "…",
                      "new": w["description_changed"]})
    if by_field.get("attachments", {}).get("new"):  # the new files come with this email
        shown.append({"label": w["files"], "old": "—", "new": by_field["attachments"]["new"]})
    return shown


def _moment(iso: str | None, fallback: datetime) -> datetime:
    return datetime.fromisoformat(iso) if iso else fallback
