"""Reading invitations back the way a mail or calendar program would."""

from __future__ import annotations

import re
from email.message import EmailMessage

from icalendar import Calendar

from bot.app import Runtime, build_runtime, create_worker
from bot.config import Settings

MAIL_FROM = "Acme Events <events@acme.example>"


def mail_runtime(settings: Settings, smtp_url: str, clock) -> Runtime:
    """A worker runtime that sends through the test's SMTP server."""
    return build_runtime(settings.model_copy(update={"SMTP_URL": smtp_url,
                                                     "MAIL_FROM": MAIL_FROM}), clock=clock)


async def deliver_all(runtime: Runtime) -> None:
    """Run the outbox worker until nothing is due."""
    worker = create_worker(runtime)
    while await worker.run_once():
        pass


def calendar_part(message: EmailMessage) -> EmailMessage:
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part  # type: ignore[return-value]


def calendar(message: EmailMessage) -> Calendar:
    return Calendar.from_ical(calendar_part(message).get_content())


def vevent(message: EmailMessage):
    [event] = calendar(message).walk("VEVENT")
    return event


def answer_link(message: EmailMessage) -> str:
    """The guest's answer page, as linked from the plain-text body."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(https?://\S+/rsvp/[A-Za-z0-9_-]+)\?answer=accepted", text).group(1)
