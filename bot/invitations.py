"""The guest-facing use cases: open an invitation by its link, answer it, read a reply.

Every answer, whatever its source, goes through `services.respond_to_invitation`, so the
answer rules and the organizer's notification live in one place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import services, tokens
from bot.domain.answers import fit_comment
from bot.domain.errors import AnswerClosed, NotFound
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

log = logging.getLogger("ospite.invitations")

PARTSTATS = {"ACCEPTED": Answer.ACCEPTED, "DECLINED": Answer.DECLINED,
             "TENTATIVE": Answer.TENTATIVE}


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


async def record_calendar_reply(ctx: Context, uid: str, attendee_email: str, partstat: str,
                                comment: str | None, sequence: int | None,
                                from_address: str) -> str:
    """Apply an iTIP REPLY; returns what happened ("recorded", "unchanged" or why ignored)."""
    answer = PARTSTATS.get(partstat.upper())
    async with ctx.uow() as uow:
        event = await uow.events.get_by_uid(uid)
    attendee = event and _attendee_by_email(event, attendee_email)
    if event is None:
        outcome = "unknown event"
    elif attendee is None:
        outcome = "unknown guest"
    elif from_address.strip().casefold() != attendee.email.casefold():
        outcome = "sender is not the guest"
    elif sequence is not None and sequence < event.sequence:
        outcome = "stale sequence"
    elif answer is None:
        outcome = f"unsupported answer {partstat}"
    else:  # a calendar program cannot be asked to shorten its note: keep what fits
        outcome = await _respond(ctx, attendee, answer, fit_comment(comment))
    level = logging.INFO if outcome in ("recorded", "unchanged") else logging.WARNING
    log.log(level, "calendar reply for %s from %s: %s", uid, from_address, outcome)
    return outcome


async def _respond(ctx: Context, attendee: Attendee, answer: Answer,
                   comment: str | None) -> str:
    try:
        answered = await services.respond_to_invitation(
            ctx, attendee.id or 0, answer, AnswerSource.CALENDAR, comment)
    except AnswerClosed as closed:
        return f"closed: {closed.reason}"
    return "recorded" if answered.changed else "unchanged"


def _attendee_by_email(event: Event, email: str) -> Attendee | None:
    wanted = email.strip().casefold()
    matches = [a for a in event.attendees if a.email and a.email.casefold() == wanted]
    # A guest removed and invited again has two rows; the current one answers.
    return next((a for a in matches if not a.removed), matches[0] if matches else None)


def _closed(ctx: Context, event: Event) -> str | None:
    if event.status is EventStatus.CANCELLED:
        return "cancelled"
    if event.end <= ctx.clock.now():
        return "ended"
    return None
