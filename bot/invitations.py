"""The guest-facing use cases: open an invitation by its link and answer it.

Every answer, whatever its source (this page, a calendar reply: `bot.calendar_replies`),
goes through `services.record_answer`, so the answer rules and the organizer's
notification live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import services, tokens
from bot.domain.errors import NotFound
from bot.domain.model import (
    Answer,
    AnswerSource,
    Attachment,
    Attendee,
    Event,
    EventStatus,
    FileInfo,
)
from bot.ports import UnitOfWork
from bot.services import Answered, Context


@dataclass(frozen=True)
class Invitation:
    """What a guest may see of the event their link belongs to."""

    event: Event
    attendee: Attendee
    organizer_name: str
    files: tuple[FileInfo, ...]
    closed: str | None  # "cancelled" | "ended" | None while answers are accepted

    @property
    def answer(self) -> Answer:
        return self.attendee.answer


async def open_invitation(ctx: Context, token: str) -> Invitation:
    """The invitation behind a link; NotFound for malformed, unknown or dead tokens."""
    async with ctx.uow(read_only=True) as uow:
        return await _load(ctx, uow, token)


async def answer_invitation(ctx: Context, token: str, answer: Answer,
                            comment: str | None = None) -> tuple[Invitation, Answered]:
    """Record the answer given on the guest's page, in one transaction with the page's data."""
    async with ctx.uow() as uow:
        invitation = await _load(ctx, uow, token, for_update=True)
        answered = await services.record_answer(ctx, uow, invitation.event, invitation.attendee,
                                                answer, AnswerSource.WEB, comment)
        await uow.commit()
    return invitation, answered


async def _load(ctx: Context, uow: UnitOfWork, token: str,
                for_update: bool = False) -> Invitation:
    if not tokens.well_formed(token):
        raise NotFound("invitation")
    found = await uow.events.get_by_token_hash(tokens.token_hash(token), for_update=for_update)
    if found is None or found[1].removed:
        raise NotFound("invitation")
    event, attendee = found
    organizer = await uow.people.get(event.organizer_id)
    files = await uow.events.list_files(event.id or 0)
    return Invitation(event, attendee, organizer.display_name if organizer else "",
                      tuple(files), _closed(ctx, event))


async def get_attachment(ctx: Context, token: str, attachment_id: int) -> Attachment:
    """One file of the token's own event; any other id is NotFound."""
    invitation = await open_invitation(ctx, token)
    async with ctx.uow() as uow:
        files = await uow.events.list_attachments(invitation.event.id or 0)
    for file in files:
        if file.id == attachment_id:
            return file
    raise NotFound("attachment")


def _closed(ctx: Context, event: Event) -> str | None:
    if event.status is EventStatus.CANCELLED:
        return "cancelled"
    if event.end <= ctx.clock.now():
        return "ended"
    return None
