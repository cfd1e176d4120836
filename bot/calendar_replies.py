"""Calendar replies (iTIP METHOD:REPLY): checked as strictly as the guest's answer page.

The page knows its guest by a secret link; a reply only by addresses anyone can write.
So a reply counts only for an event of a workspace its mailbox serves, for a current
guest writing from their own address, and for the event's present date and time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import services
from bot.domain.answers import fit_comment
from bot.domain.errors import AnswerClosed
from bot.domain.model import Answer, AnswerSource, Attendee, Event, Role
from bot.ports import UnitOfWork
from bot.services import Context

log = logging.getLogger("ospite.replies")

PARTSTATS = {"ACCEPTED": Answer.ACCEPTED, "DECLINED": Answer.DECLINED,
             "TENTATIVE": Answer.TENTATIVE}


@dataclass(frozen=True)
class ReplyScope:
    """Whose events the replies found in one mailbox may answer."""

    workspace_ids: frozenset[int] = frozenset()  # the workspaces whose own mailbox it is
    deployment: bool = False  # IMAP_URL: also every workspace without a mailbox of its own

    def __str__(self) -> str:
        names = [f"workspace {i}" for i in sorted(self.workspace_ids)]
        return ", ".join(["deployment"] * self.deployment + names) or "nobody"


async def record_calendar_reply(ctx: Context, uid: str, attendee_email: str, partstat: str,
                                comment: str | None, sequence: int | None,
                                from_address: str, scope: ReplyScope) -> str:
    """Apply an iTIP REPLY; returns what happened ("recorded", "unchanged" or why ignored).

    A reply counts only for an event the mailbox serves, from a current guest's own address,
    and to the event's present time: it stands in for the guest's answer page.
    """
    async with ctx.uow(read_only=True) as uow:
        event = await uow.events.get_by_uid(uid)
        why_not, attendee = await _check_reply(uow, event, attendee_email, sequence,
                                               from_address, scope)
    answer = PARTSTATS.get(partstat.upper())
    if why_not:
        outcome = why_not
    elif answer is None or attendee is None:
        outcome = "unsupported answer"
    else:
        # A calendar program cannot be asked to shorten its note: keep what fits.
        outcome = await _respond(ctx, attendee, answer, fit_comment(comment))
    level = logging.INFO if outcome in ("recorded", "unchanged") else logging.WARNING
    log.log(level, "calendar reply for %.100r from %.100r in %s: %s", uid, from_address, scope,
            outcome)
    return outcome


async def _check_reply(uow: UnitOfWork, event: Event | None, email: str,
                       sequence: int | None, from_address: str, scope: ReplyScope,
                       ) -> tuple[str | None, Attendee | None]:
    """Why the reply does not count (None when it does), and the guest it answers for."""
    if event is None:
        return "unknown event", None
    if not await _serves(uow, scope, event.workspace_id):
        return "event of a workspace this mailbox does not serve", None
    guests = [a for a in event.attendees if a.role is Role.GUEST and a.email
              and a.email.casefold() == email.strip().casefold()]
    attendee = next((a for a in guests if not a.removed), None)
    if attendee is None:
        return ("removed guest" if guests else "unknown guest"), None
    if from_address.strip().casefold() != attendee.email.casefold():
        return "sender is not the guest", None
    # RFC 5545: no SEQUENCE means 0, the first invitation.
    if (sequence or 0) < event.rescheduled_sequence:
        return ("stale sequence" if sequence is not None
                else "no sequence, and the event was rescheduled"), None
    return None, attendee


async def _serves(uow: UnitOfWork, scope: ReplyScope, workspace_id: int) -> bool:
    if workspace_id in scope.workspace_ids:
        return True
    return scope.deployment and not await uow.workspaces.has_mail(workspace_id)


async def _respond(ctx: Context, attendee: Attendee, answer: Answer,
                   comment: str | None) -> str:
    try:
        answered = await services.respond_to_invitation(
            ctx, attendee.id or 0, answer, AnswerSource.CALENDAR, comment)
    except AnswerClosed as closed:
        return f"closed: {closed.reason}"
    return "recorded" if answered.changed else "unchanged"
