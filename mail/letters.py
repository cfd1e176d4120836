"""Turns claimed mail outbox rows into letters: event, guest, organizer, sender, files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import tokens
from bot.config import Settings
from bot.domain.model import Attachment, Event, MailSettings
from bot.ports import OutboxMessage, PermanentFailure, TemporaryFailure, UnitOfWork
from bot.services import Context
from mail.compose import Letter
from mail.sender_config import Sender, from_settings, from_url

KINDS = {"mail.invitation": "invitation", "mail.update": "update",
         "mail.cancellation": "cancellation"}

Loaded = Letter | TemporaryFailure | PermanentFailure


async def load_letters(ctx: Context, settings: Settings,
                       messages: Sequence[OutboxMessage]) -> dict[int, Loaded]:
    """One letter per row, or why it cannot be written yet (or ever)."""
    fallback = from_url(settings.SMTP_URL, settings.MAIL_FROM) if settings.SMTP_URL else None
    cache: dict[int, tuple[Event, str, Sender | None, list[Attachment]] | None] = {}
    found: dict[int, Loaded] = {}
    async with ctx.uow(read_only=True) as uow:
        for message in messages:
            event_id = int(message.payload["event_id"])
            if event_id not in cache:
                cache[event_id] = await _event_parts(uow, event_id, fallback)
            found[message.id] = _letter(ctx, settings, message, cache[event_id])
    return found


async def _event_parts(uow: UnitOfWork, event_id: int, fallback: Sender | None,
                       ) -> tuple[Event, str, Sender | None, list[Attachment]] | None:
    event = await uow.events.get(event_id)
    if event is None:
        return None
    organizer = await uow.people.get(event.organizer_id)
    workspace = await uow.workspaces.get(event.workspace_id)
    mail: MailSettings | None = await uow.workspaces.get_mail(workspace) if workspace else None
    sender = from_settings(mail) if mail else fallback
    files = await uow.events.list_attachments(event_id)
    return event, organizer.display_name if organizer else "", sender, files


def _letter(ctx: Context, settings: Settings, message: OutboxMessage,
            parts: tuple[Event, str, Sender | None, list[Attachment]] | None) -> Loaded:
    payload: dict[str, Any] = message.payload
    if parts is None:
        return PermanentFailure("the event no longer exists")
    event, organizer_name, sender, files = parts
    attendee = next((a for a in event.attendees if a.id == payload["attendee_id"]), None)
    if attendee is None:
        return PermanentFailure("the guest no longer exists")
    if sender is None:
        return TemporaryFailure("mail is not set up: no sender mailbox for this workspace "
                                "and no SMTP_URL")
    link = f"{settings.PUBLIC_URL}/rsvp/{tokens.token_for(ctx.secret_key, attendee)}"
    return Letter(kind=KINDS[message.kind], event=event, attendee=attendee,
                  organizer_name=organizer_name, sender=sender, link=link,
                  outbox_id=message.id, sequence=int(payload["sequence"]),
                  now=ctx.clock.now(), files=files if KINDS[message.kind] != "cancellation"
                  else [], changes=list(payload.get("changes") or []),
                  answer_reset=bool(payload.get("answer_reset")),
                  privacy_url=settings.PRIVACY_URL)
